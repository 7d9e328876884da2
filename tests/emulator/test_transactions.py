"""Transaction Activity (`GET /transactions`): the identity's activity across its instruments, from the
ledger, with scheduled transfers SUBMITTED until they run."""
from __future__ import annotations

from .control_plane import advance
from .test_managed_accounts import charge, create_account, deposit, verified_corporate
from .test_transfers import cancel, scheduled, transfer


def activity(emu, owner, query=""):
    answer = emu.call("GET", "/transactions", token=owner["token"], query=query)
    assert answer.status == 200, answer.body
    return answer.body


def test_a_transfer_between_two_own_accounts_is_two_items_sharing_its_id(emu):
    owner = verified_corporate(emu)
    savings, spending = create_account(emu, owner)["id"], create_account(emu, owner)["id"]
    deposit(emu, savings, 500)
    moved = transfer(emu, owner, savings, spending, 200).body["id"]
    body = activity(emu, owner)
    assert body["count"] == 3
    sides = {(t["instrument"]["id"], t["direction"]) for t in body["transactions"] if t["id"] == moved}
    assert sides == {(savings, "DEBIT"), (spending, "CREDIT")}
    nested = [t["transaction"] for t in body["transactions"] if t["id"] == moved]
    assert nested == [emu.call("GET", f"/transfers/{moved}", token=owner["token"]).body] * 2
    assert body["transactions"][-1]["type"] == "incoming_wire_transfers"  # most recent first
    assert [t["type"] for t in activity(emu, owner, "sortOrder=ASC")["transactions"]][0] == "incoming_wire_transfers"


def test_filters_by_type_direction_and_status(emu):
    owner = verified_corporate(emu)
    savings, spending = create_account(emu, owner)["id"], create_account(emu, owner)["id"]
    deposit(emu, savings, 500)
    transfer(emu, owner, savings, spending, 200)
    assert charge(emu, owner, savings).status == 200
    fees = activity(emu, owner, "type=fees")
    assert fees["count"] == 1
    listed = emu.call("GET", "/fees", token=owner["token"]).body["fees"]
    assert [fees["transactions"][0]["transaction"]] == listed, "a fee nests the fee transaction the fee list shows"
    assert activity(emu, owner, "direction=CREDIT")["count"] == 2
    assert activity(emu, owner, "type=transfers&direction=DEBIT")["transactions"][0]["instrument"]["id"] == savings
    assert activity(emu, owner, "status=PROCESSING")["count"] == 0
    assert activity(emu, owner, "limit=1")["responseCount"] == 1


def test_another_identitys_activity_is_never_shown(emu):
    owner, other = verified_corporate(emu), verified_corporate(emu)
    deposit(emu, create_account(emu, owner)["id"], 500)
    assert activity(emu, other) == {"transactions": [], "count": 0, "responseCount": 0}


def test_a_scheduled_transfer_is_submitted_until_it_runs_and_cancelled_when_cancelled(emu):
    owner = verified_corporate(emu)
    savings, spending = create_account(emu, owner)["id"], create_account(emu, owner)["id"]
    deposit(emu, savings, 500)
    later = transfer(emu, owner, savings, spending, 100, scheduledTimestamp=scheduled(emu, 60)).body["id"]
    kept = transfer(emu, owner, savings, spending, 100, scheduledTimestamp=scheduled(emu, 60)).body["id"]
    assert {t["status"] for t in activity(emu, owner)["transactions"] if t["id"] == later} == {"SUBMITTED"}
    cancel(emu, owner, kept)
    assert {t["status"] for t in activity(emu, owner)["transactions"] if t["id"] == kept} == {"CANCELLED"}
    advance(emu, 61)
    ran = [t for t in activity(emu, owner)["transactions"] if t["id"] == later]
    assert [t["status"] for t in ran] == ["COMPLETED", "COMPLETED"]
