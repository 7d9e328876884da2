"""Before any scenario runs: is the configuration complete, is the target Weavr's API, are both keys accepted?

Checked once, in the process that starts the run, so a mistake is one line rather than a
failure per scenario (or per xdist worker). Every probe is a call that changes no state:
an authenticated read without a token, and two calls whose body the API rejects.
"""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import requests

from .config import ConfigError, Settings
from .emulator_process import EmulatorProcess, fetch_programme

# A password the validator accepts or rejects; either way nothing is stored.
VALIDATE_BODY = {"password": {"value": "Preflight-check-1"}}


def preflight(settings: Settings, log_dir: Path | None = None) -> None:
    """Raise ConfigError naming what to fix.

    A suite-started emulator is started here too when a key is configured, since a key set
    for the sandbox and left in .env would otherwise fail every scenario one by one.
    """
    if settings.base_url:
        _check_target(settings)
        return
    if settings.is_emulator and (settings.api_key or settings.programme_key):
        process = EmulatorProcess(log_dir or Path(tempfile.mkdtemp(prefix="weavr-preflight-")))
        try:
            # A copy: the throw-away emulator's URL and programme must not stay in the run's settings.
            probe = replace(settings, base_url=process.start(), profiles=dict(settings.profiles))
            _check_target(probe, "the emulator the suite starts")
        finally:
            process.stop()


def _check_target(settings: Settings, name: str | None = None) -> None:
    if settings.is_emulator:
        assert settings.base_url, "the emulator's URL is known once it started"
        settings.adopt_programme(fetch_programme(settings.base_url, control_key=settings.control_key))
    base = name or settings.base_url
    # An emulator has keys of its own: the fix may be to stop overriding them.
    or_unset = "; unset it to use the emulator's own" if settings.is_emulator else ""
    # Weavr answers 401 to an authenticated read without a token, whatever the key.
    identity = _call(settings, "GET", settings.multi_url + "/corporates", {"api-key": settings.api_key or ""})
    if not _weavr_refusal(identity):
        raise ConfigError(f"{base} is not Weavr's Multi API (GET /multi/corporates without a token answered "
                          f"{_described(identity)}, Weavr answers 401): check WEAVR_BASE_URL")
    api_key = _call(settings, "POST", settings.multi_url + "/passwords/validate", {"api-key": settings.api_key or ""},
                    VALIDATE_BODY)
    if _weavr_refusal(api_key):
        raise ConfigError(f"{base} refused the api-key (401): check WEAVR_API_KEY{or_unset}")
    if not _answers_like_weavr(api_key):
        raise ConfigError(f"{base} is not Weavr's Multi API (POST /multi/passwords/validate answered "
                          f"{_described(api_key)}, Weavr answers 204 or JSON): check WEAVR_BASE_URL")
    # A deposit without an amount: 400 with a good programme-key, 401 with a wrong one, no money moves.
    programme_key = _call(settings, "POST", settings.simulator_url + "/accounts/deposit",
                          {"programme-key": settings.programme_key or ""}, {})
    if _weavr_refusal(programme_key):
        raise ConfigError(f"{base} refused the programme-key (401): check WEAVR_PROGRAMME_KEY{or_unset}")
    if not _answers_like_weavr(programme_key) or programme_key.status_code < 400:
        raise ConfigError(f"{base} is not Weavr's Simulator API (POST /simulate/api/accounts/deposit without an "
                          f"amount answered {_described(programme_key)}, Weavr answers 400 in JSON): "
                          "check WEAVR_BASE_URL")


def _call(settings: Settings, method: str, url: str, headers: dict, body=None) -> requests.Response:
    try:
        answer = requests.request(method, url, json=body, headers=headers, timeout=settings.timeout,
                                  allow_redirects=False)
    except requests.RequestException:
        raise ConfigError(f"cannot reach {settings.base_url}: check WEAVR_BASE_URL and your network") from None
    if answer.status_code in (429, 503):
        raise ConfigError(f"{settings.base_url} answered {answer.status_code} (busy or down) to the preflight "
                          "check: try again later")
    return answer


def _weavr_refusal(answer: requests.Response) -> bool:
    """Weavr's 401 has no body; a login page or a proxy's 401 in HTML is some other server's."""
    return answer.status_code == 401 and (not answer.content or _is_json(answer))


def _answers_like_weavr(answer: requests.Response) -> bool:
    return answer.status_code == 204 or (answer.status_code != 401 and _is_json(answer))


def _is_json(answer: requests.Response) -> bool:
    if "json" not in answer.headers.get("content-type", ""):
        return False
    try:
        answer.json()
    except ValueError:
        return False
    return True


def _described(answer: requests.Response) -> str:
    kind = answer.headers.get("content-type", "").split(";")[0] or "no content type"
    return f"{answer.status_code} {kind}"
