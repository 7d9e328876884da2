"""Sends in the emulator: money between two identities, one ledger posting, SCA (challenge, exemptions),
scheduled sends on the clock, cancel, the 409 rules and idempotent replays under concurrency."""
from __future__ import annotations

import threading

import pytest

from .control_plane import advance, now_ms, outbox
from .send_helpers import confirm, parties, send
from .test_managed_accounts import balances, create_account


def test_a_send_waits_for_its_challenge_then_moves_the_money_once(emu):
    sender, savings, receiver, wallet = parties(emu)
    created = send(emu, sender, savings, wallet, 2000, tag="rent", description="March rent")
    assert created.status == 200, created.body
    body = created.body
    assert body["state"] == "PENDING_CHALLENGE" and "challengeExemptionReason" not in body
    assert body["destination"] == {"type": "managed_accounts", "id": wallet}
    assert body["transactionAmount"] == body["destinationAmount"] == {"currency": "EUR", "amount": 2000}
    assert body["sourceFee"] == body["destinationFee"] == {"currency": "EUR", "amount": 0}
    # Nothing moves before the challenge.
    assert balances(emu, sender, savings)["actualBalance"] == 10000
    assert confirm(emu, sender, body["id"]).status == 204
    after = emu.call("GET", f"/sends/{body['id']}", token=sender["token"]).body
    assert after["state"] == "COMPLETED" and int(after["executionTimestamp"]) >= after["creationTimestamp"]
    assert balances(emu, sender, savings) == {"availableBalance": 8000, "actualBalance": 8000}
    assert balances(emu, receiver, wallet) == {"availableBalance": 2000, "actualBalance": 2000}
    # The ledger's posting is the point: one transaction on both sides.
    ledger = emu.app.world.ledger
    debit, credit = ledger.statement(("managed_accounts", savings))[-1], ledger.statement(("managed_accounts", wallet))[-1]
    assert debit.transaction == credit.transaction == ("sends", body["id"])
    events = [e.payload["eventType"] for e in outbox(emu) if e.type == "send_watch"]
    assert events == ["PENDING_CHALLENGE", "COMPLETED"]


def test_one_challenge_confirms_several_sends(emu):
    sender, savings, receiver, wallet = parties(emu)
    ids = [send(emu, sender, savings, wallet, amount).body["id"] for amount in (2000, 3000)]
    assert confirm(emu, sender, *ids).status == 204
    assert balances(emu, receiver, wallet)["actualBalance"] == 5000


def test_a_low_amount_is_exempt_and_runs_at_once(emu):
    sender, savings, receiver, wallet = parties(emu)
    body = send(emu, sender, savings, wallet, 1000).body
    assert (body["state"], body["challengeExemptionReason"]) == ("COMPLETED", "LOW_VALUE")
    assert balances(emu, receiver, wallet)["actualBalance"] == 1000
    answer = emu.call("POST", f"/sends/{body['id']}/challenges/otp/SMS", token=sender["token"])
    assert answer.body == {"errorCode": "SCA_EXEMPTION_APPLIED"}


def test_a_failed_challenge_fails_the_send_and_moves_nothing(emu):
    sender, savings, receiver, wallet = parties(emu)
    send_id = send(emu, sender, savings, wallet, 2000).body["id"]
    codes = [confirm(emu, sender, send_id, code="000000").body for _ in range(1)]
    assert codes == [{"errorCode": "VERIFICATION_CODE_INVALID"}]
    token = sender["token"]
    challenge_id = emu.call("POST", "/challenges/otp/SMS", {"resourceType": "sends", "resourceIds": [send_id]},
                            token=token)
    assert challenge_id.body == {"errorCode": "RETRY_IN_15SEC"}
    advance(emu, 16)
    challenge_id = emu.call("POST", "/challenges/otp/SMS", {"resourceType": "sends", "resourceIds": [send_id]},
                            token=token).body["scaChallengeId"]
    for _ in range(3):
        emu.call("POST", f"/challenges/{challenge_id}/otp/SMS/verify",
                 {"resourceType": "sends", "verificationCode": "000000"}, token=token)
    assert emu.call("GET", f"/sends/{send_id}", token=token).body["state"] == "FAILED"
    assert balances(emu, sender, savings)["actualBalance"] == 10000
    assert balances(emu, receiver, wallet)["actualBalance"] == 0


def test_the_per_send_challenge_and_its_push_decided_by_the_simulator(emu):
    sender, savings, receiver, wallet = parties(emu)
    token = sender["token"]
    first = send(emu, sender, savings, wallet, 2000).body["id"]
    assert emu.call("POST", f"/sends/{first}/challenges/otp/SMS", token=token).status == 204
    assert emu.call("POST", f"/sends/{first}/challenges/otp/SMS/verify", {"verificationCode": "123456"},
                    token=token).status == 204
    assert emu.call("GET", f"/sends/{first}", token=token).body["state"] == "COMPLETED"
    second = send(emu, sender, savings, wallet, 2000).body["id"]
    user_id = sender["id"]  # the sender's root user, whose id is its identity's
    assert emu.call("POST", "/authentication_factors/push/AUTHY", token=token).status == 204
    assert emu.call("POST", f"/sends/{second}/challenges/push/AUTHY", token=token).status == 204
    decided = emu.simulate("POST", f"/factors/{user_id}/challenges/{second}/verify_success", token=token)
    assert decided.body == {"code": "COMPLETED"}
    assert emu.call("GET", f"/sends/{second}", token=token).body["state"] == "COMPLETED"
    assert balances(emu, receiver, wallet)["actualBalance"] == 4000


def test_a_scheduled_send_runs_when_the_clock_passes_and_can_be_cancelled_until_then(emu):
    sender, savings, receiver, wallet = parties(emu)
    token = sender["token"]
    at = now_ms(emu) + 60_000
    runs = send(emu, sender, savings, wallet, 500, scheduledTimestamp=str(at)).body
    cancelled = send(emu, sender, savings, wallet, 700, scheduledTimestamp=str(at)).body
    assert runs["state"] == cancelled["state"] == "SCHEDULED"
    answer = emu.call("POST", f"/sends/{cancelled['id']}/cancel", {"cancellationReason": "Changed my mind"}, token=token)
    assert (answer.body["state"], answer.body["cancellationReason"]) == ("CANCELLED", "Changed my mind")
    emu.call("POST", "/_emulator/clock", {"advanceSeconds": 61}, mount="")
    advance(emu, 61)
    assert emu.call("GET", f"/sends/{runs['id']}", token=token).body["state"] == "COMPLETED"
    assert emu.call("GET", f"/sends/{cancelled['id']}", token=token).body["state"] == "CANCELLED"
    assert balances(emu, receiver, wallet)["actualBalance"] == 500
    # Terminal states stay terminal.
    for send_id in (runs["id"], cancelled["id"]):
        assert emu.call("POST", f"/sends/{send_id}/cancel", token=token).body == {"errorCode": "INVALID_STATE"}


@pytest.mark.parametrize("case, code", [
    ("amount", "AMOUNT_INVALID"), ("funds", "FUNDS_INSUFFICIENT"), ("own", "DESTINATION_BELONGS_TO_SAME_IDENTITY"),
    ("unknown", "DESTINATION_NOT_FOUND"), ("not_mine", "SOURCE_NOT_FOUND"), ("currency", "CURRENCY_MISMATCH"),
    ("profile", "PROFILE_NOT_FOUND"), ("schedule", "SCHEDULED_TIMESTAMP_INVALID"),
    ("beneficiary", "BENEFICIARY_NOT_FOUND")])
def test_a_refused_send_moves_nothing_and_is_not_kept(emu, case, code):
    sender, savings, receiver, wallet = parties(emu)
    args = {"amount": (savings, wallet, 0), "funds": (savings, wallet, 10001),
            "own": (savings, create_account(emu, sender)["id"], 100), "unknown": (savings, "999999", 100),
            "not_mine": (wallet, savings, 100), "currency": (savings, wallet, 100),
            "profile": (savings, wallet, 100), "schedule": (savings, wallet, 100),
            "beneficiary": (savings, {"beneficiaryId": "999999"}, 100)}[case]
    extra = {"currency": {"currency": "GBP"}, "schedule": {"scheduledTimestamp": "1"}}.get(case, {})
    body_profile = {"profileId": "106999999999999999"} if case == "profile" else {}
    answer = send(emu, sender, *args, **extra, **body_profile)
    assert (answer.status, answer.body) == (409, {"errorCode": code})
    assert balances(emu, sender, savings)["actualBalance"] == 10000
    assert emu.call("GET", "/sends", token=sender["token"]).body["count"] == 0


def test_an_idempotent_send_sent_twice_at_once_moves_money_once(emu):
    sender, savings, receiver, wallet = parties(emu)
    answers = []
    def post():
        answers.append(send(emu, sender, savings, wallet, 900, headers={"idempotency-ref": "once"}))
    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status for a in answers] == [200, 200] and answers[0].body == answers[1].body
    assert balances(emu, receiver, wallet)["actualBalance"] == 900
    assert emu.call("GET", "/sends", token=sender["token"]).body["count"] == 1


def test_another_identitys_send_is_not_found_and_lists_filter(emu):
    sender, savings, receiver, wallet = parties(emu)
    body = send(emu, sender, savings, wallet, 2000, tag="rent").body
    assert emu.call("GET", f"/sends/{body['id']}", token=receiver["token"]).status == 404
    listed = emu.call("GET", "/sends", token=sender["token"], query="state=PENDING_CHALLENGE&tag=rent").body
    assert listed["count"] == 1 and listed["send"][0] == body
    assert emu.call("GET", "/sends", token=sender["token"], query="state=COMPLETED").body["count"] == 0
