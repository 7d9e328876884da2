"""Users: every credential that can log in, root users of identities and authorised users alike.

A root user's id is its identity's id, as on Weavr. Emails are unique across the
programme. Email verification codes are the sandbox's fixed code.
"""
from __future__ import annotations

import secrets

from ...credentials import hash_password
from ...errors import conflict
from ...registry import backend


@backend("users")
class UsersBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, dict] = {}
        self.by_email: dict[str, str] = {}

    def add(self, *, user_id, identity_type, identity_id, credential_type, name, surname, email,
            mobile=None, date_of_birth=None, tag=None, locale=None, extra=None) -> dict:
        user = {
            "id": user_id, "identityType": identity_type, "identityId": identity_id,
            "credentialType": credential_type, "name": name, "surname": surname, "email": email,
            "mobile": mobile, "dateOfBirth": date_of_birth, "tag": tag, "locale": locale,
            "active": True, "emailVerified": False, "mobileNumberVerified": False,
            "passwordHash": None, "passwordSalt": None, "passwordSetAtMs": None,
            "creationTimestamp": self.world.now_ms(), **(extra or {}),
        }
        self.by_id[user_id] = user
        self.by_email[email.lower()] = user_id
        return user

    def of_identity(self, identity_type: str, identity_id: str, credential_type: str | None = "USER") -> list[dict]:
        """The users of one identity, oldest first; authorised users only unless credential_type is None."""
        return [u for u in self.by_id.values() if u["identityType"] == identity_type and u["identityId"] == identity_id
                and (credential_type is None or u["credentialType"] == credential_type)]

    def set_active(self, user: dict, active: bool) -> None:
        """Activate or deactivate; a deactivated user's open tokens end at once."""
        user["active"] = active
        if not active:
            self.world.sessions.close_user(user["id"])

    def get(self, user_id: str) -> dict | None:
        return self.by_id.get(user_id)

    def require(self, user_id: str) -> dict:
        """A user known to exist (a session's, an identity's root user)."""
        return self.by_id[user_id]

    def email_taken(self, email: str) -> bool:
        return email.lower() in self.by_email

    def find_by_email(self, email: str) -> dict | None:
        user_id = self.by_email.get((email or "").lower())
        return self.by_id.get(user_id) if user_id else None

    def change_email(self, user: dict, email: str) -> None:
        self.by_email.pop(user["email"].lower(), None)
        user["email"] = email
        user["emailVerified"] = False
        self.by_email[email.lower()] = user["id"]

    # -- email verification ------------------------------------------------------------
    def send_email_code(self, email: str, credential_type: str | None, identity_type: str | None) -> dict:
        user = self.find_by_email(email)
        if user is None or (credential_type and user["credentialType"] != credential_type) \
                or (identity_type and user["identityType"] != identity_type):
            raise conflict("EMAIL_NOT_FOUND")
        if user["emailVerified"]:
            raise conflict("ALREADY_VERIFIED")
        user["emailCodeSent"] = True
        return user

    def verify_email(self, email: str, code: str, credential_type: str | None, identity_type: str | None) -> dict:
        user = self.find_by_email(email)
        if user is None or (credential_type and user["credentialType"] != credential_type) \
                or (identity_type and user["identityType"] != identity_type) or not user.get("emailCodeSent"):
            # Weavr does not say whether an email exists: an unknown one is an invalid code.
            raise conflict("VERIFICATION_CODE_INVALID")
        if code != self.world.programme["sandboxCodes"]["emailVerification"]:
            raise conflict("VERIFICATION_CODE_INVALID")
        user["emailVerified"] = True
        user.pop("emailCodeSent", None)
        return user

    # -- passwords ------------------------------------------------------------------------
    def set_password(self, user: dict, password: str) -> None:
        user["passwordSalt"] = secrets.token_hex(8)
        user["passwordHash"] = hash_password(password, user["passwordSalt"])
        user["passwordSetAtMs"] = self.world.now_ms()

    def password_matches(self, user: dict, password: str) -> bool:
        return bool(user["passwordHash"]) and hash_password(password, user["passwordSalt"]) == user["passwordHash"]

    def dump(self) -> dict:
        return {"users": list(self.by_id.values())}
