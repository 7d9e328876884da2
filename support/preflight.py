"""Before any scenario runs: is the configuration complete, does the target answer, is the key accepted?

Checked once, in the process that starts the run, so a mistake is one line rather than a
failure per scenario (or per xdist worker).
"""
from __future__ import annotations

import requests

from .config import ConfigError, Settings
from .emulator_process import fetch_programme


def preflight(settings: Settings) -> None:
    """Raise ConfigError naming what to fix; a suite-started emulator needs no check."""
    if not settings.base_url:
        return
    if settings.is_emulator:
        settings.adopt_programme(fetch_programme(settings.base_url))
    url = settings.multi_url + "/passwords/validate"
    try:
        # An api-key-only operation: 401 means the key was refused, anything else that it was not.
        answer = requests.post(url, json={"password": {"value": "Preflight-check-1"}},
                               headers={"api-key": settings.api_key or ""}, timeout=settings.timeout)
    except requests.RequestException:
        raise ConfigError(f"cannot reach {settings.base_url}: check WEAVR_BASE_URL and your network") from None
    if answer.status_code == 401:
        raise ConfigError(f"{settings.base_url} refused the api-key (401): check WEAVR_API_KEY")
