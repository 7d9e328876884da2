"""Managed accounts in the emulator: create, get and list with their rules, the Simulator's deposit,
and custom fee charges deducted from an account."""
from __future__ import annotations

import json

import pytest

from support.driver import identities, managed_accounts

from .control_plane import advance, now_ms
from .helpers import Emu, create_account, deposit, verified_consumer, verified_corporate


def consumer(emu: Emu) -> dict:
    """A registered consumer with a password (its email unverified: the Simulator's verify does it)."""
    return identities.onboard(emu.api, "consumers").as_dict()


def account_body(emu: Emu, **overrides) -> dict:
    return managed_accounts.account_body(emu.api, **overrides)


def balances(emu: Emu, owner: dict, account_id: str) -> dict:
    answer = emu.call("GET", f"/managed_accounts/{account_id}", token=owner["token"])
    assert answer.status == 200, answer.body
    return answer.body["balances"]


def charge(emu: Emu, owner: dict, account_id: str, fee_type: str = "SETUP_FEE", area: str = "corporates"):
    return emu.call("POST", f"/{area}/fees/charge",
                    {"feeType": fee_type, "source": {"type": "managed_accounts", "id": account_id}},
                    token=owner["token"])


# -- create ----------------------------------------------------------------------------------
def test_a_verified_corporate_creates_an_active_empty_account(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate, tag="ops", lowBalanceThreshold=500)
    assert account["state"] == {"state": "ACTIVE"}
    assert account["balances"] == {"availableBalance": 0, "actualBalance": 0}
    assert account["currency"] == "EUR" and account["friendlyName"] == "Main"
    assert account["tag"] == "ops" and account["lowBalanceThreshold"] == 500
    assert account["profileId"] == emu.programme["profiles"]["managedAccounts"]
    assert account["id"].isdigit()


def test_a_verified_consumer_creates_an_account(emu):
    mine = verified_consumer(emu)
    assert create_account(emu, mine, currency="GBP")["currency"] == "GBP"


def test_creating_needs_no_step_up(emu):
    corporate = verified_corporate(emu)
    answer = emu.call("POST", "/managed_accounts", account_body(emu), token=corporate["token"])
    assert answer.status == 200


@pytest.mark.parametrize("verify", [False, True], ids=["registered", "email-verified-kyb-started"])
def test_an_identity_whose_due_diligence_is_not_approved_cannot_create(emu, verify):
    corporate = emu.corporate()
    if verify:
        assert emu.call("POST", "/corporates/verification/email/send", {"email": corporate["email"]}).status == 204
        assert emu.call("POST", "/corporates/verification/email/verify",
                        {"email": corporate["email"], "verificationCode": "123456"}).status == 204
        assert emu.call("POST", "/corporates/kyb", token=corporate["token"]).status == 200
    answer = emu.call("POST", "/managed_accounts", account_body(emu), token=corporate["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "OWNER_IDENTITY_NOT_VERIFIED"})


@pytest.mark.parametrize("overrides,code", [
    ({"profileId": "999"}, "PROFILE_NOT_FOUND"),
    ({"profileId": "101000000000000001"}, "PROFILE_NOT_FOUND"),  # the corporate profile
    ({"currency": "JPY"}, "CURRENCY_NOT_SUPPORTED_BY_PROFILE"),
])
def test_create_conflicts(emu, overrides, code):
    corporate = verified_corporate(emu)
    answer = emu.call("POST", "/managed_accounts", account_body(emu, **overrides), token=corporate["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": code})


@pytest.mark.parametrize("overrides,field,error", [
    ({"friendlyName": None}, "friendlyName", "REQUIRED"),
    ({"currency": "eur"}, "currency", "REGEX"),
    ({"friendlyName": "x" * 51}, "friendlyName", "SIZE"),
])
def test_create_rejects_an_invalid_request_naming_the_field(emu, overrides, field, error):
    corporate = verified_corporate(emu)
    body = {k: v for k, v in account_body(emu, **overrides).items() if v is not None}
    answer = emu.call("POST", "/managed_accounts", body, token=corporate["token"])
    assert answer.status == 400
    named = [(f["fieldName"], f["error"]) for f in answer.body["syntaxErrors"]["invalidFields"]]
    assert (field, error) in named


def test_create_needs_a_token(emu):
    assert emu.call("POST", "/managed_accounts", account_body(emu)).status == 401
    assert emu.call("POST", "/managed_accounts", account_body(emu), token="nope").status == 401


def test_an_idempotent_create_replays_the_first_answer(emu):
    corporate = verified_corporate(emu)
    headers = {"idempotency-ref": "acc-1"}
    first = emu.call("POST", "/managed_accounts", account_body(emu), token=corporate["token"], headers=headers)
    again = emu.call("POST", "/managed_accounts", account_body(emu), token=corporate["token"], headers=headers)
    assert first.body == again.body
    assert emu.call("GET", "/managed_accounts", token=corporate["token"]).body["count"] == 1


# -- get and list --------------------------------------------------------------------------------
def test_another_identitys_account_is_not_found(emu):
    owner, other = verified_corporate(emu), verified_corporate(emu)
    account = create_account(emu, owner)
    answer = emu.call("GET", f"/managed_accounts/{account['id']}", token=other["token"])
    assert answer.status == 404
    assert emu.call("GET", "/managed_accounts/123456789", token=owner["token"]).status == 404
    assert emu.call("GET", f"/managed_accounts/{account['id']}").status == 401


def test_the_list_holds_the_identitys_accounts_only_a_page_at_a_time(emu):
    owner, other = verified_corporate(emu), verified_corporate(emu)
    first = create_account(emu, owner, friendlyName="One")
    second = create_account(emu, owner, friendlyName="Two", currency="GBP", tag="t")
    create_account(emu, other)
    listed = emu.call("GET", "/managed_accounts", token=owner["token"]).body
    assert [a["id"] for a in listed["accounts"]] == [second["id"], first["id"]]
    assert (listed["count"], listed["responseCount"]) == (2, 2)
    page = emu.call("GET", "/managed_accounts", token=owner["token"], query="offset=1&limit=1").body
    assert [a["id"] for a in page["accounts"]] == [first["id"]]
    assert (page["count"], page["responseCount"]) == (2, 1)
    by_currency = emu.call("GET", "/managed_accounts", token=owner["token"], query="currency=GBP").body
    assert [a["id"] for a in by_currency["accounts"]] == [second["id"]]
    by_state = emu.call("GET", "/managed_accounts", token=owner["token"], query="state=BLOCKED").body
    assert by_state["count"] == 0
    assert emu.call("GET", "/managed_accounts", token=owner["token"], query="limit=0").status == 400


# -- deposit ---------------------------------------------------------------------------------------
def test_a_deposit_credits_both_balances(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    assert deposit(emu, account["id"], 100000) == "COMPLETED"
    assert balances(emu, corporate, account["id"]) == {"availableBalance": 100000, "actualBalance": 100000}


@pytest.mark.parametrize("amount,currency,code", [
    (0, "EUR", "DENIED_AMOUNT_NOT_POSITIVE"),
    (-5, "EUR", "DENIED_AMOUNT_NOT_POSITIVE"),
    (None, "EUR", "DENIED_AMOUNT_NOT_POSITIVE"),
    (100, "GBP", "DENIED_CURRENCY_NOT_ACCOUNT_CURRENCY"),
])
def test_a_denied_deposit_leaves_the_balance(emu, amount, currency, code):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    body = {"depositAmount": {"currency": currency, **({"amount": amount} if amount is not None else {})}}
    answer = emu.simulate("POST", f"/accounts/{account['id']}/deposit", body)
    assert (answer.status, answer.body) == (200, {"code": code})
    assert balances(emu, corporate, account["id"])["availableBalance"] == 0


def test_a_deposit_to_an_unknown_account_or_with_a_used_tx_id_is_denied(emu):
    assert deposit(emu, "42", 100) == "DENIED_ACCOUNT_NOT_FOUND"
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    assert deposit(emu, account["id"], 100, txId=777) == "COMPLETED"
    assert deposit(emu, account["id"], 100, txId=777) == "DENIED_INVALID_TX_ID"
    assert balances(emu, corporate, account["id"])["availableBalance"] == 100


def test_a_deposit_needs_the_programme_key(emu):
    answer = emu.call("POST", "/accounts/1/deposit", {"depositAmount": {"currency": "EUR", "amount": 1}},
                      api_key=None, mount="/simulate/api")
    assert answer.status == 401


# -- fee charges -------------------------------------------------------------------------------------
def test_a_fee_charge_is_deducted_from_the_account_and_listed(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 1000)
    answer = charge(emu, corporate, account["id"])
    assert answer.status == 200, answer.body
    assert answer.body["availableBalanceAdjustment"] == {"currency": "EUR", "amount": -100}
    assert answer.body["source"] == {"type": "managed_accounts", "id": account["id"]}
    assert balances(emu, corporate, account["id"]) == {"availableBalance": 900, "actualBalance": 900}
    fees = emu.call("GET", "/fees", token=corporate["token"]).body
    assert fees["count"] == 1 and fees["fees"][0]["instrument"]["id"] == account["id"]


def test_a_consumer_is_charged_in_the_accounts_currency(emu):
    mine = verified_consumer(emu)
    account = create_account(emu, mine, currency="GBP")
    deposit(emu, account["id"], 500, currency="GBP")
    answer = charge(emu, mine, account["id"], area="consumers")
    assert answer.status == 200, answer.body
    assert answer.body["availableBalanceAdjustment"] == {"currency": "GBP", "amount": -90}
    assert balances(emu, mine, account["id"])["availableBalance"] == 410


def test_a_fee_above_the_balance_is_refused_and_nothing_moves(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 99)
    answer = charge(emu, corporate, account["id"])
    assert (answer.status, answer.body) == (409, {"errorCode": "FUNDS_INSUFFICIENT"})
    assert balances(emu, corporate, account["id"])["availableBalance"] == 99
    assert emu.call("GET", "/fees", token=corporate["token"]).body["count"] == 0


def test_the_fee_equal_to_the_balance_empties_the_account(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 100)
    assert charge(emu, corporate, account["id"]).status == 200
    assert balances(emu, corporate, account["id"])["availableBalance"] == 0


def test_another_identitys_account_cannot_be_charged(emu):
    owner, other = verified_corporate(emu), verified_corporate(emu)
    account = create_account(emu, owner)
    deposit(emu, account["id"], 1000)
    answer = charge(emu, other, account["id"])
    assert (answer.status, answer.body) == (409, {"errorCode": "IDENTITY_NOT_OWNER_OF_INSTRUMENT"})
    assert balances(emu, owner, account["id"])["availableBalance"] == 1000


def test_a_fee_unpriced_in_the_accounts_currency_is_refused(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate, currency="USD")
    deposit(emu, account["id"], 1000, currency="USD")
    answer = charge(emu, corporate, account["id"], fee_type="MONTHLY_FEE")
    assert (answer.status, answer.body) == (409, {"errorCode": "UNRESOLVED_CURRENCY"})


# -- the ledger behind the balances ---------------------------------------------------------------
@pytest.mark.parametrize("amount", [1e308, 2**63, -(2**63) - 1])
def test_a_deposit_beyond_int64_is_an_invalid_request_and_moves_nothing(emu, amount):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    answer = emu.simulate("POST", f"/accounts/{account['id']}/deposit",
                          {"depositAmount": {"currency": "EUR", "amount": amount}})
    assert answer.status == 400
    assert answer.body["validation"]["fields"][0]["name"] == "depositAmount.amount"  # the Simulator's 400 shape
    assert balances(emu, corporate, account["id"]) == {"availableBalance": 0, "actualBalance": 0}


def test_a_deposit_that_would_take_the_balance_beyond_int64_is_denied(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    assert deposit(emu, account["id"], 2**63 - 1) == "COMPLETED"
    assert deposit(emu, account["id"], 1) == "DENIED_OTHER"
    assert balances(emu, corporate, account["id"]) == {"availableBalance": 2**63 - 1, "actualBalance": 2**63 - 1}
    emu.app.world.ledger.check()


def test_deposits_and_fees_are_ledger_entries_that_replay_to_the_balance(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 1000)
    assert charge(emu, corporate, account["id"]).status == 200
    statement = emu.app.world.ledger.statement(("managed_accounts", account["id"]))
    assert [(e.transaction[0], e.actual, e.actual_after) for e in statement] == [
        ("incoming_wire_transfers", 1000, 1000), ("fees", -100, 900)]
    assert balances(emu, corporate, account["id"])["actualBalance"] == statement[-1].actual_after
    emu.app.world.ledger.check()


# -- statement ----------------------------------------------------------------------------------
def statement(emu, owner, account_id, query: str = ""):
    answer = emu.call("GET", f"/managed_accounts/{account_id}/statement", token=owner["token"], query=query)
    assert answer.status == 200, answer.body
    return answer.body


def test_the_statement_is_the_ledgers_completed_entries_and_replays_to_the_balance(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 1000)
    charge(emu, corporate, account["id"])
    deposit(emu, account["id"], 50)
    body = statement(emu, corporate, account["id"])
    assert [(e["transaction"]["type"], e["balanceAdjustment"]["amount"], e["balanceAfter"]["amount"])
            for e in body["entries"]] == [("incoming_wire_transfers", 1000, 1000), ("fees", -100, 900),
                                          ("incoming_wire_transfers", 50, 950)]
    assert sum(e["balanceAdjustment"]["amount"] for e in body["entries"]) == \
        balances(emu, corporate, account["id"])["actualBalance"] == body["closingBalance"]["amount"]
    assert (body["openingBalance"]["amount"], body["count"], body["responseCount"]) == (0, 3, 3)


def test_the_statement_filters_by_period_and_type_and_pages(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 1000)
    advance(emu, 60)
    start = now_ms(emu)
    charge(emu, corporate, account["id"])
    deposit(emu, account["id"], 50)
    body = statement(emu, corporate, account["id"], f"startPeriod={start}")
    assert (body["openingBalance"]["amount"], body["closingBalance"]["amount"], body["count"]) == (1000, 950, 2)
    fees = statement(emu, corporate, account["id"], "transaction.type=fees")
    assert [e["transaction"]["type"] for e in fees["entries"]] == ["fees"]
    page = statement(emu, corporate, account["id"], "sortOrder=DESC&limit=1")
    assert (page["count"], page["responseCount"], page["entries"][0]["balanceAfter"]["amount"]) == (3, 1, 950)


def test_another_identitys_statement_is_not_found(emu):
    corporate, other = verified_corporate(emu), verified_corporate(emu)
    account = create_account(emu, corporate)
    answer = emu.call("GET", f"/managed_accounts/{account['id']}/statement", token=other["token"])
    assert answer.status == 404


def test_the_state_dump_shows_the_ledger_and_the_accounts_as_json(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 100)
    answer = emu.call("GET", "", mount="/_emulator/state")
    assert answer.status == 200
    dumped = json.loads(json.dumps(answer.body))
    (entry,) = dumped["ledger"][f"managed_accounts:{account['id']}"]["entries"]
    assert (entry["actual"], entry["actual_after"]) == (100, 100)
    assert dumped["areas"]["managed_accounts"]["managedAccounts"][0]["owner"] == {"type": "CORPORATE",
                                                                                   "id": corporate["id"]}


# -- transactions -------------------------------------------------------------------------------
def transactions(emu, owner, account_id, query: str = "") -> dict:
    answer = emu.call("GET", f"/managed_accounts/{account_id}/transactions", token=owner["token"], query=query)
    assert answer.status == 200, answer.body
    return answer.body


def test_the_transactions_list_the_ledgers_activity_pending_included(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 1000)
    charge(emu, corporate, account["id"])
    # A pending movement (what a card authorisation will be) shows as PROCESSING, not in the statement; held on
    # the ledger directly, so the account's view is tested apart from any card.
    emu.app.world.instruments.hold(("managed_accounts", account["id"]), 30, ("card_payments", "77"))
    body = transactions(emu, corporate, account["id"])
    assert [(t["type"], t["status"], t["direction"], t["amount"]["amount"]) for t in body["transactions"]] == [
        ("card_payments", "PROCESSING", "DEBIT", 30), ("fees", "COMPLETED", "DEBIT", 100),
        ("incoming_wire_transfers", "COMPLETED", "CREDIT", 1000)]
    assert statement(emu, corporate, account["id"])["count"] == 2
    assert balances(emu, corporate, account["id"]) == {"availableBalance": 870, "actualBalance": 900}
    debits = transactions(emu, corporate, account["id"], "direction=DEBIT&status=COMPLETED")
    assert [t["type"] for t in debits["transactions"]] == ["fees"]
    page = transactions(emu, corporate, account["id"], "type=incoming_wire_transfers,fees&sortOrder=ASC&limit=1")
    assert (page["count"], page["responseCount"]) == (2, 1)
    assert page["transactions"][0]["type"] == "incoming_wire_transfers"


def test_a_fee_the_programme_prices_at_zero_is_not_set_and_nothing_moves(emu):
    emu.programme["customFees"]["FREE_FEE"] = {"EUR": 0}
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 100)
    answer = charge(emu, corporate, account["id"], "FREE_FEE")
    assert (answer.status, answer.body) == (409, {"errorCode": "FEE_AMOUNT_NOT_SET"})
    assert balances(emu, corporate, account["id"])["actualBalance"] == 100
