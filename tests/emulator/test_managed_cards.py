"""Managed cards in the emulator: the card model (create in both modes, read, list) and what other areas
call on the backend."""
from __future__ import annotations

import pytest

from .cards_helpers import card_body, create_account, create_card, get_card, verified_corporate
from .test_managed_accounts import consumer


def _luhn_ok(number: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(number)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def test_a_prepaid_card_is_active_virtual_and_empty(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate, tag="trips", renewalType="RENEW")
    assert card["mode"] == "PREPAID_MODE" and card["currency"] == "EUR"
    assert card["state"] == {"state": "ACTIVE"} and card["type"] == "VIRTUAL"
    assert card["balances"] == {"availableBalance": 0, "actualBalance": 0}
    assert card["friendlyName"] == "Travel" and card["nameOnCard"] == "Ann Lee" and card["tag"] == "trips"
    assert card["renewalType"] == "RENEW" and card["cardLevelClassification"] == "CORPORATE"
    assert "parentManagedAccountId" not in card and "availableToSpend" not in card
    assert get_card(emu, corporate, card["id"]) == card


def test_the_card_number_and_cvv_are_answered_as_tokens_not_the_secrets(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    record = emu.app.world.area("managed_cards").card(card["id"])
    assert len(record.card_number) == 16 and _luhn_ok(record.card_number)
    assert card["cardNumberFirstSix"] == record.card_number[:6]
    assert card["cardNumberLastFour"] == record.card_number[-4:]
    assert card["cardNumber"]["value"] != record.card_number and not card["cardNumber"]["value"].isdigit()
    assert card["cvv"]["value"] != record.cvv and len(card["cvv"]["value"]) == 3
    assert record.card_number not in str(emu.app.world.dump())


def test_a_debit_card_spends_from_its_parent_account(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate, currency="GBP")
    card = create_card(emu, corporate, "DEBIT_MODE", parentManagedAccountId=account["id"])
    assert card["mode"] == "DEBIT_MODE" and card["currency"] == "GBP"
    assert card["parentManagedAccountId"] == account["id"]
    assert card["availableToSpend"] == [] and "balances" not in card
    cards = emu.app.world.area("managed_cards")
    assert cards.mode_of(card["id"]) == "DEBIT_MODE"
    assert cards.ledger_instrument(card["id"]) == ("managed_accounts", account["id"])


def test_a_prepaid_card_is_its_own_ledger_instrument(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    world = emu.app.world
    cards = world.area("managed_cards")
    assert cards.ledger_instrument(card["id"]) == ("managed_cards", card["id"])
    assert world.instruments.currency(("managed_cards", card["id"])) == "EUR"
    assert world.instruments.owner_of(("managed_cards", card["id"])).id == corporate["id"]
    assert world.instruments.state(("managed_cards", card["id"])) == "ACTIVE"


def test_set_state_blocks_with_a_reason_and_a_destroyed_card_stays_destroyed(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    cards = emu.app.world.area("managed_cards")
    cards.set_state(card["id"], "BLOCKED", "SINGLE_SPEND")
    assert get_card(emu, corporate, card["id"])["state"] == {"state": "BLOCKED", "blockedReason": "SINGLE_SPEND"}
    cards.set_state(card["id"], "DESTROYED", "SINGLE_SPEND")
    with pytest.raises(ValueError):
        cards.set_state(card["id"], "ACTIVE")
    assert cards.state_of(card["id"]) == "DESTROYED"


@pytest.mark.parametrize("mode, missing", [("PREPAID_MODE", "currency"), ("DEBIT_MODE", "parentManagedAccountId")])
def test_each_mode_requires_its_own_field(emu, mode, missing):
    corporate = verified_corporate(emu)
    body = card_body(emu, mode)
    body.pop(missing, None)
    answer = emu.call("POST", "/managed_cards", body, token=corporate["token"])
    assert answer.status == 400
    assert answer.body["syntaxErrors"]["invalidFields"] == [{"fieldName": missing, "error": "REQUIRED", "params": []}]


def test_an_unknown_mode_is_a_400(emu):
    corporate = verified_corporate(emu)
    answer = emu.call("POST", "/managed_cards", card_body(emu, mode="CREDIT_MODE", currency="EUR"),
                      token=corporate["token"])
    assert answer.status == 400 and answer.body["syntaxErrors"]["invalidFields"][0]["fieldName"] == "mode"


@pytest.mark.parametrize("change, code", [
    ({"profileId": "999"}, "PROFILE_NOT_FOUND"),
    ({"currency": "JPY"}, "CURRENCY_NOT_SUPPORTED_BY_PROFILE"),
    ({"digitalWallets": {"walletsEnabled": True}}, "WALLETS_NOT_ENABLED"),
])
def test_create_conflicts(emu, change, code):
    corporate = verified_corporate(emu)
    answer = emu.call("POST", "/managed_cards", card_body(emu, **change), token=corporate["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": code})


def test_the_prepaid_profile_does_not_issue_debit_cards(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    body = card_body(emu, "DEBIT_MODE", parentManagedAccountId=account["id"],
                     profileId=emu.programme["profiles"]["managedCards"])
    answer = emu.call("POST", "/managed_cards", body, token=corporate["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "PROFILE_TYPE_MISMATCH"})


def test_a_debit_card_needs_an_account_of_the_same_identity(emu):
    corporate, other = verified_corporate(emu), verified_corporate(emu)
    account = create_account(emu, other)
    answer = emu.call("POST", "/managed_cards", card_body(emu, "DEBIT_MODE", parentManagedAccountId=account["id"]),
                      token=corporate["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "PARENT_MANAGED_ACCOUNT_NOT_FOUND"})


def test_an_unverified_identity_cannot_create_a_card(emu):
    unverified = consumer(emu)
    answer = emu.call("POST", "/managed_cards", card_body(emu), token=unverified["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "OWNER_IDENTITY_NOT_VERIFIED"})


def test_another_identitys_card_is_not_found_nor_listed(emu):
    corporate, other = verified_corporate(emu), verified_corporate(emu)
    card = create_card(emu, corporate)
    assert emu.call("GET", f"/managed_cards/{card['id']}", token=other["token"]).status == 404
    assert emu.call("GET", "/managed_cards", token=other["token"]).body["count"] == 0


def test_the_list_filters_by_mode_and_state(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    prepaid = create_card(emu, corporate)
    debit = create_card(emu, corporate, "DEBIT_MODE", parentManagedAccountId=account["id"])
    listed = emu.call("GET", "/managed_cards", token=corporate["token"]).body
    assert [c["id"] for c in listed["cards"]] == [debit["id"], prepaid["id"]] and listed["count"] == 2
    only_debit = emu.call("GET", "/managed_cards", token=corporate["token"], query="mode=DEBIT_MODE").body
    assert [c["id"] for c in only_debit["cards"]] == [debit["id"]]
    active = emu.call("GET", "/managed_cards", token=corporate["token"], query="state=ACTIVE").body
    assert active["count"] == 2
