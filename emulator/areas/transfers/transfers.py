"""Transfers: money moved between two instruments of one identity (managed accounts, managed cards),
at once or at a scheduled time, listed, read and cancelled while still scheduled.

The area is generic over instrument types: it knows an instrument only through the instruments
service (owner, state, currency, and a card area's optional `mode_of`), and every movement is one
ledger posting with two entries, under the transaction `("transfers", id)`. A scheduled transfer waits
in SCHEDULED on the world's scheduler and runs by the same rules when the clock passes its time.
The handlers are in transfers_handlers.py.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from ...errors import conflict, not_found
from ...ledger import UnknownInstrument
from ...listing import History, Index
from ...movements import rules as movement
from ...movements.fields import instrument_ref
from ...ports import Ports
from ...registry import backend
from ...services import NotOwner, Owner

COMPLETED, SCHEDULED, CANCELLED, FAILED = "COMPLETED", "SCHEDULED", "CANCELLED", "FAILED"
DEBIT_MODE = "DEBIT_MODE"
# An instrument's state (managed accounts and cards share these names) -> why it cannot take part.
REFUSING_STATES = {"BLOCKED": "INSTRUMENT_BLOCKED", "DESTROYED": "INSTRUMENT_DESTROYED"}
# The ledger's refusal -> the transfer's 409 code (the rest share their names).
# A transfer's state -> its status in the activity view, while nothing of it is on the ledger.
ACTIVITY_STATUS = {SCHEDULED: "SUBMITTED", CANCELLED: "CANCELLED"}
# Beyond int64's 19 digits a timestamp cannot be read into the API's long.
MAX_TIMESTAMP_DIGITS = 19


# Slots: a long-lived emulator keeps every transfer (see README, bytes per transfer).
@dataclass(slots=True)
class Transfer:
    id: str
    owner: Owner
    profile_id: str
    source: dict
    destination: dict
    amount: int
    currency: str
    creation_timestamp: int
    state: str
    tag: str | None = None
    description: str | None = None
    scheduled_timestamp: int | None = None
    execution_timestamp: int | None = None
    cancellation_reason: str | None = None
    job: object = None
    updated_timestamp: int = 0

    def answer(self) -> dict:
        answer = {"id": self.id, "profileId": self.profile_id, "source": dict(self.source),
                  "destination": dict(self.destination),
                  "destinationAmount": {"currency": self.currency, "amount": self.amount},
                  "state": self.state, "creationTimestamp": self.creation_timestamp}
        for key, value in (("tag", self.tag), ("description", self.description),
                           ("cancellationReason", self.cancellation_reason)):
            if value is not None:
                answer[key] = value
        # The description types these two as digit strings, unlike creationTimestamp.
        if self.scheduled_timestamp is not None:
            answer["scheduledTimestamp"] = str(self.scheduled_timestamp)
        if self.execution_timestamp is not None:
            answer["executionTimestamp"] = str(self.execution_timestamp)
        return answer


@backend("transfers")
class TransfersBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, Transfer] = {}
        # Kept as transfers are made, so a list reads only its own: by owner, by (owner, instrument) on
        # either side, and the owner's transfers made scheduled (the only ones the activity adds).
        self.by_owner = Index("creationTimestamp", _created)
        self.by_instrument = Index("creationTimestamp", _created)
        self.scheduled_by_owner: dict[Owner, list[Transfer]] = {}
        # One read-only {type, id} per instrument, shared by its transfers (answers copy it): memory per
        # transfer stays small (README, bytes per transfer).
        self._sides: dict[tuple, dict] = {}

    def connect(self, ports: Ports) -> None:
        ports.activity.details["transfers"] = self.transaction_answer
        ports.activity.pending.append(self.activity_of)

    # -- rules -------------------------------------------------------------------------------
    def create(self, owner: Owner, request: dict) -> Transfer:
        world = self.world
        if request["profileId"] != world.programme["profiles"].get("transfers"):
            raise conflict("PROFILE_INACTIVE")
        source, destination = instrument_ref(request["source"]), instrument_ref(request["destination"])
        if source == destination:
            raise conflict("SOURCE_AND_DESTINATION_MUST_BE_DIFFERENT")
        source_key = self._usable(owner, source, "SOURCE")
        destination_key = self._usable(owner, destination, "DESTINATION")
        source, destination = self._side(source), self._side(destination)  # known instruments only
        money = request["destinationAmount"]
        currency, amount = money["currency"], money["amount"]
        instruments = world.instruments
        # Both may apply (a zero amount in another currency); which is answered is a variation entry.
        refused = world.variation.first_conflict("transfer_amount_and_currency", {
            "AMOUNT_INVALID": amount <= 0,
            "CURRENCY_MISMATCH": currency != instruments.currency(source_key)
            or currency != instruments.currency(destination_key)})
        if refused:
            raise conflict(refused)
        now = world.now_ms()
        scheduled = request.get("scheduledTimestamp")
        if scheduled is not None and (len(scheduled) > MAX_TIMESTAMP_DIGITS or int(scheduled) <= now):
            raise conflict("SCHEDULED_TIMESTAMP_INVALID")
        transfer = Transfer(id=world.ids.next(), owner=owner, profile_id=sys.intern(request["profileId"]),
                            source=source, destination=destination, amount=amount, currency=sys.intern(currency),
                            creation_timestamp=now,
                            state=SCHEDULED if scheduled is not None else "INITIALISED", tag=request.get("tag"),
                            description=request.get("description"),
                            scheduled_timestamp=int(scheduled) if scheduled is not None else None)
        if scheduled is None:
            self._execute(transfer, refuse=True)
        else:
            transfer.job = world.scheduler.at(transfer.scheduled_timestamp, lambda: self._run_scheduled(transfer),
                                              name=f"transfer {transfer.id}")
            self._changed(transfer)
        self.by_id[transfer.id] = transfer
        self.by_owner.add(owner, transfer)
        for side in (source, destination):
            self.by_instrument.add((owner, side["type"], side["id"]), transfer)
        if transfer.scheduled_timestamp is not None:
            self.scheduled_by_owner.setdefault(owner, []).append(transfer)
        return transfer

    def _side(self, value: dict) -> dict:
        key = (value["type"], value["id"])
        side = self._sides.get(key)
        if side is None:
            side = self._sides[key] = {"type": sys.intern(key[0]), "id": sys.intern(key[1])}
        return side

    def _usable(self, owner: Owner, instrument: dict, side: str) -> tuple:
        """The instrument as a ledger key, when the owner may move money from or to it."""
        instruments = self.world.instruments
        try:
            key = instruments.resolve((instrument["type"], instrument["id"]), owner)
        except (UnknownInstrument, NotOwner):
            # Another identity's instrument is as unknown as a missing one.
            raise conflict(f"{side}_NOT_FOUND") from None
        mode_of = getattr(instruments.areas[key[0]], "mode_of", None)
        if mode_of is not None and mode_of(key[1]) == DEBIT_MODE:
            raise conflict(f"{side}_CANNOT_BE_DEBIT_MODE_CARD")
        refusal = REFUSING_STATES.get(instruments.state(key))
        if refusal:
            raise conflict(f"{side}_{refusal}")
        return key

    def _execute(self, transfer: Transfer, refuse: bool) -> None:
        movement.execute(self.world, transfer, lambda: self._usable(transfer.owner, transfer.source, "SOURCE"),
                         lambda: self._usable(transfer.owner, transfer.destination, "DESTINATION"),
                         ("transfers", transfer.id), refuse)
        self._changed(transfer)

    def _run_scheduled(self, transfer: Transfer) -> None:
        if transfer.state == SCHEDULED:
            self._execute(transfer, refuse=False)

    def cancel(self, owner: Owner, cancellation: dict) -> dict:
        """One item of a bulk cancel: SUCCESS, or ERROR with the description's reason."""
        transfer = self.by_id.get(cancellation["id"])
        if transfer is None or transfer.owner != owner:
            return {"id": cancellation["id"], "state": "ERROR", "errorCode": "NOT_FOUND"}
        if transfer.state != SCHEDULED:
            return {"id": transfer.id, "state": "ERROR", "errorCode": "TRANSACTION_NOT_SCHEDULED"}
        self.world.scheduler.cancel(transfer.job)
        transfer.state = CANCELLED
        transfer.cancellation_reason = cancellation.get("cancellationReason")
        self._changed(transfer)
        return {"id": transfer.id, "state": "SUCCESS"}

    def owned(self, owner: Owner, transfer_id: str) -> Transfer:
        transfer = self.by_id.get(str(transfer_id))
        if transfer is None or transfer.owner != owner:
            raise not_found("Transfer not found")
        return transfer

    def transaction_answer(self, transfer_id: str) -> dict | None:
        """The transfer as the activity view nests it (the caller's ownership was checked on its item)."""
        transfer = self.by_id.get(str(transfer_id))
        return transfer.answer() if transfer else None

    def of_owner(self, owner: Owner) -> list[Transfer]:
        return list(self.by_owner.of(owner))

    def listing(self, owner: Owner, instrument: dict | None = None) -> History:
        """The owner's transfers (those on `instrument`, either side, when given) as answers, oldest first."""
        if instrument is None:
            return self.by_owner.history(owner, Transfer.answer)
        return self.by_instrument.history((owner, instrument["type"], instrument["id"]), Transfer.answer)

    def activity_of(self, owner: Owner) -> list[dict]:
        """What the ledger does not show of the owner's transfers, for `GET /transactions`: a scheduled
        transfer is SUBMITTED and a cancelled one CANCELLED, on each side (nothing moved on either)."""
        items = []
        for transfer in self.scheduled_by_owner.get(owner, ()):
            status = ACTIVITY_STATUS.get(transfer.state)
            if status is None:
                continue
            for side, direction in ((transfer.source, "DEBIT"), (transfer.destination, "CREDIT")):
                items.append({"id": transfer.id, "type": "transfers", "status": status, "direction": direction,
                              "amount": {"currency": transfer.currency, "amount": transfer.amount},
                              "instrument": dict(side), "creationTimestamp": transfer.creation_timestamp,
                              "lastUpdatedTimestamp": transfer.updated_timestamp})
        return items

    def _changed(self, transfer: Transfer) -> None:
        """Every change of state is stamped and announced."""
        transfer.updated_timestamp = self.world.now_ms()
        self._emit(transfer)

    def _emit(self, transfer: Transfer) -> None:
        """The webhooks' TransferEvent: a LegacyTransfer (typed id, numbers as strings), named by its state."""
        payload = {key: value for key, value in transfer.answer().items() if key != "description"}
        payload.update(id={"type": "transfers", "id": transfer.id}, creationTimestamp=str(transfer.creation_timestamp),
                       destinationAmount={"currency": transfer.currency, "amount": str(transfer.amount)})
        self.world.outbox.emit("transfers_watch", {"eventType": transfer.state, "transfer": payload,
                                                   "publishedTimestamp": self.world.outbox.published()})

    def dump(self) -> dict:
        return {"transfers": [t.answer() | {"owner": t.owner.answer()} for t in self.by_id.values()]}


def transfers_backend(world) -> TransfersBackend:
    return world.area("transfers")


def _created(transfer: Transfer) -> int:
    return transfer.creation_timestamp


