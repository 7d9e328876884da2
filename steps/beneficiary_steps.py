"""Domain steps for trusted payees (beneficiaries): batches that add payees for named instruments or bank
accounts, their OTP challenge, each payee's state and validation failure, removal.

`as the batch "b1"` names a batch (`the payee batch "b1"`); a payee is named when its state is checked
(`... is ACTIVE as "mia"`) or in one go with `the corporate trusts "wallet" as the payee "mia"`.
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from . import flows, send_flows
from .grammar import NAMES, ROLE, split_names

BATCH_STATES = "INITIALISED|FAILED|PENDING_CHALLENGE|CHALLENGE_FAILED|CHALLENGE_COMPLETED|COMPLETED"
PAYEE_STATES = "INITIALISED|INVALID|PENDING_CHALLENGE|CHALLENGE_FAILED|ACTIVE|REMOVED"
# What a payee keeps from the batch that added it to its removal.
FIXED = ("trustLevel", "beneficiaryInformation", "beneficiaryDetails")


@given(parsers.re(rf'the {ROLE} trusts (?:the [\w ]+?\'s (?:account|card) )?"(?P<target>[\w -]+)" as the payee '
                  r'"(?P<name>[\w -]+)"$'))
def trusts(ctx, role, target, name):
    """Given the corporate trusts the consumer's account "wallet" as the payee "mia"

    Adds a payee for the named instrument in a batch of its own, confirms the batch with the sandbox OTP and checks the payee is ACTIVE and TRUSTED.
    """
    actor, batch_name = ctx.actor(role), f"{name}-batch"
    flows.expect(send_flows.create_batch(ctx, actor, [send_flows.instrument_payee(ctx.resource(target))], batch_name),
                 200, f"adding the payee {name!r}")
    batch = ctx.resource(batch_name)
    flows.expect(send_flows.confirm_batch(ctx, actor, batch, ctx.target.settings.verification_code), 204,
                 f"confirming the payee batch of {name!r}")
    payee = send_flows.payee_for(ctx, batch, ctx.resource(target))
    assert (payee["state"], payee["trustLevel"]) == ("ACTIVE", "TRUSTED"), payee
    ctx.remember_resource(name, "beneficiaries", actor, payee)


@when(parsers.re(rf'the {ROLE} adds payees for {NAMES}'
                 r'(?: tagged "(?P<tag>[\w-]+)")? as the batch "(?P<name>[\w -]+)"$'))
def adds_payees(ctx, role, names, tag, name):
    """When the corporate adds payees for "wallet", "savings" tagged "suppliers" as the batch "b1"

    One batch (`POST /beneficiaries`) with an instrument payee for each named instrument; the answer is kept and, on a 200, named.
    """
    payees = [send_flows.instrument_payee(ctx.resource(n)) for n in split_names(names)]
    send_flows.create_batch(ctx, ctx.actor(role), payees, name, tag)


@when(parsers.re(rf'the {ROLE} adds a payee for the bank account "(?P<iban>[A-Z0-9]+)" as the batch "(?P<name>[\w -]+)"$'))
def adds_bank_payee(ctx, role, iban, name):
    """When the corporate adds a payee for the bank account "DE89370400440532013000" as the batch "b1"

    One batch with a bank-account payee (for outgoing wire transfers); the answer is kept and, on a 200, named.
    """
    send_flows.create_batch(ctx, ctx.actor(role), [send_flows.bank_payee(iban)], name)


@when(parsers.re(rf'the {ROLE} confirms the payee batch "(?P<name>[\w -]+)" with an OTP'
                 r'(?: with the code "(?P<code>\d+)")?$'))
def confirms_batch(ctx, role, name, code):
    """When the corporate confirms the payee batch "b1" with an OTP with the code "000000"

    Starts the batch's OTP challenge and verifies it with the sandbox code (or the code given); the verify answer is kept.
    """
    send_flows.confirm_batch(ctx, ctx.actor(role), ctx.resource(name, "beneficiaries/batch"),
                             code or ctx.target.settings.verification_code)


@then(parsers.re(rf'the payee batch "(?P<name>[\w -]+)" is (?P<state>{BATCH_STATES})$'))
def batch_is(ctx, name, state):
    """Then the payee batch "b1" is COMPLETED

    Reads the batch back (`GET /beneficiaries/batch/{id}`) and checks its state, and that it is still the
    batch it was made as: the same operation (CREATE or REMOVE) and tag.
    """
    batch = ctx.resource(name, "beneficiaries/batch")
    body = flows.expect(ctx.call("GET", f"/beneficiaries/batch/{batch.id}", as_actor=ctx.actor(batch.owner)), 200,
                        f"reading the payee batch {name!r}").body
    assert body["state"] == state, f"the payee batch {name!r} is {body['state']}, expected {state}: {body}"
    made = batch.body
    assert body["operationBatchId"] == made["operationBatchId"], (
        f"the payee batch {name!r} reads back as {body['operationBatchId']}, made as {made['operationBatchId']}")
    assert body.get("tag") == made.get("tag"), (
        f"the payee batch {name!r} reads back tagged {body.get('tag')!r}, made tagged {made.get('tag')!r}")


@then(parsers.re(rf'the payee for "(?P<target>[\w -]+)" in the batch "(?P<batch>[\w -]+)" is (?P<state>{PAYEE_STATES})'
                 r'(?: with "(?P<failure>[A-Z_]+)")?(?: as "(?P<name>[\w -]+)")?$'))
def payee_is(ctx, target, batch, state, failure, name):
    """Then the payee for "wallet" in the batch "b1" is INVALID with "BENEFICIARY_BELONGS_TO_SAME_IDENTITY"

    Finds the batch's payee for the named instrument: what was sent for it (trust level, payee information),
    its state, its validationFailure (absent unless named), and names it when `as "mia"` is given.
    """
    batch_resource = ctx.resource(batch, "beneficiaries/batch")
    payee = send_flows.payee_for(ctx, batch_resource, ctx.resource(target))
    flows.expect_echo(payee, send_flows.instrument_payee(ctx.resource(target)), f"the payee for {target!r}")
    assert payee["state"] == state, f"the payee for {target!r} is {payee['state']}, expected {state}: {payee}"
    assert payee.get("validationFailure") == failure, payee
    assert {"batchId": batch_resource.id, "operation": "CREATE"} in payee["relatedOperationBatches"], payee
    if name:
        ctx.remember_resource(name, "beneficiaries", ctx.actor(batch_resource.owner), payee)


@when(parsers.re(rf'the {ROLE} removes the payees? {NAMES}(?: as the batch "(?P<name>[\w -]+)")?$'))
def removes(ctx, role, names, name):
    """When the corporate removes the payee "mia" as the batch "r1"

    `POST /beneficiaries/remove` with the named payees; the answer is kept and, on a 200, named.
    """
    ids = [ctx.resource(n, "beneficiaries").id for n in split_names(names)]
    response = ctx.call("POST", "/beneficiaries/remove", as_actor=ctx.actor(role), json={"beneficiaryIds": ids})
    if name and response.status == 200:
        ctx.remember_resource(name, "beneficiaries/batch", ctx.actor(role),
                              {"id": response.body["operationBatchId"]["batchId"], **response.body})


@then(parsers.re(rf'the payee "(?P<name>[\w -]+)" is (?P<state>{PAYEE_STATES})$'))
def named_payee_is(ctx, name, state):
    """Then the payee "mia" is REMOVED

    Reads the named payee back (`GET /beneficiaries/{id}`) and checks it is that payee, in that state, with the
    details and trust it was added with and every operation batch it was already part of.
    """
    payee = ctx.resource(name, "beneficiaries")
    known = payee.body
    body = flows.expect(flows.read_resource(ctx, payee), 200, f"reading the payee {name!r}").body
    assert body["id"] == payee.id, f"reading the payee {name!r} ({payee.id}) answered the payee {body['id']}"
    assert body["state"] == state, f"the payee {name!r} is {body['state']}, expected {state}: {body}"
    changed = [field for field in FIXED if known.get(field) != body.get(field)]
    assert not changed, f"the payee {name!r} reads back with other {changed} than it was added with: {body}"
    lost = [b for b in known.get("relatedOperationBatches", []) if b not in body.get("relatedOperationBatches", [])]
    assert not lost, f"the payee {name!r} reads back without its operation batches {lost}: {body}"
