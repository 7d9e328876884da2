"""What one area may ask of another: identities (who owns what, is due diligence approved) and
instruments (resolve one for its owner, its state, and money moves on the ledger).

Areas talk through these two services instead of reading each other's dictionaries, so an area's
records can change shape without breaking its neighbours. Instrument areas (managed accounts today,
managed cards next) register themselves by instrument type and answer `owner_of(id)` and
`state_of(id)`; every money movement goes to the one ledger.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from . import ledger as money


@dataclass(frozen=True)
class Owner:
    type: str  # CORPORATE or CONSUMER
    id: str

    def answer(self) -> dict:
        return {"type": self.type, "id": self.id}


class NotOwner(money.LedgerRefusal):
    code = "IDENTITY_NOT_OWNER_OF_INSTRUMENT"


class Identities:
    # The area holding each identity type's records.
    AREAS = {"CORPORATE": "corporates", "CONSUMER": "consumers"}

    def __init__(self, world):
        self.world = world

    def owner_of_token(self, token: str | None) -> Owner | None:
        session = self.world.sessions.by_token.get(token or "")
        return Owner(session.identity_type, session.identity_id) if session else None

    def exists(self, owner: Owner) -> bool:
        return owner.id in self.world.area(self.AREAS[owner.type]).by_id

    def name(self, owner: Owner) -> str:
        """What the identity is called: a corporate's company name, a consumer's root user's name."""
        return self.world.area(self.AREAS[owner.type]).display_name(owner.id)

    def view(self, owner: Owner) -> dict:
        """The identity as its GET answers it."""
        return self.world.area(self.AREAS[owner.type]).view(owner.id)

    def profile_id(self, owner: Owner) -> str:
        return self.world.area(self.AREAS[owner.type]).profile_id(owner.id)

    def is_due_diligence_approved(self, owner: Owner) -> bool:
        return self.world.area("due_diligence").is_approved(owner.id)

    def users_of(self, owner: Owner) -> list[str]:
        """Every user id of the identity, root user first."""
        users = self.world.ports.users.of_identity(owner, credential_type=None)
        return [u.id for u in sorted(users, key=lambda u: u.credential_type != "ROOT")]


class InstrumentArea(Protocol):
    """What an area that holds instruments answers the others (managed accounts, managed cards)."""

    def owner_of(self, instrument_id: str) -> Owner | None: ...

    def state_of(self, instrument_id: str) -> str: ...


@runtime_checkable
class WatchesLowBalance(Protocol):
    """An instrument area that wants to know when an instrument's available balance went down."""

    def available_lowered(self, instrument_id: str, before: int, after: int) -> None: ...


class Instruments:
    def __init__(self, world):
        self.world = world
        self.ledger: money.Ledger = world.ledger
        self.areas: dict[str, InstrumentArea] = {}

    def register(self, instrument_type: str, area: InstrumentArea) -> None:
        self.areas[instrument_type] = area

    # -- which instrument --------------------------------------------------------------------
    def owner_of(self, instrument: tuple) -> Owner | None:
        area = self.areas.get(instrument[0])
        return area.owner_of(str(instrument[1])) if area else None

    def resolve(self, instrument: tuple, owner: Owner | None = None) -> tuple:
        """The instrument as a ledger key; refused when unknown, or not the owner's when one is named."""
        key = (instrument[0], str(instrument[1]))
        found = self.owner_of(key)
        if found is None:
            raise money.UnknownInstrument(f"no instrument {key}")
        if owner is not None and found != owner:
            raise NotOwner()
        return key

    def state(self, instrument: tuple) -> str:
        return self.areas[instrument[0]].state_of(str(instrument[1]))

    def currency(self, instrument: tuple) -> str:
        return self.ledger.currency(instrument)

    def balance(self, instrument: tuple) -> money.Balance:
        return self.ledger.balance(instrument)

    # -- money (all of it on the ledger) ------------------------------------------------------
    def open(self, instrument: tuple, currency: str) -> None:
        self.ledger.open(instrument, currency)

    def credit(self, instrument: tuple, amount: int, transaction: tuple) -> money.Entry:
        return self.ledger.deposit(instrument, amount, transaction)

    def debit(self, instrument: tuple, amount: int, transaction: tuple) -> money.Entry:
        with self._lowering(instrument):
            return self.ledger.withdraw(instrument, amount, transaction)

    def transfer(self, source: tuple, destination: tuple, amount: int, transaction: tuple):
        with self._lowering(source):
            return self.ledger.transfer(source, destination, amount, transaction)

    def hold(self, instrument: tuple, amount: int, transaction: tuple) -> str:
        with self._lowering(instrument):
            return self.ledger.hold(instrument, amount, transaction)

    @contextmanager
    def _lowering(self, instrument: tuple):
        """Tells the instrument's area when its available balance went down (a low balance event may follow)."""
        area = self.areas.get(instrument[0])
        if not isinstance(area, WatchesLowBalance):
            yield
            return
        before = self.ledger.balance(instrument).available
        yield
        area.available_lowered(str(instrument[1]), before, self.ledger.balance(instrument).available)

    def settle(self, hold_id: str, destination: tuple | None = None, amount: int | None = None) -> money.Entry:
        return self.ledger.settle(hold_id, destination, amount)

    def release(self, hold_id: str) -> None:
        self.ledger.release(hold_id)


__all__ = ["Owner", "NotOwner", "Identities", "Instruments"]
