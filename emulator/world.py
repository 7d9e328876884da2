"""All of one emulator's state: programme, clock, ids, sessions, the ledger, the services between areas
and one backend per area."""
from __future__ import annotations

import threading

from . import areas  # noqa: F401  (importing registers every area's handlers and backend)
from .clock import Clock
from .idempotency import Replays
from .ids import IdFactory
from .ledger import Ledger
from .outbox import Outbox
from .ports import Activity, Connects, Ports
from .registry import BACKENDS
from .scheduler import Scheduler
from .services import Identities, Instruments
from .sessions import Sessions
from .variation import DEFAULT
from .webhooks import Deliverer


class World:
    def __init__(self, programme: dict, variation=DEFAULT):
        self.variation = variation
        self.programme = variation.programme(programme)
        self.lock = threading.RLock()
        self.clock = Clock()
        self.webhooks = Deliverer(self)
        self.reset()

    def reset(self) -> None:
        with self.lock:
            variation = self.variation
            self.clock = Clock(variation.clock_skew_ms, variation.whole_seconds)
            self.scheduler = Scheduler(self.now_ms)
            self.clock.on_advance = self.scheduler.run_due
            self.outbox = Outbox(self.now_ms)
            self.webhooks.clear()
            self.outbox.subscribers.append(self.webhooks.publish)
            self.ids = IdFactory(variation.first_id(), variation.id_step)
            self.sessions = Sessions(self.clock, variation.token)
            self.ledger = Ledger(self.now_ms)
            self.replays = Replays()
            self.identities = Identities(self)
            self.instruments = Instruments(self)
            self.backends = {name: cls(self) for name, cls in BACKENDS.items()}
            # The one place that knows which backend answers which port; an area then asks the port, never a name.
            backends = self.backends
            self.ports = Ports(users=backends["users"], factors=backends["factors"], push=backends["push"],
                               challenges=backends["confirmations"], beneficiaries=backends["beneficiaries"],
                               bank_accounts=backends["managed_accounts"], activity=Activity())
            for backend in backends.values():
                if isinstance(backend, Connects):
                    backend.connect(self.ports)

    def area(self, name: str):
        """One area's backend, for its own handlers; another area asks through `ports` or the services instead."""
        return self.backends[name]

    def now_ms(self) -> int:
        return self.clock.now_ms()

    def dump(self) -> dict:
        with self.lock:
            return {
                "clockOffsetMs": self.clock.offset_ms,
                "sessions": [vars(s) for s in self.sessions.by_token.values()],
                "ledger": self.ledger.dump(),
                "scheduled": self.scheduler.dump(),
                "areas": {name: backend.dump() for name, backend in self.backends.items() if hasattr(backend, "dump")},
            }
