"""Step-up: an OTP challenge on an enrolled device that, once verified, steps up the caller's token."""
from __future__ import annotations

from ..challenges import OtpChallenge
from ..errors import conflict
from ..registry import backend, handles


@backend("stepup")
class StepUpBackend:
    def __init__(self, world):
        self.world = world
        self.by_token: dict[str, OtpChallenge] = {}

    def issue_otp(self, session, channel: str) -> OtpChallenge:
        if not self.world.factors.is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        challenge = OtpChallenge(self.world.ids.next(), "stepup", session.user_id, channel, self.world.now_ms())
        self.by_token[session.token] = challenge
        return challenge

    def verify_otp(self, session, channel: str, code: str) -> None:
        if not self.world.factors.is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")
        challenge = self.by_token.get(session.token)
        if challenge is None or challenge.channel != channel:
            raise conflict("STATE_INVALID")
        challenge.verify(code, self.world.programme["sandboxCodes"]["otp"], self.world.now_ms())
        session.stepped_up = True


@handles("stepupSCAChallenge")
def stepup_otp(call):
    call.world.stepup.issue_otp(call.require_session(), call.path_params["channel"])


@handles("stepupSCAVerify")
def stepup_otp_verify(call):
    call.world.stepup.verify_otp(call.require_session(), call.path_params["channel"], call.body["verificationCode"])
