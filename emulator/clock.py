"""The emulator's clock: real time plus an offset the control plane can move forward.

Whoever must act when the clock is moved (the scheduler) sets `on_advance`.
"""
from __future__ import annotations

import time
from collections.abc import Callable


class Clock:
    def __init__(self, skew_ms: int = 0, whole_seconds: bool = False):
        # A varied emulator's server clock may run apart from real time, or keep whole seconds only
        # (emulator/variation.py); both are 0 and False by default.
        self.skew_ms = skew_ms
        self.whole_seconds = whole_seconds
        self.offset_ms = 0
        self.on_advance: Callable[[], object] | None = None

    def now_ms(self) -> int:
        now = int(time.time() * 1000) + self.skew_ms + self.offset_ms
        return now - now % 1000 if self.whole_seconds else now

    def advance(self, seconds: float) -> int:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self.offset_ms += int(seconds * 1000)
        if self.on_advance is not None:
            self.on_advance()
        return self.now_ms()
