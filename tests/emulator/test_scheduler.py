"""The scheduler: work due at a time runs exactly once when the clock passes it, never before, whether
real time passes (each request checks) or the control plane moves the clock."""
from __future__ import annotations

import pytest

from emulator.clock import Clock
from emulator.scheduler import Scheduler


class StoppedClock(Clock):
    """A clock that moves only when told, so "real time passing" is in the test's hands."""

    def __init__(self):
        super().__init__()
        self.real_ms = 1_000_000

    def now_ms(self) -> int:
        return self.real_ms + self.offset_ms


@pytest.fixture
def clock():
    return StoppedClock()


@pytest.fixture
def scheduler(clock):
    jobs = Scheduler(clock.now_ms)
    clock.on_advance = jobs.run_due
    return jobs


def test_a_job_runs_exactly_once_when_the_clock_passes_its_time_never_before(clock, scheduler):
    ran = []
    scheduler.after(60, lambda: ran.append(clock.now_ms()))
    clock.advance(59)
    assert ran == []
    clock.advance(1)
    assert ran == [1_060_000]
    clock.advance(600)
    assert scheduler.run_due() == 0 and len(ran) == 1


def test_real_time_passing_runs_due_work_at_the_next_check(clock, scheduler):
    ran = []
    scheduler.at(1_000_500, lambda: ran.append("due"))
    clock.real_ms += 499
    assert scheduler.run_due() == 0
    clock.real_ms += 1
    assert scheduler.run_due() == 1 and ran == ["due"]


def test_jobs_run_in_due_order_and_a_job_may_schedule_more(clock, scheduler):
    ran = []
    scheduler.after(30, lambda: ran.append("b"))
    # A job that schedules work already due (by the moved clock) sees it run in the same pass.
    scheduler.after(10, lambda: (ran.append("a"), scheduler.at(1_015_000, lambda: ran.append("a+5"))))
    scheduler.after(100, lambda: ran.append("late"))
    clock.advance(40)
    assert ran == ["a", "a+5", "b"]
    assert [j.name for j in scheduler.pending()] == ["job"]


def test_a_cancelled_job_never_runs_and_a_failing_one_does_not_stop_the_rest(clock, scheduler):
    ran = []
    job = scheduler.after(1, lambda: ran.append("cancelled"))
    scheduler.cancel(job)
    scheduler.after(2, lambda: 1 / 0, name="broken")
    scheduler.after(3, lambda: ran.append("after the broken one"))
    clock.advance(5)
    assert ran == ["after the broken one"] and scheduler.pending() == []


def test_the_world_runs_due_work_on_each_request_and_when_the_control_plane_moves_the_clock(emu):
    world, ran = emu.app.world, []
    world.scheduler.after(120, lambda: ran.append("by control"))
    assert emu.call("POST", "", raw=b'{"advanceSeconds": 119}', mount="/_emulator/clock").status == 200
    assert ran == []
    assert emu.call("POST", "", raw=b'{"advanceSeconds": 1}', mount="/_emulator/clock").status == 200
    assert ran == ["by control"]
    world.scheduler.at(world.now_ms() - 1, lambda: ran.append("by request"))
    emu.call("GET", "/corporates")  # any request, even a refused one, checks due work first
    assert ran == ["by control", "by request"]
