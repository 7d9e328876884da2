"""Instrument flows: an identity's named managed accounts, and funds put on them through the Simulator.

Plain functions (no step decorators), so any step module may import them. Amounts are in minor
units, as the API has them (1000 EUR here is EUR 10.00).
"""
from __future__ import annotations

from support.driver import instrument, managed_accounts
from support.grounding import assumed

from . import flows
from .context import Actor, Resource


def account_body(ctx, currency: str = "EUR", **overrides) -> dict:
    """A managed account create request on the programme's managed accounts profile."""
    return managed_accounts.account_body(flows.api(ctx), "Suite account", currency, **overrides)


def create_account(ctx, actor: Actor, name: str, currency: str = "EUR") -> Resource:
    """Create a managed account as the actor, named `name` in the scenario (and as its friendly name).

    No step-up here: a target that wants a stepped-up token for it answers 403 STEP_UP_REQUIRED and
    the scenario says so in its words (`Given the corporate has a stepped-up token`)."""
    response = managed_accounts.create(flows.api(ctx), actor.token, account_body(ctx, currency, friendlyName=name))
    if response.status == 403 and (response.body or {}).get("errorCode") == "STEP_UP_REQUIRED":
        raise AssertionError(f"creating the {actor.role}'s managed account {name!r} needs a stepped-up token on this "
                             f"target: add `Given the {actor.role} has a stepped-up token` before it")
    flows.expect(response, 200, f"creating the {actor.role}'s managed account {name!r}")
    sent = account_body(ctx, currency, friendlyName=name)
    flows.expect_echo(response.body, sent, f"creating the {actor.role}'s managed account {name!r}")
    account = ctx.remember_resource(name, "managed_accounts", actor, response.body)
    read = expect_reads_back(ctx, account, response)
    flows.expect_echo(read, sent, f"reading the managed account {name!r} back")
    assert read["id"] == account.id and read["state"]["state"] == "ACTIVE", (
        f"reading the managed account {name!r} back: {read}")
    # A new account holds nothing until money reaches it: both balances, read back whole.
    assert read["balances"] == {"availableBalance": 0, "actualBalance": 0}, (
        f"the new managed account {name!r} has balances {read['balances']}")
    return account


def expect_reads_back(ctx, account: Resource, response, part: dict | None = None) -> dict:
    """The answer (or `part` of it, a list's item) is the account as its owner reads it now, field for field:
    a create or update that answers one thing and keeps another fails here. Returns the body read."""
    read = flows.expect(flows.read_resource(ctx, account), 200, f"reading the managed account {account.name!r} back")
    flows.expect_read_back(response.body if part is None else part, read.body,
                           f"{response.operation_id} (the managed account {account.name!r})")
    return read.body


def deposit(ctx, account: Resource, amount: int, currency: str):
    """The Simulator's incoming wire transfer to the account; the answer is kept for Then steps."""
    return managed_accounts.deposit(flows.api(ctx), account.id, amount, currency)


def fund(ctx, account: Resource, amount: int, currency: str) -> None:
    response = flows.expect(deposit(ctx, account, amount, currency), 200,
                            f"depositing to the managed account {account.name!r}")
    # That the Simulator's deposit completes at once, with no pending step, is the emulator's reading of the sandbox.
    with assumed("managed_accounts.md#simulator-deposit-post-simulateapiaccountsaccount_iddeposit",
                 what=f"the Simulator's deposit to {account.name!r} completes at once", expected="COMPLETED",
                 observed=response.body.get("code")):
        assert response.body.get("code") == "COMPLETED", f"the deposit was not completed: {response.body}"


# The instruments a custom fee left in this scenario: their balances rest on the programme's fee prices.
FEE_SOURCES = "instruments charged a custom fee"


def charge_fee(ctx, actor: Actor, fee_type: str, source: Resource):
    """Charge a custom fee to the actor's identity, deducted from the instrument; the answer is kept.

    A charge answered 200 holds what was sent and is in the identity's fee list as answered (`fee_listed`)."""
    area = flows.identity_area(actor)
    charged = instrument(source.kind, source.id)
    sent = {"feeType": fee_type, "source": charged}
    response = managed_accounts.charge_fee(flows.api(ctx), actor.token, area, fee_type, charged)
    if response.status == 200:
        ctx.values.setdefault(FEE_SOURCES, set()).add(source.id)
        flows.expect_echo(response.body, sent, f"charging the {actor.role} the {fee_type!r} fee")
        with ctx.aside():
            fee_listed(ctx, actor, response.body)
    return response


def fee_listed(ctx, actor: Actor, charge: dict) -> None:
    """The fee list holds a charge once, under its transaction id, as a custom fee on the instrument it
    was taken from: the amount the balance lost, created when the charge says. Checked on every charge,
    since the scenarios a fault on the charge or the list re-runs seldom read the list item by item."""
    fees = flows.expect(ctx.call("GET", "/fees?limit=100", as_actor=actor), 200, "reading the fee list").body
    found = [f for f in fees["fees"] if f["id"] == charge["transactionId"]["id"]]
    assert len(found) == 1, f"the fee list holds the charge {charge['transactionId']} {len(found)} times: {fees}"
    adjustment = charge["availableBalanceAdjustment"]
    expected = {"feeType": "custom_fees", "instrument": charge["source"],
                "amount": {"currency": adjustment["currency"], "amount": -adjustment["amount"]},
                "creationTimestamp": charge["creationTimestamp"]}
    if charge["state"] == "COMPLETED":
        expected["status"] = "COMPLETED"
    listed = {key: found[0].get(key) for key in expected}
    assert listed == expected, f"the fee list shows the charge as {found[0]}, expected {expected}"
    assert found[0].get("lastUpdatedTimestamp", listed["creationTimestamp"]) >= listed["creationTimestamp"], found[0]
    assert fees["responseCount"] == len(fees["fees"]), f"the fee list's responseCount is not what it holds: {fees}"
    # One page of 100 holds them all until there are more than 100: then count is the whole list's.
    assert fees["count"] == len(fees["fees"]) or len(fees["fees"]) == 100, f"the fee list's count is not what it holds: {fees}"
    # The identity's activity shows the same fee; when it nests the whole fee transaction (the description
    # makes `transaction` optional), that is the fee list's item, description and times included.
    activity = flows.expect(ctx.call("GET", "/transactions?type=fees&limit=100", as_actor=actor), 200,
                            "reading the identity's fee activity").body
    items = [t for t in activity["transactions"] if t["id"] == found[0]["id"]]
    assert len(items) == 1, f"the activity shows the fee {found[0]['id']} {len(items)} times: {activity}"
    nested = items[0].get("transaction")
    assert nested is None or nested == found[0], (
        f"the activity nests the fee {found[0]['id']} as {nested}, the fee list shows {found[0]}")


def read_all(ctx, resource: Resource, view: str, items_key: str, page_size: int, query: str = "") -> list:
    """Every item of an instrument's statement or transactions, oldest first, a page at a time."""
    items, offset = [], 0
    while True:
        separator = "&" if query else ""
        response = flows.expect(
            ctx.call("GET", f"{resource.path}/{view}?{query}{separator}offset={offset}&limit={page_size}",
                     as_actor=ctx.actor(resource.owner)), 200, f"reading the {view} of {resource.name!r}")
        page = response.body.get(items_key) or []
        items += page
        offset += len(page)
        if not page or offset >= response.body.get("count", 0):
            return items


def statement_replays(ctx, resource: Resource) -> list:
    """The statement of any instrument (managed account or card) replays to its balance: from 0, each entry's
    adjustment gives that entry's balance after, the statement closes at the last one, and that is the
    instrument's actual balance.
    Returns the entries, oldest first."""
    entries = read_all(ctx, resource, "statement", "entries", 500, "sortOrder=ASC")
    running = 0
    for entry in entries:
        running += entry["balanceAdjustment"]["amount"]
        assert entry["balanceAfter"]["amount"] == running, (
            f"the statement of {resource.name!r} does not replay: after entry {entry.get('entryId')} "
            f"({entry['transaction']}) it says {entry['balanceAfter']['amount']}, the entries before add up to {running}")
    bounds = flows.expect(ctx.call("GET", f"{resource.path}/statement?limit=1", as_actor=ctx.actor(resource.owner)),
                          200, f"reading the statement of {resource.name!r}").body
    assert (bounds["openingBalance"]["amount"], bounds["closingBalance"]["amount"]) == (0, running), (
        f"the statement of {resource.name!r} opens at {bounds['openingBalance']} and closes at "
        f"{bounds['closingBalance']}; its entries go from 0 to {running}")
    body = flows.expect(flows.read_resource(ctx, resource), 200, f"reading {resource.name!r}").body
    actual = body["balances"]["actualBalance"]
    assert running == actual, (
        f"the statement of {resource.name!r} adds up to {running}, but its actual balance is {actual}")
    return entries


MONEY_FIELDS = ("transactionAmount", "actualBalanceAdjustment", "actualBalanceAfter", "availableBalanceAdjustment",
                "availableBalanceAfter", "balanceAfter")


def deprecated_statement_matches(ctx, resource: Resource) -> None:
    """The deprecated statement of an instrument is its statement in the older shape: the same entries, oldest
    first, each for the same transaction at the same time, with the same actual adjustment and balance after, every
    amount in the instrument's currency; its available balance replays from 0 as the actual one does; it counts
    what it returns, and starts and ends where the statement opens and closes."""
    entries = statement_replays(ctx, resource)
    currency = resource.body["currency"]
    old = flows.expect(ctx.call("GET", f"/deprecated{resource.path}/statement?orderByTimestamp=ASC",
                                as_actor=ctx.actor(resource.owner)), 200,
                       f"reading the deprecated statement of {resource.name!r}").body
    listed = old.get("entry") or []
    assert old.get("count") == old.get("responseCount") == len(listed) == len(entries), (
        f"the deprecated statement of {resource.name!r} counts {old.get('count')}, answers "
        f"{old.get('responseCount')} and lists {len(listed)}; the statement has {len(entries)}")
    running = 0
    for new, entry in zip(entries, listed):
        what = f"the deprecated statement of {resource.name!r}, entry of {entry.get('transactionId')}"
        assert entry["transactionId"]["id"] == new["transaction"]["id"], f"{what}: the statement has {new}"
        # The statement lists only movements that completed, so each of its entries is COMPLETED in the older shape.
        assert entry["entryState"] == "COMPLETED", f"{what}: {entry['entryState']}"
        assert entry["processedTimestamp"] == new["timestamp"], f"{what}: processed at {entry['processedTimestamp']}, the statement says {new['timestamp']}"
        assert (entry["actualBalanceAdjustment"], entry["actualBalanceAfter"], entry["balanceAfter"]) == (
            new["balanceAdjustment"], new["balanceAfter"], new["balanceAfter"]), f"{what}: {entry}, the statement has {new}"
        assert {entry[key]["currency"] for key in MONEY_FIELDS} == {currency}, f"{what}: not all in {currency}: {entry}"
        running += entry["availableBalanceAdjustment"]["amount"]
        assert entry["availableBalanceAfter"]["amount"] == running, (
            f"{what}: available after {entry['availableBalanceAfter']}, the adjustments so far add up to {running}")
    empty = {"currency": currency, "amount": 0}
    closing = entries[-1]["balanceAfter"] if entries else empty
    assert (old["startBalance"], old["endBalance"]) == (empty, closing), (
        f"the deprecated statement of {resource.name!r} goes from {old['startBalance']} to {old['endBalance']}, "
        f"the statement from {empty} to {closing}")
