"""The outbox: state changes as event records, for the control plane to show and the deliverer
(webhooks.py) to post as webhooks.

An event's type is the webhook's operation id in Weavr's webhooks description
(`managed_accounts_deposits_watch`, `login_watch`, ...); its payload follows that webhook's body
where the emulator knows the fields. Events are kept in the order they happened.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    payload: dict
    timestamp: int

    def answer(self) -> dict:
        return {"id": self.id, "type": self.type, "payload": self.payload, "timestamp": self.timestamp}


class Outbox:
    def __init__(self, now_ms):
        self._now_ms = now_ms
        self._ids = itertools.count(1)
        self.events: list[Event] = []
        # Whoever acts on each new event (the webhooks deliverer) subscribes here.
        self.subscribers: list = []

    def emit(self, event_type: str, payload: dict) -> Event:
        event = Event(str(next(self._ids)), event_type, payload, self._now_ms())
        self.events.append(event)
        for subscriber in self.subscribers:
            subscriber(event)
        return event

    def published(self) -> str:
        """The `publishedTimestamp` most webhook bodies carry."""
        return str(self._now_ms())

    def listed(self, event_type: str | None = None) -> list[Event]:
        return [e for e in self.events if event_type is None or e.type == event_type]
