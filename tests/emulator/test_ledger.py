"""The ledger: postings balance, holds, int64 refusal, statements that replay to the balance, the invariant."""
from __future__ import annotations

import pytest

from emulator.ledger import INT64_MAX, BalanceLimitExceeded, CurrencyMismatch, FundsInsufficient, Ledger, NotAnAmount, UnknownHold

A = ("managed_accounts", "1")
B = ("managed_accounts", "2")
USD = ("managed_accounts", "3")


@pytest.fixture
def ledger():
    ticks = iter(range(1000, 10**6))
    book = Ledger(lambda: next(ticks))
    book.open(A, "EUR")
    book.open(B, "EUR")
    book.open(USD, "USD")
    return book


def balances(ledger, instrument):
    b = ledger.balance(instrument)
    return b.available, b.actual


def test_a_deposit_credits_both_balances_and_counts_as_money_in(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    assert balances(ledger, A) == (500, 500)
    assert ledger.money_in == {"EUR": 500}
    ledger.check()


def test_a_transfer_is_one_posting_whose_entries_balance(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    debit, credit = ledger.transfer(A, B, 200, ("transfers", "t2"))
    assert debit.actual + credit.actual == 0 and debit.transaction == credit.transaction
    assert balances(ledger, A) == (300, 300) and balances(ledger, B) == (200, 200)
    ledger.check()


def test_money_never_goes_below_zero_and_a_refusal_changes_nothing(ledger):
    ledger.deposit(A, 100, ("incoming_wire_transfers", "t1"))
    with pytest.raises(FundsInsufficient):
        ledger.transfer(A, B, 101, ("transfers", "t2"))
    with pytest.raises(FundsInsufficient):
        ledger.withdraw(A, 101, ("fees", "t3"))
    assert balances(ledger, A) == (100, 100) and balances(ledger, B) == (0, 0)
    assert len(ledger.transactions(A)) == 1
    ledger.check()


def test_a_transfer_between_currencies_is_refused(ledger):
    ledger.deposit(A, 100, ("incoming_wire_transfers", "t1"))
    with pytest.raises(CurrencyMismatch):
        ledger.transfer(A, USD, 10, ("transfers", "t2"))


@pytest.mark.parametrize("amount", [0, -5, 1.5, 1e308, True, "10", None, INT64_MAX + 1])
def test_only_positive_int64_amounts_move(ledger, amount):
    ledger.deposit(B, 100, ("incoming_wire_transfers", "t0"))
    for post in (lambda: ledger.deposit(A, amount, ("incoming_wire_transfers", "t1")),
                 lambda: ledger.withdraw(B, amount, ("fees", "t2")),
                 lambda: ledger.transfer(B, A, amount, ("transfers", "t3")),
                 lambda: ledger.hold(B, amount, ("card_payments", "t4"))):
        with pytest.raises(NotAnAmount):
            post()
    assert balances(ledger, B) == (100, 100)
    assert balances(ledger, A) == (0, 0)


def test_a_balance_beyond_int64_is_refused(ledger):
    ledger.deposit(A, INT64_MAX, ("incoming_wire_transfers", "t1"))
    with pytest.raises(BalanceLimitExceeded):
        ledger.deposit(A, 1, ("incoming_wire_transfers", "t2"))
    assert balances(ledger, A) == (INT64_MAX, INT64_MAX)
    ledger.check()


def test_a_hold_lowers_available_only_and_settling_moves_actual(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    hold = ledger.hold(A, 120, ("card_payments", "t2"))
    assert balances(ledger, A) == (380, 500)
    assert [e.state for e in ledger.transactions(A)] == ["COMPLETED", "PENDING"]
    with pytest.raises(FundsInsufficient):
        ledger.hold(A, 381, ("card_payments", "t3"))
    ledger.settle(hold)
    assert balances(ledger, A) == (380, 380)
    assert ledger.money_out == {"EUR": 120}
    with pytest.raises(UnknownHold):
        ledger.settle(hold)
    ledger.check()


def test_a_settled_hold_can_land_on_another_instrument(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    ledger.settle(ledger.hold(A, 200, ("transfers", "t2")), destination=B)
    assert balances(ledger, A) == (300, 300) and balances(ledger, B) == (200, 200)
    assert ledger.money_out == {}
    ledger.check()


def test_releasing_a_hold_restores_available(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    hold = ledger.hold(A, 120, ("card_payments", "t2"))
    ledger.release(hold)
    assert balances(ledger, A) == (500, 500)
    assert len(ledger.transactions(A)) == 1
    with pytest.raises(UnknownHold):
        ledger.release(hold)
    ledger.check()


def test_the_statement_replays_to_the_balance(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    ledger.transfer(A, B, 50, ("transfers", "t2"))
    ledger.release(ledger.hold(A, 70, ("card_payments", "t3")))
    ledger.settle(ledger.hold(A, 30, ("card_payments", "t4")))
    ledger.withdraw(A, 20, ("fees", "t5"))
    running = 0
    for entry in ledger.statement(A):
        running += entry.actual
        assert entry.actual_after == running
    assert running == ledger.balance(A).actual == 400
    assert [e.timestamp for e in ledger.statement(A)] == sorted(e.timestamp for e in ledger.statement(A))


def test_the_invariant_catches_money_created_from_nothing(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    ledger.accounts[A].entries[0].actual += 1
    with pytest.raises(AssertionError):
        ledger.check()


def test_a_settlement_may_differ_from_its_hold(ledger):
    ledger.deposit(A, 500, ("incoming_wire_transfers", "t1"))
    ledger.settle(ledger.hold(A, 100, ("card_payments", "t2")), amount=80)
    assert balances(ledger, A) == (420, 420)
    ledger.settle(ledger.hold(A, 100, ("card_payments", "t3")), amount=150)
    assert balances(ledger, A) == (270, 270)
    hold = ledger.hold(A, 100, ("card_payments", "t4"))
    with pytest.raises(FundsInsufficient):
        ledger.settle(hold, amount=371)
    assert balances(ledger, A) == (170, 270), "a refused settlement keeps its hold"
    ledger.check()


def test_the_kept_views_follow_holds_settled_released_and_refused(ledger):
    """The statement and activity views are kept as entries are written and holds change, never walked:
    a refused settlement puts its hold back in its place, and the views stay what a walk finds."""
    ledger.deposit(A, 100, ("incoming_wire_transfers", "t1"))
    first = ledger.hold(A, 30, ("card_payments", "t2"))
    second = ledger.hold(A, 20, ("card_payments", "t3"))
    ledger.deposit(A, 5, ("incoming_wire_transfers", "t4"))
    with pytest.raises(FundsInsufficient):
        ledger.settle(first, amount=200)
    assert [e.transaction[1] for e in ledger.transactions(A)] == ["t1", "t2", "t3", "t4"]
    ledger.release(second)
    ledger.settle(first)
    assert [(e.transaction[1], e.state) for e in ledger.transactions(A)] == [
        ("t1", "COMPLETED"), ("t4", "COMPLETED"), ("t2", "COMPLETED")]
    assert [e.transaction[1] for e in ledger.statement(A)] == ["t1", "t4", "t2"]
    assert [e.transaction[1] for e in ledger.of_transaction("t2")] == ["t2", "t2"]
    assert balances(ledger, A) == (75, 75)
    ledger.check()


def test_the_ledgers_time_never_goes_back(ledger):
    """A wall clock stepped back: the entry takes its predecessor's time, so statements stay in time order."""
    times = iter([5000, 4000])
    ledger._now_ms = lambda: next(times)
    ledger.deposit(A, 10, ("incoming_wire_transfers", "t1"))
    ledger.deposit(A, 10, ("incoming_wire_transfers", "t2"))
    assert [e.timestamp for e in ledger.statement(A)] == [5000, 5000]
