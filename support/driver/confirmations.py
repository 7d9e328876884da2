"""Confirmation challenges: one challenge for a set of resources (sends, wire transfers ...), verified by OTP."""
from __future__ import annotations

from typing import Any

from .api import Api
from .auth import PUSH_CHANNEL


def challenge(api: Api, token: str | None, resource_type: str, ids: list[str], kind: str = "otp") -> Any:
    """Start one challenge for the resources; its id is the answer's `scaChallengeId`."""
    channel = "SMS" if kind == "otp" else PUSH_CHANNEL
    return api.multi("POST", f"/challenges/{kind}/{channel}", {"resourceType": resource_type, "resourceIds": ids},
                     token=token)


def verify(api: Api, token: str | None, resource_type: str, challenge_id: str, code: str | None = None) -> Any:
    return api.multi("POST", f"/challenges/{challenge_id}/otp/SMS/verify",
                     {"resourceType": resource_type, "verificationCode": api.code if code is None else code},
                     token=token)


def confirm(api: Api, token: str | None, resource_type: str, ids: list[str], code: str | None = None,
            who: str = "identity") -> Any:
    """Challenge the resources by OTP (the challenge must start) and answer it with the code; the verify's answer."""
    started = api.expect(challenge(api, token, resource_type, ids), 200, f"starting the {who}'s challenge")
    return verify(api, token, resource_type, started.body["scaChallengeId"], code)
