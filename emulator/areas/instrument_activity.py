"""What any instrument (managed account or card) shows of its money: the statement (completed ledger
entries, each with the balance after it) and the transaction activity (pending and completed).

Both are views of the one ledger; an instrument area calls these from its own handlers once it has
checked that the caller owns the instrument.
"""
from __future__ import annotations

from ..listing import listed


def statement_answer(call, instrument: tuple, currency: str) -> dict:
    """Oldest first unless sortOrder=DESC; the opening and closing balances bound the period asked for."""
    completed = call.world.ledger.statement(instrument)
    start, end = call.query.get("startPeriod"), call.query.get("endPeriod")
    before = [e for e in completed if start is not None and e.timestamp < start]
    within = [e for e in completed if (start is None or e.timestamp >= start) and (end is None or e.timestamp <= end)]
    opening = before[-1].actual_after if before else 0
    closing = within[-1].actual_after if within else opening
    entries = [_statement_entry(e) for e in completed]
    page = listed(call.operation, call.query, entries, newest_first=False)
    return {"openingBalance": {"currency": currency, "amount": opening},
            "closingBalance": {"currency": currency, "amount": closing},
            **page.answer("entries")}


def _statement_entry(entry) -> dict:
    return {"entryId": entry.id, "transaction": {"type": entry.transaction[0], "id": entry.transaction[1]},
            "timestamp": entry.timestamp,
            "balanceAdjustment": {"currency": entry.currency, "amount": entry.actual},
            "balanceAfter": {"currency": entry.currency, "amount": entry.actual_after}}


def transactions_answer(call, instrument: tuple) -> dict:
    """Pending (PROCESSING) and completed, most recent first unless sortOrder=ASC; filtered by type,
    status, direction and creation or update time."""
    items = [_activity_item(e) for e in call.world.ledger.transactions(instrument)]
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
    found = [e for e in call.world.ledger.transactions(instrument) if e.transaction[1] == str(transaction_id)]
    return _activity_item(found[-1]) if found else None
