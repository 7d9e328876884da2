"""Real resources of the money areas inside one judged emulator, made on demand over the app's front door, so a
path parameter can name a card, a send or a bulk that exists and the judged call gets past its 404.

Each kind is made the first time an operation's path asks for it, and only then: an operation on a card costs
a card, not a wire transfer. Any failure while making one is a broken emulator, so it raises.
"""
from __future__ import annotations

from urllib.parse import parse_qsl

from support.driver import (
    beneficiaries,
    bulks,
    confirmations,
    identities,
    instrument,
    linked_accounts,
    managed_accounts,
    managed_cards,
    sends,
    transfers,
    users,
    wire_transfers,
)

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

    # -- how each kind is made, by the API driver over the app's front door (credentials.set_up_api) ---------
    def _funds(self) -> str:
        self._deposit(self.known.account_id, EUR)
        return self.known.account_id

    def _deposit(self, account: str, currency: str) -> None:
        code = managed_accounts.fund(self.known.api, account, 100 * AMOUNT, currency)
        if code != "COMPLETED":
            raise RuntimeError(f"judge set-up: the deposit was not completed: {code}")

    def _pounds(self) -> str:
        account = managed_accounts.open_account(self.known.api, self.known.corporate_token, "judge pounds", GBP)["id"]
        self._deposit(account, GBP)
        return account

    def _account_transaction(self) -> str:
        self.id_of("funds")
        return self._call("GET", f"/managed_accounts/{self.known.account_id}/transactions")["transactions"][0]["id"]

    def _card(self) -> str:
        return self._card_made("judge")

    def _card_made(self, name: str) -> str:
        return managed_cards.issue(self.known.api, self.known.corporate_token, name, currency=EUR)["id"]

    def _transfer(self) -> str:
        api = self.known.api
        return transfers.create(api, self.known.corporate_token, transfers.transfer_body(
            api, instrument("managed_accounts", self.id_of("funds")), instrument("managed_cards", self.id_of("card")),
            AMOUNT, EUR)).body["id"]

    def _card_payment(self) -> str:
        card = self.id_of("card")
        self.id_of("transfer")
        managed_cards.purchase(self.known.api, card, managed_cards.purchase_body(AMOUNT // 10, EUR, "Judge Shop"))
        return self._call("GET", "/card_payments", query=f"cardId={card}")["cardPayments"][0]["id"]

    def _blocked_account(self) -> str:
        api, token = self.known.api, self.known.corporate_token
        account = managed_accounts.open_account(api, token, "judge blocked", EUR)["id"]
        managed_accounts.block(api, token, account)
        return account

    def _blocked_card(self) -> str:
        card = self._card_made("judge blocked")
        managed_cards.act(self.known.api, self.known.corporate_token, card, "block")
        return card

    def _card_transaction(self) -> str:
        card = self.id_of("card")
        self.id_of("transfer")
        return self._call("GET", f"/managed_cards/{card}/transactions")["transactions"][0]["id"]

    def _consumer_account(self) -> str:
        known = self.known
        identities.simulate_verification(known.api, "consumers", known.consumer_id)
        return managed_accounts.open_account(known.api, known.consumer_token, "judge payee", EUR)["id"]

    def _send(self) -> str:
        api = self.known.api
        return sends.create(api, self.known.corporate_token, sends.send_body(
            api, instrument("managed_accounts", self.id_of("funds")),
            instrument("managed_accounts", self.id_of("consumer account")), AMOUNT, EUR)).body["id"]

    def _wire_transfer(self) -> str:
        api = self.known.api
        return wire_transfers.create(api, self.known.corporate_token, wire_transfers.wire_body(
            api, instrument("managed_accounts", self.id_of("pounds")), AMOUNT, GBP, UK_PAYEE, "judge")).body["id"]

    def _correspondent_transfer(self) -> str:
        api = self.known.api
        return wire_transfers.create_correspondent(api, self.known.corporate_token, wire_transfers.correspondent_body(
            api, instrument("managed_accounts", self.id_of("pounds")), AMOUNT, GBP, "judge",
            wire_transfers.originator("Bo Ray"), {**UK_PAYEE, "address": "1 Main Street, London"})).body["id"]

    def _incoming_wire_transfer(self) -> str:
        api, token, account = self.known.api, self.known.corporate_token, self.known.account_id
        managed_accounts.upgrade_to_iban(api, token, account)
        iban = managed_accounts.iban_of(managed_accounts.iban_details(api, token, account).body)
        managed_accounts.wire_in(api, iban, AMOUNT, EUR, sender="Bo Ray", sender_iban=None)
        return self._call("GET", "/incoming_wire_transfers")["incomingWireTransfers"][0]["id"]

    def _payee_batch(self) -> str:
        return beneficiaries.create_batch(self.known.api, self.known.corporate_token, [
            beneficiaries.bank_payee(PAYEE_IBAN, "Ann Lee")]).body["operationBatchId"]["batchId"]

    def _payee(self) -> str:
        return beneficiaries.of_batch(self.known.api, self.known.corporate_token,
                                      self.id_of("payee batch")).body["beneficiaries"][0]["id"]

    def _linked_account(self) -> str:
        return linked_accounts.declare(self.known.api, self.known.corporate_token, linked_accounts.declaration(
            PAYEE_IBAN, "DE", currency=EUR, friendlyName="judge")).body["id"]

    def _bulk(self) -> str:
        return bulks.submit(self.known.api, self.known.corporate_token, "/bulks/users", [
            {"pathParams": {}, "requestBody": users.user_body("judge.bulk@weavr-suite.example.com", name="Cy",
                                                              surname="Ray",
                                                              mobile={"countryCode": "+356", "number": "79222222"})}
        ]).body["bulkId"]

    def _confirmation_challenge(self) -> str:
        return confirmations.challenge(self.known.api, self.known.corporate_token, "sends",
                                       [self.id_of("send")]).body["scaChallengeId"]

    # -- reads and the calls the driver has no act for -----------------------------------------------------
    def _call(self, method: str, path: str, body=None, token: str | None = None, query: str = "") -> dict:
        answer = self.known.api.multi(method, path, body, token=token or self.known.corporate_token,
                                      query=dict(parse_qsl(query)))
        return answer.body or {}
