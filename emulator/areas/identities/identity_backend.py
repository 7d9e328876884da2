"""One backend for both identity types, corporates and consumers: registration, details, update and the
root user, with the rules shared once and each type's differences held as data (`IdentityKind`).

The root user's personal details live in the users backend (a root user's id is its identity's id); the
identity record holds the rest. Due diligence (KYB/KYC) locks the details it verified.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import conflict
from ...ports import API_NAMES, User
from .due_diligence import check_locked_fields


@dataclass(frozen=True)
class IdentityKind:
    type: str  # CORPORATE or CONSUMER
    profile: str  # the programme's profiles key
    root_fields: tuple  # root user fields the answer shows
    root_extra: tuple  # root user fields beyond the ones every user has, kept from registration
    root_updates: dict  # update request field -> root user field
    own_fields: tuple  # identity fields kept from registration when sent
    own_updates: tuple  # identity fields an update may change
    locked: tuple  # update fields due diligence locks
    locked_code: str
    # The 409 an update to a currency outside the programme gets; None where the description names none.
    update_currency_code: str | None
    created_shows_password_set: bool = False


@dataclass
class Identity:
    id: str
    kind: IdentityKind = field(repr=False)
    profile_id: str
    ip_address: str
    creation_timestamp: int
    details: dict  # the type's own fields (company, tag, baseCurrency, ...) as answered

    def answer(self) -> dict:
        return {"id": {"type": self.kind.type, "id": self.id}, "profileId": self.profile_id,
                "ipAddress": self.ip_address, "creationTimestamp": self.creation_timestamp,
                **{k: v for k, v in self.details.items() if v is not None}}


def check_fee_group(programme: dict, fee_group: str | None) -> None:
    """A fee group must be one the programme defines (when it defines any)."""
    groups = programme.get("feeGroups")
    if fee_group is not None and groups is not None and fee_group not in groups:
        raise conflict("FEE_GROUP_INVALID")


class IdentityBackend:
    kind: IdentityKind

    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, Identity] = {}

    # -- registration ------------------------------------------------------------------------
    def create(self, request: dict) -> Identity:
        world, kind = self.world, self.kind
        programme = world.programme
        if request["profileId"] != programme["profiles"][kind.profile]:
            raise conflict("PROFILE_NOT_FOUND")
        if "baseCurrency" in request and request["baseCurrency"] not in programme["currencies"]:
            raise conflict("CURRENCY_UNSUPPORTED")
        check_fee_group(programme, request.get("feeGroup"))
        root = request["rootUser"]
        users = world.ports.users
        if users.email_taken(root["email"]):
            raise conflict("ROOT_EMAIL_NOT_UNIQUE")
        identity = Identity(id=world.ids.next(), kind=kind, profile_id=request["profileId"],
                            ip_address=request["ipAddress"], creation_timestamp=world.now_ms(),
                            details={k: _copy(request[k]) for k in kind.own_fields if k in request})
        self.registered(identity, request)
        self.by_id[identity.id] = identity
        users.add(user_id=identity.id, identity_type=kind.type, identity_id=identity.id, credential_type="ROOT",
                  name=root["name"], surname=root["surname"], email=root["email"], mobile=_copy(root["mobile"]),
                  date_of_birth=root.get("dateOfBirth"), tag=root.get("tag"), locale=root.get("locale"),
                  **{API_NAMES[k]: root.get(k) for k in kind.root_extra})
        return identity

    def registered(self, identity: Identity, request: dict) -> None:
        """What one type does beyond the shared registration (a hook for its differences)."""

    # -- update ------------------------------------------------------------------------------
    def update(self, identity_id: str, request: dict) -> None:
        world, kind = self.world, self.kind
        identity = self.by_id[identity_id]
        users = world.ports.users
        user = users.require(identity_id)
        check_locked_fields(world, identity_id, request, self.current_locked(identity, user), kind.locked,
                            kind.locked_code)
        if (kind.update_currency_code and "baseCurrency" in request
                and request["baseCurrency"] not in world.programme["currencies"]):
            raise conflict(kind.update_currency_code)
        check_fee_group(world.programme, request.get("feeGroup"))
        email = request.get("email")
        if email is not None and email.lower() != user.email.lower() and users.email_taken(email):
            raise conflict("EMAIL_NOT_UNIQUE")
        # Every check passed: apply the whole change at once.
        self._apply_root_user_changes(user, request)
        self.updated(identity, request)
        for name in kind.own_updates:
            if name in request:
                identity.details[name] = _copy(request[name])

    def current_locked(self, identity: Identity, user: User) -> dict:
        return {name: user.field(name) for name in self.kind.locked if name in API_NAMES}

    def updated(self, identity: Identity, request: dict) -> None:
        """What one type changes beyond the shared fields."""

    def _apply_root_user_changes(self, user: User, request: dict) -> None:
        """Email (unique, un-verified by a change), mobile (un-verified by a change) and plain fields."""
        users = self.world.ports.users
        email = request.get("email")
        if email is not None:
            users.change_email(user, email)
        mobile = request.get("mobile")
        if mobile is not None and mobile != user.mobile:
            users.change_mobile(user, mobile)
        for name, field_name in self.kind.root_updates.items():
            if name in request:
                user.set_field(field_name, request[name])

    # -- reading -----------------------------------------------------------------------------
    def profile_id(self, identity_id: str) -> str:
        return self.by_id[identity_id].profile_id

    def display_name(self, identity_id: str) -> str:
        root = self.world.ports.users.require(identity_id)
        return f"{root.name} {root.surname}"

    def view(self, identity_id: str, created: bool = False) -> dict:
        identity = self.by_id[identity_id]
        user = self.world.ports.users.require(identity_id)
        root: dict[str, object] = {"id": {"type": self.kind.type, "id": identity_id}}
        for name in self.kind.root_fields:
            if user.field(name) is not None:
                root[name] = user.field(name)
        root.update(active=user.active, emailVerified=user.email_verified,
                    mobileNumberVerified=user.mobile_number_verified)
        if created and self.kind.created_shows_password_set:
            root["passwordAlreadySet"] = user.has_password
        return {**identity.answer(), "rootUser": root}

    def dump(self) -> dict:
        return {self.kind.type.lower() + "s": [identity.answer() for identity in self.by_id.values()]}


def _copy(value):
    return dict(value) if isinstance(value, dict) else value
