"""Signing in (password, biometrics) and out; locking a user out after consecutive failed logins."""
from __future__ import annotations

from ...errors import ApiError, conflict
from ...ports import User
from ...registry import backend, handles
from .factors import factors_backend
from .push import push_backend

MAX_FAILED_LOGINS = 5
LOCK_MS = 30 * 60 * 1000


@backend("sign_in")
class SignInBackend:
    def __init__(self, world):
        self.world = world
        # user id -> {"failures": n, "lockedUntilMs": epoch ms}
        self.attempts: dict[str, dict] = {}

    def locked(self, user_id: str) -> bool:
        state = self.attempts.get(user_id) or {}
        return state.get("lockedUntilMs", 0) > self.world.now_ms()

    def failed(self, user_id: str) -> None:
        state = self.attempts.setdefault(user_id, {"failures": 0})
        if state.get("lockedUntilMs") and state["lockedUntilMs"] <= self.world.now_ms():
            state.update(failures=0, lockedUntilMs=0)  # a lapsed lock starts a fresh count
        state["failures"] += 1
        if state["failures"] >= MAX_FAILED_LOGINS:
            state["lockedUntilMs"] = self.world.now_ms() + LOCK_MS

    def clear(self, user_id: str) -> None:
        self.attempts.pop(user_id, None)

    def dump(self) -> dict:
        return {"loginAttempts": self.attempts}


def sign_in_backend(world) -> SignInBackend:
    return world.area("sign_in")


def _locked_out():
    # 423: temporarily locked after consecutive failed logins; no body.
    return ApiError(423)


def _login_event(world, user: User, status: str) -> None:
    world.outbox.emit("login_watch", {
        "credential": {"type": user.credential_type, "id": user.id},
        "identity": {"type": user.identity_type, "id": user.identity_id},
        "type": "PASSWORD", "status": status, "publishedTimestamp": world.outbox.published()})


@handles("loginWithPassword")
def login_with_password(call):
    world = call.world
    user = world.ports.users.find_by_email(call.body["email"])
    if user is not None and sign_in_backend(world).locked(user.id):
        raise _locked_out()
    if user is None or not user.active:
        # The description: 403 when the credentials are not found or are incorrect, with no body.
        raise ApiError(403)
    if not world.ports.users.password_matches(user, call.body["password"]["value"]):
        sign_in_backend(world).failed(user.id)
        _login_event(world, user, "DECLINED")
        raise ApiError(403)
    sign_in_backend(world).clear(user.id)
    session = world.sessions.open(user.identity_type, user.identity_id, user.id, user.credential_type)
    _login_event(world, user, "VERIFIED")
    return {"token": session.token, "tokenType": "AUTH",
            "identity": session.identity, "credentials": session.credentials}


@handles("loginViaBiometrics")
def login_via_biometrics(call):
    world = call.world
    user = world.ports.users.find_by_email(call.body["email"])
    identity = call.body.get("identity")
    if user is not None and sign_in_backend(world).locked(user.id):
        raise _locked_out()
    if user is None or not user.active or (
            identity and (identity["type"], identity["id"]) != (user.identity_type, user.identity_id)):
        raise ApiError(403)
    if not factors_backend(world).is_active(user.id, "BIOMETRIC"):
        raise conflict("CHANNEL_NOT_REGISTERED")
    challenge = push_backend(world).issue("login", user.id, "BIOMETRIC")
    return {"challengeId": challenge.id}


@handles("logout")
def logout(call):
    call.world.sessions.close(call.require_session().token)
