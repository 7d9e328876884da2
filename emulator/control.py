"""The control plane, apart from the emulated API (as moto's /moto-api/): what only an emulator can do.

GET  /_emulator/health       liveness and the contract versions served
GET  /_emulator/programme    api-key, programme-key, profile ids, sandbox codes
POST /_emulator/reset        forget all state
GET  /_emulator/clock        the emulator's time (epoch ms)
POST /_emulator/clock        {"advanceSeconds": N} moves time forward (token and challenge expiry)
GET  /_emulator/state        a dump of all state, for debugging
POST /_emulator/factors      {"email": ..., or "userId": ..., "channel": "BIOMETRIC"} does what the mobile SDK's
                             biometric enrolment does: the user's BIOMETRIC factor becomes ACTIVE (204; 400 for a
                             bad body, 404 for an unknown user)
GET|POST|DELETE /_emulator/faults   list, plant ({"operationId", "kind", ...}; see emulator/faults.py) or clear
                             the faults the strength report plants
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
        "/factors": {"POST": lambda: _enrol_factor(world, raw_body)},
        "/faults": {"GET": app.faults.list, "POST": lambda: app.faults.plant(raw_body), "DELETE": app.faults.clear},
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


# Channels only Weavr's mobile SDK can enrol, so only the control plane can stand in for it here.
SDK_CHANNELS = ("BIOMETRIC",)


def _enrol_factor(world, raw_body: bytes) -> None:
    try:
        body = json.loads(raw_body or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise bad_request(message="The body must be a JSON object")
    if body.get("channel") not in SDK_CHANNELS:
        raise bad_request([{"fieldName": "channel", "error": "IN", "params": list(SDK_CHANNELS)}],
                          "channel must be one the mobile SDK enrols: " + ", ".join(SDK_CHANNELS))
    email, user_id = body.get("email"), body.get("userId")
    if not isinstance(email, str) and not isinstance(user_id, str):
        raise bad_request([{"fieldName": "email", "error": "REQUIRED", "params": []}],
                          "name the user by email or userId")
    with world.lock:
        user = world.users.find_by_email(email) if isinstance(email, str) else world.users.by_id.get(user_id)
        if user is None:
            raise not_found("No user with this email or id")
        world.factors.set_factor(user["id"], body["channel"], "ACTIVE")


__all__ = ["handle", "ApiError"]
