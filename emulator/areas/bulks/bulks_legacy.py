"""The four deprecated bulk operations Weavr still documents but its description no longer holds:
POST /sends/bulk/create, /sends/bulk/cancel, /outgoing_wire_transfers/bulk/create and
/outgoing_wire_transfers/bulk/cancel. No schema is published, so each takes and answers the shapes of its
single counterpart (emulator/areas/bulks/choices.md): a list of the single create's requests answered by the list
of what the single create answers, and a list of cancellations answered as the transfers' bulk cancel is.
Every item runs through its single operation (run_single), never a copy of its rules."""
from __future__ import annotations

from ...errors import bad_request
from ...registry import handles_legacy
from .bulks import run_single


def _items(call, key: str) -> list:
    items = call.body.get(key)
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise bad_request(message=f"{key} must be a non-empty list of objects")
    return items


def _create(call, key: str, single: str):
    """Items run in order; the first the single operation refuses stops the rest and its answer is the
    answer (the ones before it are made, as calls one by one would have made them)."""
    made = []
    for item in _items(call, key):
        status, body = run_single(call.world, single, {}, item, call.session)
        if status >= 400:
            return status, body
        made.append(body)
    return 200, {key: made}


def _cancel(call, single: str):
    results = []
    for item in _items(call, "cancellations"):
        reason = item.get("cancellationReason")
        status, body = run_single(call.world, single, {"id": str(item.get("id", ""))},
                                  {"cancellationReason": reason} if reason else None, call.session)
        result = {"id": str(item.get("id", "")), "state": "SUCCESS" if status < 400 else "ERROR"}
        if status >= 400:
            body = body if isinstance(body, dict) else {}
            result["errorCode"] = body.get("errorCode") or body.get("code") or "INVALID"
        results.append(result)
    return 200, {"cancellations": results}


@handles_legacy("POST", "/sends/bulk/create")
def sends_bulk_create(call):
    return _create(call, "sends", "sendCreate")


@handles_legacy("POST", "/sends/bulk/cancel")
def sends_bulk_cancel(call):
    return _cancel(call, "sendSingleCancel")


@handles_legacy("POST", "/outgoing_wire_transfers/bulk/create")
def outgoing_wire_transfers_bulk_create(call):
    return _create(call, "outgoingWireTransfers", "outgoingWireTransferCreate")


@handles_legacy("POST", "/outgoing_wire_transfers/bulk/cancel")
def outgoing_wire_transfers_bulk_cancel(call):
    return _cancel(call, "outgoingWireTransferSingleCancel")
