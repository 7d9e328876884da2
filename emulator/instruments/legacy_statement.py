"""The deprecated statement (`/deprecated/managed_accounts/{id}/statement`, and the cards' one): the same
completed ledger entries as the statement, in the older shape (`startBalance`, `endBalance`, `entry`), with
its own parameter names (`fromTimestamp`, `toTimestamp`, `orderByTimestamp`, `statementLimit`,
`transactionType` in the older TransactionId words)."""
from __future__ import annotations

from ..listing import History, windowed
from .activity import period_balances

# The ledger's transaction types (the statements' words) -> the older TransactionId.type.
LEGACY_TYPES = {"transfers": "TRANSFER", "sends": "SEND", "incoming_wire_transfers": "DEPOSIT",
                "fees": "CHARGE_FEE", "card_payments": "SETTLEMENT", "outgoing_wire_transfers": "OUTGOING_WIRE_TRANSFER",
                "correspondent_bank_transfers": "CORRESPONDENT_BANK_TRANSFER",
                "system_transactions": "SYSTEM_TRANSACTION"}


def answer(call, instrument: tuple, currency: str) -> dict:
    query = call.query
    start, end = query.get("fromTimestamp"), query.get("toTimestamp")
    completed = call.world.ledger.statement(instrument)
    opening, closing = period_balances(completed, start, end)
    # The period by bisection (the ledger keeps entries in time order); only the page is made answers.
    entries = History(completed, _entry, {"processedTimestamp": _time})
    for bound, side in ((start, "From"), (end, "To")):
        if bound is not None:
            entries = entries.narrowed("processedTimestamp", side, bound)
    wanted = query.get("transactionType")
    if wanted:
        entries = History([e for e in entries.answers() if e["transactionId"]["type"] in wanted], _same)
    offset = query.get("offset") or 0
    limit = query.get("statementLimit")
    # The description: "If not specified, the transactions will be returned in descending order."
    page = windowed(entries, offset, None if limit is None else offset + limit,
                    descending=query.get("orderByTimestamp") != "ASC")
    return {"startBalance": {"currency": currency, "amount": opening},
            "endBalance": {"currency": currency, "amount": closing},
            "entry": page.items, "count": page.count, "responseCount": len(page.items)}


def _time(entry) -> int:
    return entry.timestamp


def _same(item):
    return item


def _entry(entry) -> dict:
    amount = {"currency": entry.currency, "amount": entry.actual}
    after = {"currency": entry.currency, "amount": entry.actual_after}
    return {"transactionId": {"type": LEGACY_TYPES.get(entry.transaction[0], "SYSTEM_TRANSACTION"),
                              "id": entry.transaction[1]},
            "transactionAmount": amount, "entryState": "COMPLETED", "processedTimestamp": entry.timestamp,
            "actualBalanceAdjustment": amount, "actualBalanceAfter": after,
            "availableBalanceAdjustment": {"currency": entry.currency, "amount": entry.available},
            "availableBalanceAfter": {"currency": entry.currency, "amount": entry.available_after},
            "balanceAfter": after}
