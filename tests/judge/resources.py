"""Real resources of the money areas inside one judged emulator, made on demand over the app's front door, so a
path parameter can name a card, a send or a bulk that exists and the judged call gets past its 404.

Each kind is made the first time an operation's path asks for it, and only then: an operation on a card costs
a card, not a wire transfer. Any failure while making one is a broken emulator, so it raises.
"""
from __future__ import annotations

import json

from .credentials import Credentials

EUR = "EUR"
# Above the 10.00 low-value exemption, so a send or wire transfer waits for its challenge (or confirmation)
# and the operations on that challenge have something to act on.
AMOUNT = 5000
PAYEE_IBAN = "DE89370400440532013000"
# A SEPA payee fits both the SEPA and the RIX branch of the description's `oneOf` (the two schemas accept the same
# objects): each wire operation's recipe (recipes.py) sends one, and that overlap is a disputed entry in findings.py
# naming exactly the failure. The resources here pay a UK payee by Faster Payments, in GBP, which fits one branch,
# so the rest of those answers is judged on every other case.
UK_PAYEE = {"name": "Ann Lee", "type": "PERSONAL", "accountNumber": "31926819", "sortCode": "601613"}
GBP = "GBP"
BILLING = {"addressLine1": "1 Main Street", "city": "Valletta", "postCode": "VLT 1010", "country": "MT"}

# (the path's start, the parameter's name) -> the kind of resource it names; the longest start wins.
KINDS = {
    ("/managed_accounts", "id"): "account", ("/deprecated/managed_accounts", "id"): "account",
    ("/managed_accounts", "transactionId"): "account transaction",
    ("/managed_cards", "id"): "card", ("/deprecated/managed_cards", "id"): "card",
    ("/managed_cards", "transactionId"): "card transaction",
    # Only a blocked instrument can be unblocked: an active one answers 409 to every call.
    ("/managed_accounts/{id}/unblock", "id"): "blocked account", ("/managed_cards/{id}/unblock", "id"): "blocked card",
    ("/card_payments", "id"): "card payment",
    ("/transfers", "id"): "transfer",
    ("/sends", "id"): "send",
    ("/outgoing_wire_transfers", "id"): "wire transfer",
    ("/correspondent_bank_transfers", "id"): "correspondent transfer",
    ("/incoming_wire_transfers", "id"): "incoming wire transfer",
    ("/beneficiaries", "id"): "payee", ("/beneficiaries/batch", "id"): "payee batch",
    ("/linked_accounts", "id"): "linked account",
    ("/bulks", "bulk_id"): "bulk",
    ("/challenges", "scaChallengeId"): "confirmation challenge",
}


def kind_of(path: str, parameter: str) -> str | None:
    starts = [start for start, name in KINDS if name == parameter and (path + "/").startswith(start + "/")]
    return KINDS[(max(starts, key=len), parameter)] if starts else None


class Resources:
    """The corporate's resources, one of each kind, made on first use."""

    def __init__(self, known: Credentials):
        self.known = known
        self.made: dict[str, str] = {"account": known.account_id}

    def id_of(self, kind: str) -> str:
        if kind not in self.made:
            self.made[kind] = getattr(self, "_" + kind.replace(" ", "_"))()
        return self.made[kind]

    # -- how each kind is made -----------------------------------------------------------------------
    def _funds(self) -> str:
        code = self._simulate(f"/accounts/{self.known.account_id}/deposit",
                              {"depositAmount": {"currency": EUR, "amount": 100 * AMOUNT}})["code"]
        if code != "COMPLETED":
            raise RuntimeError(f"judge set-up: the deposit was not completed: {code}")
        return self.known.account_id

    def _pounds(self) -> str:
        account = self._call("POST", "/managed_accounts", {
            "profileId": self.known.programme["profiles"]["managedAccounts"], "friendlyName": "judge pounds",
            "currency": GBP})["id"]
        code = self._simulate(f"/accounts/{account}/deposit",
                              {"depositAmount": {"currency": GBP, "amount": 100 * AMOUNT}})["code"]
        if code != "COMPLETED":
            raise RuntimeError(f"judge set-up: the deposit was not completed: {code}")
        return account

    def _account_transaction(self) -> str:
        self.id_of("funds")
        return self._call("GET", f"/managed_accounts/{self.known.account_id}/transactions")["transactions"][0]["id"]

    def _card(self) -> str:
        return self._card_made("judge")

    def _card_made(self, name: str) -> str:
        return self._call("POST", "/managed_cards", {
            "profileId": self.known.programme["profiles"]["managedCards"], "friendlyName": name,
            "nameOnCard": "Ann Lee", "billingAddress": BILLING, "mode": "PREPAID_MODE", "currency": EUR})["id"]

    def _transfer(self) -> str:
        return self._call("POST", "/transfers", {
            "profileId": self.known.programme["profiles"]["transfers"],
            "source": {"type": "managed_accounts", "id": self.id_of("funds")},
            "destination": {"type": "managed_cards", "id": self.id_of("card")},
            "destinationAmount": {"currency": EUR, "amount": AMOUNT}})["id"]

    def _card_payment(self) -> str:
        card = self.id_of("card")
        self.id_of("transfer")
        self._simulate(f"/cards/{card}/purchase",
                       {"merchantName": "Judge Shop", "transactionAmount": {"currency": EUR, "amount": AMOUNT // 10}})
        return self._call("GET", "/card_payments", query=f"cardId={card}")["cardPayments"][0]["id"]

    def _blocked_account(self) -> str:
        account = self._call("POST", "/managed_accounts", {
            "profileId": self.known.programme["profiles"]["managedAccounts"], "friendlyName": "judge blocked",
            "currency": EUR})["id"]
        self._call("POST", f"/managed_accounts/{account}/block")
        return account

    def _blocked_card(self) -> str:
        card = self._card_made("judge blocked")
        self._call("POST", f"/managed_cards/{card}/block")
        return card

    def _card_transaction(self) -> str:
        card = self.id_of("card")
        self.id_of("transfer")
        return self._call("GET", f"/managed_cards/{card}/transactions")["transactions"][0]["id"]

    def _consumer_account(self) -> str:
        known = self.known
        verified = known.app.handle("POST", f"/simulate/api/consumers/{known.consumer_id}/verify", "",
                                    {"programme-key": known.programme["programmeKey"]}, b"")
        if verified.status != 204:
            raise RuntimeError(f"judge set-up: the Simulator did not verify the consumer: {verified.status}")
        return self._call("POST", "/managed_accounts", {
            "profileId": known.programme["profiles"]["managedAccounts"], "friendlyName": "judge payee",
            "currency": EUR}, token=known.consumer_token)["id"]

    def _send(self) -> str:
        return self._call("POST", "/sends", {
            "profileId": self.known.programme["profiles"]["sends"],
            "source": {"type": "managed_accounts", "id": self.id_of("funds")},
            "destination": {"type": "managed_accounts", "id": self.id_of("consumer account")},
            "destinationAmount": {"currency": EUR, "amount": AMOUNT}})["id"]

    def _wire_transfer(self) -> str:
        return self._call("POST", "/outgoing_wire_transfers", {
            "profileId": self.known.programme["profiles"]["outgoingWireTransfers"],
            "sourceInstrument": {"type": "managed_accounts", "id": self.id_of("pounds")},
            "transferAmount": {"currency": GBP, "amount": AMOUNT}, "description": "judge",
            "destinationBeneficiary": UK_PAYEE})["id"]

    def _correspondent_transfer(self) -> str:
        return self._call("POST", "/correspondent_bank_transfers", {
            "profileId": self.known.programme["profiles"]["outgoingWireTransfers"],
            "sourceInstrument": {"type": "managed_accounts", "id": self.id_of("pounds")},
            "amount": {"currency": GBP, "amount": AMOUNT}, "purpose": "judge",
            "originator": {"name": "Bo Ray", "address": "2 High Street, Valletta", "country": "MT",
                           "bankAccountDetails": {"account": "12345678", "financialInstitution": "WEAVMTMT"}},
            "beneficiary": {**UK_PAYEE, "address": "1 Main Street, London"}})["id"]

    def _incoming_wire_transfer(self) -> str:
        account = self.known.account_id
        self._call("POST", f"/managed_accounts/{account}/iban")
        iban = self._call("GET", f"/managed_accounts/{account}/iban")["bankAccountDetails"][0]["details"]["iban"]
        self._simulate("/accounts/deposit", {"depositAmount": {"currency": EUR, "amount": AMOUNT},
                                             "senderName": "Bo Ray", "destinationIbanDetails": {"iban": iban}})
        return self._call("GET", "/incoming_wire_transfers")["incomingWireTransfers"][0]["id"]

    def _payee_batch(self) -> str:
        return self._call("POST", "/beneficiaries", {"beneficiaries": [{
            "trustLevel": "TRUSTED", "beneficiaryInformation": {"fullName": "Ann Lee"},
            "beneficiaryDetails": {"bankAccountDetails": {"iban": PAYEE_IBAN, "bankIdentifierCode": "DEUTDEFF"}}}]}
                          )["operationBatchId"]["batchId"]

    def _payee(self) -> str:
        return self._call("GET", "/beneficiaries", query=f"batchId={self.id_of('payee batch')}")["beneficiaries"][0]["id"]

    def _linked_account(self) -> str:
        return self._call("POST", "/linked_accounts", {
            "name": "Ann Lee", "type": "PERSONAL", "country": "DE", "currency": EUR,
            "accountReference": {"iban": PAYEE_IBAN}, "friendlyName": "judge"})["id"]

    def _bulk(self) -> str:
        return self._call("POST", "/bulks/users", [{"pathParams": {}, "requestBody": {
            "name": "Cy", "surname": "Ray", "email": "judge.bulk@weavr-suite.example.com",
            "mobile": {"countryCode": "+356", "number": "79222222"}}}])["bulkId"]

    def _confirmation_challenge(self) -> str:
        return self._call("POST", "/challenges/otp/SMS", {"resourceType": "sends",
                                                           "resourceIds": [self.id_of("send")]})["scaChallengeId"]

    # -- calls ---------------------------------------------------------------------------------------
    def _call(self, method: str, path: str, body=None, token: str | None = None, query: str = "") -> dict:
        known = self.known
        headers = {"api-key": known.programme["apiKey"], "content-type": "application/json",
                   "authorization": f"Bearer {token or known.corporate_token}"}
        answer = known.app.handle(method, f"/multi{path}", query, headers,
                                  json.dumps(body).encode() if body is not None else b"")
        if answer.status >= 300:
            raise RuntimeError(f"judge set-up {method} {path} answered {answer.status}: {answer.body}")
        return answer.body or {}

    def _simulate(self, path: str, body: dict) -> dict:
        answer = self.known.app.handle("POST", f"/simulate/api{path}", "",
                                       {"programme-key": self.known.programme["programmeKey"],
                                        "content-type": "application/json"}, json.dumps(body).encode())
        if answer.status >= 300:
            raise RuntimeError(f"judge set-up: the Simulator's {path} answered {answer.status}: {answer.body}")
        return answer.body or {}
