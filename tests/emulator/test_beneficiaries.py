"""Trusted payees in the emulator: batches validated and challenged, payees ACTIVE or INVALID with the
description's validation failure, removal, and their use by sends (trusted: no challenge)."""
from __future__ import annotations

from .control_plane import outbox
from .send_helpers import parties, payee, send, trusted
from .test_managed_accounts import balances


def test_a_verified_batch_makes_its_payees_active_and_trusted(emu):
    sender, savings, receiver, wallet = parties(emu)
    token = sender["token"]
    created = emu.call("POST", "/beneficiaries", {"tag": "suppliers", "beneficiaries": [payee(wallet)]}, token=token)
    assert created.body["state"] == "PENDING_CHALLENGE" and created.body["tag"] == "suppliers"
    assert created.body["operationBatchId"]["operation"] == "CREATE"
    batch_id = created.body["operationBatchId"]["batchId"]
    assert emu.call("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS", token=token).status == 204
    assert emu.call("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS/verify",
                    {"verificationCode": "123456"}, token=token).status == 204
    assert emu.call("GET", f"/beneficiaries/batch/{batch_id}", token=token).body["state"] == "COMPLETED"
    listed = emu.call("GET", "/beneficiaries", token=token).body
    assert listed["count"] == 1
    beneficiary = listed["beneficiaries"][0]
    assert beneficiary["state"] == "ACTIVE" and beneficiary["trustLevel"] == "TRUSTED"
    assert beneficiary["relatedOperationBatches"] == [{"batchId": batch_id, "operation": "CREATE"}]
    assert beneficiary["beneficiaryDetails"] == {"instrument": {"type": "managed_accounts", "id": wallet}}
    events = [e.payload["eventType"] for e in outbox(emu) if e.type == "beneficiary_batch_watch"]
    assert events == ["PENDING_CHALLENGE", "CHALLENGE_COMPLETED"]


def test_invalid_payees_name_their_validation_failure_and_an_all_invalid_batch_fails(emu):
    sender, savings, receiver, wallet = parties(emu)
    batch_id, ids = trusted(emu, sender, payee(wallet))
    token = sender["token"]
    answer = emu.call("POST", "/beneficiaries", {"beneficiaries": [payee("999999"), payee(savings), payee(wallet)]},
                      token=token)
    assert answer.body["state"] == "FAILED"
    failed = emu.call("GET", "/beneficiaries", token=token,
                      query=f"batchId={answer.body['operationBatchId']['batchId']}").body["beneficiaries"]
    assert sorted((b["state"], b["validationFailure"]) for b in failed) == [
        ("INVALID", "BENEFICIARY_BELONGS_TO_SAME_IDENTITY"), ("INVALID", "BENEFICIARY_DETAILS_ALREADY_EXIST"),
        ("INVALID", "INSTRUMENT_DETAILS_NOT_FOUND")]
    assert emu.call("POST", f"/beneficiaries/batch/{answer.body['operationBatchId']['batchId']}/challenges/otp/SMS",
                    token=token).body == {"errorCode": "STATE_INVALID"}


def test_a_failed_batch_challenge_leaves_its_payees_unusable(emu):
    sender, savings, receiver, wallet = parties(emu)
    token = sender["token"]
    batch_id = emu.call("POST", "/beneficiaries", {"beneficiaries": [payee(wallet)]},
                        token=token).body["operationBatchId"]["batchId"]
    emu.call("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS", token=token)
    codes = [emu.call("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS/verify",
                      {"verificationCode": "000000"}, token=token).body["errorCode"] for _ in range(3)]
    assert codes[-1] == "CHALLENGE_LIMIT_EXCEEDED"
    assert emu.call("GET", f"/beneficiaries/batch/{batch_id}", token=token).body["state"] == "CHALLENGE_FAILED"
    beneficiary = emu.call("GET", "/beneficiaries", token=token).body["beneficiaries"][0]
    assert beneficiary["state"] == "CHALLENGE_FAILED"
    assert send(emu, sender, savings, {"beneficiaryId": beneficiary["id"]}, 2000).body == {
        "errorCode": "BENEFICIARY_NOT_FOUND"}


def test_a_send_to_a_trusted_payee_skips_the_challenge(emu):
    sender, savings, receiver, wallet = parties(emu)
    _, (beneficiary_id,) = trusted(emu, sender, payee(wallet))
    answer = send(emu, sender, savings, {"beneficiaryId": beneficiary_id}, 5000)
    assert answer.status == 200, answer.body
    assert (answer.body["state"], answer.body["challengeExemptionReason"]) == ("COMPLETED", "TRUSTED_BENEFICIARY")
    assert answer.body["destination"] == {"beneficiaryId": beneficiary_id}
    assert balances(emu, receiver, wallet)["actualBalance"] == 5000


def test_a_bank_account_payee_cannot_receive_a_send(emu):
    sender, savings, receiver, wallet = parties(emu)
    _, (beneficiary_id,) = trusted(emu, sender, payee(iban="DE89370400440532013000"))
    assert send(emu, sender, savings, {"beneficiaryId": beneficiary_id}, 5000).body == {
        "errorCode": "BENEFICIARY_TYPE_INVALID"}
    # What the Beneficiaries port hands sends and wires; no answer shows it.
    found = emu.app.world.area("beneficiaries").beneficiary(beneficiary_id)
    assert found.instrument() is None and found.bank_account()["bankAccountDetails"]["iban"] == "DE89370400440532013000"


def test_a_removed_payee_is_removed_by_a_completed_batch_and_no_longer_serves_sends(emu):
    sender, savings, receiver, wallet = parties(emu)
    token = sender["token"]
    _, (beneficiary_id,) = trusted(emu, sender, payee(wallet))
    removed = emu.call("POST", "/beneficiaries/remove", {"beneficiaryIds": [beneficiary_id]}, token=token)
    assert removed.body["state"] == "COMPLETED" and removed.body["operationBatchId"]["operation"] == "REMOVE"
    found = emu.call("GET", f"/beneficiaries/{beneficiary_id}", token=token).body
    assert found["state"] == "REMOVED" and len(found["relatedOperationBatches"]) == 2
    assert send(emu, sender, savings, {"beneficiaryId": beneficiary_id}, 5000).body == {
        "errorCode": "BENEFICIARY_NOT_FOUND"}
    assert emu.call("POST", "/beneficiaries/remove", {"beneficiaryIds": [beneficiary_id]}, token=token).status == 404
    assert emu.call("GET", f"/beneficiaries/{beneficiary_id}", token=receiver["token"]).status == 404
    batches = emu.call("GET", "/beneficiaries/batch", token=token, query="operation=REMOVE").body
    assert batches["count"] == 1 and batches["batches"][0] == removed.body
