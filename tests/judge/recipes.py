"""A known-good request per operation, so the judge's first positive case of each operation reaches its success
answer and that answer is judged, not only the refusals a random body meets (a card needs a funded account, a
send a verified payee, a verify a challenge just issued).

The request is the one the emulator's own contract case for that success makes (tests/emulator/contract_cases*,
which already drive every operation to a 2xx, their set-ups through the API driver, support/driver): its set-up
runs on the judged operation's emulator and the final call to the operation is captured, not sent, so the judge
sends it and the state it needs is still there. A case is run twice: first on a scratch emulator to count its
calls to the operation (some set-ups call it too), then on the judged one, where only the last of those calls is
captured.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import unquote_plus

from emulator.app import MOUNTS, Answer, EmulatorApp
from emulator.programme import load_programme
from tests.emulator.contract_cases import CASES
from tests.emulator.helpers import Emu

SUCCESS = {}
for (_namespace, _operation_id, _status, _code), _driver in sorted(CASES.items(), key=lambda kv: kv[0][2]):
    if 200 <= _status < 300:
        SUCCESS.setdefault((_namespace, _operation_id), _driver)


@dataclass
class Recipe:
    path_parameters: dict
    query: dict
    headers: dict
    body: object


class _Captured(Exception):
    """Raised into the driver once the call is captured: nothing after it needs to run."""


def _operation_of(app: EmulatorApp, method: str, path: str) -> tuple[str, str, object, dict] | None:
    for mount, namespace in MOUNTS:
        if path.startswith(mount + "/"):
            operation, found = app.contracts[namespace].match(method, path[len(mount):])
            return (namespace, operation.operation_id, operation, found) if operation else None
    return None


def _run(driver, app: EmulatorApp, target: tuple[str, str], capture_at: int | None) -> tuple[int, Recipe | None]:
    """Runs the driver on app; counts its calls to target, and captures (does not send) call number capture_at."""
    emu = Emu(app)
    handle, seen, captured = app.handle, [0], []

    def recording(method, path, query_string, headers, raw_body):
        matched = _operation_of(app, method, path)
        if matched and matched[:2] == target:
            seen[0] += 1
            if seen[0] == capture_at:
                captured.append(_recipe(matched[2], matched[3], query_string, headers, raw_body))
                raise _Captured
        return handle(method, path, query_string, headers, raw_body)

    app.handle = recording
    try:
        driver(emu)
    except _Captured:
        pass
    finally:
        del app.handle
    return seen[0], (captured[0] if captured else None)


def _recipe(operation, found: dict, query_string: str, headers: dict, raw_body: bytes) -> Recipe:
    names = {name.replace("-", "_"): name for name in (p["name"] for p in operation.parameters if p["in"] == "path")}
    path_parameters = {names.get(key, key): value for key, value in found.items()}
    query = {}
    for part in filter(None, query_string.split("&")):
        name, _, value = part.partition("=")
        query.setdefault(unquote_plus(name), []).append(unquote_plus(value))
    query = {name: values[0] if len(values) == 1 else values for name, values in query.items()}
    body = json.loads(raw_body) if raw_body else None
    return Recipe(path_parameters, query, {k: v for k, v in headers.items() if k != "content-type"}, body)


def prepare(app: EmulatorApp, namespace: str, operation_id: str) -> Recipe | None:
    """Sets up, on app, what the operation's success needs, and returns the request that reaches it (None when
    no contract case drives it to a 2xx)."""
    driver = SUCCESS.get((namespace, operation_id))
    if driver is None:
        return None
    calls, _ = _run(driver, EmulatorApp(load_programme(), strict=False), (namespace, operation_id), None)
    if not calls:
        return None
    _, recipe = _run(driver, app, (namespace, operation_id), calls)
    return recipe


__all__ = ["Answer", "Recipe", "prepare", "SUCCESS"]
