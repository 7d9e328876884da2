"""The deprecated statement (`/deprecated/managed_accounts/{id}/statement`, and the cards' one): the same
completed ledger entries as the statement, in the older shape (`startBalance`, `endBalance`, `entry`), with
its own parameter names (`fromTimestamp`, `toTimestamp`, `orderByTimestamp`, `statementLimit`,
`transactionType` in the older TransactionId words)."""
from __future__ import annotations

# The ledger's transaction types (the statements' words) -> the older TransactionId.type.
LEGACY_TYPES = {"transfers": "TRANSFER", "sends": "SEND", "incoming_wire_transfers": "DEPOSIT",
                "fees": "CHARGE_FEE", "card_payments": "SETTLEMENT", "outgoing_wire_transfers": "OUTGOING_WIRE_TRANSFER",
                "correspondent_bank_transfers": "CORRESPONDENT_BANK_TRANSFER",
                "system_transactions": "SYSTEM_TRANSACTION"}


def answer(call, instrument: tuple, currency: str) -> dict:
    query = call.query
    start, end = query.get("fromTimestamp"), query.get("toTimestamp")
    completed = call.world.ledger.statement(instrument)
    before = [e for e in completed if start is not None and e.timestamp < start]
    within = [e for e in completed if (start is None or e.timestamp >= start) and (end is None or e.timestamp <= end)]
    opening = before[-1].actual_after if before else 0
    closing = within[-1].actual_after if within else opening
    entries = [_entry(e) for e in within]
    wanted = query.get("transactionType")
    if wanted:
        entries = [e for e in entries if e["transactionId"]["type"] in wanted]
    # The description: "If not specified, the transactions will be returned in descending order."
    if query.get("orderByTimestamp") != "ASC":
        entries.reverse()
    offset = query.get("offset") or 0
    limit = query.get("statementLimit")
    page = entries[offset:None if limit is None else offset + limit]
    return {"startBalance": {"currency": currency, "amount": opening},
            "endBalance": {"currency": currency, "amount": closing},
            "entry": page, "count": len(entries), "responseCount": len(page)}


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
