"""What any instrument (managed account or card) shows of its money: the statement (completed ledger
entries, each with the balance after it) and the transaction activity (pending and completed).

Both are views of the one ledger; an instrument area calls these from its own handlers once it has
checked that the caller owns the instrument.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..ledger import COUNTED
from ..listing import History, listed


def statement_answer(call, instrument: tuple, currency: str) -> dict:
    """Oldest first unless sortOrder=DESC; the opening and closing balances bound the period asked for."""
    completed = call.world.ledger.statement(instrument)
    opening, closing = period_balances(completed, call.query.get("startPeriod"), call.query.get("endPeriod"))
    entries = History(completed, _statement_entry, {"timestamp": _time})
    page = listed(call.operation, call.query, entries, newest_first=False)
    return {"openingBalance": {"currency": currency, "amount": opening},
            "closingBalance": {"currency": currency, "amount": closing},
            **page.answer("entries")}


def period_balances(completed: list, start: int | None, end: int | None) -> tuple[int, int]:
    """The actual balance before the period's first entry and after its last (the ledger keeps entries in
    time order, so both are found by bisection): the opening, and the closing (the opening when the
    period holds no entry)."""
    first = 0 if start is None else bisect_left(completed, start, key=_time)
    last = len(completed) if end is None else bisect_right(completed, end, key=_time)
    opening = completed[first - 1].actual_after if first else 0
    closing = completed[last - 1].actual_after if last > first else opening
    return opening, closing


def _time(entry) -> int:
    return entry.timestamp


def _statement_entry(entry) -> dict:
    return {"entryId": entry.id, "transaction": {"type": entry.transaction[0], "id": entry.transaction[1]},
            "timestamp": entry.timestamp,
            "balanceAdjustment": {"currency": entry.currency, "amount": entry.actual},
            "balanceAfter": {"currency": entry.currency, "amount": entry.actual_after}}


def transactions_answer(call, instrument: tuple) -> dict:
    """Pending (PROCESSING) and completed, most recent first unless sortOrder=ASC; filtered by type,
    status, direction and creation or update time."""
    items = History(call.world.ledger.transactions(instrument), _activity_item,
                    {"creationTimestamp": _time, "lastUpdatedTimestamp": _time})
    return listed(call.operation, call.query, items, skip=("sortBy",)).answer("transactions")


def _activity_item(entry) -> dict:
    return {"id": entry.transaction[1], "type": entry.transaction[0],
            "status": "COMPLETED" if entry.state == "COMPLETED" else "PROCESSING",
            "direction": "CREDIT" if entry.available > 0 else "DEBIT",
            "amount": {"currency": entry.currency, "amount": abs(entry.available)},
            "creationTimestamp": entry.timestamp, "lastUpdatedTimestamp": entry.timestamp}


def activity_item(entry) -> dict:
    """One ledger entry as an activity item (without the instrument, which the caller knows)."""
    return _activity_item(entry)


def transaction_item(call, instrument: tuple, transaction_id: str) -> dict | None:
    """One transaction as the instrument's activity shows it (its latest entry there), or None."""
    found = [e for e in call.world.ledger.of_transaction(transaction_id)
             if e.instrument == tuple(instrument) and e.state in COUNTED]
    return _activity_item(found[-1]) if found else None
