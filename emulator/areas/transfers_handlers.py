"""The Transfers operations (create, get, list, bulk cancel): each acts as the caller's identity and asks
the backend in transfers.py."""
from __future__ import annotations

from ..listing import listed
from ..registry import handles
from ..services import Owner


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


@handles("transferCreate")
def transfer_create(call):
    return call.world.area("transfers").create(_owner(call), call.body).answer()


@handles("transferGet")
def transfer_get(call):
    return call.world.area("transfers").owned(_owner(call), call.path_params["id"]).answer()


@handles("transfersGet")
def transfers_get(call):
    transfers = call.world.area("transfers").of_owner(_owner(call))
    items = [t.answer() for t in transfers]
    # executedFrom/To bound executionTimestamp, which the answer carries as a string: compared as numbers.
    executed = {side: call.query.get(f"executed{side}") for side in ("From", "To")}
    if executed["From"] is not None or executed["To"] is not None:
        items = [i for i in items if _within(i.get("executionTimestamp"), executed["From"], executed["To"])]
    instrument = call.query.get("instrumentId")
    if instrument:
        # The instrument on either side of the transfer.
        items = [i for i in items if instrument in ({k: i["source"].get(k) for k in instrument},
                                                    {k: i["destination"].get(k) for k in instrument})]
    page = listed(call.operation, call.query, items, skip=("instrumentId", "executedFrom", "executedTo"))
    return page.answer("transfer")


def _within(value, low, high) -> bool:
    if value is None:
        return False
    value = int(value)
    return (low is None or value >= low) and (high is None or value <= high)


@handles("transferCancel")
def transfer_cancel(call):
    owner = _owner(call)
    backend_ = call.world.area("transfers")
    return {"cancellations": [backend_.cancel(owner, c) for c in call.body["cancellations"]]}
