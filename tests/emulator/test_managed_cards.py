"""Managed cards in the emulator: the card model (create in both modes, read, list) and what other areas
call on the backend."""
from __future__ import annotations

import pytest

from .cards_helpers import card_body, create_account, create_card, get_card, verified_corporate
from .control_plane import outbox
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


def test_a_card_is_found_by_its_number_for_the_simulators_purchase_by_details(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    cards = emu.app.world.area("managed_cards")
    number = cards.card(card["id"]).card_number
    spaced = " ".join(number[i:i + 4] for i in range(0, 16, 4))
    assert cards.card_by_number(spaced).id == card["id"]
    assert cards.card_by_number("5" * 16) is None


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


# -- lifecycle -------------------------------------------------------------------------------
def _post(emu, owner, card_id, action, body=None):
    return emu.call("POST", f"/managed_cards/{card_id}/{action}", body, token=owner["token"])


def test_block_then_unblock_a_card_the_user_blocked(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    assert _post(emu, corporate, card["id"], "block").status == 204
    assert get_card(emu, corporate, card["id"])["state"] == {"state": "BLOCKED", "blockedReason": "USER"}
    again = _post(emu, corporate, card["id"], "block")
    assert (again.status, again.body) == (409, {"errorCode": "INSTRUMENT_ALREADY_BLOCKED"})
    assert _post(emu, corporate, card["id"], "unblock").status == 204
    assert get_card(emu, corporate, card["id"])["state"] == {"state": "ACTIVE"}
    twice = _post(emu, corporate, card["id"], "unblock")
    assert (twice.status, twice.body) == (409, {"errorCode": "INSTRUMENT_NOT_BLOCKED"})
    events = [e.payload["eventType"] for e in outbox(emu, "managed_cards_state_change_watch")]
    assert events == ["BLOCKED", "UNBLOCKED"]


@pytest.mark.parametrize("reason", ["SYSTEM", "SINGLE_SPEND"])
def test_a_card_the_system_blocked_stays_blocked(emu, reason):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    emu.app.world.area("managed_cards").set_state(card["id"], "BLOCKED", reason)  # the system's block: no API call
    answer = _post(emu, corporate, card["id"], "unblock")
    assert (answer.status, answer.body) == (403, {"errorCode": "INSUFFICIENT_PERMISSIONS"})
    assert get_card(emu, corporate, card["id"])["state"] == {"state": "BLOCKED", "blockedReason": reason}


def test_remove_needs_a_zero_balance_and_is_final(emu):
    from .cards_helpers import funded_card
    corporate = verified_corporate(emu)
    card = funded_card(emu, corporate, 500)
    refused = _post(emu, corporate, card["id"], "remove")
    assert (refused.status, refused.body) == (409, {"errorCode": "BALANCE_NOT_ZERO"})
    assert get_card(emu, corporate, card["id"])["state"] == {"state": "ACTIVE"}
    empty = create_card(emu, corporate)
    assert _post(emu, corporate, empty["id"], "remove").status == 204
    assert get_card(emu, corporate, empty["id"])["state"] == {"state": "DESTROYED", "destroyedReason": "USER"}
    for action, code in (("remove", "INSTRUMENT_ALREADY_REMOVED"), ("block", "INSTRUMENT_DESTROYED"),
                         ("unblock", "INSTRUMENT_DESTROYED")):
        answer = _post(emu, corporate, empty["id"], action)
        assert (answer.status, answer.body) == (409, {"errorCode": code}), action
    patch = emu.call("PATCH", f"/managed_cards/{empty['id']}", {"friendlyName": "x"}, token=corporate["token"])
    assert (patch.status, patch.body) == (409, {"errorCode": "INSTRUMENT_DESTROYED"})


def test_update_changes_the_fields_sent_and_nothing_else(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    patch = {"friendlyName": "Fuel", "tag": "fleet", "authForwardingDefaultTimeoutDecision": "DECLINE"}
    answer = emu.call("PATCH", f"/managed_cards/{card['id']}", patch, token=corporate["token"])
    assert answer.status == 200
    assert {k: answer.body[k] for k in patch} == patch
    assert answer.body["nameOnCard"] == card["nameOnCard"]
    assert get_card(emu, corporate, card["id"]) == answer.body
    physical_only = emu.call("PATCH", f"/managed_cards/{card['id']}", {"deliveryMethod": "COURIER"},
                             token=corporate["token"])
    assert (physical_only.status, physical_only.body) == (409, {"errorCode": "INSTRUMENT_NOT_PHYSICAL"})


def test_statements_and_transactions_are_read_from_the_ledger(emu):
    from .cards_helpers import funded_card
    corporate = verified_corporate(emu)
    card = funded_card(emu, corporate, 700)
    statement = emu.call("GET", f"/managed_cards/{card['id']}/statement", token=corporate["token"]).body
    assert [e["balanceAdjustment"]["amount"] for e in statement["entries"]] == [700]
    assert statement["closingBalance"] == {"currency": "EUR", "amount": 700}
    old = emu.call("GET", f"/deprecated/managed_cards/{card['id']}/statement", token=corporate["token"]).body
    assert old["entry"][0]["transactionId"]["type"] == "TRANSFER" and old["endBalance"]["amount"] == 700
    listed = emu.call("GET", f"/managed_cards/{card['id']}/transactions", token=corporate["token"]).body
    (item,) = listed["transactions"]
    assert (item["type"], item["direction"], item["amount"]["amount"]) == ("transfers", "CREDIT", 700)
    one = emu.call("GET", f"/managed_cards/{card['id']}/transactions/{item['id']}", token=corporate["token"])
    assert one.status == 200 and one.body == item
    missing = emu.call("GET", f"/managed_cards/{card['id']}/transactions/1", token=corporate["token"])
    assert missing.status == 404


def test_spend_rules_answer_in_the_card_level_and_the_deprecated_top_level_fields(emu):
    """AllLevelSpendRules lists each card rule twice: deprecated at the top ("use cardLevelSpendRules.<name>
    instead") and under cardLevelSpendRules. Both hold the card's rules; rolloverPolicy is only card-level."""
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    path = f"/managed_cards/{card['id']}/spend_rules"
    assert emu.call("GET", path, token=corporate["token"]).body == {"cardLevelSpendRules": {}}
    rules = {"blockedMerchantCategories": ["5411"], "allowAtm": False, "minTransactionAmount": 10,
             "rolloverPolicy": {"rolloverNegative": False}}
    assert emu.call("POST", path, rules, token=corporate["token"]).status == 204
    answer = emu.call("GET", path, token=corporate["token"]).body
    assert answer == {"blockedMerchantCategories": ["5411"], "allowAtm": False, "minTransactionAmount": 10,
                      "cardLevelSpendRules": rules}
