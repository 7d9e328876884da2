"""Flows for a card's money: cards set up to spend, Simulator purchases and refunds, card payments read back,
and the receiver that answers forwarded authorisations.

Plain functions (no step decorators). Amounts are minor units, as everywhere in the suite (1250 EUR is
EUR 12.50). A prepaid card is funded as a user would: a managed account of the same identity receives a
Simulator deposit and a transfer moves it to the card.
"""
from __future__ import annotations

from . import flows, instrument_flows
from .context import Actor, Resource

BILLING = {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}
# The emulator settles a Simulator purchase 60 s after authorising it (emulator/choices/card_payments.md).
SETTLEMENT_SECONDS = 61


def create_card(ctx, actor: Actor, name: str, *, mode: str = "PREPAID_MODE", currency: str = "EUR",
                parent: Resource | None = None, **extra) -> Resource:
    body = {"friendlyName": name, "nameOnCard": "Suite Holder", "billingAddress": BILLING, "mode": mode, **extra}
    if mode == "PREPAID_MODE":
        body.update(profileId=ctx.target.settings.profile("managedCards"), currency=currency)
    else:
        body.update(profileId=ctx.target.settings.profile("managedCardsDebit"), parentManagedAccountId=parent.id)
    response = flows.expect(ctx.call("POST", "/managed_cards", as_actor=actor, json=body), 200,
                            f"creating the {actor.role}'s {mode} card {name!r}")
    return ctx.remember_resource(name, "managed_cards", actor, response.body)


def fund_card(ctx, actor: Actor, card: Resource, amount: int, currency: str) -> None:
    """A deposit to a new account of the same identity, then a transfer from it to the card."""
    account = instrument_flows.create_account(ctx, actor, f"{card.name}-funds", currency)
    instrument_flows.fund(ctx, account, amount, currency)
    response = flows.expect(ctx.call("POST", "/transfers", as_actor=actor, json={
        "profileId": ctx.target.settings.profile("transfers"),
        "source": {"type": "managed_accounts", "id": account.id},
        "destination": {"type": "managed_cards", "id": card.id},
        "destinationAmount": {"currency": currency, "amount": amount}}), 200, f"funding the card {card.name!r}")
    assert response.body.get("state") == "COMPLETED", f"the funding transfer did not complete: {response.body}"


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
    return response.body.get("cardPayments", [])


def events_of(ctx, card: Resource) -> list[dict]:
    response = flows.expect(ctx.call("GET", "/card_payment_events", as_actor=ctx.actor(card.owner),
                                     params={"cardId": card.id, "sortOrder": "ASC"}), 200,
                            f"listing the card payment events of {card.name!r}")
    return response.body.get("events", [])
