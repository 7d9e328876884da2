"""Building blocks for the managed card tests: a verified corporate with an account, card bodies, funding."""
from __future__ import annotations

from support.driver import instrument, managed_cards, transfers
from support.driver.managed_cards import BILLING, DELIVERY

from .helpers import Emu, create_account, deposit, verified_corporate


def card_body(emu: Emu, mode: str = "PREPAID_MODE", **overrides) -> dict:
    prepaid = {"currency": "EUR"} if mode == "PREPAID_MODE" else {}
    return managed_cards.card_body(emu.api, "Travel", mode, **{**prepaid, **overrides})


def create_card(emu: Emu, owner: dict, mode: str = "PREPAID_MODE", **overrides) -> dict:
    answer = managed_cards.create(emu.api, owner["token"], card_body(emu, mode, **overrides))
    assert answer.status == 200, answer.body
    return answer.body


def get_card(emu: Emu, owner: dict, card_id: str) -> dict:
    answer = managed_cards.read(emu.api, owner["token"], card_id)
    assert answer.status == 200, answer.body
    return answer.body


def funded_card(emu: Emu, owner: dict, amount: int) -> dict:
    """A prepaid card holding `amount` EUR, moved to it by a transfer from a deposited account."""
    account = create_account(emu, owner)
    assert deposit(emu, account["id"], amount) == "COMPLETED"
    card = create_card(emu, owner)
    moved = transfers.create(emu.api, owner["token"], transfers.transfer_body(
        emu.api, instrument("managed_accounts", account["id"]), instrument("managed_cards", card["id"]), amount))
    assert moved.status == 200 and moved.body["state"] == "COMPLETED", moved.body
    return card


__all__ = ["BILLING", "DELIVERY", "card_body", "create_card", "get_card", "funded_card", "verified_corporate",
           "create_account", "deposit"]
