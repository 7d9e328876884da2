"""The control plane, apart from the emulated API (as moto's /moto-api/): what only an emulator can do.

GET  /_emulator/health       liveness and the contract versions served
GET  /_emulator/programme    api-key, programme-key, profile ids, sandbox codes
POST /_emulator/reset        forget all state
GET  /_emulator/clock        the emulator's time (epoch ms)
POST /_emulator/clock        {"advanceSeconds": N} moves time forward (token and challenge expiry)
GET  /_emulator/state        a dump of all state, for debugging
"""
from __future__ import annotations

import json

from .errors import ApiError, bad_request, method_not_allowed, not_found


def handle(app, method: str, path: str, raw_body: bytes):
    from .app import Answer

    world = app.world
    routes = {
        "/health": {"GET": lambda: {"status": "UP", "contracts": {
            ns: contract.manifest["version"] for ns, contract in app.contracts.items()}}},
        "/programme": {"GET": lambda: world.programme},
        "/reset": {"POST": lambda: world.reset()},
        "/clock": {"GET": lambda: {"nowMs": world.now_ms(), "offsetMs": world.clock.offset_ms},
                   "POST": lambda: _advance(world, raw_body)},
        "/state": {"GET": world.dump},
    }
    methods = routes.get(path.rstrip("/") or "/")
    if methods is None:
        raise not_found(f"No control route {path}; see emulator/README.md")
    if method not in methods:
        raise method_not_allowed(sorted(methods))
    result = methods[method]()
    return Answer(204) if result is None else Answer(200, result)


def _advance(world, raw_body: bytes) -> dict:
    try:
        seconds = json.loads(raw_body or b"{}").get("advanceSeconds")
    except (ValueError, AttributeError):
        seconds = None
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
        raise bad_request([{"fieldName": "advanceSeconds", "error": "RANGE", "params": ["0"]}],
                          "advanceSeconds must be a number of seconds >= 0")
    with world.lock:
        world.clock.advance(seconds)
    return {"nowMs": world.now_ms(), "offsetMs": world.clock.offset_ms}


__all__ = ["handle", "ApiError"]
