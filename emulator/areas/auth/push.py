"""Push factors: enrolling and unlinking an app (AUTHY) for push notifications, and the push
challenges sent to it (step-up, biometric sign-in) whose outcome the Simulator API decides."""
from __future__ import annotations

from ...challenges import PUSH_EXPIRED, PUSH_INVALID, PUSH_VERIFIED, PushChallenge
from ...errors import conflict
from ...registry import backend, handles
from .factors import session_user


@backend("push")
class PushBackend:
    def __init__(self, world):
        self.world = world
        self.challenges: dict[str, PushChallenge] = {}

    # -- enrolment ----------------------------------------------------------------------------
    def enrol(self, user: dict, channel: str) -> None:
        factors = self.world.area("factors")
        if factors.is_active(user["id"], channel):
            raise conflict("CHANNEL_ALREADY_REGISTERED")
        if not user.get("mobile"):
            raise conflict("MOBILE_NUMBER_NOT_AVAILABLE")
        # The sandbox has no Authy app to accept the enrolment: it is active at once (areas/auth/choices.md).
        factors.set_factor(user["id"], channel, "ACTIVE")

    def unlink(self, user: dict, channel: str) -> None:
        if not user["active"]:
            raise conflict("CREDENTIALS_INACTIVE")
        if not self.world.area("factors").is_enrolled(user["id"], channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        self.world.area("factors").remove(user["id"], channel)
        now = self.world.now_ms()
        for challenge in self.challenges.values():
            if challenge.user_id == user["id"] and challenge.channel == channel and challenge.pending(now):
                challenge.status = PUSH_EXPIRED

    # -- challenges ---------------------------------------------------------------------------
    def issue(self, purpose: str, user_id: str, channel: str, token: str | None = None,
              challenge_id: str | None = None) -> PushChallenge:
        challenge = PushChallenge(challenge_id or self.world.ids.next(), purpose, user_id, channel,
                                  self.world.now_ms(), token)
        self.challenges[challenge.id] = challenge
        return challenge

    def challenge(self, challenge_id: str) -> PushChallenge | None:
        return self.challenges.get(challenge_id)

    def in_flight(self, token: str) -> bool:
        now = self.world.now_ms()
        return any(c.token == token and c.pending(now) for c in self.challenges.values())

    def decide(self, challenge: PushChallenge, outcome: str) -> bool:
        """Apply the user's answer to a pending challenge; False when it is no longer pending."""
        world = self.world
        if not challenge.pending(world.now_ms()):
            return False
        challenge.status = outcome
        if challenge.purpose == "confirmation":
            world.area("confirmations").push_decided(challenge, outcome)
            return True
        if outcome != PUSH_VERIFIED:
            return True
        user = world.area("users").require(challenge.user_id)
        if challenge.purpose == "stepup":
            session = world.sessions.by_token.get(challenge.token or "")
            if session is not None:
                session.stepped_up = True
        elif challenge.purpose == "login":
            session = world.sessions.open(user["identityType"], user["identityId"], user["id"],
                                          user["credentialType"], stepped_up=True)
            challenge.session_token = session.token
        return True

    def dump(self) -> dict:
        return {"pushChallenges": [vars(c) for c in self.challenges.values()]}


OUTCOMES = {"verify_success": PUSH_VERIFIED, "verify_invalid": PUSH_INVALID, "verify_expired": PUSH_EXPIRED}


@handles("enrolDeviceUsingPush")
def enrol_push(call):
    call.world.area("push").enrol(session_user(call), call.path_params["channel"])


@handles("unlinkDeviceUsingPush")
def unlink_push(call):
    # Removing a device that can approve payments is itself a sensitive action (areas/auth/choices.md).
    call.require_step_up()
    call.world.area("push").unlink(session_user(call), call.path_params["channel"])
