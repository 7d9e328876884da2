"""The control plane, apart from the emulated API (as moto's /moto-api/): what only an emulator can do.

GET  /_emulator/health       liveness and the contract versions served
GET  /_emulator/programme    api-key, programme-key, profile ids, sandbox codes
POST /_emulator/reset        forget all state
GET  /_emulator/clock        the emulator's time (epoch ms)
POST /_emulator/clock        {"advanceSeconds": N} moves time forward (token and challenge expiry)
GET  /_emulator/state        a dump of all state, for debugging
GET  /_emulator/events       the outbox: events of state changes, oldest first (read-only)
POST /_emulator/card_details {"cardId": ...}: the card's number, CVV and expiry (MMYY), which the API only shows
                             tokenised (Weavr's secure UI components show them): for the Simulator's purchase by details
GET|POST /_emulator/forwarding  the programme's authorisation forwarding URL: {"url": "http://..."} or
                             {"url": null} (off); see areas/managed_cards/choices.md
GET|POST /_emulator/webhooks   the programme's webhook URL: {"url": "http://..."} or {"url": null} (off); every
                             event from then on is posted there (see choices/webhooks.md)
GET  /_emulator/webhooks/deliveries  the delivery log, oldest first: each event's attempts, state, request-ref
POST /_emulator/webhooks/redeliver   {"eventId": ...}: post that event again, with the same request-ref (202)
POST /_emulator/identities/active  {"identityId": ..., "active": false, "reasonCode": ...}: the back office
                             (de)activates an identity and all its users; its (de)activated event follows
POST /_emulator/manual_transactions {"managedAccountId": ..., "amount": N}: a back-office credit, with its event
POST /_emulator/factors      {"email": ..., or "userId": ..., "channel": "BIOMETRIC"} does what the mobile SDK's
                             biometric enrolment does: the user's BIOMETRIC factor becomes ACTIVE (204; 400 for a
                             bad body, 404 for an unknown user)
GET|POST|DELETE /_emulator/faults   list, plant ({"operationId", "kind", ...}; see emulator/faults.py) or clear
                             the faults the strength report plants

Started with a control key (needed beyond loopback), every route answers 401 unless the
request carries it in header x-control-key.
"""
from __future__ import annotations

import hmac
import json

from . import backoffice
from .errors import ApiError, bad_request, method_not_allowed, not_found, unauthorized


def control_body(raw_body: bytes):
    """A control-plane request's JSON body (none: an empty object), or None when it is not JSON: each
    endpoint says in its own words what it needed."""
    try:
        return json.loads(raw_body or b"{}")
    except ValueError:
        return None

def handle(app, method: str, path: str, raw_body: bytes, headers: dict | None = None):
    from .app import Answer

    key = app.control_key
    # Headers arrive decoded as latin-1, so encoding them back gives the bytes the client sent (UTF-8 for a
    # non-ASCII key). Constant-time, as the key is all that stands between the network and every live token.
    sent = (headers or {}).get("x-control-key", "").encode("latin-1", errors="replace")
    if key and not hmac.compare_digest(sent, key.encode()):
        raise unauthorized()
    world = app.world
    routes = {
        "/health": {"GET": lambda: {"status": "UP", "contracts": {
            ns: contract.manifest["version"] for ns, contract in app.contracts.items()}}},
        "/programme": {"GET": lambda: world.programme},
        "/reset": {"POST": lambda: world.reset()},
        "/clock": {"GET": lambda: {"nowMs": world.now_ms(), "offsetMs": world.clock.offset_ms},
                   "POST": lambda: _advance(world, raw_body)},
        "/state": {"GET": world.dump},
        "/events": {"GET": lambda: _events(world)},
        "/factors": {"POST": lambda: _enrol_factor(world, raw_body)},
        "/card_details": {"POST": lambda: _card_details(world, raw_body)},
        "/forwarding": {"GET": lambda: _forwarding(world), "POST": lambda: _set_forwarding(world, raw_body)},
        "/webhooks": {"GET": lambda: _webhooks(world), "POST": lambda: _set_webhooks(world, raw_body)},
        "/webhooks/deliveries": {"GET": lambda: {"deliveries": world.webhooks.listed()}},
        "/webhooks/redeliver": {"POST": lambda: _redeliver(world, raw_body)},
        "/identities/active": {"POST": lambda: _locked(world, backoffice.set_identity_active, raw_body)},
        "/manual_transactions": {"POST": lambda: _locked(world, backoffice.manual_transaction, raw_body)},
        "/faults": {"GET": app.faults.list, "POST": lambda: app.faults.plant(raw_body), "DELETE": app.faults.clear},
    }
    methods = routes.get(path.rstrip("/") or "/")
    if methods is None:
        raise not_found(f"No control route {path}; see emulator/README.md")
    if method not in methods:
        raise method_not_allowed(sorted(methods))
    result = methods[method]()
    if isinstance(result, Answer):
        return result
    return Answer(204) if result is None else Answer(200, result)


def _advance(world, raw_body: bytes) -> dict:
    body = control_body(raw_body)
    seconds = body.get("advanceSeconds") if isinstance(body, dict) else None
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
        raise bad_request([{"fieldName": "advanceSeconds", "error": "RANGE", "params": ["0"]}],
                          "advanceSeconds must be a number of seconds >= 0")
    with world.lock:
        world.clock.advance(seconds)
    return {"nowMs": world.now_ms(), "offsetMs": world.clock.offset_ms}


def _events(world) -> dict:
    with world.lock:
        # Work that fell due since the last request emits its events before they are shown.
        world.scheduler.run_due()
        return {"events": [event.answer() for event in world.outbox.listed()]}


# Channels only Weavr's mobile SDK can enrol, so only the control plane can stand in for it here.
SDK_CHANNELS = ("BIOMETRIC",)


def _enrol_factor(world, raw_body: bytes) -> None:
    body = control_body(raw_body)
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
        users = world.ports.users
        user = users.find_by_email(email) if isinstance(email, str) else users.get(user_id)
        if user is None:
            raise not_found("No user with this email or id")
        world.ports.factors.set_factor(user.id, body["channel"], "ACTIVE")


def _card_details(world, raw_body: bytes) -> dict:
    body = control_body(raw_body)
    card_id = body.get("cardId") if isinstance(body, dict) else None
    if not isinstance(card_id, str):
        raise bad_request([{"fieldName": "cardId", "error": "REQUIRED", "params": []}], "name the card by cardId")
    with world.lock:
        card = world.area("managed_cards").card(card_id)
        if card is None:
            raise not_found("No card with this id")
        return {"cardNumber": card.card_number, "cvv": card.cvv, "expiryDate": card.expiry_mmyy}


def _forwarding(world) -> dict:
    return {"url": world.programme.get("authForwardingUrl")}


def _set_forwarding(world, raw_body: bytes) -> dict:
    url = _url_of(raw_body, "null to stop forwarding")
    with world.lock:
        world.programme["authForwardingUrl"] = url
    return _forwarding(world)


def _url_of(raw_body: bytes, off: str):
    body = control_body(raw_body)
    url = body.get("url") if isinstance(body, dict) else ""
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise bad_request([{"fieldName": "url", "error": "REGEX", "params": ["^https?://"]}],
                          f"url must be an http(s) URL, or {off}")
    return url


def _locked(world, action, raw_body: bytes):
    body = control_body(raw_body)
    with world.lock:
        return action(world, body)


def _webhooks(world) -> dict:
    return {"url": world.programme.get("webhookUrl")}


def _set_webhooks(world, raw_body: bytes) -> dict:
    url = _url_of(raw_body, "null to stop delivering events")
    with world.lock:
        world.programme["webhookUrl"] = url
    return _webhooks(world)


def _redeliver(world, raw_body: bytes):
    from .app import Answer

    body = control_body(raw_body)
    event_id = body.get("eventId") if isinstance(body, dict) else None
    if not isinstance(event_id, str):
        raise bad_request([{"fieldName": "eventId", "error": "REQUIRED", "params": []}], "name the event by eventId")
    delivery = world.webhooks.redeliver(event_id)
    if delivery is None:
        raise not_found("No delivery of this event: it was emitted while no webhook URL was set, or never")
    return Answer(202, delivery.answer())


__all__ = ["handle", "ApiError"]
