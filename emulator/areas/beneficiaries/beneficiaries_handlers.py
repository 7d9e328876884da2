"""The Trusted Payees operations: beneficiary batches (create, remove, list, get, and their OTP and push
challenges) and beneficiaries (list, get), each as the caller's identity."""
from __future__ import annotations

from ...listing import listed
from ...registry import handles
from ...services import Owner
from .beneficiaries import RESOURCE_TYPE, beneficiaries_backend


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


@handles("beneficiaryBatchCreate")
def batch_create(call):
    return beneficiaries_backend(call.world).create(_owner(call), call.body).answer()


@handles("beneficiaryBatchRemove")
def batch_remove(call):
    return beneficiaries_backend(call.world).remove(_owner(call), call.body["beneficiaryIds"]).answer()


@handles("beneficiaryBatchGet")
def batch_get(call):
    return beneficiaries_backend(call.world).owned_batch(_owner(call), call.path_params["id"]).answer()


@handles("beneficiaryBatchesGet")
def batches_get(call):
    owner = _owner(call)
    items = [b.answer() for b in beneficiaries_backend(call.world).batches.values() if b.owner == owner]
    page = listed(call.operation, call.query, items, paths={"operation": "operationBatchId.operation"})
    return page.answer("batches")


@handles("beneficiaryGet")
def beneficiary_get(call):
    return beneficiaries_backend(call.world).owned(_owner(call), call.path_params["id"]).answer()


@handles("beneficiariesGet")
def beneficiaries_get(call):
    owner = _owner(call)
    items = [b.answer() for b in beneficiaries_backend(call.world).beneficiaries.values() if b.owner == owner]
    batch_ids = call.query.get("batchId")
    if batch_ids is not None:
        items = [i for i in items if {b["batchId"] for b in i["relatedOperationBatches"]} & set(map(str, batch_ids))]
    page = listed(call.operation, call.query, items, skip=("batchId",))
    return page.answer("beneficiaries")


def _batch_id(call) -> str:
    # Another identity's or an unknown batch is not waiting: the confirmations model answers STATE_INVALID.
    return str(call.path_params["id"])


@handles("beneficiaryBatchSCAChallenge")
def batch_otp(call):
    call.world.ports.challenges.issue_otp(call.require_session(), call.path_params["channel"], RESOURCE_TYPE,
                                          [_batch_id(call)], resend_wait=False)


@handles("beneficiaryBatchSCAVerify")
def batch_otp_verify(call):
    call.world.ports.challenges.verify_latest_otp(call.require_session(), RESOURCE_TYPE, _batch_id(call),
                                                  call.path_params["channel"], call.body["verificationCode"])


@handles("beneficiaryBatchSCAChallengePush")
def batch_push(call):
    call.world.ports.challenges.issue_push(call.require_session(), call.path_params["channel"], RESOURCE_TYPE,
                                           [_batch_id(call)], challenge_id=_batch_id(call))
