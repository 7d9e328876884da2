"""Card purchases, refunds, spend rules and card payments in the emulator, against a stand-in for the cards
area (the fields and methods the cards area's record answers), so these rules are tested on their own."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from emulator.services import Owner


@dataclass
class FakeCard:
    id: str
    owner: Owner
    currency: str = "EUR"
    mode: str = "PREPAID_MODE"
    state: str = "ACTIVE"
    reason: str | None = None
    single_spend: bool = False
    parent_managed_account_id: str | None = None
    auth_forwarding_default_timeout_decision: str | None = None
    friendly_name: str = "travel"
    card_number: str = "5555444433332222"
    cvv: str = "123"
    expiry_mmyy: str = "1230"


class FakeCards:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, FakeCard] = {}
        world.instruments.register("managed_cards", self)

    def add(self, card: FakeCard, funds: int = 0) -> FakeCard:
        self.by_id[card.id] = card
        if card.mode == "PREPAID_MODE":
            self.world.instruments.open(("managed_cards", card.id), card.currency)
            if funds:
                self.world.ledger.deposit(("managed_cards", card.id), funds, ("transfers", "f" + card.id))
        return card

    def card_by_number(self, number):
        wanted = str(number).replace(" ", "")
        return next((c for c in self.by_id.values() if c.card_number == wanted), None)

    def owner_of(self, card_id):
        card = self.by_id.get(card_id)
        return card.owner if card else None

    def state_of(self, card_id):
        return self.by_id[card_id].state

    def card(self, card_id):
        return self.by_id.get(card_id)

    def mode_of(self, card_id):
        return self.by_id[card_id].mode

    def ledger_instrument(self, card_id):
        card = self.by_id[card_id]
        if card.mode == "DEBIT_MODE":
            return ("managed_accounts", card.parent_managed_account_id)
        return ("managed_cards", card_id)

    def set_state(self, card_id, state, reason):
        self.by_id[card_id].state, self.by_id[card_id].reason = state, reason


OWNER = Owner("CORPORATE", "9")


@pytest.fixture
def world(emu):
    emu.app.world.backends["managed_cards"] = FakeCards(emu.app.world)
    return emu.app.world


def cards(world) -> FakeCards:
    return world.area("managed_cards")


def buy(emu, card_id, amount, **extra):
    body = {"merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": amount}, **extra}
    answer = emu.simulate("POST", f"/cards/{card_id}/purchase", body)
    assert answer.status == 200, answer.body
    return answer.body["code"]


def balance(world, card_id="1"):
    return world.instruments.balance(cards(world).ledger_instrument(card_id))


def test_a_purchase_holds_funds_and_settles_later(emu, world):
    cards(world).add(FakeCard("1", OWNER), funds=2000)
    assert buy(emu, "1", 1250) == "APPROVED"
    held = balance(world)
    assert (held.available, held.actual) == (750, 2000)
    world.clock.advance(61)
    settled = balance(world)
    assert (settled.available, settled.actual) == (750, 750)
    payment = next(iter(world.area("card_purchases").payments.values()))
    assert payment.status == "SETTLED"
    assert [e["type"] for e in payment.events] == ["AUTHORISATION", "SETTLEMENT"]
    events = [(e.type, e.payload.get("approved"), e.payload.get("state") or e.payload.get("eventType"))
              for e in world.outbox.listed() if e.type.startswith("managed_cards_")]
    assert events == [("managed_cards_authorisations_watch", True, None),
                      ("managed_cards_payments_watch", None, "AUTHORISATION"),
                      ("managed_cards_settlements_watch", None, "COMPLETED"),
                      ("managed_cards_payments_watch", None, "SETTLEMENT")]


def test_a_declined_purchase_moves_nothing(emu, world):
    cards(world).add(FakeCard("1", OWNER), funds=1000)
    assert buy(emu, "1", 1001) == "DENIED_NOT_ENOUGH_FUNDS"
    assert (balance(world).available, balance(world).actual) == (1000, 1000)
    assert buy(emu, "2", 10) == "DENIED_CARD_NOT_FOUND"
    assert buy(emu, "1", 0) == "DENIED_AMOUNT_NOT_POSITIVE"


@pytest.mark.parametrize("state", ["BLOCKED", "DESTROYED"])
def test_a_blocked_or_destroyed_card_is_declined(emu, world, state):
    cards(world).add(FakeCard("1", OWNER, state=state), funds=1000)
    assert buy(emu, "1", 100) == "DENIED_CARD_INACTIVE"
    assert balance(world).available == 1000


def test_a_single_spend_card_blocks_itself_after_its_first_purchase(emu, world):
    card = cards(world).add(FakeCard("1", OWNER, single_spend=True), funds=1000)
    assert buy(emu, "1", 100) == "APPROVED"
    assert (card.state, card.reason) == ("BLOCKED", "SINGLE_SPEND")
    assert buy(emu, "1", 100) == "DENIED_CARD_INACTIVE"


def test_a_refund_credits_the_card(emu, world):
    cards(world).add(FakeCard("1", OWNER), funds=100)
    answer = emu.simulate("POST", "/cards/1/merchant_refund",
                          {"merchantName": "Shop", "transactionAmount": {"currency": "EUR", "amount": 40}})
    assert answer.body == {"code": "APPROVED"}
    assert (balance(world).available, balance(world).actual) == (140, 140)


def test_a_purchase_by_card_details_checks_cvv_and_expiry(emu, world):
    cards(world).add(FakeCard("1", OWNER), funds=1000)
    body = {"cardNumber": "5555 4444 3333 2222", "cvv": "123", "expiryDate": "1230", "merchantName": "Shop",
            "transactionAmount": {"currency": "EUR", "amount": 10}}
    assert emu.simulate("POST", "/cards/purchase", body).body == {"code": "APPROVED"}
    assert emu.simulate("POST", "/cards/purchase", body | {"cvv": "999"}).body == {"code": "DENIED_INCORRECT_CVV"}
    assert emu.simulate("POST", "/cards/purchase", body | {"expiryDate": "0125"}).body == {"code": "DENIED_CARD_EXPIRY"}
    assert emu.simulate("POST", "/cards/purchase",
                        body | {"cardNumber": "1111222233334444"}).body == {"code": "DENIED_CARD_NOT_FOUND"}


@pytest.mark.parametrize("rules, extra, code", [
    ({"blockedMerchantCategories": ["5411"]}, {"merchantCategoryCode": "5411"}, "DENIED_SPEND_CONTROL"),
    ({"allowedMerchantCategories": ["5411"], "blockedMerchantCategories": ["5411"]},
     {"merchantCategoryCode": "5411"}, "DENIED_SPEND_CONTROL"),
    ({"allowedMerchantCategories": ["5411"]}, {}, "DENIED_SPEND_CONTROL"),  # no MCC is 5399
    ({"allowedMerchantCategories": ["5399"]}, {}, "APPROVED"),
    ({"blockedMerchantIds": ["M1"]}, {"merchantId": "M1"}, "DENIED_SPEND_CONTROL"),
    ({"blockedMerchantCountries": ["MT"]}, {"transactionCountry": "MLT"}, "DENIED_SPEND_CONTROL"),
    ({"allowedMerchantCountries": ["MT"]}, {"transactionCountry": "MLT"}, "APPROVED"),
    ({"maxTransactionAmount": 99}, {}, "DENIED_SPEND_CONTROL"),
    ({"minTransactionAmount": 101}, {}, "DENIED_SPEND_CONTROL"),
    ({"minTransactionAmount": 100, "maxTransactionAmount": 100}, {}, "APPROVED"),
    ({"allowAtm": False}, {"atmWithdrawal": True}, "DENIED_SPEND_CONTROL"),
])
def test_spend_rules_decide_purchases(emu, world, rules, extra, code):
    cards(world).add(FakeCard("1", OWNER), funds=1000)
    world.area("spend_rules").create("1", rules)
    assert buy(emu, "1", 100, **extra) == code
    assert balance(world).available == (900 if code == "APPROVED" else 1000)


def debit_card(world, emu_account_funds=10_000):
    world.instruments.open(("managed_accounts", "77"), "EUR")
    world.ledger.deposit(("managed_accounts", "77"), emu_account_funds, ("deposits", "d77"))
    return cards(world).add(FakeCard("1", OWNER, mode="DEBIT_MODE", parent_managed_account_id="77"))


def test_a_spend_limit_declines_past_it_and_allows_again_next_interval(emu, world):
    debit_card(world)
    rules = world.area("spend_rules")
    rules.create("1", {"spendLimit": [{"value": {"currency": "EUR", "amount": 1000}, "interval": "DAILY"}]})
    assert buy(emu, "1", 600) == "APPROVED"
    assert rules.available_to_spend("1") == [{"value": {"currency": "EUR", "amount": 400}, "interval": "DAILY"}]
    assert buy(emu, "1", 500) == "DENIED_SPEND_CONTROL"
    world.clock.advance(24 * 3600)
    assert buy(emu, "1", 500) == "APPROVED"
    assert world.instruments.balance(("managed_accounts", "77")).actual == 10_000 - 600  # the first has settled


def test_overwrite_and_increment_differ(world):
    debit_card(world)
    rules = world.area("spend_rules")
    rules.create("1", {"spendLimit": [{"value": {"currency": "EUR", "amount": 1000}, "interval": "DAILY"}]})
    rules.update("1", {"spendLimit": [{"value": {"currency": "EUR", "amount": 300}, "interval": "DAILY"}],
                       "updateSpendLimitMethod": "INCREMENT"})
    assert rules.rules_of("1")["spendLimit"][0]["value"]["amount"] == 1300
    rules.update("1", {"spendLimit": [{"value": {"currency": "EUR", "amount": 300}, "interval": "DAILY"}]})
    assert rules.rules_of("1")["spendLimit"][0]["value"]["amount"] == 300


@pytest.mark.parametrize("limits, code", [
    ([{"value": {"currency": "GBP", "amount": 1}, "interval": "DAILY"}],
     "SPEND_LIMIT_CURRENCY_DIFFERENT_FROM_CARD_CURRENCY"),
    ([{"value": {"currency": "EUR", "amount": 1}, "interval": "DAILY"}] * 2, "SPEND_LIMIT_DUPLICATE_INTERVAL"),
    ([{"value": {"currency": "EUR", "amount": -1}, "interval": "DAILY"}], "SPEND_LIMIT_AMOUNT_INVALID"),
])
def test_spend_limit_conflicts(world, limits, code):
    debit_card(world)
    with pytest.raises(Exception) as raised:
        world.area("spend_rules").create("1", {"spendLimit": limits})
    assert raised.value.body == {"errorCode": code}


def test_a_prepaid_card_takes_no_spend_limit_and_a_second_post_conflicts(world):
    cards(world).add(FakeCard("1", OWNER))
    rules = world.area("spend_rules")
    with pytest.raises(Exception) as raised:
        rules.create("1", {"spendLimit": [{"value": {"currency": "EUR", "amount": 1}, "interval": "DAILY"}]})
    assert raised.value.body == {"errorCode": "SPEND_LIMIT_NOT_SUPPORTED_FOR_PREPAID_MODE_CARD"}
    rules.create("1", {"maxTransactionAmount": 5})
    with pytest.raises(Exception) as raised:
        rules.create("1", {"maxTransactionAmount": 5})
    assert raised.value.body == {"errorCode": "SPEND_RULE_ALREADY_SET"}


def test_card_payments_list_what_happened_to_the_owner_only(emu, world):
    corporate = emu.corporate()
    cards(world).add(FakeCard("1", Owner("CORPORATE", corporate["id"])), funds=1000)
    assert buy(emu, "1", 100, merchantName="Corner Shop", merchantCategoryCode="5411") == "APPROVED"
    assert buy(emu, "1", 5000) == "DENIED_NOT_ENOUGH_FUNDS"
    listed = emu.call("GET", "/card_payments", token=corporate["token"], query="sortOrder=ASC")
    assert listed.status == 200, listed.body
    first, second = listed.body["cardPayments"]
    assert (first["status"], first["merchant"]["name"], first["merchant"]["categoryCode"]) == (
        "SETTLEMENT_IN_PROGRESS", "Corner Shop", "5411")
    assert second["status"] == "DECLINED"
    assert second["events"][0]["declineReason"] == "INSUFFICIENT_BALANCE"
    declined = emu.call("GET", "/card_payments", token=corporate["token"], query="status=DECLINED")
    assert [p["id"] for p in declined.body["cardPayments"]] == [second["id"]]
    one = emu.call("GET", f"/card_payments/{first['id']}", token=corporate["token"])
    assert one.body == first
    events = emu.call("GET", "/card_payment_events", token=corporate["token"], query=f"cardPaymentId={first['id']}")
    assert [e["type"] for e in events.body["events"]] == ["AUTHORISATION"]
    other = emu.corporate()
    assert emu.call("GET", f"/card_payments/{first['id']}", token=other["token"]).status == 404
    assert emu.call("GET", "/card_payments", token=other["token"]).body["count"] == 0


def test_spend_rules_over_http(emu, world):
    corporate = emu.corporate()
    cards(world).add(FakeCard("1", Owner("CORPORATE", corporate["id"])))
    token = corporate["token"]
    assert emu.call("PATCH", "/managed_cards/1/spend_rules", {"maxTransactionAmount": 5}, token=token).status == 404
    assert emu.call("POST", "/managed_cards/1/spend_rules", {"blockedMerchantCategories": ["5411"]},
                    token=token).status == 204
    assert emu.call("PATCH", "/managed_cards/1/spend_rules", {"maxTransactionAmount": 5}, token=token).status == 204
    read = emu.call("GET", "/managed_cards/1/spend_rules", token=token)
    assert read.body["cardLevelSpendRules"] == {"blockedMerchantCategories": ["5411"], "maxTransactionAmount": 5}
    assert emu.call("DELETE", "/managed_cards/1/spend_rules", token=token).status == 204
    assert emu.call("GET", "/managed_cards/1/spend_rules", token=token).body == {"cardLevelSpendRules": {}}
    assert emu.call("GET", "/managed_cards/1/spend_rules", token=emu.corporate()["token"]).status == 404
