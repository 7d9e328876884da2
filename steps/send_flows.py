"""Send, confirmation and payee flows: plain functions the send_, confirmation_ and payee_ step modules share.

Amounts are minor units. A send named in the scenario (`as "rent"`) is a resource of kind `sends`; a payee
batch one of kind `beneficiaries/batch`, a payee one of kind `beneficiaries`, each owned by the role that
made it.
"""
from __future__ import annotations

from support.driver import beneficiaries, confirmations, sends
from support.driver import instrument as instrument_ref
from support.driver.auth import PUSH_CHANNEL  # noqa: F401 (the confirmation steps name it here)

from . import flows, transfer_flows
from .context import Actor, Resource
from .grammar import split_names

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
    driver = flows.api(ctx)
    body = sends.send_body(driver, instrument(source), destination, amount, currency, **extra)
    response = sends.create(driver, actor.token, body, idempotency_ref)
    if response.status == 200:
        # A payee named by id may come back as the payee's instrument: the description allows both.
        echoed = {k: v for k, v in body.items() if not (k == "destination" and "beneficiaryId" in v)}
        transfer_flows.answered_as_sent(echoed, response.body, "the send")
        transfer_flows.read_back_made(ctx, actor, response, "sends")
    if name and response.status == 200:
        flows.remember_made(ctx, name, "sends", actor, response)
    return response


def instrument(resource: Resource) -> dict:
    return instrument_ref(resource.kind, resource.id)


def challenge(ctx, actor: Actor, resource_type: str, ids: list[str], kind: str = "otp"):
    """Start one confirmation challenge for the resources; its id is in the answer's scaChallengeId."""
    return confirmations.challenge(flows.api(ctx), actor.token, resource_type, ids, kind)


def verify(ctx, actor: Actor, resource_type: str, challenge_id: str, code: str):
    return confirmations.verify(flows.api(ctx), actor.token, resource_type, challenge_id, code)


def confirm(ctx, actor: Actor, resource_type: str, ids: list[str], code: str):
    """Challenge the resources by OTP and answer with the code; the verify answer is kept."""
    return confirmations.confirm(flows.api(ctx), actor.token, resource_type, ids, code, actor.role)


def create_batch(ctx, actor: Actor, payees: list[dict], name: str | None, tag: str | None = None):
    response = beneficiaries.create_batch(flows.api(ctx), actor.token, payees, tag)
    if name and response.status == 200:
        ctx.remember_resource(name, "beneficiaries/batch", actor,
                              {"id": response.body["operationBatchId"]["batchId"], **response.body})
    return response


def instrument_payee(resource: Resource, full_name: str = "Suite Payee") -> dict:
    return beneficiaries.instrument_payee(instrument(resource), full_name)


def bank_payee(iban: str, full_name: str = "Suite Payee") -> dict:
    return beneficiaries.bank_payee(iban, full_name)


def confirm_batch(ctx, actor: Actor, batch: Resource, code: str):
    driver = flows.api(ctx)
    flows.expect(beneficiaries.challenge_batch(driver, actor.token, batch.id), 204,
                 f"starting the challenge of the payee batch {batch.name!r}")
    return beneficiaries.verify_batch(driver, actor.token, batch.id, code)


def payees_of(ctx, batch: Resource) -> list[dict]:
    body = flows.expect(beneficiaries.of_batch(flows.api(ctx), ctx.actor(batch.owner).token, batch.id),
                        200, f"listing the payees of the batch {batch.name!r}").body
    return body["beneficiaries"]


def payee_for(ctx, batch: Resource, target: Resource) -> dict:
    """The batch's payee whose instrument is the named resource."""
    found = [b for b in payees_of(ctx, batch)
             if b["beneficiaryDetails"].get("instrument") == instrument(target)]
    assert len(found) == 1, f"the batch {batch.name!r} has {len(found)} payees for {target.name!r}"
    return found[0]
