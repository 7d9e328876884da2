"""The property-based proof that money is conserved: a Hypothesis state machine drives random sequences of
deposits, transfers (at once, scheduled, cancelled, replayed with one idempotency-ref, even concurrently),
card purchases, settlements, refunds and fee charges against a running emulator over HTTP, and after every
step checks MONEY-FACTS.md's invariants from what the API answers:

- closed world: the sum of actual balances plus the money that left (fees the API charged, purchases it
  settled) equals the money that came in (deposits and refunds it completed);
- the model: each available balance is what the accepted operations imply, and each decision (a transfer,
  fee or purchase accepted or refused for funds) is the one those balances imply;
- available = actual − pending holds (the PROCESSING debits of the instrument's activity);
- no account or prepaid card below zero;
- each statement replays to its balance, entry by entry;
- terminal states stay terminal (transfers COMPLETED, FAILED, CANCELLED; card payments SETTLED, DECLINED).

A failing sequence is shrunk and Hypothesis prints it as the minimal reproduction. Profiles in profiles.py.
Run alone: `.venv/bin/python -m pytest tests/properties -p no:randomly`.
"""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from hypothesis import strategies as st
from hypothesis.stateful import (Bundle, RuleBasedStateMachine, consumes, initialize, invariant, rule,
                                 run_state_machine_as_test)

from .money_api import MoneyApi
from .profiles import chosen

ACCOUNTS = ("savings", "spending")
CARD = "card"
NAMES = ACCOUNTS + (CARD,)
FEE_TYPE = "SETUP_FEE"
TERMINAL_TRANSFER = {"COMPLETED", "FAILED", "CANCELLED"}
TERMINAL_PAYMENT = {"SETTLED", "DECLINED"}
amounts = st.integers(min_value=1, max_value=3000)


class MoneyMachine(RuleBasedStateMachine):
    base_url: str = ""  # set by the test before the machine runs

    scheduled = Bundle("scheduled")

    # -- set-up ----------------------------------------------------------------------------------
    @initialize()
    def onboard(self):
        self.api = MoneyApi(self.base_url)
        self.api.onboard()
        self.key = {name: ("managed_accounts", self.api.open_account(name)) for name in ACCOUNTS}
        self.key[CARD] = ("managed_cards", self.api.open_card(CARD))
        self.fee = int(self.api.programme["customFees"][FEE_TYPE]["EUR"])
        self.available = {name: 0 for name in NAMES}  # the model: what each balance must be
        self.money_in = 0  # deposits and refunds the API completed
        self.fees_out = 0  # fees the API charged
        self.pending = {}  # transfer id -> (source, destination, amount, scheduled ms), still SCHEDULED
        self.terminal = {}  # ("transfers"|"card_payments", id) -> the terminal state first seen

    # -- money in --------------------------------------------------------------------------------
    @rule(account=st.sampled_from(ACCOUNTS), amount=st.integers(min_value=1, max_value=5000))
    def deposit(self, account, amount):
        answer = self.api.deposit(self.key[account][1], amount)
        assert (answer.status, answer.body) == (200, {"code": "COMPLETED"}), answer
        self.available[account] += amount
        self.money_in += amount

    @rule(amount=st.integers(min_value=1, max_value=2000))
    def refund(self, amount):
        answer = self.api.refund(self.key[CARD][1], amount)
        assert (answer.status, answer.body) == (200, {"code": "APPROVED"}), answer
        self.available[CARD] += amount
        self.money_in += amount

    # -- money between the corporate's instruments ------------------------------------------------
    @rule(source=st.sampled_from(NAMES), destination=st.sampled_from(NAMES), amount=amounts)
    def transfer(self, source, destination, amount):
        if source == destination:
            return
        answer = self.api.transfer(self.key[source], self.key[destination], amount)
        self._check_transfer(answer, source, destination, amount)

    @rule(source=st.sampled_from(NAMES), destination=st.sampled_from(NAMES), amount=amounts,
          concurrently=st.booleans())
    def transfer_sent_twice(self, source, destination, amount, concurrently):
        """One idempotency-ref, one payload, two sends (at the same moment when `concurrently`): one move."""
        if source == destination:
            return
        ref = uuid.uuid4().hex
        first, second = self._twice(lambda api: api.transfer(self.key[source], self.key[destination], amount,
                                                            ref=ref), concurrently)
        assert (first.status, first.body) == (second.status, second.body), ("replay differs", first, second)
        self._check_transfer(first, source, destination, amount)

    def _check_transfer(self, answer, source, destination, amount):
        if self.available[source] >= amount:
            assert answer.status == 200 and answer.body["state"] == "COMPLETED", (
                f"{source} holds {self.available[source]}, enough for {amount}", answer)
            self.available[source] -= amount
            self.available[destination] += amount
        else:
            assert (answer.status, answer.body) == (409, {"errorCode": "FUNDS_INSUFFICIENT"}), (
                f"{source} holds {self.available[source]}, short of {amount}", answer)

    @rule(target=scheduled, source=st.sampled_from(NAMES), destination=st.sampled_from(NAMES), amount=amounts,
          minutes=st.integers(min_value=1, max_value=3))
    def schedule_transfer(self, source, destination, amount, minutes):
        if source == destination:
            return None
        when = self.api.now_ms() + minutes * 60_000
        answer = self.api.transfer(self.key[source], self.key[destination], amount, scheduled=when)
        assert answer.status == 200 and answer.body["state"] == "SCHEDULED", answer
        self.pending[answer.body["id"]] = (source, destination, amount, when)
        return answer.body["id"]

    @rule(transfer_id=consumes(scheduled))
    def cancel_scheduled(self, transfer_id):
        if transfer_id is None:
            return
        answer = self.api.cancel_transfer(transfer_id)
        assert answer.status == 200, answer
        outcome = answer.body["cancellations"][0]
        if transfer_id in self.pending:
            assert outcome["state"] == "SUCCESS", ("a scheduled transfer could not be cancelled", outcome)
            del self.pending[transfer_id]
        else:
            assert outcome.get("errorCode") == "TRANSACTION_NOT_SCHEDULED", ("a run transfer was cancelled", outcome)

    # -- money out -------------------------------------------------------------------------------
    @rule(account=st.sampled_from(ACCOUNTS), sent_twice=st.booleans())
    def charge_fee(self, account, sent_twice):
        ref = uuid.uuid4().hex
        answers = self._twice(lambda api: api.charge_fee(self.key[account][1], FEE_TYPE, ref=ref), False) \
            if sent_twice else [self.api.charge_fee(self.key[account][1], FEE_TYPE, ref=ref)]
        answer = answers[0]
        assert all((a.status, a.body) == (answer.status, answer.body) for a in answers), ("replay differs", answers)
        if self.available[account] >= self.fee:
            assert answer.status == 200, (f"{account} holds {self.available[account]}, enough for the fee", answer)
            charged = -answer.body["availableBalanceAdjustment"]["amount"]
            assert charged == self.fee, ("the fee charged is not the programme's", answer.body)
            self.available[account] -= charged
            self.fees_out += charged
        else:
            assert (answer.status, answer.body) == (409, {"errorCode": "FUNDS_INSUFFICIENT"}), answer

    @rule(amount=amounts)
    def purchase(self, amount):
        answer = self.api.purchase(self.key[CARD][1], amount)
        assert answer.status == 200, answer
        if self.available[CARD] >= amount:
            assert answer.body == {"code": "APPROVED"}, (f"the card holds {self.available[CARD]}", answer)
            self.available[CARD] -= amount
        else:
            assert answer.body == {"code": "DENIED_NOT_ENOUGH_FUNDS"}, (f"the card holds {self.available[CARD]}",
                                                                         answer)

    @rule(seconds=st.sampled_from([61, 150]))
    def time_passes(self, seconds):
        """Purchases settle and scheduled transfers run as the emulator's clock passes their time."""
        self.api.advance(seconds)

    # -- invariants, from what the API answers ----------------------------------------------------
    @invariant()
    def money_is_conserved(self):
        """Reads what the API reports once per step, then checks each invariant of MONEY-FACTS.md on it.
        One invariant rather than several keeps each step's reads (and a shrunk reproduction) short."""
        if not hasattr(self, "api"):
            return
        transfers = self.api.transfers()
        payments = self.api.card_payments()
        instruments = {name: self._read(name) for name in NAMES}
        self._scheduled_transfers_ran_as_the_balances_allowed(transfers)
        for name, (balances, statement, activity) in instruments.items():
            self._balance_is_the_models(name, balances, activity)
            self._statement_replays(name, balances, statement)
        self._closed_world_sums(instruments, payments)
        self._terminal_states_stay_terminal(transfers, payments)

    def _read(self, name):
        key = self.key[name]
        return self.api.instrument(key)["balances"], self.api.statement(key), self.api.activity(key)

    def _scheduled_transfers_ran_as_the_balances_allowed(self, transfers):
        """Brings the model up to date with the scheduled transfers that ran, replayed in time order as the
        scheduler runs them: each ran only if its source held enough, and failed only if it did not."""
        states = {t["id"]: t["state"] for t in transfers}
        for transfer_id, (source, destination, amount, _) in sorted(self.pending.items(), key=lambda i: i[1][3]):
            state = states[transfer_id]
            if state == "SCHEDULED":
                continue
            if state == "COMPLETED":
                assert self.available[source] >= amount, (f"scheduled {transfer_id} ran short of funds", state)
                self.available[source] -= amount
                self.available[destination] += amount
            else:
                assert state == "FAILED" and self.available[source] < amount, (
                    f"scheduled {transfer_id} is {state} though {source} held {self.available[source]}")
            del self.pending[transfer_id]

    def _balance_is_the_models(self, name, balances, activity):
        """available is the model's, never below zero, and equals actual less the pending holds."""
        available, actual = balances["availableBalance"], balances["actualBalance"]
        assert available == self.available[name], (name, balances, "model", self.available[name])
        assert available >= 0 and actual >= 0, (name, "below zero", balances)
        holds = sum(t["amount"]["amount"] for t in activity
                    if t["status"] == "PROCESSING" and t["direction"] == "DEBIT")
        assert available == actual - holds, (name, balances, "pending holds", holds)

    @staticmethod
    def _statement_replays(name, balances, statement):
        running = 0
        for entry in statement:
            running += entry["balanceAdjustment"]["amount"]
            assert entry["balanceAfter"]["amount"] == running, (name, entry, "replayed", running)
        assert running == balances["actualBalance"], (name, "statement replays to", running, balances)

    def _closed_world_sums(self, instruments, payments):
        held = sum(balances["actualBalance"] for balances, _, _ in instruments.values())
        settled = sum(p["displayAmount"]["amount"] for p in payments
                      if p["type"] == "PURCHASE" and p["status"] == "SETTLED")
        assert held + settled + self.fees_out == self.money_in, (
            f"balances {held} + settled purchases {settled} + fees {self.fees_out} != money in {self.money_in}")

    def _terminal_states_stay_terminal(self, transfers, payments):
        seen = [(("transfers", t["id"]), t["state"], TERMINAL_TRANSFER) for t in transfers]
        seen += [(("card_payments", p["id"]), p["status"], TERMINAL_PAYMENT) for p in payments]
        for key, state, terminal in seen:
            if key in self.terminal:
                assert state == self.terminal[key], (key, "left its terminal state", self.terminal[key], "for", state)
            elif state in terminal:
                self.terminal[key] = state

    # -- helpers -----------------------------------------------------------------------------------
    def _twice(self, send, concurrently: bool):
        """The same request twice: one after the other, or from two connections at the same moment."""
        if not concurrently:
            return [send(self.api), send(self.api)]
        clients = []
        for _ in range(2):
            client = MoneyApi.__new__(MoneyApi)
            client.__dict__.update(self.api.__dict__, http=requests.Session())
            clients.append(client)
        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(send, clients))


def test_money_is_conserved_under_any_sequence(emulator_url):
    MoneyMachine.base_url = emulator_url
    run_state_machine_as_test(MoneyMachine, settings=chosen())
