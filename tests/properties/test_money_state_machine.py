"""The property-based proof that money is conserved: a Hypothesis state machine drives random sequences of
deposits (the Simulator's shortcut and the full wire path), transfers (at once, scheduled, cancelled), sends
between a corporate and a consumer (exempt as LOW_VALUE, challenged and confirmed with the sandbox OTP,
scheduled, cancelled), outgoing wire transfers (created, confirmed, challenged, then accepted or rejected by
the Simulator's bank, or cancelled), card purchases, settlements, refunds and fee charges against a running
emulator over HTTP. Money moves replayed with one idempotency-ref and payload (one after the other, or from
two connections at the same moment) must move once. Each run opens with funds in every account and, mostly,
a wire transfer taken to the bank's decision. After every step it checks MONEY-FACTS.md's
invariants from what the API answers (money_checks.py):

- closed world: the sum of actual balances plus the money that left (fees the API charged, purchases it
  settled, wire transfers it completed with their fee) equals the money that came in (deposits, refunds);
- the model: each available balance is what the accepted operations imply, and each decision (a transfer,
  send, wire transfer, fee or purchase accepted or refused for funds) is the one those balances imply;
  fees on both sides of a send as its `sourceFee` and `destinationFee` say, a wire transfer's `fee` held
  with it, gone when completed and back when rejected;
- available = actual − pending holds (the PROCESSING debits of the instrument's activity);
- no account or prepaid card below zero;
- each statement replays to its balance, entry by entry;
- every send and wire transfer made is read back in the state the model expects, and terminal states stay
  terminal (transfers, sends, wire transfers, card payments).

A failing sequence is shrunk and Hypothesis prints it as the minimal reproduction
(test_machine_catches_breakages.py proves it does). Profiles in profiles.py.
Run alone: `.venv/bin/python -m pytest tests/properties -p no:randomly`.
"""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, rule, run_state_machine_as_test

from .money_api import MoneyApi
from .money_checks import MoneyChecks
from .profiles import chosen

ACCOUNTS = ("savings", "spending")
CARD = "card"
WALLET = "wallet"  # the consumer's account: sends go between it and the corporate's accounts
CORPORATE = ACCOUNTS + (CARD,)
SENDERS = ACCOUNTS + (WALLET,)
FEE_TYPE = "SETUP_FEE"
# The emulator's LOW_VALUE exemption for sends and wire transfers (emulator/areas/sends/choices.md, wires.md).
LOW_VALUE = 1000
# How a money move is sent: once, twice one after the other, or twice at the same moment (one idempotency-ref).
REPLAYS = ("once", "twice", "together")
WIRE_ON_ITS_WAY = ("PENDING_CONFIRMATION", "PENDING_CHALLENGE", "SUBMITTED")
amounts = st.integers(min_value=1, max_value=3000)


class MoneyMachine(MoneyChecks, RuleBasedStateMachine):
    base_url: str = ""  # set by the test before the machine runs

    scheduled = Bundle("scheduled")
    wires = Bundle("wires")

    # -- set-up ----------------------------------------------------------------------------------
    @initialize(opening=st.integers(min_value=0, max_value=20_000), spending_opening=st.integers(0, 20_000),
                consumer_opening=st.integers(0, 20_000),
                opening_wire=st.none() | st.tuples(st.sampled_from(ACCOUNTS), amounts, st.booleans()))
    def onboard(self, opening, spending_opening, consumer_opening, opening_wire):
        self.corporate = MoneyApi(self.base_url)
        self.corporate.onboard("corporates")
        self.consumer = self.corporate.twin(same_identity=False)
        self.consumer.onboard("consumers")
        self.hands = {name: self.corporate for name in CORPORATE} | {WALLET: self.consumer}
        self.key = {name: ("managed_accounts", self.hands[name].open_account(name)) for name in SENDERS}
        self.key[CARD] = ("managed_cards", self.corporate.open_card(CARD))
        self.iban = {name: self.hands[name].upgrade_to_iban(self.key[name][1]) for name in SENDERS}
        self.fee = int(self.corporate.programme["customFees"][FEE_TYPE]["EUR"])
        self.available = {name: 0 for name in self.key}  # the model: what each balance must be
        self.money_in = 0  # deposits and refunds the API completed
        self.fees_out = 0  # fees the API charged (fee charges, send fees)
        self.pending = {}  # (kind, id) -> (source, destination, amount, scheduled ms), still SCHEDULED
        self.scheduler_of = {}  # (kind, id) -> the instrument whose owner scheduled it
        self.moves = {}  # ("sends"|"outgoing_wire_transfers", id) -> the state the model expects
        self.waiting = {}  # ("sends", id) -> (source, destination, amount) waiting for its challenge
        self.wire = {}  # wire transfer id -> (source, amount, fee)
        self.terminal = {}  # (kind, id) -> the terminal state first seen
        # Opening funds in every account, so that sends and wire transfers find money to move from the first step.
        for account, amount in (("savings", opening), ("spending", spending_opening), (WALLET, consumer_opening)):
            if amount:
                self.deposit_by_wire(account, amount)
        # A wire transfer taken to the bank's decision (accepted or rejected) before any rule: the swarm of rules
        # Hypothesis enables per run often leaves out wire_out or wire_moves_on, and then a fee charged on one
        # side only or a rejected transfer that keeps the money would go unseen in that run.
        if opening_wire is not None:
            account, amount, accept = opening_wire
            self.wire_out(account, amount, "once", through=True, accept=accept)

    # -- money in --------------------------------------------------------------------------------
    @rule(account=st.sampled_from(SENDERS), amount=st.integers(min_value=1, max_value=5000))
    def deposit(self, account, amount):
        answer = self.hands[account].deposit(self.key[account][1], amount)
        assert (answer.status, answer.body) == (200, {"code": "COMPLETED"}), answer
        self.available[account] += amount
        self.money_in += amount

    @rule(account=st.sampled_from(SENDERS), amount=st.integers(min_value=1, max_value=5000))
    def deposit_by_wire(self, account, amount):
        """The full incoming wire path: the account is found by its IBAN."""
        answer = self.corporate.wire_in(self.iban[account], amount)
        assert (answer.status, answer.body) == (200, {"code": "COMPLETED"}), answer
        self.available[account] += amount
        self.money_in += amount

    @rule(amount=st.integers(min_value=1, max_value=2000))
    def refund(self, amount):
        answer = self.corporate.refund(self.key[CARD][1], amount)
        assert (answer.status, answer.body) == (200, {"code": "APPROVED"}), answer
        self.available[CARD] += amount
        self.money_in += amount

    # -- money between the corporate's instruments ------------------------------------------------
    @rule(source=st.sampled_from(CORPORATE), destination=st.sampled_from(CORPORATE), amount=amounts,
          replay=st.sampled_from(REPLAYS))
    def transfer(self, source, destination, amount, replay):
        if source == destination:
            return
        answer = self._sent(source, replay, lambda api, ref: api.transfer(self.key[source], self.key[destination],
                                                                          amount, ref=ref))
        if self.available[source] >= amount:
            assert answer.status == 200 and answer.body["state"] == "COMPLETED", (
                f"{source} holds {self.available[source]}, enough for {amount}", answer)
            self.available[source] -= amount
            self.available[destination] += amount
        else:
            self._refused_for_funds(source, amount, answer)

    @rule(target=scheduled, source=st.sampled_from(CORPORATE), destination=st.sampled_from(CORPORATE),
          amount=amounts, minutes=st.integers(min_value=1, max_value=3))
    def schedule_transfer(self, source, destination, amount, minutes):
        if source == destination:
            return None
        when = self.corporate.now_ms() + minutes * 60_000
        answer = self.corporate.transfer(self.key[source], self.key[destination], amount, scheduled=when)
        assert answer.status == 200 and answer.body["state"] == "SCHEDULED", answer
        key = ("transfers", answer.body["id"])
        self.pending[key] = (source, destination, amount, when)
        self.scheduler_of[key] = source
        return key

    @rule(key=consumes(scheduled))
    def cancel_scheduled(self, key):
        """A scheduled transfer or send can be cancelled until it runs, and only then."""
        if key is None:
            return
        kind, move_id = key
        hands = self.hands[self.scheduler_of[key]]
        if kind == "transfers":
            answer = hands.cancel_transfer(move_id)
            assert answer.status == 200, answer
            outcome = answer.body["cancellations"][0]
            cancelled, refused = outcome["state"] == "SUCCESS", outcome.get("errorCode") == "TRANSACTION_NOT_SCHEDULED"
        else:
            answer = hands.cancel_send(move_id)
            cancelled = answer.status == 200 and answer.body["state"] == "CANCELLED"
            refused = (answer.status, answer.body) == (409, {"errorCode": "INVALID_STATE"})
        if key in self.pending:
            assert cancelled, ("a scheduled move could not be cancelled", key, answer)
            del self.pending[key]
            if kind == "sends":
                self.moves[key] = "CANCELLED"
        else:
            assert refused, ("a move no longer scheduled was cancelled", key, answer)

    # -- sends between the corporate and the consumer ---------------------------------------------
    @rule(source=st.sampled_from(SENDERS), counterpart=st.sampled_from(ACCOUNTS), amount=amounts,
          replay=st.sampled_from(REPLAYS), confirm=st.booleans())
    def send(self, source, counterpart, amount, replay, confirm):
        """Sent, exempt when low, else waiting for its challenge (confirmed now when `confirm`)."""
        destination = counterpart if source == WALLET else WALLET
        answer = self._sent(source, replay, lambda api, ref: api.send(self.key[source], self.key[destination],
                                                                      amount, ref=ref))
        if self.available[source] < amount:
            self._refused_for_funds(source, amount, answer)
            return
        assert answer.status == 200, (f"{source} holds {self.available[source]}, enough for {amount}", answer)
        key = ("sends", answer.body["id"])
        if amount <= LOW_VALUE:
            assert answer.body.get("challengeExemptionReason") == "LOW_VALUE", ("a low send was challenged", answer)
            self._send_ran(key, source, destination, amount, answer.body)
            return
        assert answer.body["state"] == "PENDING_CHALLENGE", ("a send above LOW_VALUE was not challenged", answer)
        self.moves[key] = "PENDING_CHALLENGE"
        event("send PENDING_CHALLENGE")
        self.waiting[key] = (source, destination, amount)
        if confirm:
            self._confirm_sends(self.hands[source], [key])

    @rule(sender=st.sampled_from(("corporate", "consumer")))
    def confirm_waiting_sends(self, sender):
        """One challenge for every send of one identity still waiting for it."""
        hands = getattr(self, sender)
        keys = [key for key, (source, _, _) in self.waiting.items() if self.hands[source] is hands]
        if keys:
            self._confirm_sends(hands, keys)

    @rule(target=scheduled, source=st.sampled_from(SENDERS), counterpart=st.sampled_from(ACCOUNTS),
          amount=st.integers(min_value=1, max_value=LOW_VALUE), minutes=st.integers(min_value=1, max_value=3))
    def schedule_send(self, source, counterpart, amount, minutes):
        """A low send scheduled: exempt, it waits for its time; its funds are checked when it runs."""
        destination = counterpart if source == WALLET else WALLET
        when = self.corporate.now_ms() + minutes * 60_000
        answer = self.hands[source].send(self.key[source], self.key[destination], amount, scheduled=when)
        assert answer.status == 200 and answer.body["state"] == "SCHEDULED", answer
        self._fees_are_nil(answer.body)
        key = ("sends", answer.body["id"])
        self.pending[key] = (source, destination, amount, when)
        self.moves[key] = "SCHEDULED"
        self.scheduler_of[key] = source
        return key

    def _confirm_sends(self, hands, keys):
        answer = hands.confirm("sends", [move_id for _, move_id in keys])
        assert answer.status == 204, ("the sandbox OTP did not verify", answer)
        for key in keys:  # each runs now, in the order the challenge names them
            source, destination, amount = self.waiting.pop(key)
            if self.available[source] >= amount:
                self._send_ran(key, source, destination, amount, None)
            else:
                self.moves[key] = "FAILED"
                event("send FAILED after its challenge")

    def _send_ran(self, key, source, destination, amount, body):
        """Fees on both sides as the send's fee fields say: the source pays amount and source fee, the
        destination receives the amount less the destination fee; both fees leave the programme."""
        body = body or next(s for s in self.hands[source].sends() if s["id"] == key[1])
        assert body["state"] == "COMPLETED", ("a send with the funds did not complete", key, body)
        source_fee, destination_fee = body["sourceFee"]["amount"], body["destinationFee"]["amount"]
        self.available[source] -= amount + source_fee
        self.available[destination] += amount - destination_fee
        self.fees_out += source_fee + destination_fee
        self.moves[key] = "COMPLETED"
        event("send COMPLETED")

    @staticmethod
    def _fees_are_nil(body):
        assert body["sourceFee"]["amount"] == body["destinationFee"]["amount"] == 0, body

    # -- outgoing wire transfers ------------------------------------------------------------------
    @rule(target=wires, account=st.sampled_from(ACCOUNTS), amount=amounts, replay=st.sampled_from(REPLAYS),
          through=st.booleans(), accept=st.booleans())
    def wire_out(self, account, amount, replay, through, accept):
        """Created (the payee verified, waiting for /confirm), and when `through`, confirmed, challenged and
        decided by the bank at once; else it goes on one step at a time (wire_moves_on)."""
        answer = self._sent(account, replay, lambda api, ref: api.wire_out(self.key[account][1], amount, ref=ref))
        if answer.status == 409:
            fee = self.wire_fee if hasattr(self, "wire_fee") else 0
            self._refused_for_funds(account, amount + fee, answer)
            return None
        assert answer.status == 200 and answer.body["state"] == "PENDING_CONFIRMATION", answer
        fee = answer.body["fee"]["amount"]
        self.wire_fee = fee
        assert self.available[account] >= amount + fee, (f"{account} holds {self.available[account]}", answer)
        self.wire[answer.body["id"]] = (account, amount, fee)
        self.moves[("outgoing_wire_transfers", answer.body["id"])] = "PENDING_CONFIRMATION"
        while through and self.moves[("outgoing_wire_transfers", answer.body["id"])] in WIRE_ON_ITS_WAY:
            self.wire_moves_on(answer.body["id"], accept, cancel=False)
        return answer.body["id"]

    @rule(wire_id=wires, accept=st.booleans(), cancel=st.booleans())
    def wire_moves_on(self, wire_id, accept, cancel):
        """One step: cancelled or confirmed while it waits for confirmation, its challenge verified, the bank's
        accept or reject; a finished one refuses all of these and stays as it is."""
        if wire_id is None:
            return
        key = ("outgoing_wire_transfers", wire_id)
        source, amount, fee = self.wire[wire_id]
        state = self.moves[key]
        if state == "PENDING_CONFIRMATION" and cancel:
            answer = self.corporate.wire_cancel(wire_id)
            assert answer.status == 200 and answer.body["state"] == "CANCELLED", answer
            self.moves[key] = "CANCELLED"
        elif state == "PENDING_CONFIRMATION":
            answer = self.corporate.wire_confirm(wire_id)
            assert answer.status == 200, answer
            if amount <= LOW_VALUE:
                assert answer.body.get("challengeExemptionReason") == "LOW_VALUE", answer
                self._wire_submitted(key, answer.body["state"])
            else:
                assert answer.body["state"] == "PENDING_CHALLENGE", answer
                self.moves[key] = "PENDING_CHALLENGE"
        elif state == "PENDING_CHALLENGE":
            answer = self.corporate.confirm("outgoing_wire_transfers", [wire_id])
            assert answer.status == 204, ("the sandbox OTP did not verify", answer)
            self._wire_submitted(key, self._wire_state(wire_id))
        elif state == "SUBMITTED":
            answer = self.corporate.bank_decides(wire_id, accept)
            assert (answer.status, answer.body) == (200, {"code": "COMPLETED"}), answer
            self.moves[key] = "COMPLETED" if accept else "REJECTED"
            event(f"wire transfer {self.moves[key]}")
            if not accept:  # the hold is released: amount and fee are back
                self.available[source] += amount + fee
        else:
            decided = self.corporate.bank_decides(wire_id, accept)
            assert decided.status == 200 and decided.body["code"].startswith("DENIED"), (state, decided)
            confirmed = self.corporate.wire_confirm(wire_id)
            assert (confirmed.status, confirmed.body) == (409, {"errorCode": "INVALID_STATE"}), (state, confirmed)

    def _wire_submitted(self, key, state):
        event(f"wire transfer {state}")
        """Submitted, the amount and its fee are held, if the source still has them; else it failed."""
        source, amount, fee = self.wire[key[1]]
        if self.available[source] >= amount + fee:
            assert state == "SUBMITTED", (key, f"{source} holds {self.available[source]}", state)
            self.available[source] -= amount + fee
        else:
            assert state == "FAILED", (key, f"{source} holds {self.available[source]}, short", state)
        self.moves[key] = state

    def _wire_state(self, wire_id):
        return self.corporate.expect(self.corporate.multi("GET", f"/outgoing_wire_transfers/{wire_id}"))["state"]

    # -- money out -------------------------------------------------------------------------------
    @rule(account=st.sampled_from(ACCOUNTS), replay=st.sampled_from(REPLAYS))
    def charge_fee(self, account, replay):
        answer = self._sent(account, replay, lambda api, ref: api.charge_fee(self.key[account][1], FEE_TYPE, ref=ref))
        if self.available[account] >= self.fee:
            assert answer.status == 200, (f"{account} holds {self.available[account]}, enough for the fee", answer)
            charged = -answer.body["availableBalanceAdjustment"]["amount"]
            assert charged == self.fee, ("the fee charged is not the programme's", answer.body)
            self.available[account] -= charged
            self.fees_out += charged
        else:
            self._refused_for_funds(account, self.fee, answer)

    @rule(amount=amounts)
    def purchase(self, amount):
        answer = self.corporate.purchase(self.key[CARD][1], amount)
        assert answer.status == 200, answer
        if self.available[CARD] >= amount:
            assert answer.body == {"code": "APPROVED"}, (f"the card holds {self.available[CARD]}", answer)
            self.available[CARD] -= amount
        else:
            assert answer.body == {"code": "DENIED_NOT_ENOUGH_FUNDS"}, (f"the card holds {self.available[CARD]}",
                                                                         answer)

    @rule(seconds=st.sampled_from([61, 150]))
    def time_passes(self, seconds):
        """Purchases settle and scheduled transfers and sends run as the emulator's clock passes their time."""
        self.corporate.advance(seconds)

    # -- invariants ------------------------------------------------------------------------------
    @invariant()
    def money_is_conserved(self):
        if hasattr(self, "key"):
            self.check_everything()

    # -- helpers -----------------------------------------------------------------------------------
    def _refused_for_funds(self, source, needed, answer):
        event("refused for funds")
        assert (answer.status, answer.body) == (409, {"errorCode": "FUNDS_INSUFFICIENT"}), (
            f"{source} holds {self.available[source]}, short of {needed}", answer)

    def _sent(self, source, replay, send):
        """`send(api, ref)` once, or twice with one idempotency-ref (one after the other, or from two
        connections at the same moment): a replay answers as the first did. The first answer."""
        hands, ref = self.hands[source], uuid.uuid4().hex
        if replay == "once":
            return send(hands, ref)
        if replay == "twice":
            answers = [send(hands, ref), send(hands, ref)]
        else:
            with ThreadPoolExecutor(max_workers=2) as pool:
                answers = list(pool.map(lambda api: send(api, ref), [hands.twin(), hands.twin()]))
        first, second = answers
        assert (first.status, first.body) == (second.status, second.body), ("replay differs", first, second)
        return first


def test_money_is_conserved_under_any_sequence(emulator_url):
    MoneyMachine.base_url = emulator_url
    run_state_machine_as_test(MoneyMachine, settings=chosen())
