"""The deprecated per-transfer challenges of an outgoing wire transfer (OTP issue and verify, push issue): the
SCA that moves a PENDING_CHALLENGE transfer on, one transfer at a time. The confirmation challenges of many
resources at once are the confirmations area's."""
from __future__ import annotations

from ..challenges import CHALLENGE_TTL_MS, MAX_WRONG_ATTEMPTS, OtpChallenge
from ..errors import ApiError, conflict
from ..registry import backend, handles
from .outgoing_wire import PENDING_CHALLENGE
from .outgoing_wire_handlers import _owned


@backend("outgoing_wire_challenges")
class OutgoingWireChallenges:
    def __init__(self, world):
        self.world = world
        self.by_owt: dict[str, OtpChallenge] = {}

    def _challengeable(self, owt, session, channel: str) -> None:
        if owt.exemption is not None:
            raise conflict("SCA_EXEMPTION_APPLIED")
        if owt.state != PENDING_CHALLENGE:
            raise conflict("STATE_INVALID")
        if not self.world.area("factors").is_active(session.user_id, channel):
            raise conflict("CHANNEL_NOT_REGISTERED")

    def issue_otp(self, owt, session, channel: str) -> None:
        self._challengeable(owt, session, channel)
        self.by_owt[owt.id] = OtpChallenge(self.world.ids.next(), "outgoing_wire_transfers", session.user_id,
                                           channel, self.world.now_ms())

    def verify_otp(self, owt, session, channel: str, code: str) -> None:
        self._challengeable(owt, session, channel)
        challenge = self.by_owt.get(owt.id)
        if challenge is None or challenge.channel != channel or challenge.user_id != session.user_id:
            raise conflict("STATE_INVALID")
        try:
            challenge.verify(code, self.world.programme["sandboxCodes"]["otp"], self.world.now_ms())
        except ApiError:
            if challenge.wrong_attempts >= MAX_WRONG_ATTEMPTS or \
                    self.world.now_ms() - challenge.issued_ms > CHALLENGE_TTL_MS:
                # An exhausted or expired challenge leaves the transfer unexecuted for good.
                self.world.area("outgoing_wire_transfers").challenge_failed(owt.id)
            raise
        self.world.area("outgoing_wire_transfers").challenge_completed(owt.id)

    def issue_push(self, owt, session, channel: str) -> None:
        self._challengeable(owt, session, channel)
        self.world.area("push").issue("outgoing_wire_transfers", session.user_id, channel, token=session.token)

    def dump(self) -> dict:
        return {"outgoingWireChallenges": {k: vars(v) for k, v in self.by_owt.items()}}


@handles("outgoingWireTransferSCAChallenge")
def owt_otp(call):
    call.world.area("outgoing_wire_challenges").issue_otp(_owned(call), call.require_session(),
                                                          call.path_params["channel"])


@handles("outgoingWireTransferSCAVerify")
def owt_otp_verify(call):
    call.world.area("outgoing_wire_challenges").verify_otp(_owned(call), call.require_session(),
                                                           call.path_params["channel"], call.body["verificationCode"])


@handles("outgoingWireTransferSCAChallengePush")
def owt_push(call):
    call.world.area("outgoing_wire_challenges").issue_push(_owned(call), call.require_session(),
                                                           call.path_params["channel"])
