"""The Outgoing Wire Transfers operations: each acts as the caller's identity and asks the backend in
outgoing_wire.py. The deprecated per-transfer challenges are in outgoing_wire_challenges.py."""
from __future__ import annotations

from ...errors import ApiError, conflict
from ...listing import listed
from ...movements.calls import caller, executed_within
from ...registry import handles
from .outgoing_wire import RESOURCE_TYPE, outgoing_wire_transfers_backend
from .outgoing_wire_receipt import receipt

PDF_HEADERS = {"content-type": "application/pdf"}


def _owned(call):
    return outgoing_wire_transfers_backend(call.world).owned(caller(call), call.path_params["id"])


@handles("outgoingWireTransferCreate")
def owt_create(call):
    return outgoing_wire_transfers_backend(call.world).create(caller(call), call.body).answer()


@handles("outgoingWireTransferGet")
def owt_get(call):
    return _owned(call).answer()


@handles("outgoingWireTransfersGet")
def owts_get(call):
    area = outgoing_wire_transfers_backend(call.world)
    if call.query.get("executedFrom") is None and call.query.get("executedTo") is None:
        # Answers made for the page only (listing.py).
        items = area.by_owner.history((caller(call), RESOURCE_TYPE), _answer)
    else:
        items = executed_within(call, [o.answer() for o in area.of_owner(caller(call))])
    page = listed(call.operation, call.query, items, skip=("instrument", "executedFrom", "executedTo"),
                  paths={"sourceInstrument.id": "sourceInstrument.id",
                         "sourceInstrument.type": "sourceInstrument.type"})
    return page.answer("transfer")


@handles("outgoingWireTransferUpdateBeneficiaryName")
def owt_rename(call):
    try:
        owt = _owned(call)
    except ApiError:
        # The operation declares only 200 and 409: no transfer of the caller's waits for a name by that id.
        raise conflict("INVALID_STATE") from None
    return outgoing_wire_transfers_backend(call.world).rename(owt, call.body).answer()


@handles("outgoingWireTransferConfirm")
def owt_confirm(call):
    return outgoing_wire_transfers_backend(call.world).confirm(_owned(call)).answer()


@handles("outgoingWireTransferSingleCancel")
def owt_cancel(call):
    reason = (call.body or {}).get("cancellationReason")
    return outgoing_wire_transfers_backend(call.world).cancel(_owned(call), reason).answer()


@handles("outgoingWireTransferPaymentConfirmation")
def owt_payment_confirmation(call):
    return 200, receipt(outgoing_wire_transfers_backend(call.world).completed(_owned(call))), dict(PDF_HEADERS)


def _answer(owt) -> dict:
    return owt.answer()
