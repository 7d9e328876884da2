"""Transaction Activity (`GET /transactions`): the identity's activity across all its instruments.

Money that moved, or is held, is read from the ledger: one item per entry on each instrument the caller
owns, whatever area the instrument belongs to, so a transfer between two of the caller's instruments is
two items (DEBIT and CREDIT) sharing one id. Work that is committed but has moved nothing yet (a scheduled
transfer) is not on the ledger: any area may add such items by answering `activity_of(owner)`. The area
named as an item's type (`transfers`) may give the full transaction under `transaction` by answering
`transaction_answer(id)`.
"""
from __future__ import annotations

from ..listing import listed
from ..registry import handles
from ..services import Owner
from .instrument_activity import activity_item


def activity(world, owner: Owner) -> list[dict]:
    """The owner's items, oldest first by creation."""
    items = []
    for key in world.ledger.accounts:
        if world.instruments.owner_of(key) == owner:
            instrument = {"type": key[0], "id": key[1]}
            items += [activity_item(e) | {"instrument": instrument} for e in world.ledger.transactions(key)]
    for area in world.backends.values():
        contribute = getattr(area, "activity_of", None)
        if contribute is not None:
            items += contribute(owner)
    for item in items:
        detail = getattr(world.backends.get(item["type"]), "transaction_answer", None)
        full = detail(item["id"]) if detail is not None else None
        if full is not None:
            item["transaction"] = full
    return items


@handles("transactionsGet")
def transactions_get(call):
    session = call.require_session()
    items = activity(call.world, Owner(session.identity_type, session.identity_id))
    # Oldest first by the field asked for (a stable sort keeps the ledger's order among equals); the
    # list helper then applies sortOrder, most recent first by default.
    items.sort(key=lambda item: item[call.query.get("sortBy") or "creationTimestamp"])
    return listed(call.operation, call.query, items, skip=("sortBy",)).answer("transactions")
