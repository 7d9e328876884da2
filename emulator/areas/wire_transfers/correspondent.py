"""Correspondent bank transfers: a wire transfer from a managed account sent on behalf of an originator (the
account's customer's customer). The outgoing wire transfers' rules decide everything (rail, payee check,
confirmation, SCA, hold, the bank's accept and reject); this module reads the request into them and answers in
the correspondent shape. Choices: emulator/areas/wire_transfers/choices.md."""
from __future__ import annotations

from ...listing import listed
from ...movements.calls import caller, within
from ...registry import handles
from .outgoing_wire import CORRESPONDENT, outgoing_wire_transfers_backend

# Kept from the request as sent, beside what the wire rules keep.
OWN_FIELDS = ("originator", "externalData")


def _render(kept: dict):
    def answer(owt) -> dict:
        body = {"id": owt.id, "profileId": owt.profile_id,
                "sourceInstrument": {"type": "managed_accounts", "id": owt.source_id},
                "amount": {"currency": owt.currency, "amount": owt.amount}, "beneficiary": dict(owt.destination),
                "purpose": owt.purpose, "state": owt.state, "creationTimestamp": owt.creation_timestamp}
        body.update({k: v for k, v in kept.items() if v is not None})
        for key, value in (("tag", owt.tag), ("description", owt.description),
                           ("cancellationReason", owt.cancellation_reason)):
            if value is not None:
                body[key] = value
        if owt.scheduled_timestamp is not None:
            body["scheduledTimestamp"] = str(owt.scheduled_timestamp)
        if owt.outcomes:
            body["validationOutcomes"] = [dict(o, categoryResult=dict(o["categoryResult"])) for o in owt.outcomes]
        return body
    return answer


def _owned(call):
    return outgoing_wire_transfers_backend(call.world).owned(caller(call), call.path_params["id"], CORRESPONDENT)


@handles("correspondentBankTransferCreate")
def cbt_create(call):
    body = call.body
    as_wire = {"profileId": body["profileId"], "sourceInstrument": body["sourceInstrument"],
               "transferAmount": body["amount"], "destinationBeneficiary": body["beneficiary"],
               "purpose": body["purpose"]}
    as_wire.update({k: body[k] for k in ("tag", "description", "scheduledTimestamp") if k in body})
    kept = {k: body.get(k) for k in OWN_FIELDS}
    return outgoing_wire_transfers_backend(call.world).create(caller(call), as_wire, CORRESPONDENT,
                                                              _render(kept)).answer()


@handles("correspondentBankTransferGet")
def cbt_get(call):
    return _owned(call).answer()


@handles("correspondentBankTransfersGet")
def cbts_get(call):
    owned = outgoing_wire_transfers_backend(call.world).of_owner(caller(call), CORRESPONDENT)
    # originator.type is the shape of the originator: a business registers, an individual lives somewhere.
    items = [o.answer() | {"_executed": o.execution_timestamp,
                           "_originatorType": "BUSINESS" if "registrationAddress" in o.answer()["originator"]
                           else "INDIVIDUAL"} for o in owned]
    executed = {side: call.query.get(f"executed{side}") for side in ("From", "To")}
    if executed["From"] is not None or executed["To"] is not None:
        items = [i for i in items if within(i["_executed"], executed["From"], executed["To"])]
    page = listed(call.operation, call.query, items, skip=("executedFrom", "executedTo"),
                  paths={"originator.type": "_originatorType"})
    clean = [{k: v for k, v in i.items() if not k.startswith("_")} for i in page.items]
    return {"transfer": clean, "count": page.count, "responseCount": len(clean)}


@handles("correspondentBankTransferCancel")
def cbt_cancel(call):
    reason = (call.body or {}).get("cancellationReason")
    return outgoing_wire_transfers_backend(call.world).cancel(_owned(call), reason).answer()


@handles("correspondentBankTransferConfirm")
def cbt_confirm(call):
    return outgoing_wire_transfers_backend(call.world).confirm(_owned(call)).answer()
