"""Push factors: enrolling and unlinking an app (AUTHY) for push notifications, and the push
challenges sent to it (step-up, biometric sign-in) whose outcome the Simulator API decides."""
from __future__ import annotations

from ...challenges import PUSH_EXPIRED, PUSH_INVALID, PUSH_VERIFIED, PushChallenge
from ...errors import conflict
from ...ports import Push, PushDecided, User
from ...registry import backend, handles
from .factors import factors_backend, session_user


@backend("push")
class PushBackend:
    def __init__(self, world):
        self.world = world
        self.challenges: dict[str, PushChallenge] = {}
        # purpose -> what to call when the user answers a challenge issued for it (other areas' push challenges)
        self.decided: dict[str, PushDecided] = {}

    def on_decided(self, purpose: str, callback: PushDecided) -> None:
        self.decided[purpose] = callback

    # -- enrolment ----------------------------------------------------------------------------
    def enrol(self, user: User, channel: str) -> None:
        factors = factors_backend(self.world)
        if factors.is_active(user.id, channel):
            raise conflict("CHANNEL_ALREADY_REGISTERED")
        if not user.mobile:
            raise conflict("MOBILE_NUMBER_NOT_AVAILABLE")
        # The sandbox has no Authy app to accept the enrolment: it is active at once (areas/auth/choices.md).
        factors.set_factor(user.id, channel, "ACTIVE")

    def unlink(self, user: User, channel: str) -> None:
        if not user.active:
            raise conflict("CREDENTIALS_INACTIVE")
        if not factors_backend(self.world).is_enrolled(user.id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        factors_backend(self.world).remove(user.id, channel)
        now = self.world.now_ms()
        for challenge in self.challenges.values():
            if challenge.user_id == user.id and challenge.channel == channel and challenge.pending(now):
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
        callback = self.decided.get(challenge.purpose)
        if callback is not None:
            callback(challenge, outcome)
            return True
        if outcome != PUSH_VERIFIED:
            return True
        user = world.ports.users.require(challenge.user_id)
        if challenge.purpose == "stepup":
            session = world.sessions.by_token.get(challenge.token or "")
            if session is not None:
                session.stepped_up = True
        elif challenge.purpose == "login":
            session = world.sessions.open(user.identity_type, user.identity_id, user.id,
                                          user.credential_type, stepped_up=True)
            challenge.session_token = session.token
        return True

    def dump(self) -> dict:
        return {"pushChallenges": [vars(c) for c in self.challenges.values()]}


def push_backend(world) -> PushBackend:
    return world.area("push")


def _wired_as_port(backend: PushBackend) -> Push:
    return backend  # mypy holds the backend to the port World wires it into


OUTCOMES = {"verify_success": PUSH_VERIFIED, "verify_invalid": PUSH_INVALID, "verify_expired": PUSH_EXPIRED}


@handles("enrolDeviceUsingPush")
def enrol_push(call):
    push_backend(call.world).enrol(session_user(call), call.path_params["channel"])


@handles("unlinkDeviceUsingPush")
def unlink_push(call):
    # Removing a device that can approve payments is itself a sensitive action (areas/auth/choices.md).
    call.require_step_up()
    push_backend(call.world).unlink(session_user(call), call.path_params["channel"])
