"""Corporates and consumers: register, verify the root email, set the root password, sign in, read, due
diligence, and the whole onboarding those make."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import auth
from .api import Api

PASSWORD = "Passw0rd!"
ADDRESS = {"addressLine1": "1 Main St", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}
MOBILE = {"countryCode": "+356", "number": "79000000"}


def area(identity_type: str) -> str:
    """The path segment of an identity type's operations: CORPORATE (or corporates) -> corporates."""
    return "consumers" if identity_type.upper().startswith("CONSUMER") else "corporates"


def identity_type(area_or_type: str) -> str:
    return "CONSUMER" if area(area_or_type) == "consumers" else "CORPORATE"


def unique_email(prefix: str = "emu") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:12]}@weavr-suite.example.com"


def corporate_body(api: Api, email: str | None = None, **overrides: Any) -> dict:
    """The smallest valid corporate registration; a caller wanting fresh data of every kind passes its own."""
    body = {"profileId": api.profile("corporate"),
            "rootUser": {"name": "Ann", "surname": "Lee", "email": email or unique_email(),
                         "mobile": dict(MOBILE), "companyPosition": "DIRECTOR"},
            "company": {"name": "Acme", "type": "LLC", "registrationCountry": "MT"},
            "ipAddress": "127.0.0.1", "baseCurrency": "EUR"}
    body.update(overrides)
    return body


def consumer_body(api: Api, email: str | None = None, **overrides: Any) -> dict:
    """The smallest valid consumer registration: a consumer's root user also needs a birth date and an address."""
    body = {"profileId": api.profile("consumer"), "ipAddress": "127.0.0.1", "baseCurrency": "EUR",
            "rootUser": {"name": "Mia", "surname": "Vella", "email": email or unique_email(),
                         "mobile": {"countryCode": "+356", "number": "79111111"},
                         "dateOfBirth": {"year": 1990, "month": 5, "day": 17}, "address": dict(ADDRESS)}}
    body.update(overrides)
    return body


def body_for(api: Api, kind: str, email: str | None = None) -> dict:
    return consumer_body(api, email) if area(kind) == "consumers" else corporate_body(api, email)


# -- one call each ------------------------------------------------------------------------------------
def register(api: Api, kind: str, body: dict, **transport: Any) -> Any:
    return api.multi("POST", f"/{area(kind)}", body, **transport)


def send_email_code(api: Api, kind: str, email: str) -> Any:
    return api.multi("POST", f"/{area(kind)}/verification/email/send", {"email": email})


def verify_email(api: Api, kind: str, email: str, code: str | None = None) -> Any:
    return api.multi("POST", f"/{area(kind)}/verification/email/verify",
                     {"email": email, "verificationCode": api.code if code is None else code})


def create_password(api: Api, user_id: str, password: str = PASSWORD, token: str | None = None) -> Any:
    return api.multi("POST", f"/passwords/{user_id}/create", {"password": {"value": password}}, token=token)


def log_in(api: Api, email: str, password: str) -> Any:
    return api.multi("POST", "/login_with_password", {"email": email, "password": {"value": password}})


def read(api: Api, kind: str, token: str | None) -> Any:
    return api.multi("GET", f"/{area(kind)}", token=token)


def start_due_diligence(api: Api, kind: str, token: str | None) -> Any:
    """KYB for a corporate, KYC for a consumer."""
    return api.multi("POST", "/consumers/kyc" if area(kind) == "consumers" else "/corporates/kyb", token=token)


def simulate_verification(api: Api, kind: str, identity_id: str) -> Any:
    """The Simulator verifies the identity fully: email, mobile, and KYB or KYC approved."""
    return api.simulator("POST", f"/{area(kind)}/{identity_id}/verify")


# -- the whole onboarding -------------------------------------------------------------------------------
@dataclass
class Identity:
    """An identity the driver onboarded: its root user's credentials and the token it holds now."""

    type: str
    id: str
    email: str
    password: str
    token: str
    body: dict

    def as_dict(self) -> dict:
        return {"id": self.id, "email": self.email, "password": self.password, "token": self.token}


def onboard(api: Api, kind: str, body: dict | None = None, *, password: str = PASSWORD, who: str | None = None,
            verify_email_first: bool = False, sign_in: bool = False, step_up: bool = False,
            verified: bool = False, observe: Callable[[str, Any], None] | None = None) -> Identity:
    """Register (the smallest valid body unless given one), then as asked: verify the root email, create the
    root password (its answer holds a token), sign in, enrol SMS and step the token up, and have the Simulator
    verify the identity. `observe(step, answer)` sees each of "registered", "password", "signed in" before the
    next step, so a caller can check the answers in order; each step must succeed (`api.expect`)."""
    who = who or area(kind)[:-1]
    body = body if body is not None else body_for(api, kind)
    seen = observe or (lambda _step, _answer: None)
    registered = api.expect(register(api, kind, body), 200, f"registering the {who}")
    seen("registered", registered)
    identity_id = registered.body["id"]["id"]
    email = body["rootUser"]["email"]
    if verify_email_first:
        api.expect(send_email_code(api, kind, email), 204, f"sending the {who}'s email code")
        api.expect(verify_email(api, kind, email), 204, f"verifying the {who}'s email")
    created = api.expect(create_password(api, identity_id, password), 200, f"creating the {who}'s password")
    seen("password", created)
    token = created.body.get("token")
    if sign_in:
        signed_in = api.expect(log_in(api, email, password), 200, f"logging in as the {who}")
        seen("signed in", signed_in)
        token = signed_in.body["token"]
    if step_up:
        auth.enrol_sms(api, token, who)
        auth.step_up(api, token, who)
    if verified:
        api.expect(simulate_verification(api, kind, identity_id), 204, f"verifying the {who} through the Simulator")
    return Identity(identity_type(kind), identity_id, email, password, token, body)
