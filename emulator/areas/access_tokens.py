"""Access tokens and the identities a token's holder can act for."""
from __future__ import annotations

from ..errors import ApiError, unauthorized
from ..listing import listed
from ..registry import handles


@handles("requestAccessToken")
def request_access_token(call):
    world = call.world
    # The auth token comes in the Authorization header or, exchanged once, in the body's `token`.
    session = call.session or world.sessions.authenticate(call.body.get("token"))
    identity = call.body["identity"]
    if session is None or (identity["type"], identity["id"]) != (session.identity_type, session.identity_id):
        # The description: 403 when the auth token is missing or incorrect (no body).
        raise ApiError(403)
    access = world.sessions.open(session.identity_type, session.identity_id, session.user_id,
                                 session.credential_type, stepped_up=session.stepped_up, token_type="ACCESS")
    return {"token": access.token, "identity": access.identity, "credentials": access.credentials,
            "status": "STEPPED_UP" if access.stepped_up else "STANDARD"}


def identity_name(world, identity_type: str, identity_id: str) -> str:
    if identity_type == "CORPORATE":
        corporate = world.backends.get("corporates", None)
        if corporate is not None and identity_id in corporate.by_id:
            return corporate.by_id[identity_id]["company"]["name"]
    root = world.area("users").by_id.get(identity_id)
    return f"{root['name']} {root['surname']}" if root else identity_id


@handles("userIdentities")
def user_identities(call):
    session = call.session
    if session is None:
        raise unauthorized()
    identities = [{"id": session.identity, "name": identity_name(call.world, session.identity_type,
                                                                 session.identity_id)}]
    return listed(call.operation, call.query, identities).answer("identities")
