"""Sends: money from an instrument of the caller's identity to an instrument of another identity (named
directly or through a trusted beneficiary), at once, after a confirmation challenge, or at a scheduled time.

A send that is not exempt from SCA waits in PENDING_CHALLENGE until the confirmations area says its
challenge was verified (then it runs, or waits in SCHEDULED for its time) or failed for good (then it
FAILED and nothing moved). Exempt: a send to a trusted beneficiary (TRUSTED_BENEFICIARY) or of a low amount
(LOW_VALUE, at most movement_fields.LOW_VALUE_LIMIT minor units). Every movement is one ledger posting
between the two identities' instruments under the transaction `("sends", id)`. Handlers are in
sends_handlers.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...errors import conflict, not_found
from ...ledger import UnknownInstrument
from ...listing import Index
from ...movements import rules as movement
from ...movements.fields import as_text, exemption_for, instrument_ref, scheduled_time, with_present
from ...ports import Ports
from ...registry import backend
from ...services import Owner

PENDING_CHALLENGE, SCHEDULED, COMPLETED = "PENDING_CHALLENGE", "SCHEDULED", "COMPLETED"
FAILED, CANCELLED = "FAILED", "CANCELLED"
DEBIT_MODE = "DEBIT_MODE"
REFUSING_STATES = {"BLOCKED": "INSTRUMENT_BLOCKED", "DESTROYED": "INSTRUMENT_DESTROYED"}
# The send_watch event's types: a state outside them is not announced.
EVENT_TYPES = {"PENDING", "COMPLETED", "FAILED", "PENDING_CHALLENGE", "INVALID", "SCHEDULED", "CANCELLED"}


@dataclass
class Send:
    id: str
    owner: Owner
    profile_id: str
    source: dict
    destination: dict          # as the caller named it: an instrument, or {"beneficiaryId": id}
    destination_instrument: dict
    amount: int
    currency: str
    creation_timestamp: int
    state: str
    exemption: str | None = None
    tag: str | None = None
    description: str | None = None
    scheduled_timestamp: int | None = None
    execution_timestamp: int | None = None
    cancellation_reason: str | None = None
    job: object = None

    def money(self, amount: int) -> dict:
        return {"currency": self.currency, "amount": amount}

    def answer(self) -> dict:
        # No send fee is configured on the programme: both fees are zero, the whole amount arrives.
        answer = {"id": self.id, "profileId": self.profile_id, "source": dict(self.source),
                  "destination": dict(self.destination), "destinationAmount": self.money(self.amount),
                  "transactionAmount": self.money(self.amount), "sourceFee": self.money(0),
                  "destinationFee": self.money(0), "state": self.state, "creationTimestamp": self.creation_timestamp}
        return with_present(answer, {
            "tag": self.tag, "description": self.description, "challengeExemptionReason": self.exemption,
            "cancellationReason": self.cancellation_reason, "scheduledTimestamp": as_text(self.scheduled_timestamp),
            "executionTimestamp": as_text(self.execution_timestamp)})


@backend("sends")
class SendsBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, Send] = {}
        # The owner's sends, oldest first, kept as they are made: a list reads only its own.
        self.by_owner = Index("creationTimestamp", _created)

    def connect(self, ports: Ports) -> None:
        ports.challenges.register("sends", self)
        self.beneficiaries = ports.beneficiaries

    # -- rules -------------------------------------------------------------------------------
    def create(self, owner: Owner, request: dict) -> Send:
        world = self.world
        if request["profileId"] != world.programme["profiles"].get("sends"):
            raise conflict("PROFILE_NOT_FOUND")
        money = request["destinationAmount"]
        currency, amount = money["currency"], money["amount"]
        if amount <= 0:
            raise conflict("AMOUNT_INVALID")
        source = instrument_ref(request["source"])
        source_key = self._usable(source, "SOURCE", owner=owner)
        destination, exemption = self._destination(owner, request["destination"])
        if source == destination:
            raise conflict("SOURCE_AND_DESTINATION_MUST_BE_DIFFERENT")
        destination_key = self._usable(destination, "DESTINATION", sender=owner)
        instruments = world.instruments
        if currency != instruments.currency(source_key) or currency != instruments.currency(destination_key):
            raise conflict("CURRENCY_MISMATCH")
        now = world.now_ms()
        scheduled = scheduled_time(request, now)
        if scheduled is None and instruments.balance(source_key).available < amount:
            # Refused at once, challenge or not: a challenge would only lead to a failed send.
            raise conflict("FUNDS_INSUFFICIENT")
        exemption = exemption_for(exemption, amount)
        send = Send(id=world.ids.next(), owner=owner, profile_id=request["profileId"], source=source,
                    destination=_destination_as_named(request["destination"]), destination_instrument=destination,
                    amount=amount, currency=currency, creation_timestamp=now, state="INITIALISED",
                    exemption=exemption, tag=request.get("tag"), description=request.get("description"),
                    scheduled_timestamp=scheduled)
        if exemption is None:
            send.state = PENDING_CHALLENGE
            self._changed(send)
        else:
            self._proceed(send, refuse=True)
        self.by_id[send.id] = send
        self.by_owner.add(owner, send)
        return send

    def _destination(self, owner: Owner, named: dict) -> tuple[dict, str | None]:
        """The destination instrument, and TRUSTED_BENEFICIARY when it was named through a trusted beneficiary."""
        if "beneficiaryId" not in named:
            return instrument_ref(named), None
        beneficiary = self.beneficiaries.beneficiary(str(named["beneficiaryId"]))
        if beneficiary is None or beneficiary.owner != owner or beneficiary.state != "ACTIVE":
            raise conflict("BENEFICIARY_NOT_FOUND")
        instrument = beneficiary.instrument()
        if instrument is None:
            # A bank-account beneficiary serves outgoing wire transfers, not sends.
            raise conflict("BENEFICIARY_TYPE_INVALID")
        return instrument, "TRUSTED_BENEFICIARY"

    def _usable(self, instrument: dict, side: str, owner: Owner | None = None, sender: Owner | None = None) -> tuple:
        """The instrument as a ledger key: the sender's own for the source, another identity's for the destination."""
        instruments = self.world.instruments
        try:
            key = instruments.resolve((instrument["type"], instrument["id"]))
        except UnknownInstrument:
            raise conflict(f"{side}_NOT_FOUND") from None
        holder = instruments.owner_of(key)
        if owner is not None and holder != owner:
            # Another identity's instrument is as unknown as a missing one.
            raise conflict(f"{side}_NOT_FOUND")
        if sender is not None and holder == sender:
            raise conflict("DESTINATION_BELONGS_TO_SAME_IDENTITY")
        mode_of = getattr(instruments.areas[key[0]], "mode_of", None)
        if mode_of is not None and mode_of(key[1]) == DEBIT_MODE:
            raise conflict(f"{side}_CANNOT_BE_DEBIT_MODE_CARD")
        refusal = REFUSING_STATES.get(instruments.state(key))
        if refusal:
            raise conflict(f"{side}_{refusal}")
        return key

    def _proceed(self, send: Send, refuse: bool) -> None:
        """Past the challenge (or exempt from it): wait for the scheduled time, or run now."""
        if send.scheduled_timestamp is None:
            self._execute(send, refuse)
            return
        send.state = SCHEDULED
        send.job = self.world.scheduler.at(send.scheduled_timestamp, lambda: self._run_scheduled(send),
                                           name=f"send {send.id}")
        self._changed(send)

    def _execute(self, send: Send, refuse: bool) -> None:
        movement.execute(self.world, send, lambda: self._usable(send.source, "SOURCE", owner=send.owner),
                         lambda: self._usable(send.destination_instrument, "DESTINATION", sender=send.owner),
                         ("sends", send.id), refuse)
        self._changed(send)

    def _run_scheduled(self, send: Send) -> None:
        if send.state == SCHEDULED:
            self._execute(send, refuse=False)

    def cancel(self, owner: Owner, send_id: str, reason: str | None) -> Send:
        send = self.owned(owner, send_id)
        if send.state != SCHEDULED:
            raise conflict("INVALID_STATE")
        self.world.scheduler.cancel(send.job)
        send.state = CANCELLED
        send.cancellation_reason = reason
        self._changed(send)
        return send

    # -- the confirmations area's questions ----------------------------------------------------
    def awaiting_challenge(self, send_id: str, owner: Owner) -> bool:
        send = self.by_id.get(str(send_id))
        return send is not None and send.owner == owner and send.state == PENDING_CHALLENGE

    def challenge_completed(self, send_id: str) -> None:
        self._proceed(self.by_id[send_id], refuse=False)

    def challenge_failed(self, send_id: str) -> None:
        send = self.by_id[send_id]
        send.state = FAILED
        self._changed(send)

    # -- reading ------------------------------------------------------------------------------
    def owned(self, owner: Owner, send_id: str) -> Send:
        send = self.by_id.get(str(send_id))
        if send is None or send.owner != owner:
            raise not_found("Send not found")
        return send

    def of_owner(self, owner: Owner) -> list[Send]:
        return list(self.by_owner.of(owner))

    def _changed(self, send: Send) -> None:
        if send.state not in EVENT_TYPES:
            return
        payload = {key: value for key, value in send.answer().items() if key != "destination"}
        amounts = {key: {"currency": send.currency, "amount": str(value["amount"])}
                   for key, value in payload.items() if key in ("destinationAmount", "transactionAmount",
                                                                "sourceFee", "destinationFee")}
        payload.update(amounts, id={"type": "sends", "id": send.id}, creationTimestamp=str(send.creation_timestamp),
                       destination=dict(send.destination_instrument))
        if "beneficiaryId" in send.destination:
            payload["beneficiaryId"] = send.destination["beneficiaryId"]
        self.world.outbox.emit("send_watch", {"eventType": send.state, "send": payload,
                                              "publishedTimestamp": self.world.outbox.published()})

    def dump(self) -> dict:
        return {"sends": [s.answer() | {"owner": s.owner.answer()} for s in self.by_id.values()]}


def sends_backend(world) -> SendsBackend:
    return world.area("sends")


def _created(send: Send) -> int:
    return send.creation_timestamp


def _destination_as_named(value: dict) -> dict:
    if "beneficiaryId" in value:
        return {"beneficiaryId": str(value["beneficiaryId"])}
    return instrument_ref(value)
