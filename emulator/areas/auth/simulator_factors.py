"""Simulator API, Factors: the sandbox's stand-in for the user answering a push challenge on their
device (accept, reject, or let it lapse)."""
from __future__ import annotations

from ...challenges import PUSH_EXPIRED, PUSH_INVALID, PUSH_VERIFIED
from ...errors import ApiError
from ...registry import handles
from .push import push_backend


def _decide(call, outcome: str):
    world = call.world
    session = call.require_session()
    challenge = push_backend(world).challenge(str(call.path_params["challenge_id"]))
    if challenge is None or challenge.user_id != str(call.path_params["credentials_id"]):
        raise ApiError(404, {"message": "No push challenge with this id for these credentials"})
    if session.user_id != challenge.user_id:
        raise ApiError(403, {"message": "The token does not belong to the challenged credentials"})
    applied = push_backend(world).decide(challenge, outcome)
    # COMPLETED: the simulated answer was applied; DENIED: the challenge was no longer pending.
    return {"code": "COMPLETED" if applied else "DENIED"}


@handles("factors_credentials_id_challenges_challenge_id_verify_success", namespace="simulator")
def verify_success(call):
    return _decide(call, PUSH_VERIFIED)


@handles("factors_credentials_id_challenges_challenge_id_verify_invalid", namespace="simulator")
def verify_invalid(call):
    return _decide(call, PUSH_INVALID)


@handles("factors_credentials_id_challenges_challenge_id_verify_expired", namespace="simulator")
def verify_expired(call):
    return _decide(call, PUSH_EXPIRED)
