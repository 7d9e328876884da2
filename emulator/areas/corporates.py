"""Corporates: registration, the logged-in corporate's details, root user email verification."""
from __future__ import annotations

from ..errors import conflict, forbidden, not_found
from ..registry import backend, handles

ROOT_USER_FIELDS = ("name", "surname", "email", "mobile", "companyPosition", "dateOfBirth", "tag", "locale", "brand")


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
        root = request["rootUser"]
        if world.users.email_taken(root["email"]):
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
        world.users.add(user_id=corporate_id, identity_type="CORPORATE", identity_id=corporate_id,
                        credential_type="ROOT", name=root["name"], surname=root["surname"], email=root["email"],
                        mobile=root["mobile"], date_of_birth=root.get("dateOfBirth"), tag=root.get("tag"),
                        locale=root.get("locale"),
                        extra={"companyPosition": root["companyPosition"], "brand": root.get("brand")})
        return corporate

    def view(self, corporate_id: str, created: bool = False) -> dict:
        corporate = self.by_id[corporate_id]
        user = self.world.users.by_id[corporate_id]
        root = {"id": {"type": "CORPORATE", "id": corporate_id}}
        for field in ROOT_USER_FIELDS:
            if user.get(field) is not None:
                root[field] = user[field]
        root.update(active=user["active"], emailVerified=user["emailVerified"],
                    mobileNumberVerified=user["mobileNumberVerified"])
        if created:
            root["passwordAlreadySet"] = user["passwordHash"] is not None
        return {**corporate, "rootUser": root}

    def dump(self) -> dict:
        return {"corporates": list(self.by_id.values())}


def logged_in_corporate(call) -> str:
    session = call.require_session()
    if session.identity_type != "CORPORATE":
        raise forbidden("INSUFFICIENT_PERMISSIONS")
    if session.identity_id not in call.world.corporates.by_id:
        raise not_found("Corporate not found")
    return session.identity_id


@handles("corporateCreate")
def corporate_create(call):
    corporate = call.world.corporates.create(call.body)
    return call.world.corporates.view(corporate["id"]["id"], created=True)


@handles("corporateGet")
def corporate_get(call):
    return call.world.corporates.view(logged_in_corporate(call))


@handles("corporateRootUserEmailVerificationCodeSend")
def corporate_email_send(call):
    call.world.users.send_email_code(call.body["email"], "ROOT", "CORPORATE")


@handles("corporateRootUserEmailVerify")
def corporate_email_verify(call):
    call.world.users.verify_email(call.body["email"], call.body["verificationCode"], "ROOT", "CORPORATE")
