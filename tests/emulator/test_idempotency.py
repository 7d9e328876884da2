"""Idempotent replays: the payload counts; a replay moves money once."""
from __future__ import annotations

import json

from .test_managed_accounts import balances, create_account, deposit, verified_corporate


def fee(emu, corporate, account_id, fee_type="SETUP_FEE", ref="fee-1", raw=None):
    body = {"feeType": fee_type, "source": {"type": "managed_accounts", "id": account_id}}
    return emu.call("POST", "/corporates/fees/charge", body, token=corporate["token"], raw=raw,
                    headers={"idempotency-ref": ref})


def funded(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 1000)
    return corporate, account["id"]


def test_the_same_ref_and_body_replay_the_first_answer_and_move_money_once(emu):
    corporate, account_id = funded(emu)
    first, again = fee(emu, corporate, account_id), fee(emu, corporate, account_id)
    assert (first.status, again.status) == (200, 200)
    assert again.body == first.body
    assert balances(emu, corporate, account_id)["availableBalance"] == 900
    emu.app.world.ledger.check()


def test_key_order_and_spacing_do_not_make_another_body(emu):
    corporate, account_id = funded(emu)
    first = fee(emu, corporate, account_id)
    raw = json.dumps({"source": {"id": account_id, "type": "managed_accounts"}, "feeType": "SETUP_FEE"},
                     indent=2).encode()
    assert fee(emu, corporate, account_id, raw=raw).body == first.body
    assert balances(emu, corporate, account_id)["availableBalance"] == 900


def test_the_same_ref_with_another_body_is_a_new_request(emu):
    corporate, account_id = funded(emu)
    first = fee(emu, corporate, account_id, "SETUP_FEE")
    other = fee(emu, corporate, account_id, "MONTHLY_FEE")
    assert other.status == 200 and other.body["transactionId"] != first.body["transactionId"]
    assert balances(emu, corporate, account_id)["availableBalance"] == 1000 - 100 - 250
    # And each body keeps its own first answer.
    assert fee(emu, corporate, account_id, "SETUP_FEE").body == first.body
    assert balances(emu, corporate, account_id)["availableBalance"] == 650


def test_another_ref_is_another_request(emu):
    corporate, account_id = funded(emu)
    fee(emu, corporate, account_id, ref="a")
    fee(emu, corporate, account_id, ref="b")
    assert balances(emu, corporate, account_id)["availableBalance"] == 800


def test_a_replay_shows_the_answer_as_it_was_then(emu):
    corporate = verified_corporate(emu)
    headers = {"idempotency-ref": "acc-1"}
    body = {"profileId": emu.programme["profiles"]["managedAccounts"], "friendlyName": "Main", "currency": "EUR"}
    first = emu.call("POST", "/managed_accounts", body, token=corporate["token"], headers=headers)
    deposit(emu, first.body["id"], 500)
    again = emu.call("POST", "/managed_accounts", body, token=corporate["token"], headers=headers)
    assert again.body == first.body and again.body["balances"]["availableBalance"] == 0
