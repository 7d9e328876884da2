"""Numeric string ids, as Weavr issues them, unique within one emulator."""
from __future__ import annotations

import itertools


class IdFactory:
    def __init__(self, first: int, step: int = 1):
        # The first id is random (a high prefix by default: emulator/variation.py), which keeps ids of two
        # emulator runs apart in reports.
        self._counter = itertools.count(first, step)

    def next(self) -> str:
        return str(next(self._counter))
