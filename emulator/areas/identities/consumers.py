"""Consumers: registration, the logged-in consumer's details and their update, root user email
verification. The rules are the identity backend's; what is a consumer's own is below as data."""
from __future__ import annotations

from ...registry import backend, handles
from .due_diligence import CONSUMER_LOCKED
from .identity_backend import IdentityBackend, IdentityKind

CONSUMER = IdentityKind(
    type="CONSUMER", profile="consumer",
    root_fields=("name", "surname", "email", "mobile", "occupation", "dateOfBirth", "address", "nationality",
                 "placeOfBirth", "tag", "locale", "brand"),
    root_extra=("occupation", "address", "nationality", "placeOfBirth", "brand"),
    root_updates={"name": "name", "surname": "surname", "dateOfBirth": "dateOfBirth", "address": "address",
                  "occupation": "occupation", "placeOfBirth": "placeOfBirth", "nationality": "nationality",
                  "userTag": "tag", "locale": "locale", "brand": "brand"},
    own_fields=("tag", "acceptedTerms", "baseCurrency", "feeGroup", "sourceOfFunds", "sourceOfFundsOther"),
    own_updates=("tag", "baseCurrency", "feeGroup", "sourceOfFunds", "sourceOfFundsOther"),
    locked=CONSUMER_LOCKED, locked_code="CONSUMER_VERIFIED",
    # The consumer update documents no currency conflict (see areas/identities/choices.md).
    update_currency_code=None)


@backend("consumers")
class ConsumersBackend(IdentityBackend):
    kind = CONSUMER


def consumers_backend(world) -> ConsumersBackend:
    return world.area("consumers")


@handles("consumerCreate")
def consumer_create(call):
    consumers = consumers_backend(call.world)
    return consumers.view(consumers.create(call.body).id)


@handles("consumerGet")
def consumer_get(call):
    return consumers_backend(call.world).view(call.require_identity("CONSUMER"))


@handles("consumerUpdate")
def consumer_update(call):
    consumer_id = call.require_identity("CONSUMER")
    consumers_backend(call.world).update(consumer_id, call.body)
    return consumers_backend(call.world).view(consumer_id)


@handles("consumerRootUserEmailVerificationCodeSend")
def consumer_email_send(call):
    call.world.ports.users.send_email_code(call.body["email"], "ROOT", "CONSUMER")


@handles("consumerRootUserEmailVerify")
def consumer_email_verify(call):
    call.world.ports.users.verify_email(call.body["email"], call.body["verificationCode"], "ROOT", "CONSUMER")
