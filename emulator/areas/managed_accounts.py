"""Managed accounts: an identity's accounts holding funds, their creation, reading and list, and the
Simulator's deposit onto them.

An account belongs to the identity whose user created it; every user of that identity sees it,
no one else does (another identity's account is not found). Only an identity whose due diligence
(KYB/KYC) is approved may create one. The balances are read from the ledger, never kept here; other
areas move money on an account through the instruments service.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import conflict, not_found
from ..ledger import BalanceLimitExceeded
from ..listing import listed
from ..registry import backend, handles
from ..services import Owner
from . import instrument_activity as activity

INSTRUMENT_TYPE = "managed_accounts"
ACTIVE = "ACTIVE"
# Simulator deposit outcomes (DepositResponse0.code).
COMPLETED = "COMPLETED"
DENIED_ACCOUNT_NOT_FOUND = "DENIED_ACCOUNT_NOT_FOUND"
DENIED_AMOUNT_NOT_POSITIVE = "DENIED_AMOUNT_NOT_POSITIVE"
DENIED_CURRENCY = "DENIED_CURRENCY_NOT_ACCOUNT_CURRENCY"
DENIED_ACCOUNT_INACTIVE = "DENIED_ACCOUNT_INACTIVE"
DENIED_INVALID_TX_ID = "DENIED_INVALID_TX_ID"
DENIED_OTHER = "DENIED_OTHER"


@dataclass
class ManagedAccount:
    id: str
    owner: Owner
    profile_id: str
    friendly_name: str
    currency: str
    creation_timestamp: int
    state: str = ACTIVE
    tag: str | None = None
    low_balance_threshold: int | None = None

    @property
    def instrument(self) -> tuple:
        return (INSTRUMENT_TYPE, self.id)

    def answer(self, balance) -> dict:
        answer = {"id": self.id, "profileId": self.profile_id, "friendlyName": self.friendly_name,
                  "currency": self.currency,
                  "balances": {"availableBalance": balance.available, "actualBalance": balance.actual},
                  "state": {"state": self.state}, "creationTimestamp": self.creation_timestamp}
        if self.tag is not None:
            answer["tag"] = self.tag
        if self.low_balance_threshold is not None:
            answer["lowBalanceThreshold"] = self.low_balance_threshold
        return answer

    def event_answer(self, balance) -> dict:
        """The account as the webhooks' LegacyManagedAccount shows it: ids typed, numbers as strings."""
        answer = {"id": {"type": INSTRUMENT_TYPE, "id": self.id}, "profileId": self.profile_id,
                  "owner": self.owner.answer(), "friendlyName": self.friendly_name, "active": self.state == ACTIVE,
                  "currency": self.currency,
                  "balances": {"availableBalance": str(balance.available), "actualBalance": str(balance.actual)},
                  "creationTimestamp": str(self.creation_timestamp)}
        if self.tag is not None:
            answer["tag"] = self.tag
        return answer


@backend("managed_accounts")
class ManagedAccountsBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, ManagedAccount] = {}
        self.deposit_tx_ids: set[str] = set()
        world.instruments.register(INSTRUMENT_TYPE, self)

    # -- what the instruments service asks ---------------------------------------------------
    def owner_of(self, account_id: str) -> Owner | None:
        account = self.by_id.get(account_id)
        return account.owner if account else None

    def state_of(self, account_id: str) -> str:
        return self.by_id[account_id].state

    # -- rules -------------------------------------------------------------------------------
    def create(self, owner: Owner, request: dict) -> ManagedAccount:
        world = self.world
        programme = world.programme
        if request["profileId"] != programme["profiles"].get("managedAccounts"):
            raise conflict("PROFILE_NOT_FOUND")
        if request["currency"] not in programme["currencies"]:
            raise conflict("CURRENCY_NOT_SUPPORTED_BY_PROFILE")
        # "Corporates need to complete due diligence (KYB) before they can create instruments".
        if not world.identities.is_due_diligence_approved(owner):
            raise conflict("OWNER_IDENTITY_NOT_VERIFIED")
        account = ManagedAccount(id=world.ids.next(), owner=owner, profile_id=request["profileId"],
                                 friendly_name=request["friendlyName"], currency=request["currency"],
                                 creation_timestamp=world.now_ms(), tag=request.get("tag"),
                                 low_balance_threshold=request.get("lowBalanceThreshold"))
        self.by_id[account.id] = account
        world.instruments.open(account.instrument, account.currency)
        balance = world.instruments.balance(account.instrument)
        world.outbox.emit("managed_accounts_watch", {"account": account.event_answer(balance), "type": "CREATED",
                                                     "publishedTimestamp": world.outbox.published()})
        return account

    def owned(self, owner: Owner, account_id: str) -> ManagedAccount:
        """The owner's account; another identity's account is as unknown as a missing one."""
        account = self.by_id.get(str(account_id))
        if account is None or account.owner != owner:
            raise not_found("Managed account not found")
        return account

    def answer(self, account: ManagedAccount) -> dict:
        return account.answer(self.world.instruments.balance(account.instrument))

    def of_owner(self, owner: Owner) -> list[dict]:
        """The owner's accounts as answered, oldest first."""
        return [self.answer(a) for a in self.by_id.values() if a.owner == owner]

    def deposit(self, account_id: str, deposit: dict, tx_id) -> str:
        """The Simulator's incoming wire transfer: its outcome code."""
        account = self.by_id.get(str(account_id))
        if account is None:
            return DENIED_ACCOUNT_NOT_FOUND
        if account.state != ACTIVE:
            return DENIED_ACCOUNT_INACTIVE
        amount = deposit.get("amount")
        if amount is None or amount <= 0:
            return DENIED_AMOUNT_NOT_POSITIVE
        if deposit["currency"] != account.currency:
            return DENIED_CURRENCY
        if tx_id is not None and str(tx_id) in self.deposit_tx_ids:
            return DENIED_INVALID_TX_ID
        transaction_id = str(tx_id) if tx_id is not None else self.world.ids.next()
        try:
            entry = self.world.instruments.credit(account.instrument, amount,
                                                  ("incoming_wire_transfers", transaction_id))
        except BalanceLimitExceeded:
            # The balance cannot carry it; the Simulator's catch-all denial is the one that fits.
            return DENIED_OTHER
        self.deposit_tx_ids.add(transaction_id)
        self.world.outbox.emit("managed_accounts_deposits_watch", {
            "id": {"type": INSTRUMENT_TYPE, "id": account.id}, "owner": account.owner.answer(),
            "transactionId": transaction_id, "transactionAmount": {"currency": account.currency, "amount": str(amount)},
            "transactionTimestamp": str(entry.timestamp)})
        return COMPLETED

    def dump(self) -> dict:
        return {"managedAccounts": [vars(a) | {"owner": a.owner.answer()} for a in self.by_id.values()]}


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


@handles("managedAccountCreate")
def managed_account_create(call):
    backend_ = call.world.area("managed_accounts")
    return backend_.answer(backend_.create(_owner(call), call.body))


@handles("managedAccountGet")
def managed_account_get(call):
    backend_ = call.world.area("managed_accounts")
    return backend_.answer(backend_.owned(_owner(call), call.path_params["id"]))


@handles("managedAccountsGet")
def managed_accounts_get(call):
    accounts = call.world.area("managed_accounts").of_owner(_owner(call))
    # Most recent first; `state` filters on the state's name inside the answer's state object.
    return listed(call.operation, call.query, accounts, paths={"state": "state.state"}).answer("accounts")


@handles("managedAccountStatement")
def managed_account_statement(call):
    account = call.world.area("managed_accounts").owned(_owner(call), call.path_params["id"])
    return activity.statement_answer(call, account.instrument, account.currency)


@handles("managedAccountTransactionsGet")
def managed_account_transactions(call):
    account = call.world.area("managed_accounts").owned(_owner(call), call.path_params["id"])
    return activity.transactions_answer(call, account.instrument)
