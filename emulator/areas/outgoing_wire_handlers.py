"""The Outgoing Wire Transfers operations: each acts as the caller's identity and asks the backend in
outgoing_wire.py. The deprecated per-transfer challenges are in outgoing_wire_challenges.py."""
from __future__ import annotations

from ..errors import ApiError, conflict
from ..listing import listed
from ..registry import handles
from ..services import Owner
from .outgoing_wire_receipt import receipt

PDF_HEADERS = {"content-type": "application/pdf"}


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def _owned(call):
    return call.world.area("outgoing_wire_transfers").owned(_owner(call), call.path_params["id"])


@handles("outgoingWireTransferCreate")
def owt_create(call):
    return call.world.area("outgoing_wire_transfers").create(_owner(call), call.body).answer()


@handles("outgoingWireTransferGet")
def owt_get(call):
    return _owned(call).answer()


@handles("outgoingWireTransfersGet")
def owts_get(call):
    items = [o.answer() for o in call.world.area("outgoing_wire_transfers").of_owner(_owner(call))]
    executed = {side: call.query.get(f"executed{side}") for side in ("From", "To")}
    if executed["From"] is not None or executed["To"] is not None:
        items = [i for i in items if _within(i.get("executionTimestamp"), executed["From"], executed["To"])]
    page = listed(call.operation, call.query, items, skip=("instrument", "executedFrom", "executedTo"),
                  paths={"sourceInstrument.id": "sourceInstrument.id",
                         "sourceInstrument.type": "sourceInstrument.type"})
    return page.answer("transfer")


def _within(value, low, high) -> bool:
    if value is None:
        return False
    value = int(value)
    return (low is None or value >= low) and (high is None or value <= high)


@handles("outgoingWireTransferUpdateBeneficiaryName")
def owt_rename(call):
    try:
        owt = _owned(call)
    except ApiError:
        # The operation declares only 200 and 409: no transfer of the caller's waits for a name by that id.
        raise conflict("INVALID_STATE") from None
    return call.world.area("outgoing_wire_transfers").rename(owt, call.body).answer()


@handles("outgoingWireTransferConfirm")
def owt_confirm(call):
    return call.world.area("outgoing_wire_transfers").confirm(_owned(call)).answer()


@handles("outgoingWireTransferSingleCancel")
def owt_cancel(call):
    reason = (call.body or {}).get("cancellationReason")
    return call.world.area("outgoing_wire_transfers").cancel(_owned(call), reason).answer()


@handles("outgoingWireTransferPaymentConfirmation")
def owt_payment_confirmation(call):
    return 200, receipt(call.world.area("outgoing_wire_transfers").completed(_owned(call))), dict(PDF_HEADERS)
