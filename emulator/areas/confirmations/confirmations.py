"""Confirmation challenges: one SCA challenge (SMS one-time password or push notification) for a list
of resources waiting in PENDING_CHALLENGE (sends, outgoing wire transfers, linked-account declarations,
correspondent bank transfers), and the per-resource challenges the deprecated endpoints start.

The area owns the challenges, not the resources. A resource area plugs in through its `Challenges` port
(emulator/ports.py) with `ports.challenges.register(resource_type, area)` (resource_type a
MultipleSCAResourceType value) and answers three questions (`ChallengedArea`):
  - `awaiting_challenge(resource_id, owner) -> bool`: the owner's resource waits for a challenge;
  - `challenge_completed(resource_id)`: the challenge was verified, the resource moves on;
  - `challenge_failed(resource_id)`: the challenge failed for good, the resource is not executed.
An expired challenge calls neither: the resource keeps waiting and a new challenge may be started.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...challenges import CHALLENGE_TTL_MS, PUSH_INVALID, PUSH_VERIFIED, PushChallenge
from ...errors import conflict, forbidden
from ...ports import ChallengedArea, Challenges, Ports
from ...registry import backend, handles
from ...services import Owner

OTP_CHANNELS = {"SMS"}
RESEND_WAIT_MS = 15 * 1000
# Wrong codes allowed before the challenge fails; the last but one answers ONE_CHALLENGE_LIMIT_REMAINING.
MAX_WRONG_ATTEMPTS = 3
# Only a root user may declare a linked account (the description's note on resourceType).
ROOT_ONLY = {"linked_account_declaration"}

PENDING, VERIFIED, FAILED = "PENDING", "VERIFIED", "FAILED"


@dataclass
class Confirmation:
    id: str
    kind: str              # OTP or PUSH
    channel: str
    resource_type: str
    resource_ids: list
    owner: Owner
    user_id: str
    issued_ms: int
    wrong_attempts: int = 0
    state: str = PENDING
    push: PushChallenge | None = None  # the push area's challenge, for a PUSH confirmation

    def answer(self) -> dict:
        return {"id": self.id, "kind": self.kind, "channel": self.channel, "resourceType": self.resource_type,
                "resourceIds": list(self.resource_ids), "owner": self.owner.answer(), "state": self.state,
                "wrongAttempts": self.wrong_attempts}


@backend("confirmations")
class ConfirmationsBackend:
    """The `Challenges` port (emulator/ports.py)."""

    def __init__(self, world):
        self.world = world
        self.areas: dict[str, ChallengedArea] = {}
        self.by_id: dict[str, Confirmation] = {}
        # (resource_type, resource_id) -> the latest challenge of that resource, for the per-resource verify.
        self.latest: dict[tuple[str, str], Confirmation] = {}

    def connect(self, ports: Ports) -> None:
        self.factors, self.push = ports.factors, ports.push
        ports.push.on_decided("confirmation", self.push_decided)

    def register(self, resource_type: str, area: ChallengedArea) -> None:
        self.areas[resource_type] = area

    # -- starting a challenge ----------------------------------------------------------------
    def issue_otp(self, session, channel: str, resource_type: str, resource_ids: list,
                  resend_wait: bool = True) -> Confirmation:
        """`resend_wait`: a new code within 15 s of the last answers RETRY_IN_15SEC (not where the operation
        documents no such answer: a beneficiary batch's challenge)."""
        self._check_permitted(session, resource_type)
        self._check_channel(session, channel, otp=True)
        owner, ids = self._awaiting(session, resource_type, resource_ids)
        now = self.world.now_ms()
        for resource_id in ids if resend_wait else ():
            previous = self.latest.get((resource_type, resource_id))
            if (previous is not None and previous.kind == "OTP" and previous.state == PENDING
                    and now - previous.issued_ms < RESEND_WAIT_MS):
                raise conflict("RETRY_IN_15SEC")
        return self._open("OTP", session, channel, resource_type, ids, owner)

    def issue_push(self, session, channel: str, resource_type: str, resource_ids: list,
                   challenge_id: str | None = None) -> Confirmation:
        """`challenge_id`: the id the push challenge takes (the deprecated per-resource endpoints answer 204,
        so they name the challenge after the resource for the Simulator to reach it)."""
        self._check_permitted(session, resource_type)
        self._check_channel(session, channel, otp=False)
        owner, ids = self._awaiting(session, resource_type, resource_ids)
        confirmation = self._open("PUSH", session, channel, resource_type, ids, owner)
        confirmation.push = self.push.issue("confirmation", session.user_id, channel,
                                                          challenge_id=challenge_id or confirmation.id)
        return confirmation

    @staticmethod
    def _check_permitted(session, resource_type: str) -> None:
        """Checked before anything else: an authorised user is refused whatever their channels or the ids."""
        if resource_type in ROOT_ONLY and session.credential_type != "ROOT":
            raise forbidden("INSUFFICIENT_PERMISSIONS")

    def _check_channel(self, session, channel: str, otp: bool) -> None:
        if otp and channel not in OTP_CHANNELS:
            raise conflict("CHANNEL_NOT_SUPPORTED")
        if not self.factors.is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")

    def _awaiting(self, session, resource_type: str, resource_ids: list) -> tuple[Owner, list]:
        """The caller's identity and the resource ids, when every one of them waits for a challenge."""
        owner = Owner(session.identity_type, session.identity_id)
        area = self.areas.get(resource_type)
        ids = list(dict.fromkeys(str(i) for i in resource_ids))
        # An empty list, an unknown id, another identity's resource or one no longer waiting: nothing to verify.
        if area is None or not ids or not all(area.awaiting_challenge(i, owner) for i in ids):
            raise conflict("STATE_INVALID")
        return owner, ids

    def _open(self, kind, session, channel, resource_type, ids, owner) -> Confirmation:
        confirmation = Confirmation(self.world.ids.next(), kind, channel, resource_type, ids, owner,
                                    session.user_id, self.world.now_ms())
        self.by_id[confirmation.id] = confirmation
        for resource_id in ids:
            previous = self.latest.get((resource_type, resource_id))
            if previous is not None and previous.state == PENDING:
                # A new challenge replaces the resource's earlier one; that one can no longer verify it.
                previous.resource_ids = [i for i in previous.resource_ids if i != resource_id]
            self.latest[(resource_type, resource_id)] = confirmation
        return confirmation

    # -- answering it ------------------------------------------------------------------------
    def verify_otp(self, session, challenge_id: str, channel: str, resource_type: str, code: str) -> None:
        confirmation = self.by_id.get(str(challenge_id))
        self._verify(session, confirmation, channel, resource_type, code)

    def verify_latest_otp(self, session, resource_type: str, resource_id: str, channel: str, code: str) -> None:
        """The deprecated per-resource verify: the resource's latest challenge answers."""
        confirmation = self.latest.get((resource_type, str(resource_id)))
        self._verify(session, confirmation, channel, resource_type, code)

    def _verify(self, session, confirmation, channel, resource_type, code) -> None:
        self._check_permitted(session, resource_type)
        if not self.factors.is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        if (confirmation is None or confirmation.user_id != session.user_id or confirmation.kind != "OTP"
                or confirmation.resource_type != resource_type or confirmation.state != PENDING):
            raise conflict("STATE_INVALID")
        if confirmation.channel != channel:
            raise conflict("CHANNEL_NOT_SUPPORTED")
        area = self.areas[resource_type]
        waiting = [i for i in confirmation.resource_ids if area.awaiting_challenge(i, confirmation.owner)]
        if not waiting:
            # Every resource was cancelled or confirmed another way meanwhile.
            raise conflict("STATE_INVALID")
        if self.world.now_ms() - confirmation.issued_ms > CHALLENGE_TTL_MS:
            raise conflict("VERIFICATION_CODE_EXPIRED")
        if code != self.world.programme["sandboxCodes"]["otp"]:
            confirmation.wrong_attempts += 1
            left = MAX_WRONG_ATTEMPTS - confirmation.wrong_attempts
            if left > 0:
                raise conflict("ONE_CHALLENGE_LIMIT_REMAINING" if left == 1 else "VERIFICATION_CODE_INVALID")
            self._finish(confirmation, FAILED)
            raise conflict("CHALLENGE_LIMIT_EXCEEDED")
        self._finish(confirmation, VERIFIED)

    def push_decided(self, push_challenge, outcome: str) -> None:
        """The push area's hook: the user accepted or rejected a confirmation's push (an expiry changes nothing)."""
        for confirmation in self.by_id.values():
            if confirmation.push is push_challenge and confirmation.state == PENDING:
                if outcome == PUSH_VERIFIED:
                    self._finish(confirmation, VERIFIED)
                elif outcome == PUSH_INVALID:
                    self._finish(confirmation, FAILED)

    def _finish(self, confirmation: Confirmation, state: str) -> None:
        confirmation.state = state
        area = self.areas[confirmation.resource_type]
        for resource_id in confirmation.resource_ids:
            if not area.awaiting_challenge(resource_id, confirmation.owner):
                continue
            if state == VERIFIED:
                area.challenge_completed(resource_id)
            else:
                area.challenge_failed(resource_id)

    def dump(self) -> dict:
        return {"confirmations": [c.answer() for c in self.by_id.values()]}


def confirmations_backend(world) -> ConfirmationsBackend:
    return world.area("confirmations")


def _wired_as_port(backend: ConfirmationsBackend) -> Challenges:
    return backend  # mypy holds the backend to the port World wires it into


@handles("multipleSCAChallenge")
def multiple_sca_challenge(call):
    confirmation = confirmations_backend(call.world).issue_otp(
        call.require_session(), call.path_params["channel"], call.body["resourceType"], call.body["resourceIds"])
    return {"scaChallengeId": confirmation.id}


@handles("multipleSCAChallengePush")
def multiple_sca_challenge_push(call):
    confirmation = confirmations_backend(call.world).issue_push(
        call.require_session(), call.path_params["channel"], call.body["resourceType"], call.body["resourceIds"])
    return {"scaChallengeId": confirmation.push.id}


@handles("multipleSCAVerify")
def multiple_sca_verify(call):
    confirmations_backend(call.world).verify_otp(
        call.require_session(), call.path_params["scaChallengeId"], call.path_params["channel"],
        call.body["resourceType"], call.body["verificationCode"])
