"""Building blocks for the managed card tests: a verified corporate with an account, card bodies, funding."""
from __future__ import annotations

from .helpers import Emu
from .test_managed_accounts import create_account, deposit, verified_corporate

BILLING = {"addressLine1": "1 Main St", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}
DELIVERY = {"name": "Ann", "surname": "Lee", "addressLine1": "1 Main St", "city": "Valletta",
            "postCode": "VLT 1010", "country": "MT"}


def card_body(emu: Emu, mode: str = "PREPAID_MODE", **overrides) -> dict:
    profile = "managedCards" if mode == "PREPAID_MODE" else "managedCardsDebit"
    body = {"profileId": emu.programme["profiles"][profile], "friendlyName": "Travel", "nameOnCard": "Ann Lee",
            "billingAddress": BILLING, "mode": mode}
    if mode == "PREPAID_MODE":
        body["currency"] = "EUR"
    body.update(overrides)
    return body


def create_card(emu: Emu, owner: dict, mode: str = "PREPAID_MODE", **overrides) -> dict:
    answer = emu.call("POST", "/managed_cards", card_body(emu, mode, **overrides), token=owner["token"])
    assert answer.status == 200, answer.body
    return answer.body


def get_card(emu: Emu, owner: dict, card_id: str) -> dict:
    answer = emu.call("GET", f"/managed_cards/{card_id}", token=owner["token"])
    assert answer.status == 200, answer.body
    return answer.body


def funded_card(emu: Emu, owner: dict, amount: int) -> dict:
    """A prepaid card holding `amount` EUR, moved on the ledger from a deposited account."""
    account = create_account(emu, owner)
    assert deposit(emu, account["id"], amount) == "COMPLETED"
    card = create_card(emu, owner)
    emu.app.world.instruments.transfer(("managed_accounts", account["id"]), ("managed_cards", card["id"]), amount,
                                       ("transfers", emu.app.world.ids.next()))
    return card


__all__ = ["BILLING", "DELIVERY", "card_body", "create_card", "get_card", "funded_card", "verified_corporate",
           "create_account", "deposit"]
