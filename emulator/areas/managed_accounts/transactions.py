"""Transaction Activity (`GET /transactions`): the identity's activity across all its instruments.

Money that moved, or is held, is read from the ledger: one item per entry on each instrument the caller
owns, whatever area the instrument belongs to, so a transfer between two of the caller's instruments is
two items (DEBIT and CREDIT) sharing one id. Work that is committed but has moved nothing yet (a scheduled
transfer) is not on the ledger: any area may add such items through the `Activity` port (emulator/ports.py),
and the area of an item's type (`transfers`) may give the full transaction under `transaction` there.
"""
from __future__ import annotations

from ...instruments.activity import activity_item
from ...listing import History, Merged, listed
from ...registry import handles
from ...services import Owner

SORT_FIELDS = ("creationTimestamp", "lastUpdatedTimestamp")


def activity(world, owner: Owner, field: str = "creationTimestamp") -> Merged:
    """The owner's items, oldest first by `field` (a stable sort: among equals, instrument by instrument in
    the ledger's order, then what the areas add). Each instrument's ledger entries are already in time
    order (both fields are the entry's time), so a page merges them and makes only its own items."""
    parts = []
    for key in world.ledger.accounts:
        if world.instruments.owner_of(key) == owner:
            instrument = {"type": key[0], "id": key[1]}
            parts.append(History(world.ledger.transactions(key), _ledger_item(world, instrument),
                                 {name: _entry_time for name in SORT_FIELDS}))
    added = []
    for contribute in world.ports.activity.pending:
        added += [_detailed(world, item) for item in contribute(owner)]
    added.sort(key=lambda item: item[field])
    parts.append(History(added, _same, {field: lambda item: item[field]}))
    return Merged(parts, field)


def _ledger_item(world, instrument: dict):
    return lambda entry: _detailed(world, activity_item(entry) | {"instrument": instrument})


def _detailed(world, item: dict) -> dict:
    """The item, with the full transaction nested where its area gives it."""
    full = world.ports.activity.detail(item["type"], item["id"])
    if full is not None:
        item["transaction"] = full
    return item


def _entry_time(entry) -> int:
    return entry.timestamp


def _same(item):
    return item


@handles("transactionsGet")
def transactions_get(call):
    session = call.require_session()
    # Oldest first by the field asked for; the list helper then applies sortOrder, most recent first by default.
    items = activity(call.world, Owner(session.identity_type, session.identity_id),
                     call.query.get("sortBy") or "creationTimestamp")
    return listed(call.operation, call.query, items, skip=("sortBy",)).answer("transactions")
