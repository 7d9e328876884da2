"""Domain steps for a card's money: cards ready to spend, Simulator purchases and refunds, balances after them,
spend rules, card payments, and the receiver answering forwarded authorisations.

Amounts are minor units, as everywhere in the suite: "1250 EUR" is EUR 12.50. A card is named by the step
that creates it (`"travel"`, then `${travel.id}`). Settlement and forwarding need the emulator (its clock,
its forwarding URL): scenarios using those steps are tagged @emulator_only.
"""
from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from schemas import load_contract
from support.grounding import assumed
from support.receiver import APPROVED, DENIED, SILENT, UNKNOWN, Receiver

from . import card_payment_flows as cards
from . import flows
from .grammar import CARD, MONEY


# -- cards ready to spend (created by managed_card_steps: "has a prepaid card "travel" with 2000 EUR") --------------
@given(parsers.re(rf"{CARD} falls back to (?P<default>APPROVE|DECLINE) without a forwarding answer$"))
def forwarding_default(ctx, card, default):
    """Given the card "travel" falls back to DECLINE without a forwarding answer

    Updates the card's authForwardingDefaultTimeoutDecision as its owner, and reads it back.
    """
    found = ctx.resource(card, "managed_cards")
    flows.expect(ctx.call("PATCH", found.path, as_actor=ctx.actor(found.owner),
                          json={"authForwardingDefaultTimeoutDecision": default}), 200,
                 f"setting the forwarding default of {card!r}")
    body = cards.read_card(ctx, found)
    assert body.get("authForwardingDefaultTimeoutDecision") == default, f"the card {card!r} reads back as {body}"


# -- the Simulator ---------------------------------------------------------------------------------------
@when(parsers.re(rf"the simulator buys {MONEY}"
                 r'(?: at "(?P<merchant>[^"]+)")?'
                 r"(?: at merchant category (?P<mcc>\d{1,4}))?"
                 r'(?: from merchant id "(?P<merchant_id>[\w-]+)")?'
                 r"(?: in (?P<country>[A-Z]{3}))?"
                 rf" with {CARD}$"))
def simulator_buys(ctx, amount, currency, merchant, mcc, merchant_id, country, card):
    """When the simulator buys 1250 EUR at "Corner Shop" at merchant category 5411 with the card "travel"

    The Simulator's purchase by card id; merchant name, category, merchant id and country (ISO alpha-3, `in MLT`)
    are optional. The answer (its `code`) is kept for Then steps.
    """
    body = cards.purchase_body(int(amount), currency, merchant=merchant or "Suite Shop", mcc=mcc,
                               merchant_id=merchant_id, country=country)
    ctx.simulate("POST", f"/cards/{ctx.resource(card, 'managed_cards').id}/purchase", json=body)


@when(parsers.re(rf"the simulator (?P<operation>buys|refunds) {MONEY} with the details of {CARD}"
                 r"(?: but (?P<wrong>a wrong CVV|another expiry date))?$"))
def simulator_by_details(ctx, operation, amount, currency, card, wrong):
    """When the simulator buys 100 EUR with the details of the card "travel" but a wrong CVV

    The Simulator's purchase (or merchant refund) by card number, CVV and expiry date, read from the emulator's
    control plane as Weavr's secure UI components would show them (@emulator_only); optionally one of them wrong.
    """
    details = ctx.target.control("POST", "/card_details", {"cardId": ctx.resource(card, "managed_cards").id})
    if wrong == "a wrong CVV":
        details["cvv"] = f"{(int(details['cvv']) + 1) % 1000:03d}"
    elif wrong:
        details["expiryDate"] = details["expiryDate"][:2] + f"{(int(details['expiryDate'][2:]) + 1) % 100:02d}"
    path = "/cards/purchase" if operation == "buys" else "/cards/merchant_refund"
    ctx.simulate("POST", path, json={**details, **cards.purchase_body(int(amount), currency)})


@when(parsers.re(rf'the simulator refunds {MONEY}(?: from "(?P<merchant>[^"]+)")? to {CARD}$'))
def simulator_refunds(ctx, amount, currency, merchant, card):
    """When the simulator refunds 250 EUR from "Corner Shop" to the card "travel"

    The Simulator's merchant refund by card id; the answer is kept.
    """
    body = cards.purchase_body(int(amount), currency, merchant=merchant or "Suite Shop")
    ctx.simulate("POST", f"/cards/{ctx.resource(card, 'managed_cards').id}/merchant_refund", json=body)


@when(parsers.re(rf"the simulator's (?P<operation>purchase|merchant refund) with {CARD} is sent:$"))
def simulator_sent(ctx, operation, card, docstring):
    """When the simulator's purchase with the card "travel" is sent:
        \"\"\"
        {"merchantName": "Corner Shop", "transactionAmount": {"currency": "EUR", "amount": 100}}
        \"\"\"

    Sends the body as it is (placeholders filled) to the Simulator's purchase or merchant refund by card id.
    """
    path = "purchase" if operation == "purchase" else "merchant_refund"
    ctx.simulate("POST", f"/cards/{ctx.resource(card, 'managed_cards').id}/{path}", json=ctx.fill_json(docstring))


@when(parsers.re(r"the simulator's (?P<operation>purchase|merchant refund) by card details is sent:$"))
def simulator_sent_by_details(ctx, operation, docstring):
    """When the simulator's purchase by card details is sent:
        \"\"\"
        {"cardNumber": "5555444433332222", "cvv": "123", "expiryDate": "1230", "merchantName": "Shop"}
        \"\"\"

    Sends the body as it is (placeholders filled) to the Simulator's purchase or merchant refund by card details.
    """
    path = "/cards/purchase" if operation == "purchase" else "/cards/merchant_refund"
    ctx.simulate("POST", path, json=ctx.fill_json(docstring))


@when("the card purchases settle")
def purchases_settle(ctx):
    """When the card purchases settle

    Moves the emulator's clock past the settlement of every purchase authorised so far (@emulator_only).
    """
    ctx.target.control("POST", "/clock", {"advanceSeconds": cards.SETTLEMENT_SECONDS})


@then(parsers.re(r"the (?P<what>purchase|refund) is (?:(?P<approved>approved)|declined with (?P<code>[A-Z_]+))$"))
def purchase_outcome(ctx, what, approved, code):
    """Then the purchase is declined with DENIED_SPEND_CONTROL

    The last Simulator answer was a 200 whose `code` is APPROVED (`is approved`) or the code named.
    """
    response = flows.expect(ctx.response(), 200, f"the Simulator's {what}")
    expected = "APPROVED" if approved else code
    assert response.body.get("code") == expected, f"the {what} answered {response.body}, expected code {expected}"


@then(parsers.re(rf'{CARD} has {MONEY} left to spend (?P<interval>DAILY|WEEKLY|MONTHLY|QUARTERLY|YEARLY|ALWAYS)$'))
def left_to_spend(ctx, card, amount, currency, interval):
    """Then the card "fuel" has 400 EUR left to spend DAILY

    Reads the debit card back: its availableToSpend for the interval.
    """
    body = cards.read_card(ctx, ctx.resource(card, "managed_cards"))
    found = [a for a in body.get("availableToSpend", []) if a.get("interval") == interval]
    assert found == [{"value": {"currency": currency, "amount": int(amount)}, "interval": interval}], (
        f"the card {card!r} has availableToSpend {body.get('availableToSpend')}")


# -- spend rules -----------------------------------------------------------------------------------------
@given(parsers.re(rf"{CARD} has spend rules:$"))
def card_has_spend_rules(ctx, card, docstring):
    """Given the card "travel" has spend rules:
        \"\"\"
        {"blockedMerchantCategories": ["5411"]}
        \"\"\"

    Creates the card's spend rules as its owner (204).
    """
    found = ctx.resource(card, "managed_cards")
    flows.expect(ctx.call("POST", f"{found.path}/spend_rules", as_actor=ctx.actor(found.owner),
                          json=ctx.fill_json(docstring)), 204, f"setting the spend rules of {card!r}")


# Where AllLevelSpendRules answers each level's rules; every other top-level field is a deprecated twin.
LEVELS = {"cardLevelSpendRules", "profileLevelSpendRules", "identityLevelSpendRules"}


@then(parsers.re(rf"the spend rules of {CARD} are:$"))
def spend_rules_are(ctx, card, docstring):
    """Then the spend rules of the card "travel" are:
        \"\"\"
        {"blockedMerchantCategories": ["5411"], "maxTransactionAmount": 5000}
        \"\"\"

    Reads the card's spend rules as its owner: the card-level rules equal the JSON, field for field, and each
    deprecated top-level twin the target answers equals its card-level rule (assumed).
    """
    found = ctx.resource(card, "managed_cards")
    body = flows.expect(ctx.call("GET", f"{found.path}/spend_rules", as_actor=ctx.actor(found.owner)), 200,
                        f"reading the spend rules of {card!r}").body
    rules = body.get("cardLevelSpendRules")
    assert rules == ctx.fill_json(docstring), f"the card {card!r} has card-level spend rules {rules}"
    # Each deprecated top-level rule says "use cardLevelSpendRules.<same name> instead". That a target answers the
    # twin with the card's own value (and not, say, a value merged across levels) is the emulator's reading.
    twins = {name: value for name, value in body.items() if name not in LEVELS}
    card_level = {name: (rules or {}).get(name) for name in twins}
    with assumed("managed_cards.md#spend-rules-deprecated-and-current-fields",
                 what=f"the deprecated top-level spend rules of {card!r}", expected=card_level, observed=twins):
        assert twins == card_level, (
            f"the card {card!r} answers the deprecated top-level spend rules {twins}; its card-level ones are {rules}")


# -- card payments ---------------------------------------------------------------------------------------
@then(parsers.re(rf"{CARD} has (?P<count>\d+) card payments?$"))
def card_payment_count(ctx, card, count):
    """Then the card "travel" has 2 card payments

    Lists the card's payments as its owner (filtered by cardId): the count and the page agree.
    """
    payments = cards.card_payments_of(ctx, ctx.resource(card, "managed_cards"))
    assert len(payments) == int(count), f"the card {card!r} has card payments {payments}"


@then(parsers.re(rf"card payment (?P<index>\d+) of {CARD} is an? (?P<type>[A-Z_]+) of {MONEY}"
                 r' at "(?P<merchant>[^"]+)"(?: with category (?P<mcc>\d{4}))? in status (?P<status>[A-Z_]+)'
                 r'(?:, remembered as "(?P<remember>[\w-]+)")?$'))
def card_payment_is(ctx, index, card, type, amount, currency, merchant, mcc, status, remember):
    """Then card payment 1 of the card "travel" is a PURCHASE of 1250 EUR at "Corner Shop" with category 5411 in status SETTLED

    The card's payments oldest first (1 is the oldest): type, amount, merchant, category and status; the same
    payment read by its id is identical. `, remembered as "coffee"` keeps its id as `${coffee}`.
    """
    found = ctx.resource(card, "managed_cards")
    payments = cards.card_payments_of(ctx, found)
    assert len(payments) >= int(index), f"the card {card!r} has {len(payments)} card payments: {payments}"
    payment = payments[int(index) - 1]
    seen = (payment["type"], payment["displayAmount"], payment["merchant"]["name"], payment["status"],
            payment["card"]["id"])
    assert seen == (type, {"currency": currency, "amount": int(amount)}, merchant, status, found.id), (
        f"card payment {index} of {card!r} is {payment}")
    if mcc:
        assert payment["merchant"].get("categoryCode") == mcc, f"the merchant is {payment['merchant']}"
    alone = flows.expect(ctx.call("GET", f"/card_payments/{payment['id']}", as_actor=ctx.actor(found.owner)), 200,
                         "reading the card payment by id").body
    assert alone == payment, f"the card payment read alone differs from the list: {alone} vs {payment}"
    if remember:
        ctx.remember(remember, payment["id"])


@then(parsers.re(rf"card payment (?P<index>\d+) of {CARD} was declined for (?P<reason>[A-Z_]+)"
                 r"(?: \((?P<rule>[A-Z_]+)\))?$"))
def card_payment_declined_for(ctx, index, card, reason, rule):
    """Then card payment 1 of the card "travel" was declined for AUTH_RULE_CHECKS_FAILED (MERCHANT_CATEGORY_BLOCKED)

    The payment's authorisation event: result DECLINED, its declineReason and (in brackets) the spend rule it broke.
    """
    payments = cards.card_payments_of(ctx, ctx.resource(card, "managed_cards"))
    assert len(payments) >= int(index), f"the card {card!r} has {len(payments)} card payments: {payments}"
    authorisations = [e for e in payments[int(index) - 1]["events"] if e["type"] == "AUTHORISATION"]
    assert authorisations, f"card payment {index} of {card!r} has no authorisation: {payments[int(index) - 1]}"
    event = authorisations[0]
    assert (event.get("result"), event.get("declineReason")) == ("DECLINED", reason), f"the authorisation is {event}"
    if rule:
        assert event.get("authRuleFailedReason") == rule, f"the authorisation is {event}"


@then(parsers.re(rf"the card payment events of {CARD} are (?P<expected>[A-Z_, ]+)$"))
def card_payment_events_are(ctx, card, expected):
    """Then the card payment events of the card "travel" are AUTHORISATION, SETTLEMENT

    Lists the card's payment events oldest first: their types in order, each naming the card and its payment, and
    each the same event as its card payment holds (every field of it), with the payment's card and merchant.
    """
    found = ctx.resource(card, "managed_cards")
    events = cards.events_of(ctx, found)
    assert [e["type"] for e in events] == [t.strip() for t in expected.split(",")], f"the events are {events}"
    payments = {p["id"]: p for p in cards.card_payments_of(ctx, found)}
    for event in events:
        assert event["card"]["id"] == found.id and event["cardPaymentId"] in payments, f"stray event {event}"
        payment = payments[event["cardPaymentId"]]
        held = [e for e in payment["events"] if e["id"] == event["id"]]
        assert len(held) == 1, f"the event {event} is not one of its card payment's events {payment['events']}"
        wrong = [key for key in held[0] if event.get(key) != held[0][key]]
        wrong += [key for key in ("card", "merchant") if event.get(key) != payment[key]]
        assert not wrong, f"the event {event} differs in {wrong} from its card payment {payment}"


# -- authorisation forwarding and the receiver ---------------------------------------------------------------
@pytest.fixture(scope="session")
def receiver(target):
    """One receiver per pytest process, started the first time a scenario needs it."""
    found = Receiver(load_contract("multi"), api_key=target.settings.api_key, recorder=target.multi.recorder)
    found.start()
    yield found
    found.stop()


@given("authorisations are forwarded to the receiver")
def forwarded_to_receiver(ctx, receiver, request):
    """Given authorisations are forwarded to the receiver

    Sets the emulator programme's forwarding URL to this worker's receiver until the scenario ends
    (@emulator_only: the live sandbox's forwarding URL is set in its portal).
    """
    ctx.target.control("POST", "/forwarding", {"url": receiver.url})
    named = ctx.values.setdefault("_receiver_cards", [])

    def stop():
        ctx.target.control("POST", "/forwarding", {"url": None})
        receiver.forget(named)
    request.addfinalizer(stop)


DECISIONS = {"approves authorisations for": APPROVED, "denies authorisations for": DENIED,
             "does not answer for": SILENT, "does not know": UNKNOWN}


@given(parsers.re(r"the receiver (?P<how>approves authorisations for|denies authorisations for|does not answer for"
                  rf"|does not know) {CARD}$"))
def receiver_decides(ctx, receiver, how, card):
    """Given the receiver denies authorisations for the card "travel"

    Tells the receiver how to answer forwarded authorisations of the card: approve, deny, not answer (it waits
    past the 1.5 s Weavr waits) or not know the card (404).
    """
    card_id = ctx.resource(card, "managed_cards").id
    receiver.answer(card_id, DECISIONS[how])
    ctx.values.setdefault("_receiver_cards", []).append(card_id)


@then(parsers.re(rf"the receiver got (?P<count>\d+) authorisation requests? for {CARD}(?: of {MONEY})?$"))
def receiver_got(ctx, receiver, count, card, amount, currency):
    """Then the receiver got 1 authorisation request for the card "travel" of 1250 EUR

    The forwarded requests for the card: how many, each signed with the api-key and matching the webhook's
    schema, naming the card, its owner and (when given) the amount.
    """
    found = ctx.resource(card, "managed_cards")
    deliveries = receiver.received(found.id)
    assert len(deliveries) == int(count), f"the receiver got {len(deliveries)} requests for {card!r}"
    owner = ctx.actor(found.owner)
    for delivery in deliveries:
        assert delivery.problems == [], f"a forwarded request for {card!r} is wrong: {delivery.problems}"
        assert delivery.body["owner"] == {"type": owner.identity_type, "id": owner.identity_id}, delivery.body
        if amount is not None:
            assert delivery.body["transactionAmount"] == {"currency": currency, "amount": int(amount)}, delivery.body
