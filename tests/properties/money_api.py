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
        email = f"prop.{uuid.uuid4().hex[:12]}@weavr-suite.example.com"
        user = {"email": email, "mobile": {"countryCode": "+356", "number": "79000000"}}
        if kind == "corporates":
            body = {"profileId": self.profiles["corporate"], "ipAddress": "127.0.0.1", "baseCurrency": "EUR",
                    "rootUser": {"name": "Ann", "surname": "Lee", "companyPosition": "DIRECTOR", **user},
                    "company": {"name": "Acme", "type": "LLC", "registrationCountry": "MT"}}
        else:
            body = {"profileId": self.profiles["consumer"], "ipAddress": "127.0.0.1", "baseCurrency": "EUR",
                    "rootUser": {"name": "Mia", "surname": "Vella", "dateOfBirth": {"year": 1990, "month": 5, "day": 17},
                                 "address": BILLING | {"postCode": "VLT 1010"}, **user}}
        identity_id = self.expect(self.multi("POST", f"/{kind}", body))["id"]["id"]
        self.token = self.expect(self.multi("POST", f"/passwords/{identity_id}/create",
                                            {"password": {"value": PASSWORD}}))["token"]
        for path, code in (("/authentication_factors/otp/SMS", None), ("/authentication_factors/otp/SMS/verify", 1),
                           ("/stepup/challenges/otp/SMS", None), ("/stepup/challenges/otp/SMS/verify", 1)):
            self.expect(self.multi("POST", path, {"verificationCode": self.otp} if code else None), 204)
        self.expect(self.simulate(f"/{kind}/{identity_id}/verify"), 204)
        return identity_id

    def upgrade_to_iban(self, account_id: str) -> str:
        """The account's IBAN, for deposits by the full wire path."""
        details = self.expect(self.multi("POST", f"/managed_accounts/{account_id}/iban"))["bankAccountDetails"]
        return details[0]["details"]["iban"]

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

    def send(self, source: tuple, destination: tuple, amount: int, *, ref: str | None = None,
             scheduled: int | None = None) -> Answer:
        body = {"profileId": self.profiles["sends"], "source": {"type": source[0], "id": source[1]},
                "destination": {"type": destination[0], "id": destination[1]},
                "destinationAmount": {"currency": "EUR", "amount": amount}}
        if scheduled is not None:
            body["scheduledTimestamp"] = str(scheduled)
        return self.multi("POST", "/sends", body, ref=ref)

    def cancel_send(self, send_id: str) -> Answer:
        return self.multi("POST", f"/sends/{send_id}/cancel", {})

    def confirm(self, resource_type: str, ids: list, code: str | None = None) -> Answer:
        """One confirmation challenge for `ids`, verified with the sandbox OTP (or `code`)."""
        started = self.multi("POST", "/challenges/otp/SMS", {"resourceType": resource_type, "resourceIds": ids})
        if started.status != 200:
            return started
        return self.multi("POST", f"/challenges/{started.body['scaChallengeId']}/otp/SMS/verify",
                          {"resourceType": resource_type, "verificationCode": code or self.otp})

    def wire_out(self, account_id: str, amount: int, *, ref: str | None = None) -> Answer:
        # An IBAN ending "00": the sandbox's payee verification matches, so the transfer waits for /confirm.
        body = {"profileId": self.profiles["outgoingWireTransfers"],
                "sourceInstrument": {"type": "managed_accounts", "id": account_id},
                "transferAmount": {"currency": "EUR", "amount": amount}, "description": "rent",
                "destinationBeneficiary": {"name": "Ann Lee", "iban": "DE89370400440532013000"}}
        return self.multi("POST", "/outgoing_wire_transfers", body, ref=ref)

    def wire_confirm(self, wire_id: str) -> Answer:
        return self.multi("POST", f"/outgoing_wire_transfers/{wire_id}/confirm")

    def wire_cancel(self, wire_id: str) -> Answer:
        return self.multi("POST", f"/outgoing_wire_transfers/{wire_id}/cancel", {})

    def bank_decides(self, wire_id: str, accept: bool) -> Answer:
        return self.simulate(f"/wiretransfers/outgoing/{wire_id}/{'accept' if accept else 'reject'}")

    def wire_in(self, iban: str, amount: int) -> Answer:
        return self.simulate("/accounts/deposit", {
            "depositAmount": {"currency": "EUR", "amount": amount}, "destinationIbanDetails": {"iban": iban},
            "senderName": "Tom Borg", "senderIbanDetails": {"iban": "DE89370400440532013000"}})

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

    def sends(self) -> list:
        return self.expect(self.multi("GET", "/sends", query={"limit": 100}))["send"]

    def wires(self) -> list:
        return self.expect(self.multi("GET", "/outgoing_wire_transfers", query={"limit": 100}))["transfer"]

    def card_payments(self) -> list:
        return self.expect(self.multi("GET", "/card_payments", query={"limit": 100}))["cardPayments"]
