"""Authentication factors: a user's enrolled devices, by channel (SMS one-time passwords, AUTHY and
BIOMETRIC push), and the SMS OTP enrolment. Push enrolment's handlers are in push.py."""
from __future__ import annotations

from ...challenges import OtpChallenge
from ...errors import conflict
from ...ports import Factors, User
from ...registry import backend, handles

FACTOR_TYPES = {"SMS": "OTP", "AUTHY": "PUSH", "BIOMETRIC": "BIOMETRIC"}


@backend("factors")
class FactorsBackend:
    def __init__(self, world):
        self.world = world
        # user id -> channel -> {"type", "channel", "status"}
        self.by_user: dict[str, dict[str, dict]] = {}
        self.enrolments: dict[tuple[str, str], OtpChallenge] = {}

    def factors(self, user_id: str) -> list[dict]:
        return list(self.by_user.get(user_id, {}).values())

    def is_active(self, user_id: str, channel: str) -> bool:
        return self.by_user.get(user_id, {}).get(channel, {}).get("status") == "ACTIVE"

    def is_enrolled(self, user_id: str, channel: str) -> bool:
        return channel in self.by_user.get(user_id, {})

    def set_factor(self, user_id: str, channel: str, status: str) -> dict:
        factor = {"type": FACTOR_TYPES[channel], "channel": channel, "status": status}
        self.by_user.setdefault(user_id, {})[channel] = factor
        if status == "ACTIVE":
            self._announce(user_id, channel, "ACTIVE")
        return factor

    def remove(self, user_id: str, channel: str) -> None:
        was_active = self.is_active(user_id, channel)
        self.by_user.get(user_id, {}).pop(channel, None)
        self.enrolments.pop((user_id, channel), None)
        if was_active:
            self._announce(user_id, channel, "INACTIVE")

    def _announce(self, user_id: str, channel: str, status: str) -> None:
        """The authentication factors webhook: a factor became usable (ACTIVE) or stopped being (INACTIVE)."""
        user = self.world.ports.users.require(user_id)
        self.world.outbox.emit("authentication_factors_watch", {
            "credentialId": {"type": user.credential_type, "id": user_id}, "type": channel, "status": status,
            "publishedTimestamp": self.world.outbox.published()})

    # -- SMS one-time passwords ----------------------------------------------------------------
    def start_otp_enrolment(self, user: User, channel: str) -> None:
        if not user.active:
            raise conflict("CREDENTIALS_INACTIVE")
        if not user.mobile:
            raise conflict("MOBILE_NUMBER_NOT_AVAILABLE")
        if self.is_active(user.id, channel):
            raise conflict("CHANNEL_ALREADY_REGISTERED")
        # Issuing again replaces the earlier code (a new challenge, with fresh tries and 5 minutes).
        self.set_factor(user.id, channel, "PENDING_VERIFICATION")
        self.enrolments[(user.id, channel)] = OtpChallenge(self.world.ids.next(), "enrolment", user.id,
                                                              channel, self.world.now_ms())

    def verify_otp_enrolment(self, user: User, channel: str, code: str) -> None:
        if not user.active:
            raise conflict("CREDENTIALS_INACTIVE")
        if self.is_active(user.id, channel):
            raise conflict("CHANNEL_ALREADY_REGISTERED")
        challenge = self.enrolments.get((user.id, channel))
        if challenge is None:
            raise conflict("STATE_INVALID")
        challenge.verify(code, self.world.programme["sandboxCodes"]["otp"], self.world.now_ms())
        del self.enrolments[(user.id, channel)]
        self.by_user[user.id][channel]["status"] = "ACTIVE"
        self._announce(user.id, channel, "ACTIVE")

    def dump(self) -> dict:
        return {"factors": self.by_user}


def factors_backend(world) -> FactorsBackend:
    return world.area("factors")


def _wired_as_port(backend: FactorsBackend) -> Factors:
    return backend  # mypy holds the backend to the port World wires it into


def session_user(call) -> User:
    return call.world.ports.users.require(call.require_session().user_id)


@handles("authFactorsGet")
def auth_factors_get(call):
    return {"factors": factors_backend(call.world).factors(call.require_session().user_id)}


@handles("enrolDeviceUsingOtpStepOne")
def enrol_otp(call):
    factors_backend(call.world).start_otp_enrolment(session_user(call), call.path_params["channel"])


@handles("enrolDeviceUsingOtpStepTwo")
def enrol_otp_verify(call):
    factors_backend(call.world).verify_otp_enrolment(session_user(call), call.path_params["channel"],
                                                     call.body["verificationCode"])
