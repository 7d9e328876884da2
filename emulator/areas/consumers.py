"""Consumers: registration, the logged-in consumer's details and their update, root user email verification.

As for corporates, the root user (whose id is the consumer's id) lives in the users
backend, with the personal details KYC verifies; the consumer record holds the rest.
"""
from __future__ import annotations

from ..errors import conflict, invalid_field
from ..registry import backend, handles
from .corporates import apply_root_user_changes, check_email_change, check_fee_group
from .due_diligence import CONSUMER_LOCKED, check_locked_fields

ROOT_USER_FIELDS = ("name", "surname", "email", "mobile", "occupation", "dateOfBirth", "address", "nationality",
                    "placeOfBirth", "tag", "locale", "brand")
ROOT_USER_EXTRA = ("occupation", "address", "nationality", "placeOfBirth", "brand")
# Update request field -> root user field.
ROOT_USER_UPDATES = {"name": "name", "surname": "surname", "dateOfBirth": "dateOfBirth", "address": "address",
                     "occupation": "occupation", "placeOfBirth": "placeOfBirth", "nationality": "nationality",
                     "userTag": "tag", "locale": "locale", "brand": "brand"}
CONSUMER_FIELDS = ("tag", "acceptedTerms", "baseCurrency", "feeGroup", "sourceOfFunds", "sourceOfFundsOther")
CONSUMER_UPDATES = ("tag", "baseCurrency", "feeGroup", "sourceOfFunds", "sourceOfFundsOther")


@backend("consumers")
class ConsumersBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, dict] = {}

    def create(self, request: dict) -> str:
        world = self.world
        programme = world.programme
        if request["profileId"] != programme["profiles"]["consumer"]:
            raise conflict("PROFILE_NOT_FOUND")
        if "baseCurrency" in request and request["baseCurrency"] not in programme["currencies"]:
            raise conflict("CURRENCY_UNSUPPORTED")
        check_fee_group(programme, request.get("feeGroup"))
        root = request["rootUser"]
        if world.area("users").email_taken(root["email"]):
            raise conflict("ROOT_EMAIL_NOT_UNIQUE")
        consumer_id = world.ids.next()
        self.by_id[consumer_id] = {
            "id": {"type": "CONSUMER", "id": consumer_id},
            "profileId": request["profileId"],
            "ipAddress": request["ipAddress"],
            "creationTimestamp": world.now_ms(),
            **{k: request[k] for k in CONSUMER_FIELDS if k in request},
        }
        world.area("users").add(user_id=consumer_id, identity_type="CONSUMER", identity_id=consumer_id,
                        credential_type="ROOT", name=root["name"], surname=root["surname"], email=root["email"],
                        mobile=dict(root["mobile"]), date_of_birth=root["dateOfBirth"], tag=root.get("tag"),
                        locale=root.get("locale"), extra={k: root.get(k) for k in ROOT_USER_EXTRA})
        return consumer_id

    def update(self, consumer_id: str, request: dict) -> None:
        world = self.world
        consumer = self.by_id[consumer_id]
        user = world.area("users").by_id[consumer_id]
        current = {name: user.get(name) for name in CONSUMER_LOCKED}
        check_locked_fields(world, consumer_id, request, current, CONSUMER_LOCKED, "CONSUMER_VERIFIED")
        if "baseCurrency" in request and request["baseCurrency"] not in world.programme["currencies"]:
            # The consumer update's conflicts name no currency error: a currency outside the programme is invalid.
            raise invalid_field("baseCurrency", "IN", world.programme["currencies"])
        check_fee_group(world.programme, request.get("feeGroup"))
        check_email_change(world, user, request)
        apply_root_user_changes(world, user, request, ROOT_USER_UPDATES)
        for name in CONSUMER_UPDATES:
            if name in request:
                consumer[name] = request[name]

    def view(self, consumer_id: str) -> dict:
        consumer = self.by_id[consumer_id]
        user = self.world.area("users").by_id[consumer_id]
        root = {"id": {"type": "CONSUMER", "id": consumer_id}}
        for field in ROOT_USER_FIELDS:
            if user.get(field) is not None:
                root[field] = user[field]
        root.update(active=user["active"], emailVerified=user["emailVerified"],
                    mobileNumberVerified=user["mobileNumberVerified"])
        return {**consumer, "rootUser": root}

    def profile_id(self, identity_id: str) -> str:
        return self.by_id[identity_id]["profileId"]

    def dump(self) -> dict:
        return {"consumers": list(self.by_id.values())}


@handles("consumerCreate")
def consumer_create(call):
    return call.world.area("consumers").view(call.world.area("consumers").create(call.body))


@handles("consumerGet")
def consumer_get(call):
    return call.world.area("consumers").view(call.require_identity("CONSUMER"))


@handles("consumerUpdate")
def consumer_update(call):
    consumer_id = call.require_identity("CONSUMER")
    call.world.area("consumers").update(consumer_id, call.body)
    return call.world.area("consumers").view(consumer_id)


@handles("consumerRootUserEmailVerificationCodeSend")
def consumer_email_send(call):
    call.world.area("users").send_email_code(call.body["email"], "ROOT", "CONSUMER")


@handles("consumerRootUserEmailVerify")
def consumer_email_verify(call):
    call.world.area("users").verify_email(call.body["email"], call.body["verificationCode"], "ROOT", "CONSUMER")
