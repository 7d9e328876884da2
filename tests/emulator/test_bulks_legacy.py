"""The deprecated bulk operations, served outside the contract with the shapes of their single counterparts:
each item runs through the single operation's checks and handler."""
from __future__ import annotations

import pytest

from .send_helpers import parties, send, send_body
from .test_managed_accounts import balances

PATHS = ("/sends/bulk/create", "/sends/bulk/cancel", "/outgoing_wire_transfers/bulk/create",
         "/outgoing_wire_transfers/bulk/cancel")


@pytest.mark.parametrize("path", PATHS)
def test_each_needs_the_api_key_and_a_token(emu, path):
    sender, *_ = parties(emu, funds=0)
    assert emu.call("POST", path, {"cancellations": []}).status == 401
    assert emu.call("POST", path, {"cancellations": []}, token=sender["token"], api_key="wrong").status == 401


@pytest.mark.parametrize("body", [[], {"sends": []}, {"sends": [1]}, {"sends": "x"}])
def test_a_create_without_a_list_of_objects_is_refused(emu, body):
    sender, *_ = parties(emu, funds=0)
    answer = emu.call("POST", "/sends/bulk/create", body, token=sender["token"])
    assert answer.status == 400 and "message" in answer.body


def test_a_bulk_create_answers_what_send_create_answers_for_each(emu):
    sender, savings, receiver, wallet = parties(emu)
    items = [send_body(emu, savings, wallet, amount) for amount in (2000, 500)]
    answer = emu.call("POST", "/sends/bulk/create", {"sends": items}, token=sender["token"])
    assert answer.status == 200, answer.body
    made = answer.body["sends"]
    assert [s["destinationAmount"]["amount"] for s in made] == [2000, 500]
    assert [s["state"] for s in made] == ["PENDING_CHALLENGE", "COMPLETED"]  # the single operation's SCA rules
    for item in made:
        assert emu.call("GET", f"/sends/{item['id']}", token=sender["token"]).body["id"] == item["id"]
    assert balances(emu, receiver, wallet)["actualBalance"] == 500


def test_the_first_refused_item_is_the_answer_and_the_rest_do_not_run(emu):
    sender, savings, receiver, wallet = parties(emu, funds=1000)
    items = [send_body(emu, savings, wallet, 500), send_body(emu, savings, wallet, 5000),
             send_body(emu, savings, wallet, 100)]
    answer = emu.call("POST", "/sends/bulk/create", {"sends": items}, token=sender["token"])
    assert answer.status == 409, answer.body
    assert balances(emu, receiver, wallet)["actualBalance"] == 500


def test_a_bulk_cancel_answers_each_item_by_the_single_cancel(emu):
    sender, savings, receiver, wallet = parties(emu)
    done = send(emu, sender, savings, wallet, 500).body["id"]
    answer = emu.call("POST", "/sends/bulk/cancel", {"cancellations": [{"id": done}, {"id": "999999999"}]},
                      token=sender["token"])
    assert answer.status == 200
    first, unknown = answer.body["cancellations"]
    assert first["id"] == done and first["state"] == "ERROR" and first["errorCode"] != "INVALID"
    assert unknown == {"id": "999999999", "state": "ERROR", "errorCode": "NOT_FOUND"}
