"""Corporates: registration, the logged-in corporate's details and their update, root user email verification.

The root user's personal details live in the users backend (a root user's id is the
corporate's id); the corporate record holds the company and programme details.
"""
from __future__ import annotations

from ..errors import conflict
from ..registry import backend, handles
from .due_diligence import CORPORATE_LOCKED, check_locked_fields

ROOT_USER_FIELDS = ("name", "surname", "email", "mobile", "companyPosition", "dateOfBirth", "tag", "locale", "brand")
# Update request field -> root user field.
ROOT_USER_UPDATES = {"name": "name", "surname": "surname", "dateOfBirth": "dateOfBirth", "userTag": "tag",
                     "locale": "locale", "brand": "brand"}
CORPORATE_UPDATES = ("tag", "industry", "sourceOfFunds", "sourceOfFundsOther", "feeGroup", "baseCurrency")


def check_fee_group(programme: dict, fee_group: str | None) -> None:
    """A fee group must be one the programme defines (when it defines any)."""
    groups = programme.get("feeGroups")
    if fee_group is not None and groups is not None and fee_group not in groups:
        raise conflict("FEE_GROUP_INVALID")


def apply_root_user_changes(world, user: dict, request: dict, fields: dict) -> None:
    """Email (unique, un-verified by a change), mobile (un-verified by a change) and plain fields."""
    email = request.get("email")
    if email is not None and email.lower() != user["email"].lower():
        world.area("users").change_email(user, email)
    elif email is not None:
        user["email"] = email
    mobile = request.get("mobile")
    if mobile is not None and mobile != user.get("mobile"):
        user["mobile"] = dict(mobile)
        user["mobileNumberVerified"] = False
    for name, field in fields.items():
        if name in request:
            user[field] = request[name]


def check_email_change(world, user: dict, request: dict) -> None:
    email = request.get("email")
    if email is not None and email.lower() != user["email"].lower() and world.area("users").email_taken(email):
        raise conflict("EMAIL_NOT_UNIQUE")


@backend("corporates")
class CorporatesBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, dict] = {}

    def create(self, request: dict) -> dict:
        world = self.world
        programme = world.programme
        if request["profileId"] != programme["profiles"]["corporate"]:
            raise conflict("PROFILE_NOT_FOUND")
        if request["baseCurrency"] not in programme["currencies"]:
            raise conflict("CURRENCY_UNSUPPORTED")
        check_fee_group(programme, request.get("feeGroup"))
        root = request["rootUser"]
        if world.area("users").email_taken(root["email"]):
            raise conflict("ROOT_EMAIL_NOT_UNIQUE")
        corporate_id = world.ids.next()
        company = dict(request["company"])
        company["countryOfRegistration"] = company.pop("registrationCountry")
        corporate = {
            "id": {"type": "CORPORATE", "id": corporate_id},
            "profileId": request["profileId"],
            "company": company,
            "ipAddress": request["ipAddress"],
            "baseCurrency": request["baseCurrency"],
            "creationTimestamp": world.now_ms(),
            **{k: request[k] for k in ("tag", "industry", "sourceOfFunds", "sourceOfFundsOther",
                                       "acceptedTerms", "feeGroup") if k in request},
        }
        self.by_id[corporate_id] = corporate
        world.area("users").add(user_id=corporate_id, identity_type="CORPORATE", identity_id=corporate_id,
                        credential_type="ROOT", name=root["name"], surname=root["surname"], email=root["email"],
                        mobile=root["mobile"], date_of_birth=root.get("dateOfBirth"), tag=root.get("tag"),
                        locale=root.get("locale"),
                        extra={"companyPosition": root["companyPosition"], "brand": root.get("brand")})
        return corporate

    def update(self, corporate_id: str, request: dict) -> None:
        world = self.world
        corporate = self.by_id[corporate_id]
        user = world.area("users").by_id[corporate_id]
        current = {"name": user["name"], "surname": user["surname"], "email": user["email"],
                   "mobile": user.get("mobile"), "dateOfBirth": user.get("dateOfBirth"),
                   "companyBusinessAddress": corporate["company"].get("businessAddress")}
        check_locked_fields(world, corporate_id, request, current, CORPORATE_LOCKED, "ROOT_USER_ALREADY_VERIFIED")
        if "baseCurrency" in request and request["baseCurrency"] not in world.programme["currencies"]:
            raise conflict("UNSUPPORTED_CURRENCY")
        check_fee_group(world.programme, request.get("feeGroup"))
        check_email_change(world, user, request)
        # Every check passed: apply the whole change at once.
        apply_root_user_changes(world, user, request, ROOT_USER_UPDATES)
        if "companyBusinessAddress" in request:
            corporate["company"]["businessAddress"] = dict(request["companyBusinessAddress"])
        for name in CORPORATE_UPDATES:
            if name in request:
                corporate[name] = request[name]

    def view(self, corporate_id: str, created: bool = False) -> dict:
        corporate = self.by_id[corporate_id]
        user = self.world.area("users").by_id[corporate_id]
        root = {"id": {"type": "CORPORATE", "id": corporate_id}}
        for field in ROOT_USER_FIELDS:
            if user.get(field) is not None:
                root[field] = user[field]
        root.update(active=user["active"], emailVerified=user["emailVerified"],
                    mobileNumberVerified=user["mobileNumberVerified"])
        if created:
            root["passwordAlreadySet"] = user["passwordHash"] is not None
        return {**corporate, "rootUser": root}

    def profile_id(self, identity_id: str) -> str:
        return self.by_id[identity_id]["profileId"]

    def dump(self) -> dict:
        return {"corporates": list(self.by_id.values())}


@handles("corporateCreate")
def corporate_create(call):
    corporate = call.world.area("corporates").create(call.body)
    return call.world.area("corporates").view(corporate["id"]["id"], created=True)


@handles("corporateGet")
def corporate_get(call):
    return call.world.area("corporates").view(call.require_identity("CORPORATE"))


@handles("corporateUpdate")
def corporate_update(call):
    corporate_id = call.require_identity("CORPORATE")
    call.world.area("corporates").update(corporate_id, call.body)
    return call.world.area("corporates").view(corporate_id)


@handles("corporateRootUserEmailVerificationCodeSend")
def corporate_email_send(call):
    call.world.area("users").send_email_code(call.body["email"], "ROOT", "CORPORATE")


@handles("corporateRootUserEmailVerify")
def corporate_email_verify(call):
    call.world.area("users").verify_email(call.body["email"], call.body["verificationCode"], "ROOT", "CORPORATE")
