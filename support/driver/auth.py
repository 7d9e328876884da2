"""Authentication factors and step-up: enrol a device for SMS one-time passwords (or push), and step a token
up with the sandbox's code."""
from __future__ import annotations

from typing import Any

from .api import Api

PUSH_CHANNEL = "AUTHY"


def factors(api: Api, token: str | None) -> Any:
    return api.multi("GET", "/authentication_factors", token=token)


def sms_active(api: Api, token: str | None) -> bool:
    """Whether the token's user has an active SMS factor already."""
    listed = api.expect(factors(api, token), 200, "reading factors").body
    return any(f.get("channel") == "SMS" and f.get("status") == "ACTIVE" for f in listed.get("factors", []))


def enrol_sms(api: Api, token: str | None, who: str = "identity") -> None:
    api.expect(api.multi("POST", "/authentication_factors/otp/SMS", token=token), 204,
               f"enrolling the {who}'s device for SMS one-time passwords")
    api.expect(api.multi("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": api.code},
                         token=token), 204, f"verifying the {who}'s SMS enrolment")


def step_up(api: Api, token: str | None, who: str = "identity") -> None:
    """Step the token up with an SMS one-time password (its user's device enrolled already)."""
    api.expect(api.multi("POST", "/stepup/challenges/otp/SMS", token=token), 204, f"issuing the {who}'s step-up")
    api.expect(api.multi("POST", "/stepup/challenges/otp/SMS/verify", {"verificationCode": api.code}, token=token),
               204, f"verifying the {who}'s step-up")


def enrol_push(api: Api, token: str | None) -> Any:
    return api.multi("POST", f"/authentication_factors/push/{PUSH_CHANNEL}", token=token)


def push_step_up(api: Api, token: str | None) -> Any:
    """Issue a push step-up challenge; its id is the answer's `id`."""
    return api.multi("POST", f"/stepup/challenges/push/{PUSH_CHANNEL}", token=token)
