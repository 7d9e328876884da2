"""Domain steps for transfers: move money between two named instruments of one identity, at once or
scheduled, cancel a scheduled one, read its state, and find it in statements, transactions and the
identity's transaction activity.

Instruments are any named resources (managed accounts, cards); amounts are minor units ("200 EUR" is
EUR 2.00). `as "rent"` names the transfer; later steps say `the transfer "rent"` or `${rent.id}`.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from . import flows, managed_account_flows, transfer_flows
from .grammar import AS, MONEY, NAMES, ROLE, split_names

FROM_TO = r'from "(?P<source>[\w -]+)" to "(?P<destination>[\w -]+)"'
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
STATES = "INITIALISED|COMPLETED|REJECTED|FAILED|PENDING|SCHEDULED|CANCELLED"


@when(parsers.re(rf"the {ROLE} transfers {MONEY} {FROM_TO}{AS}$"))
def transfers(ctx, role, amount, currency, source, destination, name):
    """When the corporate transfers 200 EUR from "savings" to "spending" as "rent"

    Creates a transfer between two named instruments as the role; the answer is kept and, when it succeeds, named.
    """
    transfer_flows.transfer(ctx, ctx.actor(role), ctx.resource(source), ctx.resource(destination), int(amount),
                            currency, name)


@when(parsers.re(rf'the {ROLE} transfers {MONEY} {FROM_TO} tagged "(?P<tag>[\w-]+)" with the description '
                 rf'"(?P<description>[^"]*)"{AS}$'))
def transfers_described(ctx, role, amount, currency, source, destination, tag, description, name):
    """When the corporate transfers 200 EUR from "savings" to "spending" tagged "rent" with the description "March rent" as "rent"

    As the plain transfer, sending a tag and a description too.
    """
    transfer_flows.transfer(ctx, ctx.actor(role), ctx.resource(source), ctx.resource(destination), int(amount),
                            currency, name, tag=tag, description=description)


@when(parsers.re(rf'the {ROLE} transfers {MONEY} {FROM_TO} with the idempotency reference "(?P<ref>[\w-]+)"{AS}$'))
def transfers_idempotently(ctx, role, amount, currency, source, destination, ref, name):
    """When the corporate transfers 200 EUR from "savings" to "spending" with the idempotency reference "r1" as "rent"

    Sends header `idempotency-ref`: the scenario's name for it stands for a value unique to this run.
    """
    transfer_flows.transfer(ctx, ctx.actor(role), ctx.resource(source), ctx.resource(destination), int(amount),
                            currency, name, idempotency_ref=transfer_flows.idempotency_ref(ctx, ref))


@when(parsers.re(rf"the {ROLE} schedules a transfer of {MONEY} {FROM_TO} (?P<count>-?\d+) "
                 rf"(?P<unit>second|minute|hour|day)s? from now{AS}$"))
def schedules_transfer(ctx, role, amount, currency, source, destination, count, unit, name):
    """When the corporate schedules a transfer of 200 EUR from "savings" to "spending" 1 day from now as "rent"

    Sends `scheduledTimestamp` that far from the target's clock (a negative count is in the past).
    """
    at = transfer_flows.target_now_ms(ctx) + int(count) * UNIT_SECONDS[unit] * 1000
    transfer_flows.transfer(ctx, ctx.actor(role), ctx.resource(source), ctx.resource(destination), int(amount),
                            currency, name, scheduledTimestamp=str(at))


@when(parsers.re(rf'the {ROLE} cancels the transfers? {NAMES}'
                 r'(?: because "(?P<reason>[\w -]+)")?$'))
def cancels(ctx, role, names, reason):
    """When the corporate cancels the transfer "rent" because "changed plans"

    Calls the bulk cancel with the named transfers (`the transfers "a", "b"`), in that order; the answer is kept.
    """
    ids = [ctx.resource(n, "transfers").id for n in split_names(names)]
    transfer_flows.cancel(ctx, ctx.actor(role), ids, reason)


@then(parsers.re(r'the cancellation of "(?P<name>[\w -]+)" is (?P<state>SUCCESS|ERROR)(?: with "(?P<code>[A-Z_]+)")?$'))
def cancellation_is(ctx, name, state, code):
    """Then the cancellation of "rent" is ERROR with "TRANSACTION_NOT_SCHEDULED"

    Finds the named transfer's item in the last bulk cancel answer: its state, and its error code when one is given.
    """
    transfer = ctx.resource(name, "transfers")
    body = flows.expect(ctx.response(), 200, "cancelling transfers").body
    found = [c for c in body["cancellations"] if c["id"] == transfer.id]
    assert len(found) == 1, f"the cancel answer has {len(found)} items for {name!r}: {body}"
    assert found[0]["state"] == state, f"the cancellation of {name!r} is {found[0]}, expected {state}"
    if code:
        assert found[0].get("errorCode") == code, f"the cancellation of {name!r} is {found[0]}, expected {code}"


@then(parsers.re(rf'the transfer "(?P<name>[\w -]+)" is (?P<state>{STATES})$'))
def transfer_is(ctx, name, state):
    """Then the transfer "rent" is COMPLETED

    Reads the named transfer back as its owner and checks its state (an executed one carries its execution
    time) and that it keeps what it was made with (amount, instruments, tag, description, times).
    """
    transfer = ctx.resource(name, "transfers")
    before = transfer.body
    body = flows.expect(flows.read_resource(ctx, transfer), 200, f"reading the transfer {name!r}").body
    transfer_flows.read_back_as_made(before, body, f"the transfer {name!r}")
    assert body["state"] == state, f"the transfer {name!r} is {body['state']}, expected {state}: {body}"
    if state in ("COMPLETED", "FAILED"):
        assert int(body["executionTimestamp"]) >= body["creationTimestamp"], body
    if state == "SCHEDULED":
        assert "executionTimestamp" not in body, f"a scheduled transfer has run: {body}"


@then(parsers.re(r'the statement of "(?P<name>[\w -]+)" replays to its balance$'))
def statement_replays(ctx, name):
    """Then the statement of "savings" replays to its balance

    Reads the whole statement of any named instrument, oldest first: every balance after equals the adjustments so far, and the last one is its actual balance.
    """
    managed_account_flows.statement_replays(ctx, ctx.resource(name))


@then(parsers.re(rf'the statement of "(?P<name>[\w -]+)" shows the transfer "(?P<transfer>[\w -]+)" as {MONEY}$'))
def statement_shows(ctx, name, transfer, amount, currency):
    """Then the statement of "savings" shows the transfer "rent" as -200 EUR

    The instrument's statement holds exactly one entry of that transfer, adjusting the balance by the signed amount.
    """
    resource, moved = ctx.resource(name), ctx.resource(transfer, "transfers")
    entries = managed_account_flows.read_all(ctx, resource, "statement", "entries", 500)
    found = [e for e in entries if e["transaction"] == {"type": "transfers", "id": moved.id}]
    assert len(found) == 1, f"the statement of {name!r} has {len(found)} entries of {transfer!r}: {entries}"
    assert found[0]["balanceAdjustment"] == {"currency": currency, "amount": int(amount)}, found[0]


@then(parsers.re(rf'the transactions of "(?P<name>[\w -]+)" show the transfer "(?P<transfer>[\w -]+)" as a '
                 rf"(?P<direction>CREDIT|DEBIT) of {MONEY}$"))
def transactions_show(ctx, name, transfer, direction, amount, currency):
    """Then the transactions of "spending" show the transfer "rent" as a CREDIT of 200 EUR

    The instrument's transaction list holds the transfer once, COMPLETED, in that direction and amount; reading it by id answers the same item.
    """
    resource, moved = ctx.resource(name), ctx.resource(transfer, "transfers")
    items = managed_account_flows.read_all(ctx, resource, "transactions", "transactions", 100)
    found = [t for t in items if t["id"] == moved.id and t["type"] == "transfers"]
    assert len(found) == 1, f"the transactions of {name!r} have {len(found)} items of {transfer!r}: {items}"
    expected = {"direction": direction, "status": "COMPLETED", "amount": {"currency": currency, "amount": int(amount)}}
    assert {k: found[0].get(k) for k in expected} == expected, found[0]
    one = flows.expect(ctx.call("GET", f"{resource.path}/transactions/{moved.id}", as_actor=ctx.actor(resource.owner)),
                       200, f"reading the transfer {transfer!r} on {name!r}").body
    assert one == found[0], f"the transfer {transfer!r} reads alone otherwise than listed on {name!r}: {one}, listed {found[0]}"


@then(parsers.re(rf"the {ROLE}'s transaction activity shows the transfer \"(?P<transfer>[\w -]+)\" as "
                 rf"(?P<status>[A-Z]+) from \"(?P<source>[\w -]+)\" to \"(?P<destination>[\w -]+)\"$"))
def activity_shows(ctx, role, transfer, status, source, destination):
    """Then the corporate's transaction activity shows the transfer "rent" as COMPLETED from "savings" to "spending"

    GET /transactions holds the transfer twice, a DEBIT on the source and a CREDIT on the destination, both in that
    status; a completed item reads as the instrument's own transactions show it (times included), and where an
    item carries the whole transfer (`transaction`), it is the transfer as it reads alone.
    """
    moved = ctx.resource(transfer, "transfers")
    body = flows.expect(ctx.call("GET", "/transactions?type=transfers&limit=100", as_actor=ctx.actor(role)), 200,
                        "reading the transaction activity").body
    found = sorted((t["direction"], t["instrument"]["id"], t["status"]) for t in body["transactions"]
                   if t["id"] == moved.id)
    expected = sorted([("DEBIT", ctx.resource(source).id, status), ("CREDIT", ctx.resource(destination).id, status)])
    assert found == expected, f"the activity shows {transfer!r} as {found}, expected {expected}"
    for item in (t for t in body["transactions"] if t["id"] == moved.id and t["status"] == "COMPLETED"):
        transfer_flows.activity_item_as_on_instrument(ctx, ctx.actor(role), item, f"the transfer {transfer!r}")
    shown = [t["transaction"] for t in body["transactions"] if t["id"] == moved.id and "transaction" in t]
    if shown:
        read = flows.expect(flows.read_resource(ctx, moved), 200, f"reading the transfer {transfer!r}").body
        assert all(s == read for s in shown), f"the activity shows {transfer!r} otherwise than it reads: {shown}, read {read}"
