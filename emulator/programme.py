"""The programme the emulator serves: keys, profile ids, currencies, custom fees, sandbox codes.

The suite reads it from the control plane (GET /_emulator/programme), so nothing here
is repeated in the suite's configuration.
"""
from __future__ import annotations

import json
from pathlib import Path

DEFAULT_PROGRAMME = Path(__file__).with_name("programme.default.json")
REQUIRED_KEYS = ("apiKey", "programmeKey", "profiles", "currencies", "sandboxCodes")


class ProgrammeError(Exception):
    pass


def load_programme(path: str | Path | None = None) -> dict:
    location = Path(path) if path else DEFAULT_PROGRAMME
    try:
        programme = json.loads(location.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProgrammeError(f"no such programme file: {location}") from exc
    except json.JSONDecodeError as exc:
        raise ProgrammeError(f"programme file {location} is not valid JSON: {exc}") from exc
    missing = [key for key in REQUIRED_KEYS if key not in programme]
    if missing:
        raise ProgrammeError(f"programme file {location} lacks {', '.join(missing)}; see {DEFAULT_PROGRAMME.name}")
    return programme
