"""Trusted payees (beneficiaries): created and removed in batches. A create batch validates each payee
(an instrument that exists and belongs to another identity, or a bank account; not a duplicate of one of
the identity's payees) and, when any is valid, waits in PENDING_CHALLENGE for an SCA challenge (the
confirmations model with the batch as its one resource); once verified the valid payees become ACTIVE
and trusted. Instrument payees serve sends, bank-account payees serve outgoing wire transfers: other
areas read one with `beneficiary(id)`. Handlers are in beneficiaries_handlers.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import not_found
from ...ledger import UnknownInstrument
from ...ports import Beneficiaries, Ports
from ...registry import backend
from ...services import Owner

# The batches' resource type in the confirmations model; not a MultipleSCAResourceType, so only the
# batch's own challenge endpoints reach it.
RESOURCE_TYPE = "beneficiary_batches"
BATCH_EVENT_TYPES = {"INITIALISED", "FAILED", "PENDING_CHALLENGE", "CHALLENGE_FAILED", "CHALLENGE_COMPLETED"}


@dataclass
class Beneficiary:
    id: str
    owner: Owner
    request: dict
    state: str
    batches: list = field(default_factory=list)
    validation_failure: str | None = None

    def instrument(self) -> dict | None:
        """The instrument of an instrument payee (sends), None for a bank-account payee."""
        found = self.request["beneficiaryDetails"].get("instrument")
        return {"type": found["type"], "id": str(found["id"])} if found else None

    def bank_account(self) -> dict | None:
        """The bank-account details of a bank-account payee (outgoing wire transfers), None otherwise."""
        details = self.request["beneficiaryDetails"]
        return dict(details) if "bankAccountDetails" in details else None

    def answer(self) -> dict:
        answer = dict(self.request)
        answer.update(id=self.id, state=self.state, relatedOperationBatches=[dict(b) for b in self.batches])
        if self.validation_failure:
            answer["validationFailure"] = self.validation_failure
        return answer

    def event(self) -> dict:
        """The webhooks' LegacyBeneficiary: information and details wrapped by their kind."""
        information, details = self.request["beneficiaryInformation"], self.request["beneficiaryDetails"]
        event = {"id": self.id, "trustLevel": self.request["trustLevel"], "state": self.state,
                 "beneficiaryInformation": {("businessBeneficiaryType" if "businessName" in information
                                             else "consumerBeneficiaryType"): dict(information)},
                 "beneficiaryDetails": ({"instrumentDetailsBeneficiary": dict(details)} if "instrument" in details
                                        else {"bankAccountDetailsBeneficiary": dict(details)})}
        if self.validation_failure:
            event["validationFailure"] = self.validation_failure
        return event


@dataclass
class Batch:
    id: str
    owner: Owner
    operation: str
    state: str
    beneficiary_ids: list
    tag: str | None = None

    def answer(self) -> dict:
        answer = {"operationBatchId": {"batchId": self.id, "operation": self.operation}, "state": self.state}
        if self.tag is not None:
            answer["tag"] = self.tag
        return answer


@backend("beneficiaries")
class BeneficiariesBackend:
    def __init__(self, world):
        self.world = world
        self.beneficiaries: dict[str, Beneficiary] = {}
        self.batches: dict[str, Batch] = {}

    def connect(self, ports: Ports) -> None:
        ports.challenges.register(RESOURCE_TYPE, self)

    def beneficiary(self, beneficiary_id: str) -> Beneficiary | None:
        """Any area's read of one payee (its owner, state and details), or None."""
        return self.beneficiaries.get(str(beneficiary_id))

    # -- create and remove ---------------------------------------------------------------------
    def create(self, owner: Owner, request: dict) -> Batch:
        world = self.world
        batch = Batch(world.ids.next(), owner, "CREATE", "INITIALISED", [], request.get("tag"))
        for item in request["beneficiaries"]:
            failure = self._validation_failure(owner, item)
            beneficiary = Beneficiary(world.ids.next(), owner, dict(item), "INVALID" if failure else "PENDING_CHALLENGE",
                                      [{"batchId": batch.id, "operation": "CREATE"}], failure)
            self.beneficiaries[beneficiary.id] = beneficiary
            batch.beneficiary_ids.append(beneficiary.id)
        self.batches[batch.id] = batch
        valid = any(self.beneficiaries[i].state == "PENDING_CHALLENGE" for i in batch.beneficiary_ids)
        self._set(batch, "PENDING_CHALLENGE" if valid else "FAILED")
        return batch

    def _validation_failure(self, owner: Owner, item: dict) -> str | None:
        details = item["beneficiaryDetails"]
        if "instrument" in details:
            instrument = details["instrument"]
            instruments = self.world.instruments
            try:
                key = instruments.resolve((instrument["type"], str(instrument["id"])))
            except UnknownInstrument:
                return "INSTRUMENT_DETAILS_NOT_FOUND"
            if instruments.owner_of(key) == owner:
                return "BENEFICIARY_BELONGS_TO_SAME_IDENTITY"
        if any(b.owner == owner and b.state in ("ACTIVE", "PENDING_CHALLENGE")
               and _same_details(b.request["beneficiaryDetails"], details) for b in self.beneficiaries.values()):
            return "BENEFICIARY_DETAILS_ALREADY_EXIST"
        return None

    def remove(self, owner: Owner, beneficiary_ids: list) -> Batch:
        """Removing trust needs no challenge: the batch completes at once (areas/beneficiaries/choices.md)."""
        found = [b for b in (self.beneficiaries.get(str(i)) for i in beneficiary_ids)
                 if b is not None and b.owner == owner and b.state != "REMOVED"]
        if len(found) != len(beneficiary_ids):
            raise not_found("Beneficiary not found")
        batch = Batch(self.world.ids.next(), owner, "REMOVE", "INITIALISED", [b.id for b in found])
        self.batches[batch.id] = batch
        for beneficiary in found:
            beneficiary.state = "REMOVED"
            beneficiary.batches.append({"batchId": batch.id, "operation": "REMOVE"})
        self._set(batch, "COMPLETED")
        return batch

    # -- the confirmations area's questions ----------------------------------------------------
    def awaiting_challenge(self, batch_id: str, owner: Owner) -> bool:
        batch = self.batches.get(str(batch_id))
        return batch is not None and batch.owner == owner and batch.state == "PENDING_CHALLENGE"

    def challenge_completed(self, batch_id: str) -> None:
        batch = self.batches[batch_id]
        # The payees are active before the batch announces its completed challenge: that event is the batch's
        # last (COMPLETED has no event type), so it carries the payees as they end.
        for beneficiary in self._members(batch, "PENDING_CHALLENGE"):
            beneficiary.state = "ACTIVE"
        self._set(batch, "CHALLENGE_COMPLETED")
        self._set(batch, "COMPLETED")

    def challenge_failed(self, batch_id: str) -> None:
        batch = self.batches[batch_id]
        for beneficiary in self._members(batch, "PENDING_CHALLENGE"):
            beneficiary.state = "CHALLENGE_FAILED"
        self._set(batch, "CHALLENGE_FAILED")

    def _members(self, batch: Batch, state: str) -> list[Beneficiary]:
        return [self.beneficiaries[i] for i in batch.beneficiary_ids if self.beneficiaries[i].state == state]

    def _set(self, batch: Batch, state: str) -> None:
        batch.state = state
        if state in BATCH_EVENT_TYPES:
            payload = {"id": batch.id, "operation": batch.operation, "eventType": state,
                       "publishedTimestamp": self.world.outbox.published(),
                       "beneficiaries": [self.beneficiaries[i].event() for i in batch.beneficiary_ids]}
            if batch.tag is not None:
                payload["tag"] = batch.tag
            self.world.outbox.emit("beneficiary_batch_watch", payload)

    # -- reading ------------------------------------------------------------------------------
    def owned(self, owner: Owner, beneficiary_id: str) -> Beneficiary:
        beneficiary = self.beneficiaries.get(str(beneficiary_id))
        if beneficiary is None or beneficiary.owner != owner:
            raise not_found("Beneficiary not found")
        return beneficiary

    def owned_batch(self, owner: Owner, batch_id: str) -> Batch:
        batch = self.batches.get(str(batch_id))
        if batch is None or batch.owner != owner:
            raise not_found("Beneficiary batch not found")
        return batch

    def dump(self) -> dict:
        return {"beneficiaries": [b.answer() for b in self.beneficiaries.values()],
                "batches": [b.answer() for b in self.batches.values()]}


def beneficiaries_backend(world) -> BeneficiariesBackend:
    return world.area("beneficiaries")


def _wired_as_port(backend: BeneficiariesBackend) -> Beneficiaries:
    return backend  # mypy holds the backend to the port World wires it into


def _same_details(one: dict, other: dict) -> bool:
    if "instrument" in one and "instrument" in other:
        return (one["instrument"]["type"], str(one["instrument"]["id"])) == \
               (other["instrument"]["type"], str(other["instrument"]["id"]))
    return one.get("bankAccountDetails") is not None and one.get("bankAccountDetails") == other.get("bankAccountDetails")
