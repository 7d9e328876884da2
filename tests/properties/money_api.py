"""The state machine's hands: the few Multi, Simulator and control-plane calls it makes, over HTTP only.

Each call returns what the API answered (status, body) and never decides whether that was right: the
machine compares it with its own model. A corporate is onboarded fresh for each run, so runs never share
money and the closed world is that corporate's instruments.
"""
from __future__ import annotations

from dataclasses import dataclass

import requests

from support.driver import (
    Api,
    confirmations,
    identities,
    instrument,
    managed_accounts,
    managed_cards,
    sends,
    transfers,
    wire_transfers,
)
from support.driver.api import extra_headers


@dataclass
class Answer:
    status: int
    body: object


def _at(scheduled: int | None) -> dict:
    return {"scheduledTimestamp": str(scheduled)} if scheduled is not None else {}


class MoneyApi:
    def __init__(self, base_url: str, session: requests.Session | None = None):
        self.base = base_url.rstrip("/")
        self.http = session or requests.Session()
        self.programme = self.http.get(f"{self.base}/_emulator/programme", timeout=10).json()
        self.profiles = self.programme["profiles"]
        self.otp = self.programme["sandboxCodes"]["otp"]
        self.token = None

    # -- plumbing -----------------------------------------------------------------------------
    @property
    def api(self) -> Api:
        """The API driver (support/driver) over these hands' own connection."""
        return Api.of_programme(self._multi, self._simulator, self.programme)

    def multi(self, method: str, path: str, body=None, *, ref: str | None = None, query: dict | None = None) -> Answer:
        """A call as this identity (its token, once onboarded)."""
        return self._multi(method, path, body, token=self.token, query=query, **extra_headers(ref))

    def simulate(self, path: str, body=None) -> Answer:
        return self._simulator("POST", path, body)

    def _multi(self, method, path, body=None, *, token=None, headers=None, query=None) -> Answer:
        sent = {"api-key": self.programme["apiKey"]}
        if token:
            sent["authorization"] = f"Bearer {token}"
        sent.update(headers or {})
        return self._send(method, f"{self.base}/multi{path}", body, sent, query)

    def _simulator(self, method, path, body=None, *, token=None, headers=None, query=None) -> Answer:
        return self._send(method, f"{self.base}/simulate/api{path}", body,
                          {"programme-key": self.programme["programmeKey"]}, query)

    def _send(self, method, url, body, headers, query) -> Answer:
        response = self.http.request(method, url, json=body, headers=headers, params=query, timeout=120)
        try:
            payload = response.json() if response.content else None
        except ValueError:
            payload = response.text
        return Answer(response.status_code, payload)

    @staticmethod
    def expect(answer: Answer, status: int = 200):
        assert answer.status == status, (answer.status, answer.body)
        return answer.body

    def twin(self, same_identity: bool = True) -> MoneyApi:
        """Other hands on the same emulator with their own connection: the same identity's (its token), or
        a blank one for a second identity to onboard."""
        twin = MoneyApi.__new__(MoneyApi)
        twin.__dict__.update(self.__dict__, http=requests.Session(), token=self.token if same_identity else None)
        return twin

    # -- fresh identities with their instruments --------------------------------------------------
    def onboard(self, kind: str = "corporates") -> str:
        """A corporate (or consumer) whose KYB (KYC) is approved, logged in with a stepped-up token and an
        SMS factor for the challenges of sends and wire transfers; its id."""
        api = self.api
        body = identities.body_for(api, kind, identities.unique_email("prop"))
        identity = identities.onboard(api, kind, body, step_up=True, verified=True)
        self.token = identity.token
        return identity.id

    def upgrade_to_iban(self, account_id: str) -> str:
        """The account's IBAN, for deposits by the full wire path."""
        return managed_accounts.iban_of(self.expect(managed_accounts.upgrade_to_iban(self.api, self.token, account_id)))

    def open_account(self, name: str) -> str:
        return managed_accounts.open_account(self.api, self.token, name)["id"]

    def open_card(self, name: str) -> str:
        return managed_cards.issue(self.api, self.token, name, currency="EUR")["id"]

    # -- money moves ----------------------------------------------------------------------------
    def deposit(self, account_id: str, amount: int) -> Answer:
        return managed_accounts.deposit(self.api, account_id, amount)

    def transfer(self, source: tuple, destination: tuple, amount: int, *, ref: str | None = None,
                 scheduled: int | None = None) -> Answer:
        api = self.api
        body = transfers.transfer_body(api, instrument(*source), instrument(*destination), amount, **_at(scheduled))
        return transfers.create(api, self.token, body, ref)

    def send(self, source: tuple, destination: tuple, amount: int, *, ref: str | None = None,
             scheduled: int | None = None) -> Answer:
        api = self.api
        return sends.create(api, self.token, sends.send_body(api, instrument(*source), instrument(*destination), amount,
                                                             **_at(scheduled)), ref)

    def cancel_send(self, send_id: str) -> Answer:
        return sends.cancel(self.api, self.token, send_id)

    def confirm(self, resource_type: str, ids: list, code: str | None = None) -> Answer:
        """One confirmation challenge for `ids`, verified with the sandbox OTP (or `code`); a challenge refused
        is the answer, for the machine to judge."""
        started = confirmations.challenge(self.api, self.token, resource_type, ids)
        if started.status != 200:
            return started
        return confirmations.verify(self.api, self.token, resource_type, started.body["scaChallengeId"], code)

    def wire_out(self, account_id: str, amount: int, *, ref: str | None = None) -> Answer:
        # An IBAN ending "00": the sandbox's payee verification matches, so the transfer waits for /confirm.
        api = self.api
        body = wire_transfers.wire_body(api, instrument("managed_accounts", account_id), amount, "EUR",
                                        {"name": "Ann Lee", "iban": "DE89370400440532013000"}, "rent")
        return wire_transfers.create(api, self.token, body, **extra_headers(ref))

    def wire_confirm(self, wire_id: str) -> Answer:
        return wire_transfers.act(self.api, self.token, wire_id, "/confirm")

    def wire_cancel(self, wire_id: str) -> Answer:
        return wire_transfers.act(self.api, self.token, wire_id, "/cancel", {})

    def bank_decides(self, wire_id: str, accept: bool) -> Answer:
        return wire_transfers.bank_decides(self.api, wire_id, accept)

    def wire_in(self, iban: str, amount: int) -> Answer:
        return managed_accounts.wire_in(self.api, iban, amount)

    def cancel_transfer(self, transfer_id: str) -> Answer:
        return transfers.cancel(self.api, self.token, [transfer_id])

    def charge_fee(self, account_id: str, fee_type: str, *, ref: str | None = None) -> Answer:
        return managed_accounts.charge_fee(self.api, self.token, "corporates", fee_type,
                                           instrument("managed_accounts", account_id), **extra_headers(ref))

    def purchase(self, card_id: str, amount: int) -> Answer:
        return managed_cards.purchase(self.api, card_id, managed_cards.purchase_body(amount))

    def refund(self, card_id: str, amount: int) -> Answer:
        return managed_cards.refund(self.api, card_id, managed_cards.purchase_body(amount))

    def advance(self, seconds: int) -> None:
        self.expect(self._send("POST", f"{self.base}/_emulator/clock", {"advanceSeconds": seconds}, {}, None))

    def now_ms(self) -> int:
        return int(self.expect(self._send("GET", f"{self.base}/_emulator/clock", None, {}, None))["nowMs"])

    # -- what the API reports -------------------------------------------------------------------
    def instrument(self, instrument: tuple) -> dict:
        return self.expect(self.multi("GET", f"/{instrument[0]}/{instrument[1]}"))

    def statement(self, instrument: tuple) -> list:
        return self.expect(self.multi("GET", f"/{instrument[0]}/{instrument[1]}/statement",
                                      query={"limit": 500}))["entries"]

    def activity(self, instrument: tuple) -> list:
        return self.expect(self.multi("GET", f"/{instrument[0]}/{instrument[1]}/transactions",
                                      query={"limit": 100}))["transactions"]

    def transfers(self) -> list:
        return self.expect(self.multi("GET", "/transfers", query={"limit": 100}))["transfer"]

    def sends(self) -> list:
        return self.expect(self.multi("GET", "/sends", query={"limit": 100}))["send"]

    def wires(self) -> list:
        return self.expect(self.multi("GET", "/outgoing_wire_transfers", query={"limit": 100}))["transfer"]

    def card_payments(self) -> list:
        return self.expect(self.multi("GET", "/card_payments", query={"limit": 100}))["cardPayments"]
