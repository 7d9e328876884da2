"""Outgoing wire transfers (OWTs): money from a managed account to a bank account outside the programme.

A new OWT is checked (profile, source, currency, rail, bank details), its payee verified where the rail has a
scheme (confirmation of payee for Faster Payments, verification of payee for SEPA), and then moves on:
PENDING_CONFIRMATION (waits for `/confirm`) -> PENDING_CHALLENGE (waits for SCA unless exempt) ->
SCHEDULED (waits for its time) -> SUBMITTED (the money is held on the source) -> COMPLETED (the Simulator's
accept: the hold leaves the programme) or REJECTED (the Simulator's reject: the hold is released).
Choices where the description is silent: emulator/areas/wire_transfers/choices.md. Handlers: outgoing_wire_handlers.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import conflict, not_found
from ...instruments.iban import is_valid_iban
from ...ledger import LedgerRefusal, UnknownInstrument
from ...listing import Index
from ...movements.fields import as_text, exemption_for, scheduled_time, with_present
from ...ports import Ports
from ...registry import backend
from ...services import NotOwner, Owner
from .outgoing_wire_payee import verify_payee

(INVALID, PENDING_CHALLENGE, PENDING_CONFIRMATION, SUBMITTED, APPROVED, COMPLETED, REJECTED, FAILED, RETURNED,
 SCHEDULED, CANCELLED) = ("INVALID", "PENDING_CHALLENGE", "PENDING_CONFIRMATION", "SUBMITTED", "APPROVED",
                          "COMPLETED", "REJECTED", "FAILED", "RETURNED", "SCHEDULED", "CANCELLED")
RESOURCE_TYPE = "outgoing_wire_transfers"  # its MultipleSCAResourceType
# A correspondent bank transfer is a wire transfer sent on behalf of an originator: the same rules, its own answer.
CORRESPONDENT = "correspondent_bank_transfers"
CORRESPONDENT_EVENTS = {PENDING_CHALLENGE, SUBMITTED, APPROVED, REJECTED, FAILED, COMPLETED, RETURNED, INVALID}
TERMINAL = {COMPLETED, REJECTED, FAILED, RETURNED, CANCELLED, INVALID}
# Nothing has moved yet in these, so the user may still call it off.
CANCELLABLE = {SCHEDULED, PENDING_CONFIRMATION}
# The fee each rail takes, in minor units of the transfer's currency (the profile's fee in the Portal).
FEES = {"SEPA": 100, "FASTER_PAYMENTS": 50, "SWIFT": 1500, "RIX": 100}
# The reference the beneficiary sees (`description`): mandatory on these rails, and at most this long.
DESCRIPTION_REQUIRED = {"SEPA", "SWIFT"}
DESCRIPTION_LIMIT = {"SEPA": 35, "SWIFT": 35, "FASTER_PAYMENTS": 18, "RIX": 35}
REFUSING_STATES = {"BLOCKED": "SOURCE_INSTRUMENT_BLOCKED", "DESTROYED": "SOURCE_INSTRUMENT_DESTROYED"}


@dataclass
class WireTransfer:
    id: str
    owner: Owner
    profile_id: str
    source_id: str
    amount: int
    currency: str
    rail: str
    destination: dict
    fee: int
    creation_timestamp: int
    state: str = INVALID
    tag: str | None = None
    purpose: str | None = None
    description: str | None = None
    scheduled_timestamp: int | None = None
    execution_timestamp: int | None = None
    cancellation_reason: str | None = None
    exemption: str | None = None
    rejected_info: str | None = None
    outcomes: list = field(default_factory=list)
    payee: dict = field(default_factory=dict)  # the bank details and name paid (a trusted payee's, when named so)
    hold_id: str | None = None
    job: object = None
    kind: str = RESOURCE_TYPE
    # The answer of another kind (a correspondent bank transfer's), given the transfer.
    render: Callable[[WireTransfer], dict] | None = None

    @property
    def source_key(self) -> tuple:
        return ("managed_accounts", self.source_id)

    def answer(self) -> dict:
        if self.render is not None:
            return self.render(self)
        answer = {"id": self.id, "profileId": self.profile_id,
                  "sourceInstrument": {"type": "managed_accounts", "id": self.source_id},
                  "transferAmount": {"currency": self.currency, "amount": self.amount},
                  "fee": {"currency": self.currency, "amount": self.fee}, "type": self.rail,
                  "destination": dict(self.destination), "state": self.state,
                  "creationTimestamp": self.creation_timestamp}
        if self.outcomes:
            answer["validationOutcomes"] = [dict(o, categoryResult=dict(o["categoryResult"])) for o in self.outcomes]
        return with_present(answer, {
            "tag": self.tag, "purpose": self.purpose, "description": self.description,
            "cancellationReason": self.cancellation_reason, "challengeExemptionReason": self.exemption,
            "rejectedInfo": self.rejected_info, "scheduledTimestamp": as_text(self.scheduled_timestamp),
            "executionTimestamp": as_text(self.execution_timestamp)})


@backend("outgoing_wire_transfers")
class OutgoingWireBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, WireTransfer] = {}
        # By (owner, kind), oldest first, kept as transfers are made: a list reads only its own.
        self.by_owner = Index("creationTimestamp", _created)

    def connect(self, ports: Ports) -> None:
        for kind in (RESOURCE_TYPE, CORRESPONDENT):
            ports.challenges.register(kind, _OfKind(self, kind))
        self.beneficiaries = ports.beneficiaries

    # -- creation -------------------------------------------------------------------------------
    def create(self, owner: Owner, request: dict, kind: str = RESOURCE_TYPE, render=None) -> WireTransfer:
        world = self.world
        profile_id = request["profileId"]
        if profile_id != world.programme["profiles"].get("outgoingWireTransfers"):
            raise conflict("PROFILE_NOT_FOUND" if not profile_id.isdigit() else "PROFILE_INACTIVE")
        source_id = str(request["sourceInstrument"]["id"])
        source = self._source(owner, source_id)
        money = request["transferAmount"]
        currency, amount = money["currency"], money["amount"]
        if amount <= 0:
            raise conflict("AMOUNT_INVALID")
        if currency != world.instruments.currency(source):
            raise conflict("CURRENCY_MISMATCH")
        destination = request["destinationBeneficiary"]
        payee, exemption = self._payee(owner, destination)
        rail = _rail(payee, currency)
        if request.get("purpose") is None and rail == "SWIFT":
            raise conflict("PURPOSE_OF_PAYMENT_REQUIRED")
        description = request.get("description")
        if (description is None and rail in DESCRIPTION_REQUIRED and kind == RESOURCE_TYPE) or \
                (description is not None and len(description) > DESCRIPTION_LIMIT[rail]):
            raise conflict("MODEL_CONSTRAINTS_VIOLATED")
        # The correspondent bank transfer's answer has no fee field: it takes none.
        fee = FEES[rail] if kind == RESOURCE_TYPE else 0
        if world.instruments.balance(source).available < amount + fee:
            raise conflict("FUNDS_INSUFFICIENT")
        now = world.now_ms()
        scheduled = scheduled_time(request, now)
        owt = WireTransfer(id=world.ids.next(), owner=owner, profile_id=profile_id, source_id=source_id,
                           amount=amount, currency=currency, rail=rail, destination=dict(destination), fee=fee,
                           creation_timestamp=now, tag=request.get("tag"), purpose=request.get("purpose"),
                           description=description, scheduled_timestamp=scheduled, kind=kind, render=render)
        self.by_id[owt.id] = owt
        self.by_owner.add((owner, kind), owt)
        owt.exemption, owt.payee = exemption, payee
        owt.outcomes = verify_payee(rail, payee)
        if _waits_for_confirmation(owt):
            self._move(owt, PENDING_CONFIRMATION)
        else:
            self._after_confirmation(owt)
        return owt

    def _payee(self, owner: Owner, destination: dict) -> tuple[dict, str | None]:
        """The bank details and name to pay, and TRUSTED_BENEFICIARY when they come from a trusted payee."""
        if "beneficiaryId" not in destination:
            return destination, None
        found = self.beneficiaries.beneficiary(str(destination["beneficiaryId"]))
        if found is None or found.owner != owner or found.state != "ACTIVE":
            raise conflict("BENEFICIARY_NOT_FOUND")
        details = found.bank_account()
        if details is None:
            # An instrument payee serves sends, not wire transfers.
            raise conflict("BENEFICIARY_TYPE_INVALID")
        information = found.request["beneficiaryInformation"]
        name = information.get("businessName") or information.get("fullName") or ""
        return {"name": name, **details}, "TRUSTED_BENEFICIARY"

    def _source(self, owner: Owner, source_id: str) -> tuple:
        instruments = self.world.instruments
        try:
            key = instruments.resolve(("managed_accounts", source_id), owner)
        except (UnknownInstrument, NotOwner):
            raise conflict("SOURCE_NOT_FOUND") from None
        refusal = REFUSING_STATES.get(instruments.state(key))
        if refusal:
            raise conflict(refusal)
        return key

    # -- the way on -----------------------------------------------------------------------------
    def _after_confirmation(self, owt: WireTransfer) -> None:
        owt.exemption = exemption_for(owt.exemption, owt.amount)
        if owt.exemption is not None:
            self._after_challenge(owt)
        else:
            self._move(owt, PENDING_CHALLENGE)

    def _after_challenge(self, owt: WireTransfer) -> None:
        if owt.scheduled_timestamp is None:
            self._submit(owt)
            return
        owt.job = self.world.scheduler.at(owt.scheduled_timestamp, lambda: self._run_scheduled(owt),
                                          name=f"outgoing wire transfer {owt.id}")
        self._move(owt, SCHEDULED)

    def _run_scheduled(self, owt: WireTransfer) -> None:
        if owt.state == SCHEDULED:
            self._submit(owt)

    def _submit(self, owt: WireTransfer) -> None:
        """The money leaves the account's available balance now (a hold), and the actual one when it completes."""
        world = self.world
        owt.execution_timestamp = world.now_ms()
        try:
            if world.instruments.state(owt.source_key) in REFUSING_STATES:
                raise LedgerRefusal("the source cannot send")
            owt.hold_id = world.instruments.hold(owt.source_key, owt.amount + owt.fee, (owt.kind, owt.id))
        except LedgerRefusal:
            self._move(owt, FAILED)
            return
        self._move(owt, SUBMITTED)

    def challenge_completed(self, owt_id: str) -> None:
        owt = self.by_id.get(str(owt_id))
        if owt is not None and owt.state == PENDING_CHALLENGE:
            self._after_challenge(owt)

    def challenge_failed(self, owt_id: str) -> None:
        owt = self.by_id.get(str(owt_id))
        if owt is not None and owt.state == PENDING_CHALLENGE:
            self._move(owt, FAILED)

    def awaiting_challenge(self, owt_id: str, owner: Owner) -> bool:
        owt = self.by_id.get(str(owt_id))
        return owt is not None and owt.owner == owner and owt.state == PENDING_CHALLENGE

    # -- the user's actions ---------------------------------------------------------------------
    def confirm(self, owt: WireTransfer) -> WireTransfer:
        if owt.state != PENDING_CONFIRMATION:
            raise conflict("INVALID_STATE")
        self._after_confirmation(owt)
        return owt

    def rename(self, owt: WireTransfer, request: dict) -> WireTransfer:
        if owt.state != PENDING_CONFIRMATION:
            raise conflict("INVALID_STATE")
        if "beneficiaryId" in owt.destination:
            raise conflict("CONFLICT_BENEFICIARYID_NAME")
        name, accept = request.get("name"), request.get("acceptVerifiedName")
        if (name is None) == (not accept):
            # Exactly one of a new name or taking the verified one.
            raise conflict("MODEL_CONSTRAINTS_VIOLATED")
        if accept:
            name = next((o["categoryResult"].get("accountName") for o in owt.outcomes
                         if o["categoryResult"].get("accountName")), None)
            if name is None:
                raise conflict("NO_NAME_TO_ACCEPT")
        owt.destination["name"] = owt.payee["name"] = name
        owt.outcomes = verify_payee(owt.rail, owt.payee)
        self._move(owt, PENDING_CONFIRMATION)
        return owt

    def cancel(self, owt: WireTransfer, reason: str | None) -> WireTransfer:
        if owt.state not in CANCELLABLE:
            raise conflict("INVALID_STATE")
        if owt.job is not None:
            self.world.scheduler.cancel(owt.job)
        owt.cancellation_reason = reason
        self._move(owt, CANCELLED)
        return owt

    # -- the bank's answer (the Simulator) ------------------------------------------------------
    def _decidable(self, owt_id: str) -> WireTransfer | str:
        """The transfer when the bank may still accept or reject it, else the Simulator's denial."""
        owt = self.by_id.get(str(owt_id))
        if owt is None:
            return "DENIED_WIRE_TRANSFER_NOT_FOUND"
        if owt.state == COMPLETED:
            return "DENIED_WIRE_TRANSFER_ALREADY_COMPLETED"
        if owt.state not in (SUBMITTED, APPROVED):
            return "DENIED"
        return owt

    def accept(self, owt_id: str) -> str:
        owt = self._decidable(owt_id)
        if isinstance(owt, str):
            return owt
        self.world.instruments.settle(owt.hold_id)
        self._move(owt, COMPLETED)
        return "COMPLETED"

    def reject(self, owt_id: str) -> str:
        owt = self._decidable(owt_id)
        if isinstance(owt, str):
            return owt
        self.world.instruments.release(owt.hold_id)
        owt.rejected_info = "SYSTEM"
        self._move(owt, REJECTED)
        return "COMPLETED"

    @staticmethod
    def completed(owt: WireTransfer) -> WireTransfer:
        """Only a completed transfer has a payment confirmation."""
        if owt.state != COMPLETED:
            raise conflict("TRANSFER_NOT_COMPLETED")
        return owt

    # -- reading --------------------------------------------------------------------------------
    def owned(self, owner: Owner, owt_id: str, kind: str = RESOURCE_TYPE) -> WireTransfer:
        owt = self.by_id.get(str(owt_id))
        if owt is None or owt.owner != owner or owt.kind != kind:
            raise not_found("Wire transfer not found")
        return owt

    def of_owner(self, owner: Owner, kind: str = RESOURCE_TYPE) -> list[WireTransfer]:
        return list(self.by_owner.of((owner, kind)))

    def _move(self, owt: WireTransfer, state: str) -> None:
        """Every change of state is announced as the webhooks' OutgoingWireTransferEvent."""
        assert owt.state not in TERMINAL or owt.state == INVALID, f"{owt.id} left terminal {owt.state}"
        owt.state = state
        self._emit(owt)

    def _emit(self, owt: WireTransfer) -> None:
        if owt.kind == CORRESPONDENT:
            if owt.state in CORRESPONDENT_EVENTS:
                self.world.outbox.emit("correspondent_bank_transfers_watch", {
                    "owner": owt.owner.answer(), "eventType": owt.state, "transfer": owt.answer(),
                    "publishedTimestamp": self.world.outbox.published()})
            return
        destination = owt.destination
        transfer = {"id": {"type": "outgoing_wire_transfers", "id": owt.id}, "profileId": owt.profile_id,
                    "source": {"type": "managed_accounts", "id": owt.source_id},
                    "transferAmount": {"currency": owt.currency, "amount": str(owt.amount)},
                    "transactionAmount": {"currency": owt.currency, "amount": str(owt.amount)},
                    "transactionFee": {"currency": owt.currency, "amount": str(owt.fee)},
                    "type": owt.rail, "state": owt.state, "creationTimestamp": str(owt.creation_timestamp),
                    "destination": {"beneficiaryName": str(owt.payee.get("name", ""))[:100]}}
        with_present(transfer, {
            "tag": owt.tag, "challengeExemptionReason": owt.exemption, "cancellationReason": owt.cancellation_reason,
            "beneficiaryId": as_text(destination.get("beneficiaryId")),
            "executionTimestamp": as_text(owt.execution_timestamp)})
        if owt.outcomes:
            transfer["validationOutcomes"] = owt.outcomes
        self.world.outbox.emit("outgoing_wire_transfers_watch", {
            "owner": owt.owner.answer(), "eventType": owt.state, "transfer": transfer,
            "publishedTimestamp": self.world.outbox.published()})

    def dump(self) -> dict:
        return {"outgoingWireTransfers": [o.answer() | {"owner": o.owner.answer()} for o in self.by_id.values()]}


def outgoing_wire_transfers_backend(world) -> OutgoingWireBackend:
    return world.area("outgoing_wire_transfers")


class _OfKind:
    """The backend as the confirmations area sees one kind of its transfers."""

    def __init__(self, backend_, kind: str):
        self.backend, self.kind = backend_, kind

    def awaiting_challenge(self, owt_id: str, owner: Owner) -> bool:
        owt = self.backend.by_id.get(str(owt_id))
        return owt is not None and owt.kind == self.kind and self.backend.awaiting_challenge(owt_id, owner)

    def challenge_completed(self, owt_id: str) -> None:
        self.backend.challenge_completed(owt_id)

    def challenge_failed(self, owt_id: str) -> None:
        self.backend.challenge_failed(owt_id)


def _waits_for_confirmation(owt: WireTransfer) -> bool:
    """A SEPA transfer always waits for the user to confirm after verification of payee; a Faster Payments one
    only when confirmation of payee found no exact match."""
    if owt.rail == "SEPA":
        return True
    return any(o["categoryResult"]["match"] != "EXACT_MATCH" for o in owt.outcomes)


def _rail(destination: dict, currency: str) -> str:
    """The rail the beneficiary's details and the currency choose; bank details that fit no rail are a 409."""
    details = destination.get("bankAccountDetails", destination)
    if "type" in destination and "id" in destination and "name" not in destination:
        raise conflict("EXTERNAL_DESTINATION_ACCOUNT_NOT_FOUND")
    if "sortCode" in details:
        if currency != "GBP":
            raise conflict("CURRENCY_MISMATCH")
        return "FASTER_PAYMENTS"
    if "account" in destination:
        return "SWIFT"
    iban = details.get("iban")
    if not isinstance(iban, str) or not iban.isalnum() or len(iban) < 15 or not is_valid_iban(iban.upper()):
        raise conflict("BENEFICIARY_BANK_DETAILS_INVALID")
    if currency == "EUR":
        return "SEPA"
    if currency == "SEK":
        return "RIX"
    return "SWIFT"


def _created(owt: WireTransfer) -> int:
    return owt.creation_timestamp
