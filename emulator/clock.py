"""The emulator's clock: real time plus an offset the control plane can move forward.

Whoever must act when the clock is moved (the scheduler) sets `on_advance`.
"""
from __future__ import annotations

import time


class Clock:
    def __init__(self):
        self.offset_ms = 0
        self.on_advance = None

    def now_ms(self) -> int:
        return int(time.time() * 1000) + self.offset_ms

    def advance(self, seconds: float) -> int:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self.offset_ms += int(seconds * 1000)
        if self.on_advance is not None:
            self.on_advance()
        return self.now_ms()
