"""Authorised users: create one under an identity, invite them, accept the invite, verify their email."""
from __future__ import annotations

from typing import Any

from .api import Api
from .identities import unique_email


def user_body(email: str | None = None, **overrides: Any) -> dict:
    """The smallest valid authorised user."""
    body = {"name": "Ann", "surname": "Lee", "email": email or unique_email(),
            "mobile": {"countryCode": "+356", "number": "79111111"}}
    body.update(overrides)
    return body


def create(api: Api, token: str | None, body: dict) -> Any:
    return api.multi("POST", "/users", body, token=token)


def read(api: Api, token: str | None, user_id: str) -> Any:
    return api.multi("GET", f"/users/{user_id}", token=token)


def invite(api: Api, token: str | None, user_id: str) -> Any:
    return api.multi("POST", f"/users/{user_id}/invite", token=token)


def consume_invite(api: Api, user_id: str, password: str, code: str | None = None) -> Any:
    """The user accepts the invite with its code, setting a password; the answer holds their token."""
    return api.multi("POST", f"/users/{user_id}/invite/consume",
                     {"inviteCode": api.code if code is None else code, "password": {"value": password}})


def send_email_code(api: Api, email: str) -> Any:
    return api.multi("POST", "/users/verification/email/send", {"email": email})


def verify_email(api: Api, email: str, code: str | None = None) -> Any:
    return api.multi("POST", "/users/verification/email/verify",
                     {"email": email, "verificationCode": api.code if code is None else code})
