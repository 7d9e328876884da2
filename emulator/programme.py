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
    except IsADirectoryError as exc:
        raise ProgrammeError(f"programme {location} is a folder; give a JSON file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgrammeError(f"cannot read programme file {location}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ProgrammeError(f"programme file {location} is not valid JSON: {exc}") from exc
    problem = _shape_problem(programme)
    if problem:
        raise ProgrammeError(f"programme file {location} {problem}; see {DEFAULT_PROGRAMME.name}")
    return programme


# The type each key must have; the areas index into these without checking again.
SHAPES = {"apiKey": str, "programmeKey": str, "profiles": dict, "currencies": list, "sandboxCodes": dict,
          "customFees": dict, "feeGroups": list, "roles": list}
# Entries the areas read by name.
NEEDED_ENTRIES = {"profiles": ("corporate", "consumer"), "sandboxCodes": ("otp", "emailVerification", "invite")}


def _shape_problem(programme) -> str | None:
    if not isinstance(programme, dict):
        return f"holds {_json_kind(programme)}, not an object"
    missing = [key for key in REQUIRED_KEYS if key not in programme]
    if missing:
        return f"lacks {', '.join(missing)}"
    for key, kind in SHAPES.items():
        if key in programme and not isinstance(programme[key], kind):
            return f"has {key} as {_json_kind(programme[key])}, not {_json_name(kind)}"
    for key, needed in NEEDED_ENTRIES.items():
        if not all(isinstance(value, str) for value in programme[key].values()):
            return f"has a {key} value that is not a string"
        absent = [name for name in needed if name not in programme[key]]
        if absent:
            return f"lacks {key} {', '.join(absent)}"
    if not all(isinstance(code, str) for code in programme["currencies"]):
        return "has a currency that is not a string"
    return None


def _json_name(kind: type) -> str:
    names: dict[type, str] = {str: "a string", dict: "an object", list: "an array"}
    return names[kind]


def _json_kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return _json_name(type(value))
