"""Linked accounts: the verification run decides the state, every change is a linked_accounts_watch event,
and the wires area's `match` recognises only an ACTIVE account's details."""
from __future__ import annotations

from emulator.services import Owner

from .contract_cases import verified
from .contract_cases_linked_accounts import IBAN, declaration, linked
from .control_plane import outbox


def _get(emu, corporate, account_id, suffix=""):
    answer = emu.call("GET", f"/linked_accounts/{account_id}{suffix}", token=corporate["token"])
    assert answer.status == 200, answer.body
    return answer.body


def test_a_run_is_verified_only_once_every_step_is_completed(emu):
    corporate, account_id = linked(emu)
    emu.simulate("POST", f"/linked_accounts/{account_id}/verify", {"result": "COMPLETED", "steps": ["INTERNAL_CHECKS"]})
    run = _get(emu, corporate, account_id, "/verifications")["verificationRuns"][0]
    assert run["state"] == "PENDING"
    assert {s["step"]: s["status"] for s in run["verificationSteps"]} == {
        "INTERNAL_CHECKS": "COMPLETED", "USER_DECLARATION_SCA_CHALLENGE": "PENDING_USER"}
    assert _get(emu, corporate, account_id)["state"] == "PENDING_VERIFICATION"
    emu.simulate("POST", f"/linked_accounts/{account_id}/verify",
                 {"result": "COMPLETED", "steps": ["USER_DECLARATION_SCA_CHALLENGE"]})
    run = _get(emu, corporate, account_id, "/verifications")["verificationRuns"][0]
    assert run["state"] == "VERIFIED" and "completedTimestamp" in run
    assert _get(emu, corporate, account_id)["state"] == "ACTIVE"


def test_a_rejected_step_rejects_the_account_and_it_cannot_be_verified_after(emu):
    corporate, account_id = linked(emu)
    emu.simulate("POST", f"/linked_accounts/{account_id}/verify", {"result": "REJECTED", "steps": ["INTERNAL_CHECKS"]})
    assert _get(emu, corporate, account_id)["state"] == "REJECTED"
    again = emu.simulate("POST", f"/linked_accounts/{account_id}/verify", {"result": "COMPLETED"})
    assert (again.status, again.body) == (409, {"errorCode": "ALREADY_REJECTED"})
    assert _get(emu, corporate, account_id)["state"] == "REJECTED"


def test_another_identitys_linked_account_is_not_found_nor_listed(emu):
    _, account_id = linked(emu)
    other = verified(emu)
    assert emu.call("GET", f"/linked_accounts/{account_id}", token=other["token"]).status == 404
    assert emu.call("GET", "/linked_accounts", token=other["token"]).body == {"accounts": [], "count": 0,
                                                                               "responseCount": 0}


def test_a_removed_account_frees_its_details_for_a_new_declaration(emu):
    corporate, account_id = linked(emu, "REMOVED")
    again = emu.call("POST", "/linked_accounts", declaration(), token=corporate["token"])
    assert again.status == 200 and again.body["id"] != account_id


def test_each_change_of_state_is_one_event(emu):
    corporate, account_id = linked(emu, "BLOCKED")
    emu.call("POST", f"/linked_accounts/{account_id}/unblock", token=corporate["token"])
    emu.call("POST", f"/linked_accounts/{account_id}/remove", token=corporate["token"])
    emu.call("POST", f"/linked_accounts/{account_id}/remove", token=corporate["token"])  # refused: no event
    events = [e for e in outbox(emu, "linked_accounts_watch")
              if e.payload["linkedAccount"]["id"] == account_id]
    assert [e.payload["eventType"] for e in events] == ["PENDING_VERIFICATION", "VERIFIED", "BLOCKED", "UNBLOCKED",
                                                        "REMOVED"]
    assert events[-1].payload["linkedAccount"]["state"] == "REMOVED"


def test_match_finds_only_an_active_account_of_the_sender(emu):
    corporate, account_id = linked(emu)
    # match() is the backend's offer to incoming wires, which do not ask it yet: only inside can it be seen.
    area = emu.app.world.area("linked_accounts")
    owner = Owner("CORPORATE", corporate["id"])
    sender = {"senderIbanDetails": {"iban": IBAN}}
    assert area.match(sender, owner) is None  # still pending verification
    emu.simulate("POST", f"/linked_accounts/{account_id}/verify", {"result": "COMPLETED"})
    assert area.match(sender, owner).id == account_id
    assert area.match(sender, Owner("CORPORATE", "1")) is None
    assert area.match({"senderIbanDetails": {"iban": "DE89370400440532013000"}}, owner) is None
    emu.call("POST", f"/linked_accounts/{account_id}/block", token=corporate["token"])
    assert area.match(sender, owner) is None


def test_set_overrides_a_decided_run_with_a_new_one(emu):
    corporate, account_id = linked(emu, "REJECTED")
    assert emu.simulate("POST", f"/linked_accounts/{account_id}/set", {"state": "VERIFIED"}).status == 204
    runs = _get(emu, corporate, account_id, "/verifications")["verificationRuns"]
    assert [r["state"] for r in runs] == ["REJECTED", "VERIFIED"]
    assert _get(emu, corporate, account_id)["state"] == "ACTIVE"
