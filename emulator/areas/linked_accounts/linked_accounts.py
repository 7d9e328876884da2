"""Linked accounts: an identity's accounts at other banks, declared by the identity and verified by Weavr,
then usable for self-to-self wire transfers. The handlers are in linked_accounts_handlers.py, the Simulator's
set and verify in simulator_linked_accounts.py.

A linked account starts PENDING_VERIFICATION with one verification run PENDING. Its user-declaration step
waits for the root user's confirmation challenge (areas/confirmations/confirmations.py, resource type
`linked_account_declaration`, the resource id the account's); Weavr's internal checks wait for the Simulator,
which may also complete or reject any step, or the whole run (ACTIVE or REJECTED). The user may block and
unblock an ACTIVE account and remove it
(final). The wires area asks `match(sender_details, owner)` to tell a deposit from a linked account from a
third party's. Choices where the description is silent: areas/linked_accounts/choices.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...countries import ALPHA3_TO_ALPHA2
from ...errors import conflict, not_found
from ...ports import Ports
from ...registry import backend
from ...services import Owner

PENDING_VERIFICATION, ACTIVE, BLOCKED, REJECTED, REMOVED = (
    "PENDING_VERIFICATION", "ACTIVE", "BLOCKED", "REJECTED", "REMOVED")
RUN_PENDING, RUN_VERIFIED, RUN_REJECTED = "PENDING", "VERIFIED", "REJECTED"
STEP_COMPLETED, STEP_REJECTED = "COMPLETED", "REJECTED"
# The steps a new run waits on, each with its waiting status: the user's declaration (an SCA challenge)
# waits on the user, Weavr's own checks on a review.
DECLARATION, PENDING_USER = "USER_DECLARATION_SCA_CHALLENGE", "PENDING_USER"
RUN_STEPS = {DECLARATION: PENDING_USER, "INTERNAL_CHECKS": "PENDING_REVIEW"}
# The confirmation challenge's resource type for the declaration step (MultipleSCAResourceType).
DECLARATION_RESOURCE = "linked_account_declaration"
# A linked account in one of these still names its bank account: the same details cannot be added twice.
HOLDING_STATES = (PENDING_VERIFICATION, ACTIVE, BLOCKED)
DEFAULT_PROFILE = "108000000000000001"
COUNTRIES = frozenset(ALPHA3_TO_ALPHA2.values())


@dataclass
class VerificationRun:
    id: str
    steps: dict  # step name -> its status
    state: str = RUN_PENDING
    completed_timestamp: int | None = None
    step_completed: dict = field(default_factory=dict)

    def answer(self) -> dict:
        steps = []
        for name, status in self.steps.items():
            step = {"step": name, "status": status}
            if name in self.step_completed:
                step["completedTimestamp"] = self.step_completed[name]
            steps.append(step)
        answer: dict[str, object] = {"id": self.id, "state": self.state, "verificationSteps": steps}
        if self.completed_timestamp is not None:
            answer["completedTimestamp"] = self.completed_timestamp
        return answer


@dataclass
class LinkedAccount:
    id: str
    owner: Owner
    profile_id: str
    name: str
    type: str
    country: str
    account_reference: dict
    creation_timestamp: int
    currency: str | None = None
    friendly_name: str | None = None
    tag: str | None = None
    state: str = PENDING_VERIFICATION
    runs: list = field(default_factory=list)

    def answer(self) -> dict:
        answer = {"id": self.id, "profileId": self.profile_id, "name": self.name, "type": self.type,
                  "country": self.country, "accountReference": dict(self.account_reference), "state": self.state,
                  "creationTimestamp": self.creation_timestamp, "owner": self.owner.answer()}
        for key, value in (("currency", self.currency), ("friendlyName", self.friendly_name), ("tag", self.tag)):
            if value is not None:
                answer[key] = value
        return answer


@backend("linked_accounts")
class LinkedAccountsBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, LinkedAccount] = {}

    def connect(self, ports: Ports) -> None:
        ports.challenges.register(DECLARATION_RESOURCE, self)
        self.bank_accounts = ports.bank_accounts

    # -- rules -------------------------------------------------------------------------------
    def create(self, owner: Owner, request: dict) -> LinkedAccount:
        world = self.world
        profile = world.programme["profiles"].get("linkedAccounts", DEFAULT_PROFILE)
        if request.get("profileId", profile) != profile:
            raise conflict("PROFILE_NOT_FOUND")
        currency = request.get("currency")
        if currency is not None and currency not in world.programme["currencies"]:
            raise conflict("CURRENCY_NOT_SUPPORTED_BY_PROFILE")
        if request["country"] not in COUNTRIES:
            raise conflict("COUNTRY_NOT_SUPPORTED_BY_PROFILE")
        reference = _reference(request["accountReference"])
        if self._is_managed_account(reference):
            raise conflict("THIS_IS_A_MANAGED_ACCOUNT")
        if any(a.owner == owner and a.state in HOLDING_STATES and _same(a.account_reference, reference)
               for a in self.by_id.values()):
            raise conflict("LINKED_ACCOUNT_ALREADY_ADDED")
        account = LinkedAccount(id=world.ids.next(), owner=owner, profile_id=profile, name=request["name"],
                                type=request["type"], country=request["country"], account_reference=reference,
                                creation_timestamp=world.now_ms(), currency=currency,
                                friendly_name=request.get("friendlyName"), tag=request.get("tag"))
        account.runs.append(VerificationRun(world.ids.next(), dict(RUN_STEPS)))
        self.by_id[account.id] = account
        self._emit(account, PENDING_VERIFICATION)
        return account

    def _is_managed_account(self, reference: dict) -> bool:
        """Details that name one of the programme's own managed accounts are not an external account."""
        return self.bank_accounts.with_bank_details(lambda details: _same(details, reference)) is not None

    def owned(self, owner: Owner, account_id: str) -> LinkedAccount:
        account = self.by_id.get(str(account_id))
        if account is None or account.owner != owner:
            raise not_found("Linked account not found")
        return account

    def of_owner(self, owner: Owner) -> list[LinkedAccount]:
        return [a for a in self.by_id.values() if a.owner == owner]

    def update(self, account: LinkedAccount, request: dict) -> LinkedAccount:
        if "friendlyName" in request:
            account.friendly_name = request["friendlyName"]
        if "tag" in request:
            account.tag = request["tag"]
        return account

    def block(self, account: LinkedAccount) -> None:
        if account.state == REMOVED:
            raise conflict("LINKED_ACCOUNT_REMOVED")
        if account.state == BLOCKED:
            raise conflict("LINKED_ACCOUNT_ALREADY_BLOCKED")
        if account.state != ACTIVE:
            raise conflict("LINKED_ACCOUNT_INACTIVE")
        self._move(account, BLOCKED, "BLOCKED")

    def unblock(self, account: LinkedAccount) -> None:
        if account.state == REMOVED:
            raise conflict("LINKED_ACCOUNT_REMOVED")
        if account.state == ACTIVE:
            raise conflict("LINKED_ACCOUNT_NOT_BLOCKED")
        if account.state != BLOCKED:
            raise conflict("LINKED_ACCOUNT_INACTIVE")
        self._move(account, ACTIVE, "UNBLOCKED")

    def remove(self, account: LinkedAccount) -> None:
        if account.state == REMOVED:
            raise conflict("LINKED_ACCOUNT_ALREADY_REMOVED")
        if account.state == REJECTED:
            raise conflict("LINKED_ACCOUNT_REJECTED")
        if account.state == PENDING_VERIFICATION:
            # Its verification is still running: the pending action the description names.
            raise conflict("LINKED_ACCOUNT_HAS_PENDING_ACTIONS")
        self._move(account, REMOVED, "REMOVED")

    # -- verification (the Simulator) ---------------------------------------------------------
    def latest_run(self, account: LinkedAccount) -> VerificationRun:
        return account.runs[-1]

    def verify(self, account: LinkedAccount, result: str, steps: list | None) -> None:
        """Completes (or rejects) the named steps of the account's run, all of them when none are named; once
        every step is complete the run is VERIFIED and the account ACTIVE, a rejected step rejects both."""
        run = self.latest_run(account)
        if run.state == RUN_VERIFIED:
            raise conflict("ALREADY_COMPLETED")
        if run.state == RUN_REJECTED:
            raise conflict("ALREADY_REJECTED")
        now = self.world.now_ms()
        status = STEP_COMPLETED if result == "COMPLETED" else STEP_REJECTED
        for step in steps or list(run.steps):
            run.steps[step] = status
            run.step_completed[step] = now
        if status == STEP_REJECTED:
            self._finish(account, run, RUN_REJECTED)
        elif all(s == STEP_COMPLETED for s in run.steps.values()):
            self._finish(account, run, RUN_VERIFIED)

    # -- the confirmations area's questions (the user's declaration) ---------------------------
    def awaiting_challenge(self, account_id: str, owner: Owner) -> bool:
        account = self.by_id.get(str(account_id))
        if account is None or account.owner != owner or account.state != PENDING_VERIFICATION:
            return False
        run = self.latest_run(account)
        return run.state == RUN_PENDING and run.steps.get(DECLARATION) == PENDING_USER

    def challenge_completed(self, account_id: str) -> None:
        """The root user confirmed the declaration: that step completes; the run waits for the others."""
        account = self.by_id[str(account_id)]
        self.verify(account, "COMPLETED", [DECLARATION])

    def challenge_failed(self, account_id: str) -> None:
        """A failed declaration rejects the run and the account; declaring the account again starts over."""
        account = self.by_id[str(account_id)]
        self.verify(account, "REJECTED", [DECLARATION])

    def set_state(self, account: LinkedAccount, state: str) -> None:
        """The Simulator's override: the run ends VERIFIED or REJECTED whatever its steps say. A removed
        account stays removed (refused by the handler)."""
        run = self.latest_run(account)
        if run.state != RUN_PENDING:
            # A decided run is overridden by a new one, as Weavr's `overriddenReason` suggests.
            run = VerificationRun(self.world.ids.next(), dict(run.steps))
            account.runs.append(run)
        now = self.world.now_ms()
        for step in run.steps:
            run.steps[step] = STEP_COMPLETED if state == RUN_VERIFIED else STEP_REJECTED
            run.step_completed[step] = now
        self._finish(account, run, state)

    def _finish(self, account: LinkedAccount, run: VerificationRun, state: str) -> None:
        run.state, run.completed_timestamp = state, self.world.now_ms()
        if state == RUN_VERIFIED:
            self._move(account, ACTIVE, "VERIFIED")
        else:
            self._move(account, REJECTED, "REJECTED")

    # -- what the wires area asks -------------------------------------------------------------
    def match(self, sender_details: dict, owner: Owner | None = None) -> LinkedAccount | None:
        """The ACTIVE linked account whose bank details are the sender's (the owner's only, when one is
        named), or None: a deposit from it is self-to-self, from anyone else a third party's."""
        reference = _sender_reference(sender_details or {})
        if not reference:
            return None
        for account in self.by_id.values():
            if account.state == ACTIVE and (owner is None or account.owner == owner) \
                    and _same(account.account_reference, reference):
                return account
        return None

    def _move(self, account: LinkedAccount, state: str, event_type: str) -> None:
        account.state = state
        self._emit(account, event_type)

    def _emit(self, account: LinkedAccount, event_type: str) -> None:
        self.world.outbox.emit("linked_accounts_watch", {"eventType": event_type, "linkedAccount": account.answer(),
                                                         "publishedTimestamp": self.world.outbox.published()})

    def dump(self) -> dict:
        return {"linkedAccounts": [a.answer() | {"runs": [r.answer() for r in a.runs]} for a in self.by_id.values()]}


# The fields that identify a bank account, in each form the description allows.
def linked_accounts_backend(world) -> LinkedAccountsBackend:
    return world.area("linked_accounts")


IDENTIFYING = (("iban",), ("accountNumber", "sortCode"), ("accountDescriptor",))


def _reference(value: dict) -> dict:
    """The account reference as kept: only the fields of its form that the answer's schema allows."""
    for fields in IDENTIFYING:
        if all(f in value for f in fields):
            extra = {"iban": ("bankIdentifierCode",), "accountNumber": ("secondaryReference",)}.get(fields[0], ())
            return {f: value[f] for f in fields + extra if f in value}
    return dict(value)


def _same(kept: dict, other: dict) -> bool:
    """Two references name the same account when the identifying fields of one form are all equal."""
    for fields in IDENTIFYING:
        if all(f in kept for f in fields) and all(f in other for f in fields):
            return all(str(kept[f]).upper() == str(other[f]).upper() for f in fields)
    return False


def _sender_reference(details: dict) -> dict:
    """The Simulator's deposit names the sender by IBAN, Faster Payments or account descriptor details."""
    for key in ("senderIbanDetails", "senderFasterPaymentsDetails", "senderAccountDescriptorDetails"):
        if isinstance(details.get(key), dict):
            return details[key]
    return {k: details[k] for k in ("iban", "accountNumber", "sortCode", "accountDescriptor") if k in details}
