"""Access tokens and the identities a token's holder can act for."""
from __future__ import annotations

from ...errors import ApiError, unauthorized
from ...listing import listed
from ...registry import handles
from ...services import Owner


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


@handles("userIdentities")
def user_identities(call):
    session = call.session
    if session is None:
        raise unauthorized()
    owner = Owner(session.identity_type, session.identity_id)
    identities = [{"id": session.identity, "name": call.world.identities.name(owner)}]
    return listed(call.operation, call.query, identities).answer("identities")
