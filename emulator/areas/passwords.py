"""Passwords: creation for a new user, and the complexity rules every password must meet."""
from __future__ import annotations

from ..errors import conflict, not_found
from ..registry import handles

MIN_LENGTH = 8
MAX_LENGTH = 50


def check_complexity(password: str) -> None:
    """Weavr's password profile: 8 to 50 characters, with a letter and a digit or symbol."""
    if len(password) < MIN_LENGTH:
        raise conflict("PASSWORD_TOO_SHORT")
    if len(password) > MAX_LENGTH:
        raise conflict("PASSWORD_TOO_LONG")
    if not any(c.isalpha() for c in password) or all(c.isalpha() for c in password):
        raise conflict("PASSWORD_TOO_SIMPLE")


@handles("passwordCreate")
def password_create(call):
    world = call.world
    user = world.users.by_id.get(str(call.path_params["user_id"]))
    if user is None:
        raise not_found("User not found")
    if user["passwordHash"] is not None:
        raise conflict("PASSWORD_ALREADY_CREATED")
    password = call.body["password"]["value"]
    check_complexity(password)
    world.users.set_password(user, password)
    session = world.sessions.open(user["identityType"], user["identityId"], user["id"], user["credentialType"])
    return {"passwordInfo": {"identityId": {"type": user["identityType"], "id": user["identityId"]}},
            "token": session.token}
