"""Signing in and out with a password."""
from __future__ import annotations

from ..errors import ApiError
from ..registry import handles


@handles("loginWithPassword")
def login_with_password(call):
    world = call.world
    user = world.users.find_by_email(call.body["email"])
    if user is None or not world.users.password_matches(user, call.body["password"]["value"]) or not user["active"]:
        # The description: 403 when the credentials are not found or are incorrect, with no body.
        raise ApiError(403)
    session = world.sessions.open(user["identityType"], user["identityId"], user["id"], user["credentialType"])
    return {"token": session.token, "tokenType": "AUTH",
            "identity": session.identity, "credentials": session.credentials}


@handles("logout")
def logout(call):
    call.world.sessions.close(call.require_session().token)
