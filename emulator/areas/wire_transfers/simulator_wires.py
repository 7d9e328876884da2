"""Simulator API, Wiretransfers: the beneficiary's bank accepts (the transfer completes) or rejects (the held
money comes back) a submitted outgoing wire transfer. The Simulator answers 200 whatever happened; `code`
says what it did."""
from __future__ import annotations

from ...registry import handles
from .outgoing_wire import outgoing_wire_transfers_backend


@handles("wiretransfers_outgoing_outgoing_wire_transfer_id_accept", namespace="simulator")
def simulate_owt_accept(call):
    return {"code": outgoing_wire_transfers_backend(call.world).accept(call.path_params["outgoing_wire_transfer_id"])}


@handles("wiretransfers_outgoing_outgoing_wire_transfer_id_reject", namespace="simulator")
def simulate_owt_reject(call):
    return {"code": outgoing_wire_transfers_backend(call.world).reject(call.path_params["outgoing_wire_transfer_id"])}
