"""The deprecated per-transfer challenges of an outgoing wire transfer (OTP issue and verify, push issue): the
confirmations area's challenges for a list of one. They declare no 404, so an id that is not the caller's
waiting transfer is STATE_INVALID there, as for sends."""
from __future__ import annotations

from ...errors import conflict
from ...registry import handles
from ...services import Owner
from .outgoing_wire import RESOURCE_TYPE, outgoing_wire_transfers_backend


def _challengeable(call) -> str:
    """The transfer's id; an exempt transfer of the caller's answers SCA_EXEMPTION_APPLIED."""
    session = call.require_session()
    owt = outgoing_wire_transfers_backend(call.world).by_id.get(str(call.path_params["id"]))
    if owt is not None and owt.owner == Owner(session.identity_type, session.identity_id) and owt.exemption:
        raise conflict("SCA_EXEMPTION_APPLIED")
    return str(call.path_params["id"])


@handles("outgoingWireTransferSCAChallenge")
def owt_otp(call):
    owt_id = _challengeable(call)
    # Its 409s document no RETRY_IN_15SEC (the confirmation challenge's do): no resend wait here.
    call.world.ports.challenges.issue_otp(call.require_session(), call.path_params["channel"], RESOURCE_TYPE,
                                          [owt_id], resend_wait=False)


@handles("outgoingWireTransferSCAVerify")
def owt_otp_verify(call):
    owt_id = _challengeable(call)
    call.world.ports.challenges.verify_latest_otp(call.require_session(), RESOURCE_TYPE, owt_id,
                                                  call.path_params["channel"], call.body["verificationCode"])


@handles("outgoingWireTransferSCAChallengePush")
def owt_push(call):
    owt_id = _challengeable(call)
    call.world.ports.challenges.issue_push(call.require_session(), call.path_params["channel"], RESOURCE_TYPE,
                                           [owt_id], challenge_id=owt_id)
