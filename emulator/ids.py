"""Numeric string ids, as Weavr issues them, unique within one emulator."""
from __future__ import annotations

import itertools
import random


class IdFactory:
    def __init__(self):
        # A random high prefix keeps ids of two emulator runs apart in reports.
        self._counter = itertools.count(random.randint(10**14, 9 * 10**14) * 1000)

    def next(self) -> str:
        return str(next(self._counter))
