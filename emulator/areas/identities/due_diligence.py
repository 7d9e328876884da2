"""Due diligence: a corporate's KYB and a consumer's KYC, and the details it locks once approved.

Each identity has one status (KyiStatus). Starting due diligence needs a verified root
email and answers the reference the KYB/KYC UI component is initialised with; the
sandbox's Simulator approves it (see simulator_identities.py). Once approved, the root
user's personal details can no longer be changed through the API.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...errors import conflict
from ...ports import User
from ...registry import backend, handles

NOT_STARTED, INITIATED, APPROVED = "NOT_STARTED", "INITIATED", "APPROVED"
DEFAULT_KYC_LEVEL = "KYC_LEVEL_2"

# The update request's field -> where its current value is read, for the fields due diligence locks.
CORPORATE_LOCKED = ("name", "surname", "email", "mobile", "dateOfBirth", "companyBusinessAddress")
CONSUMER_LOCKED = ("name", "surname", "email", "mobile", "dateOfBirth", "address")


@dataclass
class DueDiligence:
    status: str = NOT_STARTED
    reference: str | None = None
    kyc_level: str | None = None


@backend("due_diligence")
class DueDiligenceBackend:
    def __init__(self, world):
        self.world = world
        self.by_identity: dict[str, DueDiligence] = {}

    def record(self, identity_id: str) -> DueDiligence:
        return self.by_identity.setdefault(identity_id, DueDiligence())

    def status(self, identity_id: str) -> str:
        return self.record(identity_id).status

    def is_approved(self, identity_id: str) -> bool:
        return self.status(identity_id) == APPROVED

    def start(self, identity_id: str, already_approved: str, level: str | None = None) -> DueDiligence:
        """Start (or resume) due diligence; the same reference while it is in progress."""
        record = self.record(identity_id)
        if record.status == APPROVED:
            raise conflict(already_approved)
        user = self.world.ports.users.require(identity_id)
        if not user.email_verified:
            raise conflict("EMAIL_UNVERIFIED")
        if record.status == NOT_STARTED or record.reference is None:
            record.reference = self.world.ids.next()
        record.status = INITIATED
        self._status_event(user, INITIATED)
        if level or not record.kyc_level:
            record.kyc_level = level or DEFAULT_KYC_LEVEL
        return record

    def approve(self, identity_id: str) -> None:
        """What the Simulator's verify does: root email and mobile verified, due diligence approved."""
        user = self.world.ports.users.require(identity_id)
        self.world.ports.users.contact_verified(user)
        record = self.record(identity_id)
        newly = record.status != APPROVED
        record.status = APPROVED
        record.kyc_level = record.kyc_level or DEFAULT_KYC_LEVEL
        self._status_event(user, APPROVED)
        if newly and user.identity_type == "CORPORATE":
            self._beneficiary_events(user)

    def _status_event(self, root_user: User, status: str) -> None:
        if root_user.identity_type == "CORPORATE":
            self.world.outbox.emit("corporates_kyb_watch", {
                "corporateId": root_user.identity_id, "corporateEmail": root_user.email, "status": status,
                "ongoingStatus": status})
        else:
            self.world.outbox.emit("consumers_kyc_watch", {
                "consumerId": root_user.identity_id, "consumerEmail": root_user.email, "status": status,
                "ongoingStatus": status})

    def _beneficiary_events(self, root_user: User) -> None:
        """The Simulator's verify sets the directors and UBOs verified. The only one the emulator knows is a root
        user who is a DIRECTOR (the others are entered in the KYB UI component, which it has not): one
        status update each (areas/identities/choices.md)."""
        for beneficiary in self._beneficiaries(root_user):
            self.world.outbox.emit("corporates_kyb_beneficiaries_watch", {
                "event": ["STATUS_UPDATED"],
                "additionalInformation": {
                    "corporateId": root_user.identity_id,
                    "corporateName": self.world.identities.name(root_user.owner),
                    "rootUserEmail": root_user.email, "kybStatus": APPROVED,
                    "beneficiary": beneficiary | {"status": APPROVED, "ongoingKybStatus": APPROVED}}})

    @staticmethod
    def _beneficiaries(root_user: User) -> list[dict]:
        if root_user.company_position != "DIRECTOR":
            return []
        return [{"type": "DIRECTOR", "firstName": root_user.name, "lastName": root_user.surname,
                 "email": root_user.email}]

    def dump(self) -> dict:
        return {"dueDiligence": {identity_id: vars(record) for identity_id, record in self.by_identity.items()}}


def due_diligence_backend(world) -> DueDiligenceBackend:
    return world.area("due_diligence")


def check_locked_fields(world, identity_id: str, request: dict, current: dict, locked: tuple, error_code: str):
    """Refuse a change to a field due diligence verified, once it is approved.

    `current` maps each locked request field to its present value; sending the present value
    again is not a change and is accepted.
    """
    if not due_diligence_backend(world).is_approved(identity_id):
        return
    for name in locked:
        if name in request and not _same(name, request[name], current.get(name)):
            raise conflict(error_code)


def _same(name: str, wanted, present) -> bool:
    if name == "email" and isinstance(wanted, str) and isinstance(present, str):
        return wanted.lower() == present.lower()
    return wanted == present


# -- handlers ------------------------------------------------------------------------------
@handles("corporateKybStart")
def corporate_kyb_start(call):
    record = due_diligence_backend(call.world).start(call.require_identity("CORPORATE"), "KYB_ALREADY_APPROVED")
    return {"reference": record.reference}


@handles("corporateKybGet")
def corporate_kyb_get(call):
    status = due_diligence_backend(call.world).status(call.require_identity("CORPORATE"))
    # No re-verification runs in the emulator: the ongoing status is the effective one.
    return {"kybStatus": status, "ongoingKybStatus": status}


@handles("consumerKycStart")
def consumer_kyc_start(call):
    level = (call.body or {}).get("kycLevel")
    record = due_diligence_backend(call.world).start(call.require_identity("CONSUMER"), "KYC_ALREADY_APPROVED", level)
    return {"reference": record.reference, "kycLevel": record.kyc_level}


@handles("consumerKycGet")
def consumer_kyc_get(call):
    record = due_diligence_backend(call.world).record(call.require_identity("CONSUMER"))
    answer = {"fullDueDiligence": record.status, "ongoingFullDueDiligence": record.status}
    if record.kyc_level:
        answer["kycLevel"] = answer["ongoingKycLevel"] = record.kyc_level
    return answer
