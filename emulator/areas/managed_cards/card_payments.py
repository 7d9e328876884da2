"""Card Payments: the identity's card payments (one per purchase, withdrawal or refund, with its
authorisation, settlement and refund events), one of them, and their events as one flat list.

Read from the card purchases area's records; an identity sees only the payments on its own cards.
"""
from __future__ import annotations

from ...errors import not_found
from ...listing import listed
from ...registry import handles
from ...services import Owner
from .card_purchases import card_purchases_backend


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def _payments(call) -> list[dict]:
    return [p.answer() for p in card_purchases_backend(call.world).of_owner(_owner(call))]


@handles("cardPaymentsGet")
def card_payments_get(call):
    query = call.query
    items = _payments(call)
    name = query.get("merchantName")
    if name is not None:  # "Partial, case-insensitive match against merchant name."
        items = [p for p in items if name.lower() in p["merchant"]["name"].lower()]
    if query.get("amountFrom") is not None:
        items = [p for p in items if p["displayAmount"]["amount"] >= query["amountFrom"]]
    if query.get("amountTo") is not None:
        items = [p for p in items if p["displayAmount"]["amount"] <= query["amountTo"]]
    if query.get("subtype") is not None:
        items = [p for p in items if any(e.get("subtype") in query["subtype"] for e in p["events"])]
    page = listed(call.operation, query, items, paths={"cardId": "card.id"},
                  skip=("merchantName", "amountFrom", "amountTo", "subtype"))
    return page.answer("cardPayments")


@handles("cardPaymentGet")
def card_payment_get(call):
    for payment in _payments(call):
        if payment["id"] == call.path_params["id"]:
            return payment
    raise not_found("Card payment not found")


@handles("cardPaymentEventsGet")
def card_payment_events_get(call):
    query = call.query
    events = []
    for payment in _payments(call):
        context = {"cardPaymentId": payment["id"], "card": payment["card"], "merchant": payment["merchant"]}
        events += [event | context for event in payment["events"]]
    events.sort(key=lambda e: (e["timestamp"], int(e["id"])))
    if query.get("reversal") is not None:
        events = [e for e in events if e.get("reversal", False) == query["reversal"]]
    if query.get("timestampFrom") is not None:
        events = [e for e in events if e["timestamp"] >= query["timestampFrom"]]
    if query.get("timestampTo") is not None:
        events = [e for e in events if e["timestamp"] <= query["timestampTo"]]
    # "ASC = oldest first (default DESC)".
    page = listed(call.operation, query, events, paths={"cardId": "card.id"},
                  skip=("reversal", "timestampFrom", "timestampTo"))
    return page.answer("events")
