"""Managed accounts after creation: update, block and unblock with their reasons, remove with a zero
balance, IBAN upgrade, the deprecated statement and one transaction."""
from __future__ import annotations

import pytest

from emulator.instruments.iban import is_valid_iban

from .test_managed_accounts import balances, create_account, deposit, verified_corporate
from .test_transfers import transfer


@pytest.fixture
def owned(emu):
    owner = verified_corporate(emu)
    return owner, create_account(emu, owner, tag="ops", lowBalanceThreshold=100)["id"]


def read(emu, owner, account_id):
    answer = emu.call("GET", f"/managed_accounts/{account_id}", token=owner["token"])
    assert answer.status == 200, answer.body
    return answer.body


def post(emu, owner, account_id, action):
    return emu.call("POST", f"/managed_accounts/{account_id}/{action}", token=owner["token"])


# -- update -------------------------------------------------------------------------------------
def test_update_changes_each_field_sent_and_nothing_else(emu, owned):
    owner, account = owned
    answer = emu.call("PATCH", f"/managed_accounts/{account}", {"friendlyName": "Rainy day", "tag": "reserve"},
                      token=owner["token"])
    assert answer.status == 200, answer.body
    assert answer.body == read(emu, owner, account)
    assert (answer.body["friendlyName"], answer.body["tag"], answer.body["lowBalanceThreshold"]) == (
        "Rainy day", "reserve", 100)


def test_a_threshold_sent_wins_over_clearing_it_and_clearing_removes_it(emu, owned):
    owner, account = owned
    path = f"/managed_accounts/{account}"
    both = emu.call("PATCH", path, {"lowBalanceThreshold": 250, "clearLowBalanceThreshold": True},
                    token=owner["token"])
    assert both.body["lowBalanceThreshold"] == 250
    cleared = emu.call("PATCH", path, {"clearLowBalanceThreshold": True}, token=owner["token"])
    assert "lowBalanceThreshold" not in cleared.body


def test_update_refuses_another_identitys_account_and_a_bad_name(emu, owned):
    owner, account = owned
    other = verified_corporate(emu)
    path = f"/managed_accounts/{account}"
    assert emu.call("PATCH", path, {"friendlyName": "Mine"}, token=other["token"]).status == 404
    bad = emu.call("PATCH", path, {"friendlyName": ""}, token=owner["token"])
    assert bad.status == 400 and bad.body["syntaxErrors"]["invalidFields"][0]["fieldName"] == "friendlyName"
    assert read(emu, owner, account)["friendlyName"] == "Main"


# -- block, unblock ---------------------------------------------------------------------------------
def test_the_user_blocks_and_unblocks(emu, owned):
    owner, account = owned
    assert post(emu, owner, account, "block").status == 204
    assert read(emu, owner, account)["state"] == {"state": "BLOCKED", "blockedReason": "USER"}
    assert post(emu, owner, account, "block").body == {"errorCode": "INSTRUMENT_ALREADY_BLOCKED"}
    assert post(emu, owner, account, "unblock").status == 204
    assert read(emu, owner, account)["state"] == {"state": "ACTIVE"}
    assert post(emu, owner, account, "unblock").body == {"errorCode": "INSTRUMENT_NOT_BLOCKED"}


def test_a_block_by_the_system_cannot_be_unblocked_by_the_user(emu, owned):
    owner, account = owned
    # Only Weavr's systems block this way; no API call does.
    emu.app.world.area("managed_accounts").block(emu.app.world.area("managed_accounts").by_id[account], "SYSTEM")
    assert post(emu, owner, account, "unblock").body == {"errorCode": "INSTRUMENT_INACTIVE"}
    assert read(emu, owner, account)["state"] == {"state": "BLOCKED", "blockedReason": "SYSTEM"}


def test_a_blocked_account_takes_no_deposit_nor_transfer(emu, owned):
    owner, account = owned
    other = create_account(emu, owner)["id"]
    deposit(emu, other, 300)
    post(emu, owner, account, "block")
    assert deposit(emu, account, 100) == "DENIED_ACCOUNT_INACTIVE"
    assert transfer(emu, owner, other, account, 100).body == {"errorCode": "DESTINATION_INSTRUMENT_BLOCKED"}
    post(emu, owner, account, "unblock")
    assert transfer(emu, owner, other, account, 100).body["state"] == "COMPLETED"


def test_block_and_unblock_refuse_another_identitys_account(emu, owned):
    owner, account = owned
    other = verified_corporate(emu)
    assert post(emu, other, account, "block").status == 404
    assert post(emu, other, account, "unblock").status == 404
    assert read(emu, owner, account)["state"] == {"state": "ACTIVE"}


# -- remove -------------------------------------------------------------------------------------------
def test_an_account_with_money_cannot_be_removed_and_an_empty_one_is_destroyed_for_good(emu, owned):
    owner, account = owned
    other = create_account(emu, owner)["id"]
    deposit(emu, account, 100)
    assert post(emu, owner, account, "remove").body == {"errorCode": "BALANCE_NOT_ZERO"}
    transfer(emu, owner, account, other, 100)
    assert post(emu, owner, account, "remove").status == 204
    assert read(emu, owner, account)["state"] == {"state": "DESTROYED", "destroyedReason": "USER"}
    assert post(emu, owner, account, "remove").body == {"errorCode": "INSTRUMENT_ALREADY_REMOVED"}
    assert post(emu, owner, account, "block").body == {"errorCode": "INSTRUMENT_DESTROYED"}
    assert post(emu, owner, account, "unblock").body == {"errorCode": "INSTRUMENT_DESTROYED"}
    assert transfer(emu, owner, other, account, 10).body == {"errorCode": "DESTINATION_INSTRUMENT_DESTROYED"}


def test_an_account_whose_money_is_all_held_still_has_a_balance(emu, owned):
    owner, account = owned
    deposit(emu, account, 100)
    # A hold, released, then a debit, straight on the ledger: the account's rule apart from what moves money.
    world = emu.app.world
    hold = world.instruments.hold(("managed_accounts", account), 100, ("card_payments", "1"))
    assert balances(emu, owner, account) == {"availableBalance": 0, "actualBalance": 100}
    assert post(emu, owner, account, "remove").body == {"errorCode": "BALANCE_NOT_ZERO"}
    world.instruments.release(hold)
    world.instruments.debit(("managed_accounts", account), 100, ("fees", "2"))
    assert post(emu, owner, account, "remove").status == 204


# -- IBAN ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("currency, rail, keys", [("EUR", "SEPA", {"iban", "bankIdentifierCode"}),
                                                  ("GBP", "FASTER_PAYMENTS", {"sortCode", "accountNumber"}),
                                                  ("USD", "SWIFT", {"iban", "code"})])
def test_an_iban_upgrade_allocates_bank_details_in_the_accounts_currency(emu, currency, rail, keys):
    owner = verified_corporate(emu)
    account = create_account(emu, owner, currency=currency)["id"]
    before = emu.call("GET", f"/managed_accounts/{account}/iban", token=owner["token"])
    assert before.body == {"state": "UNALLOCATED", "bankAccountDetails": []}
    upgraded = post(emu, owner, account, "iban")
    assert upgraded.status == 200, upgraded.body
    assert upgraded.body["state"] == "ALLOCATED"
    (details,) = upgraded.body["bankAccountDetails"]
    assert details["type"] == rail and set(details["details"]) == keys
    assert details["beneficiaryNameAndSurname"] == "Acme"
    if "iban" in keys:
        assert is_valid_iban(details["details"]["iban"])
    assert emu.call("GET", f"/managed_accounts/{account}/iban", token=owner["token"]).body == upgraded.body
    assert post(emu, owner, account, "iban").body == {"errorCode": "INSTRUMENT_ALREADY_UPGRADED_TO_IBAN"}


def test_only_an_active_account_is_upgraded(emu, owned):
    owner, account = owned
    post(emu, owner, account, "block")
    assert post(emu, owner, account, "iban").body == {"errorCode": "INSTRUMENT_IS_NOT_ACTIVE"}
    other = verified_corporate(emu)
    assert post(emu, other, account, "iban").status == 404
    assert emu.call("GET", f"/managed_accounts/{account}/iban", token=other["token"]).status == 404


# -- the deprecated statement and one transaction ------------------------------------------------------
def test_the_deprecated_statement_holds_the_same_entries_in_the_older_shape(emu, owned):
    owner, account = owned
    other = create_account(emu, owner)["id"]
    deposit(emu, account, 500)
    moved = transfer(emu, owner, account, other, 200).body["id"]
    old = emu.call("GET", f"/deprecated/managed_accounts/{account}/statement", token=owner["token"],
                   query="orderByTimestamp=ASC")
    assert old.status == 200, old.body
    newest_first = emu.call("GET", f"/deprecated/managed_accounts/{account}/statement", token=owner["token"]).body
    assert newest_first["entry"] == old.body["entry"][::-1], "unordered, the description says descending"
    new = emu.call("GET", f"/managed_accounts/{account}/statement", token=owner["token"]).body
    assert old.body["count"] == new["count"] == 2
    assert [e["transactionId"]["type"] for e in old.body["entry"]] == ["DEPOSIT", "TRANSFER"]
    assert old.body["entry"][1]["transactionId"]["id"] == moved
    assert [e["transactionAmount"]["amount"] for e in old.body["entry"]] == [
        e["balanceAdjustment"]["amount"] for e in new["entries"]] == [500, -200]
    assert [e["balanceAfter"]["amount"] for e in old.body["entry"]] == [500, 300]
    assert (old.body["startBalance"]["amount"], old.body["endBalance"]["amount"]) == (0, 300)
    desc = emu.call("GET", f"/deprecated/managed_accounts/{account}/statement", token=owner["token"],
                    query="orderByTimestamp=DESC&statementLimit=1&transactionType=TRANSFER").body
    assert desc["count"] == 1 and desc["entry"][0]["transactionId"]["id"] == moved


def test_one_transaction_of_the_account_is_read_by_its_id(emu, owned):
    owner, account = owned
    other = create_account(emu, owner)["id"]
    deposit(emu, account, 500)
    moved = transfer(emu, owner, account, other, 200).body["id"]
    mine = emu.call("GET", f"/managed_accounts/{account}/transactions/{moved}", token=owner["token"])
    assert mine.status == 200, mine.body
    assert (mine.body["id"], mine.body["type"], mine.body["direction"], mine.body["status"]) == (
        moved, "transfers", "DEBIT", "COMPLETED")
    assert mine.body["amount"] == {"currency": "EUR", "amount": 200}
    theirs = emu.call("GET", f"/managed_accounts/{other}/transactions/{moved}", token=owner["token"]).body
    assert theirs["direction"] == "CREDIT"
    assert emu.call("GET", f"/managed_accounts/{account}/transactions/999999", token=owner["token"]).status == 404
    stranger = verified_corporate(emu)
    assert emu.call("GET", f"/managed_accounts/{account}/transactions/{moved}",
                    token=stranger["token"]).status == 404
    assert balances(emu, owner, account)["actualBalance"] == 300
