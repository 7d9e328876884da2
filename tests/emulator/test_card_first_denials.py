"""A Simulator purchase and a merchant refund meet the same first denials (card_purchases._card_and_amount):
an unknown card, then an amount that is not positive; neither moves money."""
from __future__ import annotations

import pytest

from .test_card_purchases import OWNER, FakeCard, balance, cards, world  # noqa: F401  (world: a fixture)


@pytest.mark.parametrize("action", ["purchase", "merchant_refund"])
@pytest.mark.parametrize("card_id, amount, code", [("2", 10, "DENIED_CARD_NOT_FOUND"),
                                                   ("1", 0, "DENIED_AMOUNT_NOT_POSITIVE")])
def test_an_unknown_card_or_a_non_positive_amount_is_denied_first(emu, world, action, card_id, amount, code):  # noqa: F811
    cards(world).add(FakeCard("1", OWNER), funds=1000)
    answer = emu.simulate("POST", f"/cards/{card_id}/{action}",
                          {"merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": amount}})
    assert (answer.status, answer.body) == (200, {"code": code})
    assert (balance(world).available, balance(world).actual) == (1000, 1000)
