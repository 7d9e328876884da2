"""What the money state machine checks after every step, from what the API answers (MONEY-FACTS.md's
invariants). A mixin of MoneyMachine: it reads the machine's model (`available`, `money_in`, `fees_out`,
`pending`, `moves`, `terminal`) and brings it up to date with what ran on the clock."""
from __future__ import annotations

from hypothesis import event

TERMINAL = {"transfers": {"COMPLETED", "FAILED", "CANCELLED"},
            "sends": {"COMPLETED", "FAILED", "CANCELLED"},
            "outgoing_wire_transfers": {"COMPLETED", "FAILED", "CANCELLED", "REJECTED"},
            "card_payments": {"SETTLED", "DECLINED"}}


class MoneyChecks:
    def check_everything(self):
        """Reads what the API reports once per step, then checks each invariant on it. One invariant rather
        than several keeps each step's reads (and a shrunk reproduction) short."""
        listed = self._listings()
        instruments = {name: self._read(name) for name in self.key}
        self._scheduled_ran_as_the_balances_allowed(listed)
        self._every_movement_is_where_the_model_says(listed)
        for name, (balances, statement, activity) in instruments.items():
            self._balance_is_the_models(name, balances, activity)
            self._statement_replays(name, balances, statement)
        self._closed_world_sums(instruments, listed)
        self._terminal_states_stay_terminal(listed)

    def _listings(self) -> dict:
        """Each kind of movement the machine makes, by (kind, id), as its owners list them."""
        corporate, consumer = self.corporate, self.consumer
        listed = {("transfers", t["id"]): t for t in corporate.transfers()}
        listed |= {("sends", s["id"]): s for s in corporate.sends() + consumer.sends()}
        listed |= {("outgoing_wire_transfers", w["id"]): w for w in corporate.wires()}
        listed |= {("card_payments", p["id"]): p for p in corporate.card_payments()}
        return listed

    def _read(self, name):
        hands, key = self.hands[name], self.key[name]
        return hands.instrument(key)["balances"], hands.statement(key), hands.activity(key)

    def _scheduled_ran_as_the_balances_allowed(self, listed):
        """Brings the model up to date with the scheduled transfers and sends that ran, replayed in time
        order as the scheduler runs them: each ran only if its source held enough, failed only if not."""
        for key, (source, destination, amount, _) in sorted(self.pending.items(), key=lambda i: i[1][3]):
            state = listed[key]["state"]
            if state == "SCHEDULED":
                continue
            if state == "COMPLETED":
                assert self.available[source] >= amount, (f"scheduled {key} ran short of funds", state)
                self.available[source] -= amount
                self.available[destination] += amount
            else:
                assert state == "FAILED" and self.available[source] < amount, (
                    f"scheduled {key} is {state} though {source} held {self.available[source]}")
            event(f"scheduled {key[0]} {state}")
            if key in self.moves:
                self.moves[key] = state
            del self.pending[key]

    def _every_movement_is_where_the_model_says(self, listed):
        """Every send and wire transfer the machine made is read back, in the state the model expects."""
        for key, expected in self.moves.items():
            assert key in listed, (key, "made but no longer listed")
            assert listed[key]["state"] == expected, (key, "is", listed[key]["state"], "the model says", expected)

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

    def _closed_world_sums(self, instruments, listed):
        """Balances plus what left the programme (settled purchases, completed wire transfers with their fee,
        fees) equal what came in (deposits by either path, refunds)."""
        held = sum(balances["actualBalance"] for balances, _, _ in instruments.values())
        settled = sum(p["displayAmount"]["amount"] for (kind, _), p in listed.items()
                      if kind == "card_payments" and p["type"] == "PURCHASE" and p["status"] == "SETTLED")
        wired = sum(w["transferAmount"]["amount"] + w["fee"]["amount"] for (kind, _), w in listed.items()
                    if kind == "outgoing_wire_transfers" and w["state"] == "COMPLETED")
        assert held + settled + wired + self.fees_out == self.money_in, (
            f"balances {held} + settled purchases {settled} + wired out {wired} + fees {self.fees_out} "
            f"!= money in {self.money_in}")

    def _terminal_states_stay_terminal(self, listed):
        for key, item in listed.items():
            state = item.get("state") or item.get("status")
            if key in self.terminal:
                assert state == self.terminal[key], (key, "left its terminal state", self.terminal[key], "for", state)
            elif state in TERMINAL[key[0]]:
                self.terminal[key] = state
