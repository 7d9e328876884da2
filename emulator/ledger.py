"""The one ledger: every movement of money is entries on instruments; balances are read from it.

An instrument is `(type, id)`, e.g. `("managed_accounts", "123")`, opened once in one currency.
A posting is one transaction `(type, id)` with one or more entries that all succeed or none does:
money arriving from outside (a deposit), leaving to outside (a fee, a card purchase), or moving
between two instruments (both entries in one posting, so nothing is created or lost). A hold is a
PENDING entry that lowers the available balance only; settling it completes the movement (the actual
balance moves) and releasing it gives the available balance back.

Balances never go below zero nor above int64 (what Weavr's `format: int64` amounts can carry); amounts
are positive Python ints. A refused posting changes nothing. `check()` states the invariant: per
currency, the actual balances of all instruments add up to money in minus money out.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import asdict, dataclass, field

INT64_MAX = 2**63 - 1

PENDING = "PENDING"
COMPLETED = "COMPLETED"
# A hold that no longer counts: settled (a COMPLETED entry replaced it) or released.
SETTLED = "SETTLED"
RELEASED = "RELEASED"
COUNTED = (PENDING, COMPLETED)

Instrument = tuple  # (instrument type, id)
# (transaction type, id); the type in the statements' words: card_payments, transfers, sends,
# outgoing_wire_transfers, incoming_wire_transfers, correspondent_bank_transfers, fees, system_transactions.
Transaction = tuple


class LedgerRefusal(Exception):
    """A posting the ledger will not make; `code` names why in Weavr's words where it has them."""

    code = "REFUSED"

    def __init__(self, message: str = ""):
        super().__init__(message or self.code)


class NotAnAmount(LedgerRefusal):
    code = "AMOUNT_INVALID"


class FundsInsufficient(LedgerRefusal):
    code = "FUNDS_INSUFFICIENT"


class BalanceLimitExceeded(LedgerRefusal):
    code = "BALANCE_LIMIT_EXCEEDED"


class CurrencyMismatch(LedgerRefusal):
    code = "CURRENCY_MISMATCH"


class UnknownInstrument(LedgerRefusal):
    code = "UNRESOLVED_INSTRUMENT"


class UnknownHold(LedgerRefusal):
    code = "HOLD_NOT_FOUND"


# Slots: a transfer writes two entries, and a long-lived emulator keeps every one (see README, bytes per transfer).
@dataclass(slots=True)
class Entry:
    id: str
    instrument: Instrument
    transaction: Transaction
    currency: str
    available: int  # what the entry adds to the available balance (negative: takes away)
    actual: int
    timestamp: int
    state: str
    available_after: int | None = None  # set for COMPLETED entries
    actual_after: int | None = None
    hold_id: str | None = None


@dataclass
class Balance:
    available: int = 0
    actual: int = 0


@dataclass
class Account:
    """One instrument's entries, oldest first, and the views a read needs kept as entries are written, so
    a balance, a statement page or an activity page never walks the instrument's history."""
    currency: str
    entries: list = field(default_factory=list)
    completed: list = field(default_factory=list)  # the statement: COMPLETED entries (they never change state)
    counted: list = field(default_factory=list)  # the activity: PENDING and COMPLETED, by entry id
    # The running balance of the counted entries: available counts both states, actual the COMPLETED ones.
    available: int = 0
    actual: int = 0


def _summed(entries) -> Balance:
    return Balance(available=sum(e.available for e in entries if e.state in COUNTED),
                   actual=sum(e.actual for e in entries if e.state == COMPLETED))


def is_amount(value) -> bool:
    """A positive int within int64: the only amount the ledger moves."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT64_MAX


def _require_amount(value) -> None:
    if not is_amount(value):
        raise NotAnAmount("an amount is a positive integer within int64")


class Ledger:
    def __init__(self, now_ms):
        self._now_ms = now_ms
        self.accounts: dict[Instrument, Account] = {}
        self.holds: dict[str, Entry] = {}
        self.money_in: dict[str, int] = {}
        self.money_out: dict[str, int] = {}
        # Every entry by its transaction's id (whatever its type), for reading one transaction alone.
        self.by_transaction_id: dict[str, list[Entry]] = {}
        self._hold_ids = 0
        self._entry_ids = 0
        self._last_timestamp = 0

    # -- instruments ---------------------------------------------------------------------------
    def open(self, instrument: Instrument, currency: str) -> None:
        self.accounts.setdefault(tuple(instrument), Account(currency))

    def currency(self, instrument: Instrument) -> str:
        return self._account(instrument).currency

    def balance(self, instrument: Instrument) -> Balance:
        # Kept running as entries are written and holds change, so a balance costs the same at any history.
        account = self._account(instrument)
        return Balance(available=account.available, actual=account.actual)

    def statement(self, instrument: Instrument) -> list[Entry]:
        """Completed entries, oldest first (and in time order), each with the balances after it. The
        ledger's own list: read it, never change it."""
        return self._account(instrument).completed

    def transactions(self, instrument: Instrument) -> list[Entry]:
        """Completed and pending entries, oldest first (and in time order). The ledger's own list: read
        it, never change it."""
        return self._account(instrument).counted

    def of_transaction(self, transaction_id: str) -> list[Entry]:
        """Every entry of the transactions with this id, oldest first, in any state."""
        return self.by_transaction_id.get(str(transaction_id), [])

    # -- postings ------------------------------------------------------------------------------
    def deposit(self, instrument: Instrument, amount: int, transaction: Transaction) -> Entry:
        """Money arriving from outside the programme."""
        (entry,) = self._post(transaction, [(instrument, amount, amount, COMPLETED, None)], amount)
        self.money_in[entry.currency] = self.money_in.get(entry.currency, 0) + amount
        return entry

    def withdraw(self, instrument: Instrument, amount: int, transaction: Transaction) -> Entry:
        """Money leaving the programme (a fee to its revenue, a purchase at a merchant)."""
        _require_amount(amount)
        (entry,) = self._post(transaction, [(instrument, -amount, -amount, COMPLETED, None)], amount)
        self.money_out[entry.currency] = self.money_out.get(entry.currency, 0) + amount
        return entry

    def transfer(self, source: Instrument, destination: Instrument, amount: int,
                 transaction: Transaction) -> tuple[Entry, Entry]:
        """One posting, two entries that balance."""
        _require_amount(amount)
        if self.currency(source) != self.currency(destination):
            raise CurrencyMismatch("source and destination hold different currencies")
        debit, credit = self._post(transaction, [(source, -amount, -amount, COMPLETED, None),
                                                 (destination, amount, amount, COMPLETED, None)], amount)
        return debit, credit

    def hold(self, instrument: Instrument, amount: int, transaction: Transaction) -> str:
        """Set `amount` aside (available only); the hold's id settles or releases it."""
        _require_amount(amount)
        self._hold_ids += 1
        hold_id = str(self._hold_ids)
        (entry,) = self._post(transaction, [(instrument, -amount, 0, PENDING, hold_id)], amount)
        self.holds[hold_id] = entry
        return hold_id

    def settle(self, hold_id: str, destination: Instrument | None = None, amount: int | None = None) -> Entry:
        """The held money leaves: to `destination` (a transfer) or out of the programme. A card settlement
        may differ from its authorisation: `amount` settles instead of the held amount (the rest of the
        hold is released; more than held needs the available balance for the difference)."""
        held = self._open_hold(hold_id)
        amount = -held.available if amount is None else amount
        if destination is not None and self.currency(destination) != held.currency:
            raise CurrencyMismatch("the destination holds another currency")
        legs: list[tuple] = [(held.instrument, -amount, -amount, COMPLETED, hold_id)]
        if destination is not None:
            legs.append((destination, amount, amount, COMPLETED, None))
        # The hold stops counting in the same step its completed entry starts to.
        self._uncount(held, SETTLED)
        try:
            entries = self._post(held.transaction, legs, amount)
        except LedgerRefusal:
            self._recount(held)
            raise
        if destination is None:
            self.money_out[held.currency] = self.money_out.get(held.currency, 0) + amount
        return entries[0]

    def release(self, hold_id: str) -> None:
        self._uncount(self._open_hold(hold_id), RELEASED)

    # -- the invariant -------------------------------------------------------------------------
    def check(self) -> None:
        """Raise AssertionError when money was created or lost, or a balance is out of bounds."""
        totals: dict[str, int] = {}
        for instrument, account in self.accounts.items():
            balance = self.balance(instrument)
            assert balance == _summed(account.entries), (instrument, "running balance drifted", balance)
            # The views kept as entries were written are what a walk of the entries finds.
            assert account.completed == [e for e in account.entries if e.state == COMPLETED], (instrument, "statement")
            assert account.counted == [e for e in account.entries if e.state in COUNTED], (instrument, "activity")
            assert 0 <= balance.available <= balance.actual <= INT64_MAX, (instrument, balance)
            totals[account.currency] = totals.get(account.currency, 0) + balance.actual
        for currency in set(totals) | set(self.money_in) | set(self.money_out):
            expected = self.money_in.get(currency, 0) - self.money_out.get(currency, 0)
            assert totals.get(currency, 0) == expected, (currency, totals.get(currency, 0), expected)

    # -- inside --------------------------------------------------------------------------------
    def _account(self, instrument: Instrument) -> Account:
        account = self.accounts.get(tuple(instrument))
        if account is None:
            raise UnknownInstrument(f"no instrument {instrument}")
        return account

    def _uncount(self, held: Entry, state: str) -> None:
        """A PENDING hold leaves the available balance and the activity."""
        account = self._account(held.instrument)
        held.state = state
        account.available -= held.available
        at = bisect_left(account.counted, int(held.id), key=_entry_number)
        assert account.counted[at] is held, ("hold missing from the activity", held.id)
        del account.counted[at]

    def _recount(self, held: Entry) -> None:
        """The hold counts again, in its place by entry id."""
        account = self._account(held.instrument)
        held.state = PENDING
        account.available += held.available
        account.counted.insert(bisect_left(account.counted, int(held.id), key=_entry_number), held)

    def _open_hold(self, hold_id: str) -> Entry:
        held = self.holds.get(str(hold_id))
        if held is None or held.state != PENDING:
            raise UnknownHold(f"no pending hold {hold_id}")
        return held

    def _post(self, transaction: Transaction, legs: list, amount) -> list[Entry]:
        """Check the amount and every leg against the balances it would leave, then write them all."""
        _require_amount(amount)
        balances = {}
        for instrument, available, actual, _, _ in legs:
            balance = balances.setdefault(tuple(instrument), self.balance(instrument))
            balance.available += available
            balance.actual += actual
        for balance in balances.values():
            if balance.available < 0 or balance.actual < 0:
                raise FundsInsufficient()
            if balance.actual > INT64_MAX:
                raise BalanceLimitExceeded("the balance would exceed int64")
        # The ledger's time never goes back (were the wall clock stepped back, an entry takes its
        # predecessor's time): every instrument's entries stay in time order, so a period is found by bisection.
        now = self._last_timestamp = max(self._now_ms(), self._last_timestamp)
        written = []
        for instrument, available, actual, state, hold_id in legs:
            account = self._account(instrument)
            self._entry_ids += 1
            entry = Entry(str(self._entry_ids), tuple(instrument), tuple(transaction), account.currency, available,
                          actual, now, state, hold_id=hold_id)
            account.entries.append(entry)
            account.counted.append(entry)
            account.available += available
            if state == COMPLETED:
                account.actual += actual
                account.completed.append(entry)
                entry.available_after, entry.actual_after = account.available, account.actual
            self.by_transaction_id.setdefault(entry.transaction[1], []).append(entry)
            written.append(entry)
        return written

    def dump(self) -> dict:
        return {f"{t}:{i}": {"currency": a.currency, "entries": [asdict(e) for e in a.entries]}
                for (t, i), a in self.accounts.items()}


def _entry_number(entry: Entry) -> int:
    return int(entry.id)
