"""Custom fees: charging a programme-defined fee to the logged-in identity, and the identity's fee list.

A fee charge names the fee type (the programme's `customFees`, amounts per currency) and the source
instrument it is deducted from. The instruments service resolves the source for its owner and the fee
leaves it on the ledger (money out, to the programme's revenue); an instrument type no area has
registered is unresolved.
"""
from __future__ import annotations

from ...errors import conflict
from ...ledger import FundsInsufficient, NotAnAmount, UnknownInstrument
from ...listing import Index, listed
from ...ports import Ports
from ...registry import backend, handles
from ...services import NotOwner, Owner

REVENUE_ACCOUNT = {"type": "revenue_account", "id": "0"}


@backend("fees")
class FeesBackend:
    def __init__(self, world):
        self.world = world
        # identity id -> FeeTransaction records, oldest first (a list bisects its creation time)
        self.by_identity = Index("creationTimestamp", _created)
        self.by_id: dict[str, dict] = {}

    def connect(self, ports: Ports) -> None:
        ports.activity.details["fees"] = self.transaction_answer

    def amounts(self, fee_type: str) -> dict:
        fees = self.world.programme.get("customFees") or {}
        if fee_type not in fees:
            raise conflict("UNRESOLVED_FEE_TYPE")
        amounts = fees[fee_type] or {}
        if not amounts:
            raise conflict("FEE_AMOUNT_NOT_SET")
        return amounts

    def source(self, owner: Owner, instrument: dict) -> tuple:
        try:
            return self.world.instruments.resolve((instrument["type"], instrument["id"]), owner)
        except UnknownInstrument:
            raise conflict("UNRESOLVED_INSTRUMENT") from None
        except NotOwner:
            raise conflict("IDENTITY_NOT_OWNER_OF_INSTRUMENT") from None

    def charge(self, owner: Owner, request: dict) -> dict:
        world = self.world
        fee_type, instrument = request["feeType"], request["source"]
        amounts = self.amounts(fee_type)
        source_key = self.source(owner, instrument)
        currency = world.instruments.currency(source_key)
        if currency not in amounts:
            raise conflict("UNRESOLVED_CURRENCY")
        amount = int(amounts[currency])
        transaction_id = world.ids.next()
        try:
            world.instruments.debit(source_key, amount, ("fees", transaction_id))
        except FundsInsufficient:
            raise conflict("FUNDS_INSUFFICIENT") from None
        except NotAnAmount:
            # A programme pricing the fee at zero or less has set no amount a charge can take.
            raise conflict("FEE_AMOUNT_NOT_SET") from None
        identity = owner.answer()
        profile_id = world.identities.profile_id(owner)
        now = world.now_ms()
        source = {"type": instrument["type"], "id": instrument["id"]}
        fee = {"id": transaction_id, "feeType": "custom_fees", "amount": {"currency": currency, "amount": amount},
               "instrument": source, "status": "COMPLETED", "description": fee_type[:255],
               "creationTimestamp": now, "lastUpdatedTimestamp": now}
        self.by_identity.add(identity["id"], fee)
        self.by_id[transaction_id] = fee
        world.outbox.emit("fees_watch", {
            "chargeFee": {"id": transaction_id, "feeType": "CUSTOM", "feeSubType": fee_type[:50], "source": source,
                          "profileId": profile_id,
                          "feeSpec": {"type": "FLAT", "flatAmount": [{"currency": currency, "amount": str(amount)}]}},
            "type": "COMPLETED", "publishedTimestamp": str(now)})
        return {"transactionId": {"type": "CHARGE_FEE", "id": transaction_id}, "profileId": profile_id,
                "feeType": fee_type, "source": source, "destination": dict(REVENUE_ACCOUNT),
                "availableBalanceAdjustment": {"currency": currency, "amount": -amount},
                "state": "COMPLETED", "creationTimestamp": now}

    def transaction_answer(self, transaction_id: str) -> dict | None:
        """The fee as the activity view nests it, as the identity's fee list shows it (the caller's
        ownership was checked on its item)."""
        fee = self.by_id.get(str(transaction_id))
        return dict(fee) if fee is not None else None

    def of_identity(self, identity_id: str) -> list[dict]:
        """The identity's fee transactions, oldest first."""
        return self.by_identity.of(identity_id)

    def dump(self) -> dict:
        return {"fees": self.by_identity.lists}


def fees_backend(world) -> FeesBackend:
    return world.area("fees")


def _created(fee: dict) -> int:
    return fee["creationTimestamp"]


def _charge(call, identity_type: str):
    owner = Owner(identity_type, call.require_identity(identity_type))
    return fees_backend(call.world).charge(owner, call.body)


@handles("corporateChargeFee")
def corporate_charge_fee(call):
    return _charge(call, "CORPORATE")


@handles("consumerChargeFee")
def consumer_charge_fee(call):
    return _charge(call, "CONSUMER")


@handles("feesGet")
def fees_get(call):
    session = call.require_session()
    fees = fees_backend(call.world).by_identity.history(session.identity_id, _same)
    # Most recent first unless sortOrder=ASC.
    return listed(call.operation, call.query, fees).answer("fees")


def _same(fee: dict) -> dict:
    return fee
