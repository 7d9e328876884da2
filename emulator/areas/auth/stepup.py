"""Step-up: a challenge on an enrolled device (SMS one-time password or push notification) that,
once verified, steps up the caller's token."""
from __future__ import annotations

from ...challenges import OtpChallenge
from ...errors import conflict
from ...registry import backend, handles
from .factors import factors_backend
from .push import push_backend

RESEND_WAIT_MS = 15 * 1000


@backend("stepup")
class StepUpBackend:
    def __init__(self, world):
        self.world = world
        self.by_token: dict[str, OtpChallenge] = {}

    def issue_otp(self, session, channel: str) -> OtpChallenge:
        if not factors_backend(self.world).is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        now = self.world.now_ms()
        previous = self.by_token.get(session.token)
        if previous is not None and not previous.verified and now - previous.issued_ms < RESEND_WAIT_MS:
            raise conflict("RETRY_IN_15SEC")
        challenge = OtpChallenge(self.world.ids.next(), "stepup", session.user_id, channel, now)
        self.by_token[session.token] = challenge
        return challenge

    def verify_otp(self, session, channel: str, code: str) -> None:
        if not factors_backend(self.world).is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        challenge = self.by_token.get(session.token)
        if challenge is None or challenge.channel != channel:
            raise conflict("STATE_INVALID")
        challenge.verify(code, self.world.programme["sandboxCodes"]["otp"], self.world.now_ms())
        session.stepped_up = True
        self.world.outbox.emit("stepup_watch", {
            "credential": session.credentials, "identity": session.identity, "challengeId": challenge.id,
            "type": channel, "status": "VERIFIED", "publishedTimestamp": self.world.outbox.published()})

    def issue_push(self, session, channel: str):
        world = self.world
        if not factors_backend(world).is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        if push_backend(world).in_flight(session.token):
            # The description: start it only if this token's step-up is not already in flight.
            raise conflict("STATE_INVALID")
        return push_backend(world).issue("stepup", session.user_id, channel, token=session.token)


def stepup_backend(world) -> StepUpBackend:
    return world.area("stepup")


@handles("stepupSCAChallenge")
def stepup_otp(call):
    stepup_backend(call.world).issue_otp(call.require_session(), call.path_params["channel"])


@handles("stepupSCAVerify")
def stepup_otp_verify(call):
    stepup_backend(call.world).verify_otp(call.require_session(), call.path_params["channel"],
                                          call.body["verificationCode"])


@handles("stepupSCAChallengePush")
def stepup_push(call):
    challenge = stepup_backend(call.world).issue_push(call.require_session(), call.path_params["channel"])
    return {"id": challenge.id}
