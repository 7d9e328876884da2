"""Corporates: registration, the logged-in corporate's details and their update, root user email
verification. The rules are the identity backend's; what is a corporate's own is below as data."""
from __future__ import annotations

from ...ports import User
from ...registry import backend, handles
from .due_diligence import CORPORATE_LOCKED
from .identity_backend import Identity, IdentityBackend, IdentityKind

CORPORATE = IdentityKind(
    type="CORPORATE", profile="corporate",
    root_fields=("name", "surname", "email", "mobile", "companyPosition", "dateOfBirth", "tag", "locale", "brand"),
    root_extra=("companyPosition", "brand"),
    root_updates={"name": "name", "surname": "surname", "dateOfBirth": "dateOfBirth", "userTag": "tag",
                  "locale": "locale", "brand": "brand"},
    own_fields=("company", "baseCurrency", "tag", "industry", "sourceOfFunds", "sourceOfFundsOther",
                "acceptedTerms", "feeGroup"),
    own_updates=("tag", "industry", "sourceOfFunds", "sourceOfFundsOther", "feeGroup", "baseCurrency"),
    locked=CORPORATE_LOCKED, locked_code="ROOT_USER_ALREADY_VERIFIED",
    update_currency_code="UNSUPPORTED_CURRENCY", created_shows_password_set=True)


@backend("corporates")
class CorporatesBackend(IdentityBackend):
    kind = CORPORATE

    def registered(self, identity: Identity, request: dict) -> None:
        # The registration's `registrationCountry` is answered as `countryOfRegistration`.
        company = identity.details["company"]
        company["countryOfRegistration"] = company.pop("registrationCountry")

    def current_locked(self, identity: Identity, user: User) -> dict:
        current = super().current_locked(identity, user)
        current["companyBusinessAddress"] = identity.details["company"].get("businessAddress")
        return current

    def updated(self, identity: Identity, request: dict) -> None:
        if "companyBusinessAddress" in request:
            identity.details["company"]["businessAddress"] = dict(request["companyBusinessAddress"])

    def display_name(self, identity_id: str) -> str:
        return self.by_id[identity_id].details["company"]["name"]


def corporates_backend(world) -> CorporatesBackend:
    return world.area("corporates")


@handles("corporateCreate")
def corporate_create(call):
    corporates = corporates_backend(call.world)
    return corporates.view(corporates.create(call.body).id, created=True)


@handles("corporateGet")
def corporate_get(call):
    return corporates_backend(call.world).view(call.require_identity("CORPORATE"))


@handles("corporateUpdate")
def corporate_update(call):
    corporate_id = call.require_identity("CORPORATE")
    corporates_backend(call.world).update(corporate_id, call.body)
    return corporates_backend(call.world).view(corporate_id)


@handles("corporateRootUserEmailVerificationCodeSend")
def corporate_email_send(call):
    call.world.ports.users.send_email_code(call.body["email"], "ROOT", "CORPORATE")


@handles("corporateRootUserEmailVerify")
def corporate_email_verify(call):
    call.world.ports.users.verify_email(call.body["email"], call.body["verificationCode"], "ROOT", "CORPORATE")
