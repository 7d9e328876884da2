"""Contract cases for a card's money: the Simulator's purchases and refunds, spend rules, card payments.

Registered into contract_cases.CASES (imported at its end); each driver builds its own funded card."""
from __future__ import annotations

from support.driver import instrument, managed_cards, transfers

from .contract_cases import ADDRESS, account, case, verified
from .helpers import Emu, deposit

PURCHASE = {"merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": 100}}


def card(emu: Emu, corporate: dict, funds: int = 1000, mode: str = "PREPAID_MODE") -> str:
    api, token = emu.api, corporate["token"]
    linked = ({"parentManagedAccountId": account(emu, corporate)} if mode == "DEBIT_MODE" else {"currency": "EUR"})
    created = managed_cards.create(api, token, managed_cards.card_body(api, "travel", mode, billingAddress=ADDRESS,
                                                                        **linked))
    assert created.status == 200, created.body
    if funds and mode == "PREPAID_MODE":
        source = account(emu, corporate)
        assert deposit(emu, source, funds) == "COMPLETED"
        moved = transfers.create(api, token, transfers.transfer_body(
            api, instrument("managed_accounts", source), instrument("managed_cards", created.body["id"]), funds))
        assert moved.status == 200, moved.body
    return created.body["id"]


def details(emu: Emu, card_id: str) -> dict:
    answer = emu.call("POST", "", {"cardId": card_id}, mount="/_emulator/card_details")
    assert answer.status == 200, answer.body
    return answer.body


def purchased(emu: Emu) -> tuple[dict, str]:
    """A corporate whose card has made one approved purchase; its card payment's id."""
    corporate = verified(emu)
    card_id = card(emu, corporate)
    assert emu.simulate("POST", f"/cards/{card_id}/purchase", PURCHASE).body == {"code": "APPROVED"}
    listed = emu.call("GET", "/card_payments", token=corporate["token"])
    return corporate, listed.body["cardPayments"][0]["id"]


for _operation in ("purchase", "merchant_refund"):
    @case(f"cards_card_id_{_operation}", 200, namespace="simulator")
    def _(emu, operation=_operation):
        return emu.simulate("POST", f"/cards/{card(emu, verified(emu))}/{operation}", PURCHASE)

    @case(f"cards_card_id_{_operation}", 400, namespace="simulator")
    def _(emu, operation=_operation):
        return emu.simulate("POST", f"/cards/{card(emu, verified(emu))}/{operation}", {"merchantName": "Shop"})

    @case(f"cards_{_operation}", 200, namespace="simulator")
    def _(emu, operation=_operation):
        return emu.simulate("POST", f"/cards/{operation}", {**details(emu, card(emu, verified(emu))), **PURCHASE})

    @case(f"cards_{_operation}", 400, namespace="simulator")
    def _(emu, operation=_operation):
        return emu.simulate("POST", f"/cards/{operation}", PURCHASE)


@case("managedCardSpendRulesCreate", 204)
def _(emu):
    corporate = verified(emu)
    return emu.call("POST", f"/managed_cards/{card(emu, corporate, 0)}/spend_rules",
                    {"blockedMerchantCategories": ["5411"]}, token=corporate["token"])


@case("managedCardSpendRulesCreate", 409, "SPEND_RULE_ALREADY_SET")
def _(emu):
    corporate = verified(emu)
    card_id = card(emu, corporate, 0)
    emu.call("POST", f"/managed_cards/{card_id}/spend_rules", {"maxTransactionAmount": 5}, token=corporate["token"])
    return emu.call("POST", f"/managed_cards/{card_id}/spend_rules", {"maxTransactionAmount": 5},
                    token=corporate["token"])


@case("managedCardSpendRulesCreate", 409, "SPEND_LIMIT_NOT_SUPPORTED_FOR_PREPAID_MODE_CARD")
def _(emu):
    corporate = verified(emu)
    return emu.call("POST", f"/managed_cards/{card(emu, corporate, 0)}/spend_rules",
                    {"spendLimit": [{"value": {"currency": "EUR", "amount": 1}, "interval": "DAILY"}]},
                    token=corporate["token"])


@case("managedCardSpendRulesCreate", 409, "SPEND_LIMIT_DUPLICATE_INTERVAL")
def _(emu):
    corporate = verified(emu)
    limit = {"value": {"currency": "EUR", "amount": 1}, "interval": "DAILY"}
    return emu.call("POST", f"/managed_cards/{card(emu, corporate, mode='DEBIT_MODE')}/spend_rules",
                    {"spendLimit": [limit, limit]}, token=corporate["token"])


@case("managedCardSpendRulesUpdate", 204)
def _(emu):
    corporate = verified(emu)
    card_id = card(emu, corporate, 0)
    emu.call("POST", f"/managed_cards/{card_id}/spend_rules", {"maxTransactionAmount": 5}, token=corporate["token"])
    return emu.call("PATCH", f"/managed_cards/{card_id}/spend_rules", {"maxTransactionAmount": 9},
                    token=corporate["token"])


@case("managedCardSpendRulesUpdate", 404)
def _(emu):
    corporate = verified(emu)
    return emu.call("PATCH", f"/managed_cards/{card(emu, corporate, 0)}/spend_rules", {"maxTransactionAmount": 9},
                    token=corporate["token"])


@case("managedCardSpendRulesUpdate", 409, "SPEND_LIMIT_NOT_SUPPORTED_FOR_PREPAID_MODE_CARD")
def _(emu):
    corporate = verified(emu)
    card_id = card(emu, corporate, 0)
    emu.call("POST", f"/managed_cards/{card_id}/spend_rules", {"maxTransactionAmount": 5}, token=corporate["token"])
    return emu.call("PATCH", f"/managed_cards/{card_id}/spend_rules",
                    {"spendLimit": [{"value": {"currency": "EUR", "amount": 1}, "interval": "DAILY"}]},
                    token=corporate["token"])


for _method, _status in (("GET", 200), ("DELETE", 204)):
    _operation = "managedCardSpendRulesGet" if _method == "GET" else "managedCardSpendRulesDelete"

    @case(_operation, _status)
    def _(emu, method=_method):
        corporate = verified(emu)
        return emu.call(method, f"/managed_cards/{card(emu, corporate, 0)}/spend_rules", token=corporate["token"])

    @case(_operation, 404)
    def _(emu, method=_method):
        card_id = card(emu, verified(emu), 0)
        return emu.call(method, f"/managed_cards/{card_id}/spend_rules", token=verified(emu)["token"])


@case("cardPaymentsGet", 200)
def _(emu):
    corporate, _ = purchased(emu)
    return emu.call("GET", "/card_payments", token=corporate["token"], query="status=SETTLEMENT_IN_PROGRESS")


@case("cardPaymentsGet", 400)
def _(emu):
    return emu.call("GET", "/card_payments", token=verified(emu)["token"], query="status=SPENT")


@case("cardPaymentGet", 200)
def _(emu):
    corporate, payment_id = purchased(emu)
    return emu.call("GET", f"/card_payments/{payment_id}", token=corporate["token"])


@case("cardPaymentGet", 404)
def _(emu):
    _, payment_id = purchased(emu)
    return emu.call("GET", f"/card_payments/{payment_id}", token=verified(emu)["token"])


@case("cardPaymentEventsGet", 200)
def _(emu):
    corporate, payment_id = purchased(emu)
    return emu.call("GET", "/card_payment_events", token=corporate["token"], query=f"cardPaymentId={payment_id}")


@case("cardPaymentEventsGet", 400)
def _(emu):
    return emu.call("GET", "/card_payment_events", token=verified(emu)["token"], query="type=SPENT")
