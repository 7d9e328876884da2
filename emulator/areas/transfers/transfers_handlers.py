"""The Transfers operations (create, get, list, bulk cancel): each acts as the caller's identity and asks
the backend in transfers.py."""
from __future__ import annotations

from ...listing import listed
from ...movements.calls import caller, executed_within
from ...registry import handles
from .transfers import transfers_backend


@handles("transferCreate")
def transfer_create(call):
    return transfers_backend(call.world).create(caller(call), call.body).answer()


@handles("transferGet")
def transfer_get(call):
    return transfers_backend(call.world).owned(caller(call), call.path_params["id"]).answer()


@handles("transfersGet")
def transfers_get(call):
    area = transfers_backend(call.world)
    instrument = call.query.get("instrumentId")
    if not instrument or set(instrument) == {"type", "id"}:
        # The instrument on either side of the transfer, from the index kept as transfers are made.
        items = area.listing(caller(call), instrument or None)
        if call.query.get("executedFrom") is not None or call.query.get("executedTo") is not None:
            items = executed_within(call, list(items.answers()))
    else:
        items = executed_within(call, [t.answer() for t in area.of_owner(caller(call))])
        items = [i for i in items if instrument in ({k: i["source"].get(k) for k in instrument},
                                                    {k: i["destination"].get(k) for k in instrument})]
    page = listed(call.operation, call.query, items, skip=("instrumentId", "executedFrom", "executedTo"))
    return page.answer("transfer")


@handles("transferCancel")
def transfer_cancel(call):
    owner = caller(call)
    backend_ = transfers_backend(call.world)
    return {"cancellations": [backend_.cancel(owner, c) for c in call.body["cancellations"]]}
