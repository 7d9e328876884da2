"""What the emulator's tests ask of its control plane, as any client could: its events, its time, and moving
its clock."""
from __future__ import annotations

from types import SimpleNamespace


def outbox(emu, event_type: str | None = None) -> list:
    """The events as the control plane shows them, oldest first (each with .type and .payload)."""
    listed = emu.call("GET", "", mount="/_emulator/events").body["events"]
    return [SimpleNamespace(**e) for e in listed if event_type in (None, e["type"])]


def now_ms(emu) -> int:
    """The emulator's time, as the control plane tells it."""
    return emu.call("GET", "", mount="/_emulator/clock").body["nowMs"]


def advance(emu, seconds) -> None:
    """Moves the emulator's clock as a client can: through the control plane."""
    assert emu.call("POST", "", {"advanceSeconds": seconds}, mount="/_emulator/clock").status == 200
