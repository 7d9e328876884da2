"""What any instrument (managed account or card) shows of its money: the statement (completed ledger
entries, each with the balance after it) and the transaction activity (pending and completed).

Both are views of the one ledger; an instrument area calls these from its own handlers once it has
checked that the caller owns the instrument.
"""
from __future__ import annotations

from ..errors import not_found
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


def transaction_answer(call, instrument: tuple, transaction_id: str) -> dict:
    """One movement on the instrument by its transaction id, as the transactions list shows it; 404 when the
    instrument has no such movement (another instrument's transaction included)."""
    entries = [e for e in call.world.ledger.transactions(instrument) if e.transaction[1] == str(transaction_id)]
    if not entries:
        raise not_found("Transaction not found")
    return _activity_item(entries[-1])


# The deprecated statement names transaction types in its own upper-case words.
_DEPRECATED_TYPES = {"transfers": "TRANSFER", "sends": "SEND", "outgoing_wire_transfers": "OUTGOING_WIRE_TRANSFER",
                     "incoming_wire_transfers": "INCOMING_WIRE_TRANSFER", "fees": "CHARGE_FEE",
                     "system_transactions": "SYSTEM_TRANSACTION",
                     "correspondent_bank_transfers": "CORRESPONDENT_BANK_TRANSFER"}


def _deprecated_type(entry) -> str:
    if entry.transaction[0] == "card_payments":
        if entry.state == "PENDING":
            return "AUTHORISATION"
        return "SETTLEMENT" if entry.actual < 0 else "MERCHANT_REFUND"
    return _DEPRECATED_TYPES.get(entry.transaction[0], "SYSTEM_TRANSACTION")


def deprecated_statement_answer(call, instrument: tuple, currency: str) -> dict:
    """The deprecated statement: pending and completed entries, oldest first unless orderByTimestamp=DESC,
    filtered by fromTimestamp/toTimestamp (inclusive) and transactionType, windowed by offset/statementLimit."""
    query = call.query
    start, end = query.get("fromTimestamp"), query.get("toTimestamp")
    wanted = set(query.get("transactionType") or [])
    entries = call.world.ledger.transactions(instrument)
    before = [e for e in entries if e.state == "COMPLETED" and start is not None and e.timestamp < start]
    within = [e for e in entries if (start is None or e.timestamp >= start) and (end is None or e.timestamp <= end)]
    completed_within = [e for e in within if e.state == "COMPLETED"]
    opening = before[-1].actual_after if before else 0
    closing = completed_within[-1].actual_after if completed_within else opening
    rows = [e for e in within if not wanted or _deprecated_type(e) in wanted]
    if query.get("orderByTimestamp") == "DESC":
        rows.reverse()
    offset = int(query.get("offset") or 0)
    limit = query.get("statementLimit")
    page = rows[offset:None if limit is None else offset + int(limit)]
    return {"entry": [_deprecated_entry(e) for e in page], "count": len(rows), "responseCount": len(page),
            "startBalance": {"currency": currency, "amount": opening},
            "endBalance": {"currency": currency, "amount": closing}}


def _deprecated_entry(entry) -> dict:
    money = lambda amount: {"currency": entry.currency, "amount": amount}  # noqa: E731
    answer = {"transactionId": {"type": _deprecated_type(entry), "id": entry.transaction[1]},
              "entryState": "COMPLETED" if entry.state == "COMPLETED" else "PENDING",
              "transactionAmount": money(abs(entry.available if entry.state != "COMPLETED" else entry.actual)),
              "availableBalanceAdjustment": money(entry.available), "actualBalanceAdjustment": money(entry.actual),
              "processedTimestamp": entry.timestamp}
    if entry.state == "COMPLETED":
        answer.update(balanceAfter=money(entry.actual_after), availableBalanceAfter=money(entry.available_after),
                      actualBalanceAfter=money(entry.actual_after))
    return answer
