"""Managed cards: issue a prepaid or a debit card, read it, its own operations, and the Simulator's purchases
and refunds on it."""
from __future__ import annotations

from typing import Any

from .api import Api, money

KIND = "managed_cards"
BILLING = {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}
DELIVERY = {"name": "Ann", "surname": "Lee", "addressLine1": "1 Main Street", "city": "Valletta",
            "postCode": "VLT 1010", "country": "MT"}


def card_body(api: Api, name: str = "Travel", mode: str = "PREPAID_MODE", **overrides: Any) -> dict:
    """A card on the programme's prepaid profile (`managedCards`) or debit one (`managedCardsDebit`)."""
    profile = "managedCards" if mode == "PREPAID_MODE" else "managedCardsDebit"
    body = {"profileId": api.profile(profile), "friendlyName": name, "nameOnCard": "Ann Lee",
            "billingAddress": dict(BILLING), "mode": mode}
    body.update(overrides)
    return body


def create(api: Api, token: str | None, body: dict) -> Any:
    return api.multi("POST", f"/{KIND}", body, token=token)


def issue(api: Api, token: str | None, name: str = "Travel", mode: str = "PREPAID_MODE", **overrides: Any) -> dict:
    """A new card, which must be made: its body as answered."""
    return api.expect(create(api, token, card_body(api, name, mode, **overrides)), 200,
                      f"issuing the card {name!r}").body


def read(api: Api, token: str | None, card_id: str) -> Any:
    return api.multi("GET", f"/{KIND}/{card_id}", token=token)


def act(api: Api, token: str | None, card_id: str, action: str, body: Any = None, method: str = "POST") -> Any:
    """One of the card's own operations: `block`, `physical`, `physical/activate` ..."""
    return api.multi(method, f"/{KIND}/{card_id}/{action}", body, token=token)


def upgrade_to_physical(api: Api, token: str | None, card_id: str, **fields: Any) -> Any:
    return act(api, token, card_id, "physical", {"deliveryAddress": dict(DELIVERY), "activationCode": api.code,
                                                  **fields})


def activate(api: Api, token: str | None, card_id: str, code: str | None = None) -> Any:
    return act(api, token, card_id, "physical/activate", {"activationCode": api.code if code is None else code})


def purchase_body(amount: int, currency: str = "EUR", merchant: str = "Shop", **fields: Any) -> dict:
    return {"merchantName": merchant, "transactionAmount": money(amount, currency), **fields}


def purchase(api: Api, card_id: str, body: dict) -> Any:
    """The Simulator's card purchase at a merchant."""
    return api.simulator("POST", f"/cards/{card_id}/purchase", body)


def refund(api: Api, card_id: str, body: dict) -> Any:
    return api.simulator("POST", f"/cards/{card_id}/merchant_refund", body)
