"""Managed accounts: an identity's accounts holding funds, their rules (create, update, block, unblock,
remove, IBAN upgrade) and the Simulator's deposit onto them. The handlers are in managed_accounts_handlers.

An account belongs to the identity whose user created it; every user of that identity sees it,
no one else does (another identity's account is not found). Only an identity whose due diligence
(KYB/KYC) is approved may create one. The balances are read from the ledger, never kept here; other
areas move money on an account through the instruments service.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...errors import conflict, not_found
from ...instruments.iban import bank_details
from ...instruments.state import ACTIVE, BLOCKED, DESTROYED, state_answer
from ...ledger import BalanceLimitExceeded
from ...ports import BankAccounts
from ...registry import backend
from ...services import Owner

INSTRUMENT_TYPE = "managed_accounts"
USER = "USER"
# IBAN states (ManagedAccountIBAN.state).
UNALLOCATED, ALLOCATED = "UNALLOCATED", "ALLOCATED"
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
    blocked_reason: str | None = None
    destroyed_reason: str | None = None
    iban: dict | None = None  # the bank account details, once upgraded

    @property
    def instrument(self) -> tuple:
        return (INSTRUMENT_TYPE, self.id)

    def answer(self, balance) -> dict:
        answer = {"id": self.id, "profileId": self.profile_id, "friendlyName": self.friendly_name,
                  "currency": self.currency,
                  "balances": {"availableBalance": balance.available, "actualBalance": balance.actual},
                  "state": self.state_answer(), "creationTimestamp": self.creation_timestamp}
        if self.tag is not None:
            answer["tag"] = self.tag
        if self.low_balance_threshold is not None:
            answer["lowBalanceThreshold"] = self.low_balance_threshold
        return answer

    def state_answer(self) -> dict:
        return state_answer(self.state, self.blocked_reason, self.destroyed_reason)

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
        self._announce(account, "CREATED")
        return account

    def _announce(self, account: ManagedAccount, event_type: str) -> None:
        balance = self.world.instruments.balance(account.instrument)
        self.world.outbox.emit("managed_accounts_watch", {"account": account.event_answer(balance), "type": event_type,
                                                          "publishedTimestamp": self.world.outbox.published()})

    def available_lowered(self, account_id: str, before: int, after: int) -> None:
        """The low balance webhook, once each time the available balance crosses below the account's threshold."""
        account = self.by_id.get(account_id)
        if account is None:
            return
        threshold = account.low_balance_threshold
        if threshold is not None and before >= threshold > after:
            self.world.outbox.emit("managed_accounts_low_balance_watch", {
                "id": {"type": INSTRUMENT_TYPE, "id": account.id}, "currency": account.currency,
                "availableBalance": after, "publishedTimestamp": self.world.outbox.published()})

    def owned(self, owner: Owner, account_id: str) -> ManagedAccount:
        """The owner's account; another identity's account is as unknown as a missing one."""
        account = self.by_id.get(str(account_id))
        if account is None or account.owner != owner:
            raise not_found("Managed account not found")
        return account

    def update(self, account: ManagedAccount, request: dict) -> ManagedAccount:
        """Each field sent replaces the kept one; a threshold sent wins over clearing it."""
        if "friendlyName" in request:
            account.friendly_name = request["friendlyName"]
        if "tag" in request:
            account.tag = request["tag"]
        if request.get("lowBalanceThreshold") is not None:
            account.low_balance_threshold = request["lowBalanceThreshold"]
        elif request.get("clearLowBalanceThreshold") is True:
            account.low_balance_threshold = None
        self._announce(account, "UPDATED")
        return account

    def block(self, account: ManagedAccount, reason: str = USER) -> None:
        if account.state == DESTROYED:
            raise conflict("INSTRUMENT_DESTROYED")
        if account.state == BLOCKED:
            raise conflict("INSTRUMENT_ALREADY_BLOCKED")
        account.state, account.blocked_reason = BLOCKED, reason
        self._announce(account, "BLOCKED")

    def unblock(self, account: ManagedAccount) -> None:
        """Only what the user blocked the user can unblock; a block by the system stays."""
        if account.state == DESTROYED:
            raise conflict("INSTRUMENT_DESTROYED")
        if account.state != BLOCKED:
            raise conflict("INSTRUMENT_NOT_BLOCKED")
        if account.blocked_reason != USER:
            raise conflict("INSTRUMENT_INACTIVE")
        account.state, account.blocked_reason = ACTIVE, None
        self._announce(account, "UNBLOCKED")

    def remove(self, account: ManagedAccount) -> None:
        if account.state == DESTROYED:
            raise conflict("INSTRUMENT_ALREADY_REMOVED")
        # Held money is still on the actual balance, so a pending purchase also keeps the account.
        if self.world.instruments.balance(account.instrument).actual != 0:
            raise conflict("BALANCE_NOT_ZERO")
        account.state, account.blocked_reason, account.destroyed_reason = DESTROYED, None, USER
        self._announce(account, "DESTROYED")

    def upgrade_iban(self, account: ManagedAccount) -> dict:
        if account.state != ACTIVE:
            raise conflict("INSTRUMENT_IS_NOT_ACTIVE")
        if account.iban is not None:
            raise conflict("INSTRUMENT_ALREADY_UPGRADED_TO_IBAN")
        beneficiary = self.world.identities.name(account.owner)
        account.iban = bank_details(account.id, account.currency, beneficiary)
        self.world.outbox.emit("ibans_watch", {"iban": self._iban_instrument(account), "type": "CREATED",
                                               "publishedTimestamp": self.world.outbox.published()})
        return self.iban_answer(account)

    def _iban_instrument(self, account: ManagedAccount) -> dict:
        """The webhooks' IbanInstrument: the IBAN as an instrument of its own on the account. It shares the
        account's id and profile (the emulator has no separate IBAN instrument or incoming-wire profile)."""
        found = {"id": account.id, "managedAccountId": account.id, "profileId": account.profile_id,
                 "incomingWireTransferProfileId": account.profile_id, "friendlyName": account.friendly_name,
                 "currency": account.currency, "state": {"state": "ACTIVE"}, "creationTimestamp": self.world.now_ms(),
                 "bankAccountDetails": self.iban_answer(account)["bankAccountDetails"]}
        if account.tag is not None:
            found["tag"] = account.tag
        return found

    @staticmethod
    def iban_answer(account: ManagedAccount) -> dict:
        if account.iban is None:
            return {"state": UNALLOCATED, "bankAccountDetails": []}
        return {"state": ALLOCATED, "bankAccountDetails": [dict(account.iban, details=dict(account.iban["details"]))]}

    def answer(self, account: ManagedAccount) -> dict:
        return account.answer(self.world.instruments.balance(account.instrument))

    def with_bank_details(self, matches) -> ManagedAccount | None:
        """The account upgraded to bank details that `matches(details)` accepts, for areas that find an
        account by its IBAN or sort code (incoming wire transfers, linked accounts)."""
        return next((a for a in self.by_id.values() if a.iban is not None and matches(a.iban["details"])), None)

    def of_owner(self, owner: Owner) -> list[dict]:
        """The owner's accounts as answered, oldest first."""
        return [self.answer(a) for a in self.by_id.values() if a.owner == owner]

    def spend_deposit_id(self, transaction_id: str) -> None:
        """No later deposit may take this transaction id (an arrival the programme rejected spends it too)."""
        self.deposit_tx_ids.add(transaction_id)

    def deposit_refusal(self, account_id: str, deposit: dict, tx_id) -> str | None:
        """The Simulator's denial code for a deposit the account cannot take, or None when it can; incoming wire
        transfers ask before they wait for the programme's decision."""
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
        return None

    def deposit(self, account_id: str, deposit: dict, tx_id) -> str:
        """The Simulator's incoming wire transfer: its outcome code."""
        refusal = self.deposit_refusal(account_id, deposit, tx_id)
        if refusal is not None:
            return refusal
        account, amount = self.by_id[str(account_id)], deposit["amount"]
        transaction_id = str(tx_id) if tx_id is not None else self.world.ids.next()
        try:
            entry = self.world.instruments.credit(account.instrument, amount,
                                                  ("incoming_wire_transfers", transaction_id))
        except BalanceLimitExceeded:
            # The balance cannot carry it; the Simulator's catch-all denial is the one that fits.
            return DENIED_OTHER
        self.spend_deposit_id(transaction_id)
        self.deposit_event(account, transaction_id, amount, entry.timestamp, COMPLETED)
        return COMPLETED

    def deposit_event(self, account: ManagedAccount, transaction_id: str, amount: int, timestamp: int,
                      state: str, **extra) -> None:
        """`managed_accounts_deposits_watch` for an incoming wire transfer in `state` (PENDING, COMPLETED, REJECTED)."""
        self.world.outbox.emit("managed_accounts_deposits_watch", {
            "id": {"type": INSTRUMENT_TYPE, "id": account.id}, "owner": account.owner.answer(),
            "transactionId": transaction_id, "transactionAmount": {"currency": account.currency, "amount": str(amount)},
            "transactionTimestamp": str(timestamp), "state": state, **{k: v for k, v in extra.items() if v}})

    def dump(self) -> dict:
        return {"managedAccounts": [vars(a) | {"owner": a.owner.answer()} for a in self.by_id.values()]}


def managed_accounts_backend(world) -> ManagedAccountsBackend:
    return world.area("managed_accounts")


def _wired_as_port(backend: ManagedAccountsBackend) -> BankAccounts:
    return backend  # mypy holds the backend to the port World wires it into
