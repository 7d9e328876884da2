"""The Sends operations (create, get, list, cancel, and the deprecated per-send challenges): each acts as
the caller's identity and asks the backend in sends.py; the per-send challenges are the confirmations
model with one resource."""
from __future__ import annotations

from ...errors import conflict
from ...listing import listed
from ...movements.calls import caller, executed_within
from ...registry import handles
from .sends import sends_backend


@handles("sendCreate")
def send_create(call):
    return sends_backend(call.world).create(caller(call), call.body).answer()


@handles("sendGet")
def send_get(call):
    return sends_backend(call.world).owned(caller(call), call.path_params["id"]).answer()


@handles("sendsGet")
def sends_get(call):
    area = sends_backend(call.world)
    instrument = call.query.get("instrumentId")
    if instrument is None and call.query.get("executedFrom") is None and call.query.get("executedTo") is None:
        # Answers made for the page only (listing.py).
        items = area.by_owner.history(caller(call), _answer)
    else:
        items = [s.answer() for s in area.of_owner(caller(call))]
        if instrument is not None:
            items = [i for i in items if str(instrument) in (i["source"]["id"], i["destination"].get("id"))]
        items = executed_within(call, items)
    page = listed(call.operation, call.query, items, skip=("instrumentId", "executedFrom", "executedTo"))
    return page.answer("send")


@handles("sendSingleCancel")
def send_cancel(call):
    reason = (call.body or {}).get("cancellationReason")
    return sends_backend(call.world).cancel(caller(call), call.path_params["id"], reason).answer()


def _challengeable(call) -> str:
    """The send's id, once it is the caller's; an exempt send answers SCA_EXEMPTION_APPLIED."""
    send = sends_backend(call.world).by_id.get(str(call.path_params["id"]))
    if send is not None and send.owner == caller(call) and send.exemption is not None:
        raise conflict("SCA_EXEMPTION_APPLIED")
    return str(call.path_params["id"])


@handles("sendSCAChallenge")
def send_otp(call):
    send_id = _challengeable(call)
    # Its 409s document no RETRY_IN_15SEC (the confirmation challenge's do): no resend wait here.
    call.world.ports.challenges.issue_otp(call.require_session(), call.path_params["channel"], "sends", [send_id],
                                          resend_wait=False)


@handles("sendSCAVerify")
def send_otp_verify(call):
    send_id = _challengeable(call)
    call.world.ports.challenges.verify_latest_otp(call.require_session(), "sends", send_id,
                                                  call.path_params["channel"], call.body["verificationCode"])


@handles("sendSCAChallengePush")
def send_push(call):
    send_id = _challengeable(call)
    call.world.ports.challenges.issue_push(call.require_session(), call.path_params["channel"], "sends",
                                           [send_id], challenge_id=send_id)


def _answer(send) -> dict:
    return send.answer()
