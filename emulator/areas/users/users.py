"""Users: every credential that can log in, root users of identities and authorised users alike.

A root user's id is its identity's id, as on Weavr. Emails are unique across the
programme. Email verification codes are the sandbox's fixed code.
"""
from __future__ import annotations

import secrets

from ...credentials import hash_password
from ...errors import conflict
from ...ports import User, Users
from ...registry import backend
from ...services import Owner


@backend("users")
class UsersBackend:
    """The `Users` port (emulator/ports.py)."""

    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, User] = {}
        self.by_email: dict[str, str] = {}

    def add(self, *, user_id, identity_type, identity_id, credential_type, name, surname, email,
            mobile=None, date_of_birth=None, tag=None, locale=None, **own) -> User:
        """`own`: the fields one kind of user has (a consumer's address, an authorised user's roles)."""
        user = User(id=user_id, identity_type=identity_type, identity_id=identity_id,
                    credential_type=credential_type, name=name, surname=surname, email=email, mobile=mobile,
                    date_of_birth=date_of_birth, tag=tag, locale=locale, creation_timestamp=self.world.now_ms(),
                    **own)
        self.by_id[user_id] = user
        self.by_email[email.lower()] = user_id
        return user

    def of_identity(self, owner: Owner, credential_type: str | None = "USER") -> list[User]:
        """The users of one identity, oldest first; authorised users only unless credential_type is None."""
        return [u for u in self.by_id.values() if u.owner == owner
                and (credential_type is None or u.credential_type == credential_type)]

    def set_active(self, user: User, active: bool) -> None:
        """Activate or deactivate; a deactivated user's open tokens end at once."""
        user.active = active
        if not active:
            self.world.sessions.close_user(user.id)

    def get(self, user_id: str) -> User | None:
        return self.by_id.get(user_id)

    def require(self, user_id: str) -> User:
        """A user known to exist (a session's, an identity's root user)."""
        return self.by_id[user_id]

    def email_taken(self, email: str) -> bool:
        return email.lower() in self.by_email

    def find_by_email(self, email: str) -> User | None:
        user_id = self.by_email.get((email or "").lower())
        return self.by_id.get(user_id) if user_id else None

    def change_email(self, user: User, email: str) -> None:
        """A new address is unverified; the same one in another case only changes how it is written."""
        if email.lower() == user.email.lower():
            user.email = email
            return
        self.by_email.pop(user.email.lower(), None)
        user.email = email
        user.email_verified = False
        self.by_email[email.lower()] = user.id

    def change_mobile(self, user: User, mobile: dict | None) -> None:
        """A new number is unverified."""
        user.mobile = dict(mobile) if isinstance(mobile, dict) else mobile
        user.mobile_number_verified = False

    def contact_verified(self, user: User) -> None:
        """Email and mobile verified at once (what due diligence's approval does)."""
        user.email_verified = True
        user.mobile_number_verified = True

    # -- email verification ------------------------------------------------------------
    def send_email_code(self, email: str, credential_type: str | None, identity_type: str | None) -> User:
        user = self.find_by_email(email)
        if user is None or (credential_type and user.credential_type != credential_type) \
                or (identity_type and user.identity_type != identity_type):
            raise conflict("EMAIL_NOT_FOUND")
        if user.email_verified:
            raise conflict("ALREADY_VERIFIED")
        user.email_code_sent = True
        return user

    def verify_email(self, email: str, code: str, credential_type: str | None, identity_type: str | None) -> User:
        user = self.find_by_email(email)
        if user is None or (credential_type and user.credential_type != credential_type) \
                or (identity_type and user.identity_type != identity_type) or not user.email_code_sent:
            # Weavr does not say whether an email exists: an unknown one is an invalid code.
            raise conflict("VERIFICATION_CODE_INVALID")
        if code != self.world.programme["sandboxCodes"]["emailVerification"]:
            raise conflict("VERIFICATION_CODE_INVALID")
        user.email_verified = True
        user.email_code_sent = False
        return user

    # -- passwords ------------------------------------------------------------------------
    def set_password(self, user: User, password: str) -> None:
        user.password_salt = secrets.token_hex(8)
        user.password_hash = hash_password(password, user.password_salt)
        user.password_set_at_ms = self.world.now_ms()

    def password_matches(self, user: User, password: str) -> bool:
        return (user.password_hash is not None and user.password_salt is not None
                and hash_password(password, user.password_salt) == user.password_hash)

    def dump(self) -> dict:
        return {"users": [user.dump() for user in self.by_id.values()]}


def users_backend(world) -> UsersBackend:
    return world.area("users")


def _wired_as_port(backend: UsersBackend) -> Users:
    return backend  # mypy holds the backend to the port World wires it into
