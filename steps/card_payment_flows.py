"""Flows for a card's money: cards set up to spend, Simulator purchases and refunds, card payments read back,
and the receiver that answers forwarded authorisations.

Plain functions (no step decorators). Amounts are minor units, as everywhere in the suite (1250 EUR is
EUR 12.50). Cards are created and funded by managed_card_flows (the cards' own steps).
"""
from __future__ import annotations

from . import flows
from .context import Resource

# The emulator settles a Simulator purchase 60 s after authorising it (emulator/areas/managed_cards/choices.md).
SETTLEMENT_SECONDS = 61


def purchase_body(amount: int, currency: str, *, merchant: str = "Suite Shop", mcc: str | None = None,
                  merchant_id: str | None = None, country: str | None = None) -> dict:
    body = {"merchantName": merchant, "transactionAmount": {"currency": currency, "amount": amount}}
    for key, value in (("merchantCategoryCode", mcc), ("merchantId", merchant_id), ("transactionCountry", country)):
        if value is not None:
            body[key] = value
    return body


def read_card(ctx, card: Resource) -> dict:
    return flows.expect(flows.read_resource(ctx, card), 200, f"reading the card {card.name!r}").body


def card_payments_of(ctx, card: Resource) -> list[dict]:
    """The card's payments, oldest first, as its owner lists them."""
    response = flows.expect(ctx.call("GET", "/card_payments", as_actor=ctx.actor(card.owner),
                                     params={"cardId": card.id, "sortOrder": "ASC"}), 200,
                            f"listing the card payments of {card.name!r}")
    return counted(response.body, "cardPayments", f"the card payments of {card.name!r}")


def events_of(ctx, card: Resource) -> list[dict]:
    response = flows.expect(ctx.call("GET", "/card_payment_events", as_actor=ctx.actor(card.owner),
                                     params={"cardId": card.id, "sortOrder": "ASC"}), 200,
                            f"listing the card payment events of {card.name!r}")
    return counted(response.body, "events", f"the card payment events of {card.name!r}")


def counted(body: dict, items_key: str, what: str) -> list[dict]:
    """A list page's items, once its responseCount is the number of items it holds and its count (all there
    are) is no fewer."""
    items = body.get(items_key, [])
    assert body.get("responseCount") == len(items) and body.get("count", -1) >= len(items), (
        f"{what}: count {body.get('count')}, responseCount {body.get('responseCount')}, {len(items)} listed")
    return items
