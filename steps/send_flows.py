"""Send, confirmation and payee flows: plain functions the send_, confirmation_ and payee_ step modules share.

Amounts are minor units. A send named in the scenario (`as "rent"`) is a resource of kind `sends`; a payee
batch one of kind `beneficiaries/batch`, a payee one of kind `beneficiaries`, each owned by the role that
made it.
"""
from __future__ import annotations

from . import flows, transfer_flows
from .context import Actor, Resource
from .grammar import split_names

PUSH_CHANNEL = "AUTHY"
# The grammar the confirmation-challenge steps share, whatever resource they confirm.
CODE = r'(?: with the code "(?P<code>\d+)")?'


def named_ids(ctx, names: str, kind: str) -> list[str]:
    """The ids of the resources a step names as `"a", "b"`."""
    return [ctx.resource(n, kind).id for n in split_names(names)]


def code_or_sandbox(ctx, code: str | None) -> str:
    """The code a step gives, else the one the target's sandbox accepts."""
    return code or ctx.target.settings.verification_code


def send(ctx, actor: Actor, source: Resource, destination: dict, amount: int, currency: str,
         name: str | None = None, idempotency_ref: str | None = None, **extra):
    """POST /sends as the actor; `destination` is an instrument or `{"beneficiaryId": id}`. Kept, and named on a 200.

    A 200 must answer the send as sent (`transfer_flows.answered_as_sent`) and read back as answered
    (`transfer_flows.read_back_made`)."""
    body = {"profileId": ctx.target.settings.profile("sends"), "source": {"type": source.kind, "id": source.id},
            "destination": destination, "destinationAmount": {"currency": currency, "amount": amount}, **extra}
    response = ctx.call("POST", "/sends", as_actor=actor, idempotency_ref=idempotency_ref, json=body)
    if response.status == 200:
        # A payee named by id may come back as the payee's instrument: the description allows both.
        echoed = {k: v for k, v in body.items() if not (k == "destination" and "beneficiaryId" in v)}
        transfer_flows.answered_as_sent(echoed, response.body, "the send")
        transfer_flows.read_back_made(ctx, actor, response, "sends")
    if name and response.status == 200:
        flows.remember_made(ctx, name, "sends", actor, response)
    return response


def instrument(resource: Resource) -> dict:
    return {"type": resource.kind, "id": resource.id}


def challenge(ctx, actor: Actor, resource_type: str, ids: list[str], kind: str = "otp"):
    """Start one confirmation challenge for the resources; its id is in the answer's scaChallengeId."""
    channel = "SMS" if kind == "otp" else PUSH_CHANNEL
    return ctx.call("POST", f"/challenges/{kind}/{channel}", as_actor=actor,
                    json={"resourceType": resource_type, "resourceIds": ids})


def verify(ctx, actor: Actor, resource_type: str, challenge_id: str, code: str):
    return ctx.call("POST", f"/challenges/{challenge_id}/otp/SMS/verify", as_actor=actor,
                    json={"resourceType": resource_type, "verificationCode": code})


def confirm(ctx, actor: Actor, resource_type: str, ids: list[str], code: str):
    """Challenge the resources by OTP and answer with the code; the verify answer is kept."""
    started = flows.expect(challenge(ctx, actor, resource_type, ids), 200, f"starting the {actor.role}'s challenge")
    return verify(ctx, actor, resource_type, started.body["scaChallengeId"], code)


def create_batch(ctx, actor: Actor, payees: list[dict], name: str | None, tag: str | None = None):
    body = {"beneficiaries": payees, **({"tag": tag} if tag else {})}
    response = ctx.call("POST", "/beneficiaries", as_actor=actor, json=body)
    if name and response.status == 200:
        ctx.remember_resource(name, "beneficiaries/batch", actor,
                              {"id": response.body["operationBatchId"]["batchId"], **response.body})
    return response


def instrument_payee(resource: Resource, full_name: str = "Suite Payee") -> dict:
    return {"trustLevel": "TRUSTED", "beneficiaryInformation": {"fullName": full_name},
            "beneficiaryDetails": {"instrument": instrument(resource)}}


def bank_payee(iban: str, full_name: str = "Suite Payee") -> dict:
    return {"trustLevel": "TRUSTED", "beneficiaryInformation": {"fullName": full_name},
            "beneficiaryDetails": {"bankAccountDetails": {"iban": iban, "bankIdentifierCode": "DEUTDEFF"}}}


def confirm_batch(ctx, actor: Actor, batch: Resource, code: str):
    flows.expect(ctx.call("POST", f"/beneficiaries/batch/{batch.id}/challenges/otp/SMS", as_actor=actor), 204,
                 f"starting the challenge of the payee batch {batch.name!r}")
    return ctx.call("POST", f"/beneficiaries/batch/{batch.id}/challenges/otp/SMS/verify", as_actor=actor,
                    json={"verificationCode": code})


def payees_of(ctx, batch: Resource) -> list[dict]:
    body = flows.expect(ctx.call("GET", f"/beneficiaries?batchId={batch.id}", as_actor=ctx.actor(batch.owner)),
                        200, f"listing the payees of the batch {batch.name!r}").body
    return body["beneficiaries"]


def payee_for(ctx, batch: Resource, target: Resource) -> dict:
    """The batch's payee whose instrument is the named resource."""
    found = [b for b in payees_of(ctx, batch)
             if b["beneficiaryDetails"].get("instrument") == instrument(target)]
    assert len(found) == 1, f"the batch {batch.name!r} has {len(found)} payees for {target.name!r}"
    return found[0]
