"""What the sends, transfers, outgoing wire transfer and correspondent bank transfer handlers share: the
caller's identity as the owner asked about, and the lists' executedFrom/executedTo filter."""
from __future__ import annotations

from ..services import Owner


def caller(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def executed_within(call, items: list[dict]) -> list[dict]:
    """The answers whose executionTimestamp (a string) lies within the query's executedFrom/To, as numbers."""
    low, high = call.query.get("executedFrom"), call.query.get("executedTo")
    if low is None and high is None:
        return items
    return [i for i in items if within(i.get("executionTimestamp"), low, high)]


def within(value, low, high) -> bool:
    """One not executed yet (no timestamp) is outside any bound."""
    if value is None:
        return False
    value = int(value)
    return (low is None or value >= low) and (high is None or value <= high)
