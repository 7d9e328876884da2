"""Passwords: creation for a new user, validation, update by the logged-in user, and the lost-password
reset; the complexity rules every password must meet; no reuse of recent passwords."""
from __future__ import annotations

from ...credentials import check_complexity, hash_password
from ...errors import ApiError, conflict
from ...ports import User
from ...registry import backend, handles
from .sign_in import sign_in_backend

HISTORY = 5  # the current password and the 4 before it may not be chosen again


@backend("passwords")
class PasswordsBackend:
    def __init__(self, world):
        self.world = world
        self.previous: dict[str, list[tuple[str, str]]] = {}   # user id -> [(salt, hash)], newest last
        self.lost: dict[str, int] = {}                        # user id -> when the reset was started (ms)

    def used_recently(self, user: User, password: str) -> bool:
        if self.world.ports.users.password_matches(user, password):
            return True
        return any(hash_password(password, salt) == digest
                   for salt, digest in self.previous.get(user.id, [])[-(HISTORY - 1):])

    def replace(self, user: User, password: str) -> None:
        """Set a new password for a user who has one, refusing a weak or recently used one."""
        check_complexity(password)
        if self.used_recently(user, password):
            raise conflict("PASSWORD_ALREADY_USED")
        if user.password_salt is not None and user.password_hash is not None:  # both callers' user has one
            self.previous.setdefault(user.id, []).append((user.password_salt, user.password_hash))
        self.world.ports.users.set_password(user, password)

    def dump(self) -> dict:
        return {"lostPasswordStarted": self.lost}


def passwords_backend(world) -> PasswordsBackend:
    return world.area("passwords")


def password_info(user: User) -> dict:
    # Passwords in the emulator do not expire: expiryDate 0, as the description defines it.
    return {"identityId": {"type": user.identity_type, "id": user.identity_id}, "expiryDate": 0}


def open_session(world, user: User) -> str:
    return world.sessions.open(user.identity_type, user.identity_id, user.id, user.credential_type).token


@handles("passwordCreate")
def password_create(call):
    world = call.world
    user = world.ports.users.get(str(call.path_params["user_id"]))
    if user is None:
        # The description's 404 here is NotFoundToken ({errorCode}), not the {code, message} of other 404s.
        raise ApiError(404, {"errorCode": "TOKEN_NOT_FOUND"})
    if user.has_password:
        raise conflict("PASSWORD_ALREADY_CREATED")
    password = call.body["password"]["value"]
    check_complexity(password)
    world.ports.users.set_password(user, password)
    return {"passwordInfo": password_info(user), "token": open_session(world, user)}


@handles("passwordValidate")
def password_validate(call):
    check_complexity(call.body["password"]["value"])


@handles("passwordUpdate")
def password_update(call):
    world = call.world
    user = world.ports.users.require(call.require_session().user_id)
    if not world.ports.users.password_matches(user, call.body["oldPassword"]["value"]):
        raise conflict("PASSWORD_INCORRECT")
    passwords_backend(world).replace(user, call.body["newPassword"]["value"])
    return {"passwordInfo": password_info(user), "token": open_session(world, user)}


@handles("lostPasswordInitiate")
def lost_password_start(call):
    world = call.world
    user = world.ports.users.find_by_email(call.body["email"])
    # Weavr does not say whether an email is known: the answer is 204 either way; only an active
    # user's reset is started (and emailed).
    if user is not None and user.active:
        passwords_backend(world).lost[user.id] = world.now_ms()


@handles("lostPasswordResume")
def lost_password_resume(call):
    world = call.world
    body = call.body
    user = world.ports.users.find_by_email(body["email"])
    codes = world.programme["sandboxCodes"]
    expected = codes.get("lostPassword", codes["emailVerification"])
    if user is None or user.id not in passwords_backend(world).lost or body["nonce"] != expected:
        raise conflict("INVALID_NONCE_OR_EMAIL")
    if not user.has_password:
        raise conflict("PASSWORD_NOT_SET")
    passwords_backend(world).replace(user, body["newPassword"]["value"])
    del passwords_backend(world).lost[user.id]
    sign_in_backend(world).clear(user.id)  # a reset password lifts a lock-out
    return {"token": open_session(world, user)}
