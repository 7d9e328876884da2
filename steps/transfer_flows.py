"""Transfer flows: move money between two named instruments of one identity, at once or scheduled, and
cancel a scheduled transfer. Plain functions, so any step module (cards funding a card) may import them.

Amounts are minor units. A transfer named in the scenario (`as "rent"`) becomes a resource of kind
`transfers`, owned by the role that made it.
"""
from __future__ import annotations

import time
import uuid

from support.driver import instrument, transfers
from support.grounding import assumed

from . import flows
from .context import Actor, Resource


def transfer_body(ctx, source: Resource, destination: Resource, amount: int, currency: str, **extra) -> dict:
    return transfers.transfer_body(flows.api(ctx), instrument(source.kind, source.id),
                                   instrument(destination.kind, destination.id), amount, currency, **extra)


def transfer(ctx, actor: Actor, source: Resource, destination: Resource, amount: int, currency: str,
             name: str | None = None, idempotency_ref: str | None = None, **extra):
    """POST /transfers as the actor; the answer is kept for Then steps and, on a 200, named when `name` is given.

    A 200 must answer the transfer as sent (`answered_as_sent`) and read back as answered (`read_back_made`)."""
    sent = transfer_body(ctx, source, destination, amount, currency, **extra)
    response = transfers.create(flows.api(ctx), actor.token, sent, idempotency_ref)
    if response.status == 200:
        answered_as_sent(sent, response.body, "the transfer")
        read_back_made(ctx, actor, response, "transfers")
    if name and response.status == 200:
        flows.remember_made(ctx, name, "transfers", actor, response)
    return response


def answered_as_sent(sent: dict, answer: dict, what: str) -> None:
    """A create answer is the resource as sent: every field of the request comes back unchanged. Checked on
    every create, because the scenarios that read a field back are seldom the few a fault re-runs."""
    differences = {key: (value, answer.get(key)) for key, value in sent.items() if answer.get(key) != value}
    assert not differences, f"{what} was answered otherwise than sent (sent, answered): {differences}; {answer}"


# What a transfer or send is made with, and the time it ran once it has: none of it changes afterwards.
KEPT_FIELDS = ("id", "profileId", "source", "destination", "destinationAmount", "tag", "description",
               "creationTimestamp", "scheduledTimestamp", "executionTimestamp")


def read_back_as_made(before: dict, after: dict, what: str) -> None:
    """A resource read again keeps what it was made with (`before` is its create answer, checked against
    the request, or an earlier read)."""
    differences = {key: (before[key], after.get(key)) for key in KEPT_FIELDS
                   if key in before and after.get(key) != before[key]}
    assert not differences, f"{what} reads back otherwise than made (before, now): {differences}; {after}"


# A transfer or send answered in one of these has settled: reading it again finds it so.
FINAL_STATES = ("COMPLETED", "REJECTED", "FAILED", "CANCELLED")


def read_back_made(ctx, actor: Actor, response, kind: str) -> None:
    """A transfer or send (`kind`: its path segment) answered as made exists as answered: read at once, it
    keeps what the create answered and is in that state unless it had still to settle (a scheduled, pending
    or challenged one may have moved on); a completed one says when it ran. Checked on every create, since
    the scenarios a fault on the create re-runs are seldom the few that read it back by name. The create's
    answer stays the one later steps read."""
    made = response.body
    what = f"the {kind[:-1]} {made['id']}"
    if made["state"] == "COMPLETED":
        assert "executionTimestamp" in made, f"{what} is answered completed but says not when it ran: {made}"
    with ctx.aside():
        read = flows.expect(ctx.call("GET", f"/{kind}/{made['id']}", as_actor=actor), 200,
                            f"reading {what} just made").body
    read_back_as_made(made, read, what)
    assert made["state"] == read["state"] or made["state"] not in FINAL_STATES, (
        f"{what} was answered {made['state']} and reads {read['state']}: {read}")


def activity_item_as_on_instrument(ctx, actor: Actor, item: dict, what: str) -> None:
    """An item of the identity's activity (GET /transactions) is the one movement on its instrument: the
    instrument's own transactions read it alike, field for field (times included), apart from the
    instrument the identity's view names and the whole transaction either view may nest."""
    instrument = item["instrument"]
    path = f"/{instrument['type']}/{instrument['id']}/transactions/{item['id']}"
    with ctx.aside():
        alone = flows.expect(ctx.call("GET", path, as_actor=actor), 200, f"reading {what} on {instrument}").body
    nested = ("instrument", "transaction")
    differences = list(flows.read_back_differences({k: v for k, v in item.items() if k not in nested},
                                                   {k: v for k, v in alone.items() if k not in nested}))
    assert not differences, f"the activity shows {what} on {instrument} otherwise than the instrument: {differences}"


def fund_by_transfer(ctx, actor: Actor, source: Resource, destination: Resource, amount: int, currency: str):
    """Move money that must arrive (e.g. onto a prepaid card): fails the step unless COMPLETED."""
    response = flows.expect(transfer(ctx, actor, source, destination, amount, currency), 200,
                            f"transferring {amount} {currency} from {source.name!r} to {destination.name!r}")
    # A transfer between one's own instruments completing at once is the emulator's reading of the sandbox.
    with assumed("transfers.md#creating-a-transfer-post-transfers", what=f"a transfer to {destination.name!r} "
                 "completes at once", expected="COMPLETED", observed=response.body["state"]):
        assert response.body["state"] == "COMPLETED", f"the transfer did not complete: {response.body}"
    return response


def target_now_ms(ctx) -> int:
    """The target's time: the emulator's clock (which scenarios may have moved), else this machine's."""
    if ctx.target.settings.is_emulator:
        return int(ctx.target.control("GET", "/clock")["nowMs"])
    return int(time.time() * 1000)


def idempotency_ref(ctx, name: str) -> str:
    """A fresh ref per scenario for the name the scenario gives it: the live sandbox keeps refs a day."""
    key = f"idempotency-ref {name}"
    if key not in ctx.values:
        ctx.values[key] = f"suite-{name}-{uuid.uuid4().hex}"
    return ctx.values[key]


def cancel(ctx, actor: Actor, transfer_ids: list[str], reason: str | None = None):
    return transfers.cancel(flows.api(ctx), actor.token, transfer_ids, reason)
