"""The money state machine fails, with a shrunk and printed sequence, on an emulator broken on purpose in
each of the three ways issue 9 names. Each breakage is planted by a monkeypatch of one emulator function
before the emulator (served from this process, planted.py) answers anything; the machine still sees it over
HTTP only, and this module imports emulator/ to plant, never to judge."""
from __future__ import annotations

import os
import re

import pytest
from hypothesis.internal.conjecture import engine
from hypothesis.stateful import run_state_machine_as_test

from .planted import emulator_served_here
from .profiles import chosen
from .test_money_state_machine import MoneyMachine

# Shrinking is budgeted by the candidate sequences it tries, never by seconds: the planted profile is
# derandomized, so the same candidates are tried and the same sequence printed on a quiet or a busy machine.
SHRINK_CALLS = int(os.environ.get("PLANTED_SHRINK_CALLS", "20"))
# The planted profile draws up to 8 rules; what Hypothesis prints after shrinking is shorter than that, and
# may be onboard alone when its opening wire transfer is enough to show the breakage.
MOST_RULES = 6


def _fee_on_one_side(monkeypatch):
    """The account pays the wire transfer's fee, but the transfer says it took none."""
    from emulator.areas.wire_transfers.outgoing_wire import WireTransfer

    shown = WireTransfer.answer

    def without_fee(self):
        answer = shown(self)
        answer["fee"] = {"currency": self.currency, "amount": 0}
        return answer

    monkeypatch.setattr(WireTransfer, "answer", without_fee)


def _rejected_wire_keeps_the_money(monkeypatch):
    """The bank's reject marks the transfer REJECTED but never releases its hold."""
    from emulator.areas.wire_transfers.outgoing_wire import OutgoingWireBackend

    reject = OutgoingWireBackend.reject

    def keeping(self, owt_id):
        instruments = self.world.instruments
        instruments.release = lambda hold_id: None
        try:
            return reject(self, owt_id)
        finally:
            del instruments.release

    monkeypatch.setattr(OutgoingWireBackend, "reject", keeping)


def _replay_debits_twice(monkeypatch):
    """An idempotency-ref is never found again: each replay runs, and moves money, afresh."""
    from emulator.idempotency import Replays

    monkeypatch.setattr(Replays, "get", lambda self, key: None)


def _budget_shrinking(monkeypatch, calls: int) -> None:
    """Shrinking stops after `calls` candidate sequences, however long they took; no wall-time limit."""
    monkeypatch.setattr(engine, "MAX_SHRINKING_SECONDS", float("inf"))
    shrink = engine.ConjectureRunner.shrink_interesting_test_cases

    def budgeted(runner):
        started, run_one = runner.call_count, runner.test_function

        def counted(data):
            if runner.call_count - started >= calls:
                runner.exit_with(engine.ExitReason.max_shrinks)
            return run_one(data)

        runner.test_function = counted
        try:
            return shrink(runner)
        finally:
            runner.test_function = run_one

    monkeypatch.setattr(engine.ConjectureRunner, "shrink_interesting_test_cases", budgeted)


# Each breakage and what the machine's failure says: a balance is not the model's (or a decision is not the
# one the model's balances imply), or a replay answered anew. The machine reaches the bank's decision in
# almost every run (onboard's opening wire transfer), so the planted profile's derandomized examples meet
# the two wire breakages within its first few examples, not by luck.
PLANTED = [(_replay_debits_twice, "replay differs"),
           (_fee_on_one_side, r"'model'|holds \d+"),
           (_rejected_wire_keeps_the_money, r"'model'|holds \d+")]


@pytest.mark.parametrize("plant, says", PLANTED, ids=[plant.__name__.strip("_") for plant, _ in PLANTED])
def test_the_machine_fails_on_a_planted_breakage_with_a_shrunk_sequence(plant, says, monkeypatch):
    # Each candidate costs dozens of HTTP calls; the first few (dropping steps) are what make it short.
    _budget_shrinking(monkeypatch, SHRINK_CALLS)
    plant(monkeypatch)
    with emulator_served_here() as url:
        monkeypatch.setattr(MoneyMachine, "base_url", url)
        with pytest.raises(AssertionError) as failed:
            run_state_machine_as_test(MoneyMachine, settings=chosen("planted"))
    assert re.search(says, str(failed.value)), failed.value
    printed = "\n".join(getattr(failed.value, "__notes__", []))
    print(printed)
    # The reproduction Hypothesis printed: the machine, its steps, shrunk to a few.
    assert "state = MoneyMachine()" in printed, printed
    called = re.findall(r"^(?:\w+ = )?state\.(\w+)\(", printed, flags=re.MULTILINE)
    rules = [name for name in called if name not in ("onboard", "money_is_conserved", "teardown")]
    assert called[:1] == ["onboard"] and len(rules) <= MOST_RULES, printed
