"""Contract cases for sends and trusted payees: each handler's success answer and its documented errors,
registered in contract_cases.CASES."""
from __future__ import annotations

from .contract_cases import case
from .control_plane import now_ms
from .helpers import Emu
from .send_helpers import parties, payee, send, trusted


def pending(emu: Emu, amount: int = 2000):
    sender, savings, receiver, wallet = parties(emu)
    return sender, send(emu, sender, savings, wallet, amount).body["id"]


def scheduled(emu: Emu):
    sender, savings, receiver, wallet = parties(emu)
    at = str(now_ms(emu) + 60_000)
    return sender, send(emu, sender, savings, wallet, 500, scheduledTimestamp=at).body["id"]


def on_send(emu: Emu, method: str, action: str, body=None, *, amount: int = 2000, push: bool = False):
    sender, send_id = pending(emu, amount)
    if push:
        assert emu.call("POST", "/authentication_factors/push/AUTHY", token=sender["token"]).status == 204
    return emu.call(method, f"/sends/{send_id}{action}", body, token=sender["token"])


def cancel(emu: Emu, schedule: bool):
    sender, send_id = scheduled(emu) if schedule else pending(emu)
    return emu.call("POST", f"/sends/{send_id}/cancel", {"cancellationReason": "no"}, token=sender["token"])


def created(emu: Emu, **overrides):
    sender, savings, receiver, wallet = parties(emu)
    return send(emu, sender, savings, overrides.pop("destination", wallet), overrides.pop("amount", 2000), **overrides)


case("sendCreate", 200)(lambda emu: created(emu))
case("sendCreate", 400)(lambda emu: created(emu, amount="x"))
case("sendCreate", 409, "FUNDS_INSUFFICIENT")(lambda emu: created(emu, amount=10001))
case("sendCreate", 409, "BENEFICIARY_NOT_FOUND")(lambda emu: created(emu, destination={"beneficiaryId": "9"}))
case("sendCreate", 409, "DESTINATION_NOT_FOUND")(lambda emu: created(emu, destination="999999"))
case("sendCreate", 409, "SCHEDULED_TIMESTAMP_INVALID")(lambda emu: created(emu, scheduledTimestamp="1"))
case("sendGet", 200)(lambda emu: on_send(emu, "GET", ""))
case("sendGet", 404)(lambda emu: emu.call("GET", "/sends/999999", token=parties(emu)[0]["token"]))
case("sendsGet", 200)(lambda emu: emu.call("GET", "/sends", token=pending(emu)[0]["token"], query="state=COMPLETED"))
case("sendsGet", 400)(lambda emu: emu.call("GET", "/sends", token=pending(emu)[0]["token"], query="limit=0"))
case("sendSingleCancel", 200)(lambda emu: cancel(emu, schedule=True))
case("sendSingleCancel", 409, "INVALID_STATE")(lambda emu: cancel(emu, schedule=False))
case("sendSingleCancel", 404)(lambda emu: emu.call("POST", "/sends/999999/cancel", token=parties(emu)[0]["token"]))
case("sendSCAChallenge", 204)(lambda emu: on_send(emu, "POST", "/challenges/otp/SMS"))
case("sendSCAChallenge", 409, "SCA_EXEMPTION_APPLIED")(lambda emu: on_send(emu, "POST", "/challenges/otp/SMS",
                                                                            amount=500))
case("sendSCAVerify", 204)(lambda emu: _verify(emu, "123456"))
case("sendSCAVerify", 409, "VERIFICATION_CODE_INVALID")(lambda emu: _verify(emu, "000000"))
case("sendSCAChallengePush", 204)(lambda emu: on_send(emu, "POST", "/challenges/push/AUTHY", push=True))
case("sendSCAChallengePush", 409, "CHANNEL_NOT_REGISTERED")(lambda emu: on_send(emu, "POST", "/challenges/push/AUTHY"))


def _verify(emu: Emu, code: str):
    sender, send_id = pending(emu)
    emu.call("POST", f"/sends/{send_id}/challenges/otp/SMS", token=sender["token"])
    return emu.call("POST", f"/sends/{send_id}/challenges/otp/SMS/verify", {"verificationCode": code},
                    token=sender["token"])


# -- trusted payees -------------------------------------------------------------------------------------
def batch(emu: Emu, *, challenged: bool = False):
    sender, savings, receiver, wallet = parties(emu)
    answer = emu.call("POST", "/beneficiaries", {"beneficiaries": [payee(wallet)]}, token=sender["token"])
    if challenged:
        emu.call("POST", f"/beneficiaries/batch/{answer.body['operationBatchId']['batchId']}/challenges/otp/SMS",
                 token=sender["token"])
    return sender, answer


def on_batch(emu: Emu, action: str, body=None, *, challenged: bool = False, push: bool = False):
    sender, answer = batch(emu, challenged=challenged)
    if push:
        assert emu.call("POST", "/authentication_factors/push/AUTHY", token=sender["token"]).status == 204
    return emu.call("POST", f"/beneficiaries/batch/{answer.body['operationBatchId']['batchId']}{action}", body,
                    token=sender["token"])


def active(emu: Emu):
    sender, savings, receiver, wallet = parties(emu)
    return sender, trusted(emu, sender, payee(wallet))[1][0]


case("beneficiaryBatchCreate", 200)(lambda emu: batch(emu)[1])
case("beneficiaryBatchCreate", 400)(lambda emu: emu.call("POST", "/beneficiaries", {"beneficiaries": [{}]},
                                                         token=emu.corporate()["token"]))
case("beneficiaryBatchRemove", 200)(lambda emu: (lambda s, b: emu.call(
    "POST", "/beneficiaries/remove", {"beneficiaryIds": [b]}, token=s["token"]))(*active(emu)))
case("beneficiaryBatchRemove", 404)(lambda emu: emu.call("POST", "/beneficiaries/remove", {"beneficiaryIds": ["9"]},
                                                         token=emu.corporate()["token"]))
case("beneficiaryBatchGet", 200)(lambda emu: (lambda s, a: emu.call(
    "GET", f"/beneficiaries/batch/{a.body['operationBatchId']['batchId']}", token=s["token"]))(*batch(emu)))
case("beneficiaryBatchGet", 404)(lambda emu: emu.call("GET", "/beneficiaries/batch/9", token=emu.corporate()["token"]))
case("beneficiaryBatchesGet", 200)(lambda emu: emu.call("GET", "/beneficiaries/batch", token=batch(emu)[0]["token"],
                                                        query="state=PENDING_CHALLENGE"))
case("beneficiaryBatchesGet", 400)(lambda emu: emu.call("GET", "/beneficiaries/batch", token=emu.corporate()["token"],
                                                        query="state=NOPE"))
case("beneficiaryGet", 200)(lambda emu: (lambda s, b: emu.call("GET", f"/beneficiaries/{b}", token=s["token"]))(
    *active(emu)))
case("beneficiaryGet", 404)(lambda emu: emu.call("GET", "/beneficiaries/9", token=emu.corporate()["token"]))
case("beneficiariesGet", 200)(lambda emu: emu.call("GET", "/beneficiaries", token=active(emu)[0]["token"]))
case("beneficiariesGet", 400)(lambda emu: emu.call("GET", "/beneficiaries", token=emu.corporate()["token"],
                                                   query="limit=101"))
case("beneficiaryBatchSCAChallenge", 204)(lambda emu: on_batch(emu, "/challenges/otp/SMS"))
case("beneficiaryBatchSCAChallenge", 409, "STATE_INVALID")(
    lambda emu: emu.call("POST", "/beneficiaries/batch/9/challenges/otp/SMS", token=parties(emu)[0]["token"]))
case("beneficiaryBatchSCAVerify", 204)(lambda emu: on_batch(emu, "/challenges/otp/SMS/verify",
                                                            {"verificationCode": "123456"}, challenged=True))
case("beneficiaryBatchSCAVerify", 409, "VERIFICATION_CODE_INVALID")(lambda emu: on_batch(
    emu, "/challenges/otp/SMS/verify", {"verificationCode": "000000"}, challenged=True))
case("beneficiaryBatchSCAChallengePush", 204)(lambda emu: on_batch(emu, "/challenges/push/AUTHY", push=True))
case("beneficiaryBatchSCAChallengePush", 409, "CHANNEL_NOT_REGISTERED")(
    lambda emu: on_batch(emu, "/challenges/push/AUTHY"))
