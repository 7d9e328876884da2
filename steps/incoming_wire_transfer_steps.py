"""Steps for incoming wire transfers the programme decides on: the receiver answering forwarded incoming wire
transfers (the description's webhook `bankTransferInForwarding`), what it got, and the state each arrival ends in.

The forwarding URL is the one card authorisations use (`authorisations are forwarded to the receiver`); it is set
by the suite only on the emulator, so scenarios using these steps are @emulator_only. Money is minor units.
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then

from support.receiver import APPROVED, DENIED, SILENT, UNKNOWN, incoming_key

from . import flows
from .grammar import MONEY

ACCOUNT = r'"(?P<account>[\w -]+)"'
SENDER = r'"(?P<sender>[^"]+)"'
DECISIONS = {"approves": APPROVED, "denies": DENIED, "does not answer for": SILENT, "does not know": UNKNOWN}


@given(parsers.re(rf"the receiver (?P<how>approves|denies|does not answer for|does not know) incoming wire "
                  rf"transfers to {ACCOUNT}$"))
def receiver_decides_incoming(ctx, receiver, how, account):
    """Given the receiver denies incoming wire transfers to "savings"

    Tells the receiver how to answer forwarded incoming wire transfers to the named managed account: approve,
    deny, not answer (past the 1.5 s Weavr waits) or not know the account (404). Forgotten when the scenario ends.
    """
    key = incoming_key(ctx.resource(account, "managed_accounts").id)
    receiver.answer(key, DECISIONS[how])
    ctx.values.setdefault("_receiver_cards", []).append(key)


@then(parsers.re(rf"the receiver got (?P<count>\d+) incoming wire transfer requests? for {ACCOUNT}"
                 rf"(?: of {MONEY} from {SENDER})?$"))
def receiver_got_incoming(ctx, receiver, count, account, amount, currency, sender):
    """Then the receiver got 1 incoming wire transfer request for "savings" of 700 EUR from "Bo Ray"

    The forwarded incoming wire transfers to the account: how many, each signed with the api-key and matching the
    webhook's schema, naming the account, its owner, the sender and (when given) the amount; its id is the id the
    owner reads the incoming wire transfer by.
    """
    found = ctx.resource(account, "managed_accounts")
    deliveries = receiver.received(incoming_key(found.id))
    assert len(deliveries) == int(count), f"the receiver got {len(deliveries)} requests for {account!r}"
    owner = ctx.actor(found.owner)
    known = {t["id"] for t in _incoming_of(ctx, found.owner)}
    for delivery in deliveries:
        assert delivery.problems == [], f"a forwarded incoming wire transfer is wrong: {delivery.problems}"
        body = delivery.body
        destination = body["destination"]
        assert destination["instrument"]["instrument"]["id"] == found.id, body
        assert destination["owner"]["owner"]["id"]["id"] == owner.identity_id, body
        assert body["id"] in known, f"forwarded id {body['id']} is none of the owner's incoming transfers {known}"
        if amount is not None:
            assert body["amount"] == {"currency": currency, "amount": int(amount)}, body
            assert body["source"]["instrument"]["instrument"].get("name") == sender, body


@then(parsers.re(rf"the incoming wire transfer of {MONEY} to {ACCOUNT} from {SENDER} is "
                 r"(?P<state>PENDING|COMPLETED|REJECTED)$"))
def incoming_is(ctx, amount, currency, account, sender, state):
    """Then the incoming wire transfer of 700 EUR to "savings" from "Bo Ray" is REJECTED

    Its owner lists exactly one such incoming wire transfer, in that state, read by id the same; only a
    COMPLETED one has been executed (`executedAt`).
    """
    found = ctx.resource(account, "managed_accounts")
    matching = [t for t in _incoming_of(ctx, found.owner)
                if t["amount"] == {"currency": currency, "amount": int(amount)}
                and t["destinationInstrument"]["id"] == found.id and t.get("senderName") == sender]
    assert len(matching) == 1, f"incoming wire transfers to {account!r} from {sender!r}: {matching}"
    transfer = matching[0]
    assert transfer["state"] == state, f"the incoming wire transfer is {transfer['state']}, expected {state}"
    assert ("executedAt" in transfer) == (state == "COMPLETED"), transfer
    read = flows.expect(ctx.call("GET", f"/incoming_wire_transfers/{transfer['id']}", as_actor=ctx.actor(found.owner)),
                        200, "reading the incoming wire transfer").body
    assert read == transfer, f"read {read}, listed {transfer}"


def _incoming_of(ctx, role: str) -> list[dict]:
    listed = flows.expect(ctx.call("GET", "/incoming_wire_transfers", as_actor=ctx.actor(role)), 200,
                          "listing incoming wire transfers").body
    return listed.get("incomingWireTransfers", [])
