"""Purchases on real cards (the cards area's model) and authorisation forwarding to the suite's receiver:
the request is signed and matches the webhook schema, and the programme's answer (or its silence) decides."""
from __future__ import annotations

import pytest

from schemas import load_contract
from support.receiver import APPROVED, DENIED, SILENT, UNKNOWN, Receiver

from .cards_helpers import create_card, funded_card, get_card, verified_corporate
from .control_plane import advance


@pytest.fixture
def receiver():
    found = Receiver(load_contract("multi"), api_key="", silence_seconds=2.0)
    found.start()
    yield found
    found.stop()


def forwarding_to(emu, receiver):
    receiver.api_key = emu.programme["apiKey"]
    assert emu.call("POST", "", {"url": receiver.url}, mount="/_emulator/forwarding").status == 200


def buy(emu, card_id, amount):
    answer = emu.simulate("POST", f"/cards/{card_id}/purchase",
                          {"merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": amount}})
    assert answer.status == 200, answer.body
    return answer.body["code"]


def test_a_purchase_on_a_real_card_holds_then_settles(emu):
    owner = verified_corporate(emu)
    card = funded_card(emu, owner, 2000)
    assert buy(emu, card["id"], 1250) == "APPROVED"
    assert get_card(emu, owner, card["id"])["balances"] == {"availableBalance": 750, "actualBalance": 2000}
    advance(emu, 61)
    assert get_card(emu, owner, card["id"])["balances"] == {"availableBalance": 750, "actualBalance": 750}


@pytest.mark.parametrize("decision, code", [(APPROVED, "APPROVED"), (DENIED, "DENIED_SPEND_CONTROL")])
def test_the_programme_decides_a_forwarded_purchase(emu, receiver, decision, code):
    owner = verified_corporate(emu)
    card = funded_card(emu, owner, 1000)
    forwarding_to(emu, receiver)
    receiver.answer(card["id"], decision)
    assert buy(emu, card["id"], 100) == code
    (delivery,) = receiver.received(card["id"])
    assert delivery.problems == []
    assert delivery.body["transactionAmount"] == {"currency": "EUR", "amount": 100}
    assert delivery.body["mode"] == "PREPAID_MODE"
    expected = 900 if decision == APPROVED else 1000
    assert get_card(emu, owner, card["id"])["balances"]["availableBalance"] == expected


@pytest.mark.parametrize("default, code", [("DECLINE", "DENIED_SPEND_CONTROL"), ("APPROVE", "APPROVED")])
def test_silence_falls_back_to_the_cards_default_decision(emu, receiver, default, code):
    owner = verified_corporate(emu)
    card = create_card(emu, owner, authForwardingDefaultTimeoutDecision=default)
    emu.app.world.ledger.deposit(("managed_cards", card["id"]), 500, ("transfers", "t1"))
    forwarding_to(emu, receiver)
    receiver.answer(card["id"], SILENT)
    assert buy(emu, card["id"], 100) == code
    payment = next(iter(emu.app.world.area("card_purchases").payments.values()))
    assert payment.events[0]["authForwardingDetails"]["innovatorTimedOut"] is True


def test_an_unknown_card_at_the_receiver_is_a_404_and_the_default_decides(emu, receiver):
    owner = verified_corporate(emu)
    card = create_card(emu, owner, authForwardingDefaultTimeoutDecision="DECLINE")
    emu.app.world.ledger.deposit(("managed_cards", card["id"]), 500, ("transfers", "t1"))
    forwarding_to(emu, receiver)
    receiver.answer(card["id"], UNKNOWN)
    assert buy(emu, card["id"], 100) == "DENIED_SPEND_CONTROL"
    assert [d.status for d in receiver.received(card["id"])] == [404]


def test_the_receiver_finds_a_bad_signature(emu, receiver):
    owner = verified_corporate(emu)
    card = funded_card(emu, owner, 1000)
    forwarding_to(emu, receiver)
    receiver.api_key = "another key"
    receiver.answer(card["id"], APPROVED)
    buy(emu, card["id"], 100)
    (delivery,) = receiver.received(card["id"])
    assert any("signature-v2" in p for p in delivery.problems), delivery.problems
