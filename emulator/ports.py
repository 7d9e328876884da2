"""The typed ports areas meet through, and the records that cross them.

An area that needs another never looks it up by name: it asks one of these small interfaces, which World
builds once every backend exists (`World.ports`) and hands to each backend that answers `connect(ports)`.
The interfaces name only what the other areas really ask, so an area's own storage and rules can change
shape without breaking its neighbours; mypy holds each backend to the port it is wired into.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, runtime_checkable

from .challenges import PushChallenge
from .services import Owner


# -- users ------------------------------------------------------------------------------------
@dataclass(eq=False)
class User:
    """One credential that can log in: a root user (its id is its identity's) or an authorised user.

    The fields past `creation_timestamp` belong to one kind of user only (a consumer's root user's address, a
    corporate root user's company position, an authorised user's roles); they stay None for the others."""
    id: str
    identity_type: str
    identity_id: str
    credential_type: str  # ROOT or USER
    name: str
    surname: str
    email: str
    mobile: dict | None = None
    date_of_birth: dict | None = None
    tag: str | None = None
    locale: str | None = None
    active: bool = True
    email_verified: bool = False
    mobile_number_verified: bool = False
    password_hash: str | None = None
    password_salt: str | None = None
    password_set_at_ms: int | None = None
    creation_timestamp: int = 0
    brand: str | None = None
    company_position: str | None = None
    occupation: str | None = None
    address: dict | None = None
    nationality: str | None = None
    place_of_birth: str | None = None
    country_of_residence: str | None = None
    roles: list | None = None
    mobile_changes: int = 0
    email_code_sent: bool = False

    @property
    def owner(self) -> Owner:
        return Owner(self.identity_type, self.identity_id)

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def field(self, api_name: str):
        """The value of the field the API calls `api_name` (`dateOfBirth`): for answers built from a list of
        names; an unknown name is a KeyError, never a silent None."""
        return getattr(self, API_NAMES[api_name])

    def set_field(self, api_name: str, value) -> None:
        setattr(self, API_NAMES[api_name], value)

    def dump(self) -> dict:
        return {_camel(f.name): getattr(self, f.name) for f in fields(self)}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


API_NAMES = {_camel(f.name): f.name for f in fields(User)}


class Users(Protocol):
    """The users area, as the others ask it: find, create and change users."""

    def add(self, *, user_id: str, identity_type: str, identity_id: str, credential_type: str, name: str,
            surname: str, email: str, mobile: dict | None = None, date_of_birth: dict | None = None,
            tag: str | None = None, locale: str | None = None, **own: Any) -> User: ...

    def get(self, user_id: str) -> User | None: ...

    def require(self, user_id: str) -> User: ...

    def find_by_email(self, email: str) -> User | None: ...

    def of_identity(self, owner: Owner, credential_type: str | None = "USER") -> list[User]: ...

    def email_taken(self, email: str) -> bool: ...

    def change_email(self, user: User, email: str) -> None: ...

    def change_mobile(self, user: User, mobile: dict | None) -> None: ...

    def contact_verified(self, user: User) -> None: ...

    def set_active(self, user: User, active: bool) -> None: ...

    def set_password(self, user: User, password: str) -> None: ...

    def password_matches(self, user: User, password: str) -> bool: ...

    def send_email_code(self, email: str, credential_type: str | None, identity_type: str | None) -> User: ...

    def verify_email(self, email: str, code: str, credential_type: str | None,
                     identity_type: str | None) -> User: ...


# -- authentication factors and push challenges --------------------------------------------------
class Factors(Protocol):
    def is_active(self, user_id: str, channel: str) -> bool: ...

    def set_factor(self, user_id: str, channel: str, status: str) -> dict: ...


PushDecided = Callable[[PushChallenge, str], None]


class Push(Protocol):
    def issue(self, purpose: str, user_id: str, channel: str, token: str | None = None,
              challenge_id: str | None = None) -> PushChallenge: ...

    def on_decided(self, purpose: str, callback: PushDecided) -> None:
        """Call `callback(challenge, outcome)` when the user answers a push challenge issued for `purpose`."""


# -- confirmation challenges ------------------------------------------------------------------------
class ChallengedArea(Protocol):
    """What a resource area answers the confirmations area (emulator/areas/confirmations says what each means)."""

    def awaiting_challenge(self, resource_id: str, owner: Owner) -> bool: ...

    def challenge_completed(self, resource_id: str) -> None: ...

    def challenge_failed(self, resource_id: str) -> None: ...


class Challenge(Protocol):
    id: str
    push: PushChallenge | None


class Challenges(Protocol):
    """The confirmations area, as resource areas ask it: plug in, and start or answer a challenge."""

    def register(self, resource_type: str, area: ChallengedArea) -> None: ...

    def issue_otp(self, session, channel: str, resource_type: str, resource_ids: list,
                  resend_wait: bool = True) -> Challenge: ...

    def issue_push(self, session, channel: str, resource_type: str, resource_ids: list,
                   challenge_id: str | None = None) -> Challenge: ...

    def verify_latest_otp(self, session, resource_type: str, resource_id: str, channel: str, code: str) -> None: ...


# -- payees ---------------------------------------------------------------------------------------
class TrustedBeneficiary(Protocol):
    id: str
    owner: Owner
    state: str
    request: dict

    def instrument(self) -> dict | None: ...

    def bank_account(self) -> dict | None: ...


class Beneficiaries(Protocol):
    def beneficiary(self, beneficiary_id: str) -> TrustedBeneficiary | None: ...


# -- managed accounts found by bank details ----------------------------------------------------
class BankAccounts(Protocol):
    """Managed accounts as the areas that meet them by bank details ask (incoming wires, linked accounts)."""

    def with_bank_details(self, matches: Callable[[dict], bool]) -> Any: ...

    def answer(self, account: Any) -> dict: ...

    def deposit_refusal(self, account_id: str, deposit: dict, tx_id) -> str | None: ...

    def deposit(self, account_id: str, deposit: dict, tx_id) -> str: ...

    def spend_deposit_id(self, transaction_id: str) -> None: ...

    def deposit_event(self, account: Any, transaction_id: str, amount: int, timestamp: int, state: str,
                      **extra) -> None: ...


# -- transaction activity -------------------------------------------------------------------------
@dataclass
class Activity:
    """What areas add to an identity's transaction activity beyond the ledger's entries (GET /transactions)."""
    # item type (`transfers`) -> the full transaction of that type by id, or None
    details: dict[str, Callable[[str], dict | None]] = field(default_factory=dict)
    # areas' items that moved no money yet (a scheduled transfer), by owner
    pending: list[Callable[[Owner], list[dict]]] = field(default_factory=list)

    def detail(self, item_type: str, transaction_id: str) -> dict | None:
        answer = self.details.get(item_type)
        return answer(transaction_id) if answer is not None else None


@dataclass
class Ports:
    users: Users
    factors: Factors
    push: Push
    challenges: Challenges
    beneficiaries: Beneficiaries
    bank_accounts: BankAccounts
    activity: Activity


@runtime_checkable
class Connects(Protocol):
    """A backend that wants ports: World calls `connect` once every backend is built."""

    def connect(self, ports: Ports) -> None: ...
