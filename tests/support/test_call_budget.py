"""The client counts its calls and keeps within its share of the run's budget per minute."""
from __future__ import annotations

import pytest

from support.client import CallBudget
from support.config import SANDBOX_CALLS_PER_MINUTE, ConfigError, load_settings


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_within_the_budget_nothing_waits_and_every_call_is_counted():
    clock = FakeClock()
    budget = CallBudget(3, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        budget.take()
        clock.now += 1
    assert (budget.calls, clock.slept) == (3, [])


def test_the_call_over_the_budget_waits_until_the_first_is_a_minute_old():
    clock = FakeClock()
    budget = CallBudget(3, clock=clock, sleep=clock.sleep)
    for _ in range(4):
        budget.take()
        clock.now += 10
    # calls at 1000, 1010, 1020; the fourth at 1030 waits until 1060
    assert clock.slept == [30.0]
    assert budget.calls == 4 and budget.waited == 30.0
    clock.now += 60
    budget.take()
    assert clock.slept == [30.0], "a minute later the window is empty again"


def test_no_budget_counts_and_never_waits():
    clock = FakeClock()
    budget = CallBudget(None, clock=clock, sleep=clock.sleep)
    for _ in range(10_000):
        budget.take()
    assert (budget.calls, clock.slept) == (10_000, [])


def test_each_worker_takes_its_share():
    assert CallBudget.share(600, 2).per_minute == 300
    assert CallBudget.share(600, 1).per_minute == 600
    assert CallBudget.share(1, 4).per_minute == 1
    assert CallBudget.share(None, 2).per_minute is None


def test_the_budget_defaults_by_target_and_refuses_nonsense(tmp_path):
    empty = tmp_path / "empty.env"
    empty.write_text("")
    sandbox = {"WEAVR_TARGET": "sandbox", "WEAVR_API_KEY": "k", "WEAVR_PROGRAMME_KEY": "p",
               "WEAVR_CORPORATE_PROFILE_ID": "1", "WEAVR_CONSUMER_PROFILE_ID": "2"}
    assert load_settings(sandbox, env_file=empty).calls_per_minute == SANDBOX_CALLS_PER_MINUTE
    assert load_settings({**sandbox, "WEAVR_CALLS_PER_MINUTE": "off"}, env_file=empty).calls_per_minute is None
    assert load_settings({**sandbox, "WEAVR_CALLS_PER_MINUTE": "120"}, env_file=empty).calls_per_minute == 120
    assert load_settings({}, env_file=empty).calls_per_minute is None
    with pytest.raises(ConfigError, match="WEAVR_CALLS_PER_MINUTE is 'fast': set it to a whole number"):
        load_settings({"WEAVR_CALLS_PER_MINUTE": "fast"}, env_file=empty)
