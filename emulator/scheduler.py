"""Work due at a time on the emulator's clock: it runs once the clock has passed that time.

The clock passes a time in two ways: real time goes by (the app runs due work at the start of every
request, under the world lock) or the control plane moves the clock (the clock tells the scheduler at
once). Each job runs exactly once, in due order (ties in the order scheduled); a job may schedule more
work, which runs in the same pass if it is already due. A job that raises is dropped, not retried, so
one bad job cannot wedge every later request.
"""
from __future__ import annotations

import heapq
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("emulator.scheduler")


@dataclass(order=True)
class Job:
    due_ms: int
    seq: int
    name: str = field(compare=False)
    action: Callable[[], object] = field(compare=False, repr=False)
    cancelled: bool = field(default=False, compare=False)


class Scheduler:
    def __init__(self, now_ms):
        self._now_ms = now_ms
        self._queue: list[Job] = []
        self._seq = itertools.count()
        self._running = False

    def at(self, due_ms: int, action, name: str = "job") -> Job:
        job = Job(int(due_ms), next(self._seq), name, action)
        heapq.heappush(self._queue, job)
        return job

    def after(self, seconds: float, action, name: str = "job") -> Job:
        return self.at(self._now_ms() + int(seconds * 1000), action, name)

    def cancel(self, job: Job) -> None:
        job.cancelled = True

    def pending(self) -> list[Job]:
        return sorted(j for j in self._queue if not j.cancelled)

    def run_due(self) -> int:
        """Run every job due by now; the number run."""
        if self._running:  # a job that moves the clock must not run its neighbours twice
            return 0
        self._running = True
        ran = 0
        try:
            while self._queue and self._queue[0].due_ms <= self._now_ms():
                job = heapq.heappop(self._queue)
                if job.cancelled:
                    continue
                ran += 1
                try:
                    job.action()
                except Exception:
                    log.exception("scheduled job %s failed", job.name)
        finally:
            self._running = False
        return ran

    def dump(self) -> list[dict]:
        return [{"name": j.name, "dueMs": j.due_ms} for j in self.pending()]
