"""The state machine's hands: the few Multi, Simulator and control-plane calls it makes, over HTTP only.

Each call returns what the API answered (status, body) and never decides whether that was right: the
machine compares it with its own model. A corporate is onboarded fresh for each run, so runs never share
money and the closed world is that corporate's instruments.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import requests

PASSWORD = "Passw0rd!"
BILLING = {"addressLine1": "1 Main St", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}


@dataclass
class Answer:
    status: int
    body: object


class MoneyApi:
    def __init__(self, base_url: str, session: requests.Session | None = None):
        self.base = base_url.rstrip("/")
        self.http = session or requests.Session()
        self.programme = self.http.get(f"{self.base}/_emulator/programme", timeout=10).json()
        self.profiles = self.programme["profiles"]
        self.otp = self.programme["sandboxCodes"]["otp"]
        self.token = None

    # -- plumbing -----------------------------------------------------------------------------
    def multi(self, method: str, path: str, body=None, *, ref: str | None = None, query: dict | None = None) -> Answer:
        headers = {"api-key": self.programme["apiKey"]}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        if ref:
            headers["idempotency-ref"] = ref
        return self._send(method, f"{self.base}/multi{path}", body, headers, query)

    def simulate(self, path: str, body=None) -> Answer:
        return self._send("POST", f"{self.base}/simulate/api{path}", body,
                          {"programme-key": self.programme["programmeKey"]}, None)

    def _send(self, method, url, body, headers, query) -> Answer:
        response = self.http.request(method, url, json=body, headers=headers, params=query, timeout=30)
        try:
            payload = response.json() if response.content else None
        except ValueError:
            payload = response.text
        return Answer(response.status_code, payload)

    @staticmethod
    def expect(answer: Answer, status: int = 200):
        assert answer.status == status, (answer.status, answer.body)
        return answer.body

    # -- a fresh corporate with its instruments -------------------------------------------------
    def onboard(self) -> str:
        """A corporate whose KYB is approved, logged in with a stepped-up token; its id."""
        email = f"prop.{uuid.uuid4().hex[:12]}@weavr-suite.example.com"
        body = {"profileId": self.profiles["corporate"], "ipAddress": "127.0.0.1", "baseCurrency": "EUR",
                "rootUser": {"name": "Ann", "surname": "Lee", "email": email, "companyPosition": "DIRECTOR",
                             "mobile": {"countryCode": "+356", "number": "79000000"}},
                "company": {"name": "Acme", "type": "LLC", "registrationCountry": "MT"}}
        corporate_id = self.expect(self.multi("POST", "/corporates", body))["id"]["id"]
        self.token = self.expect(self.multi("POST", f"/passwords/{corporate_id}/create",
                                            {"password": {"value": PASSWORD}}))["token"]
        for path, code in (("/authentication_factors/otp/SMS", None), ("/authentication_factors/otp/SMS/verify", 1),
                           ("/stepup/challenges/otp/SMS", None), ("/stepup/challenges/otp/SMS/verify", 1)):
            self.expect(self.multi("POST", path, {"verificationCode": self.otp} if code else None), 204)
        self.expect(self.simulate(f"/corporates/{corporate_id}/verify"), 204)
        return corporate_id

    def open_account(self, name: str) -> str:
        body = {"profileId": self.profiles["managedAccounts"], "friendlyName": name, "currency": "EUR"}
        return self.expect(self.multi("POST", "/managed_accounts", body))["id"]

    def open_card(self, name: str) -> str:
        body = {"profileId": self.profiles["managedCards"], "friendlyName": name, "nameOnCard": "Ann Lee",
                "billingAddress": BILLING, "mode": "PREPAID_MODE", "currency": "EUR"}
        return self.expect(self.multi("POST", "/managed_cards", body))["id"]

    # -- money moves ----------------------------------------------------------------------------
    def deposit(self, account_id: str, amount: int) -> Answer:
        return self.simulate(f"/accounts/{account_id}/deposit", {"depositAmount": {"currency": "EUR", "amount": amount}})

    def transfer(self, source: tuple, destination: tuple, amount: int, *, ref: str | None = None,
                 scheduled: int | None = None) -> Answer:
        body = {"profileId": self.profiles["transfers"], "source": {"type": source[0], "id": source[1]},
                "destination": {"type": destination[0], "id": destination[1]},
                "destinationAmount": {"currency": "EUR", "amount": amount}}
        if scheduled is not None:
            body["scheduledTimestamp"] = str(scheduled)
        return self.multi("POST", "/transfers", body, ref=ref)

    def cancel_transfer(self, transfer_id: str) -> Answer:
        return self.multi("POST", "/transfers/bulk/cancel", {"cancellations": [{"id": transfer_id}]})

    def charge_fee(self, account_id: str, fee_type: str, *, ref: str | None = None) -> Answer:
        return self.multi("POST", "/corporates/fees/charge",
                          {"feeType": fee_type, "source": {"type": "managed_accounts", "id": account_id}}, ref=ref)

    def purchase(self, card_id: str, amount: int) -> Answer:
        return self.simulate(f"/cards/{card_id}/purchase", {
            "merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": amount}})

    def refund(self, card_id: str, amount: int) -> Answer:
        return self.simulate(f"/cards/{card_id}/merchant_refund", {
            "merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": amount}})

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

    def card_payments(self) -> list:
        return self.expect(self.multi("GET", "/card_payments", query={"limit": 100}))["cardPayments"]
