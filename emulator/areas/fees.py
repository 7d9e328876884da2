"""Custom fees: charging a programme-defined fee to the logged-in identity, and the identity's fee list.

A fee charge names the fee type (the programme's `customFees`, amounts per currency) and
the source instrument it is deducted from. Instruments live in their own areas: the backend
named after the instrument type (`managed_accounts`, `managed_cards`) answers
`fee_source(instrument_id) -> {"owner": {"type", "id"}, "currency", "availableBalance"} | None`
and `debit_fee(instrument_id, amount, transaction_id)`. An instrument area that does not
(yet) answer them leaves every instrument unresolved.
"""
from __future__ import annotations

from ..errors import conflict
from ..registry import backend, handles

REVENUE_ACCOUNT = {"type": "revenue_account", "id": "0"}


@backend("fees")
class FeesBackend:
    def __init__(self, world):
        self.world = world
        # identity id -> FeeTransaction records, oldest first
        self.by_identity: dict[str, list[dict]] = {}

    def amounts(self, fee_type: str) -> dict:
        fees = self.world.programme.get("customFees") or {}
        if fee_type not in fees:
            raise conflict("UNRESOLVED_FEE_TYPE")
        amounts = fees[fee_type] or {}
        if not amounts:
            raise conflict("FEE_AMOUNT_NOT_SET")
        return amounts

    def source(self, identity: dict, instrument: dict) -> dict:
        instruments = self.world.backends.get(instrument["type"])
        lookup = getattr(instruments, "fee_source", None)
        found = lookup(instrument["id"]) if lookup else None
        if found is None:
            raise conflict("UNRESOLVED_INSTRUMENT")
        if found["owner"] != identity:
            raise conflict("IDENTITY_NOT_OWNER_OF_INSTRUMENT")
        return found

    def charge(self, identity: dict, profile_id: str, request: dict) -> dict:
        world = self.world
        fee_type, instrument = request["feeType"], request["source"]
        amounts = self.amounts(fee_type)
        found = self.source(identity, instrument)
        currency = found["currency"]
        if currency not in amounts:
            raise conflict("UNRESOLVED_CURRENCY")
        amount = int(amounts[currency])
        if found["availableBalance"] < amount:
            raise conflict("FUNDS_INSUFFICIENT")
        transaction_id = world.ids.next()
        world.backends[instrument["type"]].debit_fee(instrument["id"], amount, transaction_id)
        now = world.now_ms()
        source = {"type": instrument["type"], "id": instrument["id"]}
        self.by_identity.setdefault(identity["id"], []).append({
            "id": transaction_id, "feeType": "custom_fees", "amount": {"currency": currency, "amount": amount},
            "instrument": source, "status": "COMPLETED", "description": fee_type[:255],
            "creationTimestamp": now, "lastUpdatedTimestamp": now})
        return {"transactionId": {"type": "CHARGE_FEE", "id": transaction_id}, "profileId": profile_id,
                "feeType": fee_type, "source": source, "destination": dict(REVENUE_ACCOUNT),
                "availableBalanceAdjustment": {"currency": currency, "amount": -amount},
                "state": "COMPLETED", "creationTimestamp": now}

    def listed(self, identity_id: str, query: dict) -> list[dict]:
        fees = self.by_identity.get(identity_id, [])
        start, end = query.get("creationTimestampFrom"), query.get("creationTimestampTo")
        fees = [f for f in fees if (start is None or f["creationTimestamp"] >= start)
                and (end is None or f["creationTimestamp"] <= end)]
        # Most recent first unless ASC is asked for.
        return fees if query.get("sortOrder") == "ASC" else list(reversed(fees))

    def dump(self) -> dict:
        return {"fees": self.by_identity}


def _charge(call, identity_type: str, area: str):
    identity_id = call.require_identity(identity_type)
    identity = {"type": identity_type, "id": identity_id}
    profile_id = getattr(call.world, area).by_id[identity_id]["profileId"]
    return call.world.fees.charge(identity, profile_id, call.body)


@handles("corporateChargeFee")
def corporate_charge_fee(call):
    return _charge(call, "CORPORATE", "corporates")


@handles("consumerChargeFee")
def consumer_charge_fee(call):
    return _charge(call, "CONSUMER", "consumers")


@handles("feesGet")
def fees_get(call):
    session = call.require_session()
    matching = call.world.fees.listed(session.identity_id, call.query)
    page = call.page(matching)
    return {"fees": page, "count": len(matching), "responseCount": len(page)}
