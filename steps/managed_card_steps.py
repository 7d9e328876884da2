"""Domain steps for managed cards: named prepaid and debit cards, funding, block/unblock/remove, physical
cards, the Simulator's expiry and renewal, and read-backs of state, balances, secrets and statements.

A card is named by the step that creates it (`"travel"`); later steps use `${travel.id}` or any field
of its last read body. Amounts are in minor units ("1000 EUR" is EUR 10.00).
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from . import flows, managed_card_flows
from .grammar import MONEY, NAME, ROLE

STATE = r"(?P<state>ACTIVE|BLOCKED|DESTROYED|NOT_ENABLED)"
REASON = r"(?: with reason (?P<reason>[A-Z_]+))?"
CARD_ACTIONS = {"blocks": "block", "unblocks": "unblock", "removes": "remove",
                "resets the contactless limit of": "physical/contactless_limit/reset"}
ACTION = "(?P<action>" + "|".join(CARD_ACTIONS) + ")"


def _card(ctx, name):
    return ctx.resource(name, managed_card_flows.KIND)


# -- Given -----------------------------------------------------------------------------------
@given(parsers.re(rf"the {ROLE} has a prepaid card {NAME}(?: in (?P<in_currency>[A-Z]{{3}}))?(?: with {MONEY})?$"))
def has_prepaid_card(ctx, role, name, in_currency, amount, currency):
    """Given the corporate has a prepaid card "travel" with 1000 EUR

    Creates a prepaid-mode card named in the scenario (the identity must be verified), in the amount's currency, or `in GBP`, or EUR; with an amount, funds it by a transfer from a new account of the same identity named "<card> funding". The create answer must hold what was sent and be the card as read back (tokens aside).
    """
    actor = ctx.actor(role)
    card = managed_card_flows.create_prepaid(ctx, actor, name, currency or in_currency or "EUR")
    if amount and int(amount):
        managed_card_flows.fund(ctx, actor, card, int(amount), currency)


@given(parsers.re(rf'the {ROLE} has a debit card {NAME} on "(?P<account>[\w -]+)"$'))
def has_debit_card(ctx, role, name, account):
    """Given the corporate has a debit card "fuel" on "savings"

    Creates a debit-mode card spending from the role's named managed account; checked as a prepaid card's create is.
    """
    managed_card_flows.create_debit(ctx, ctx.actor(role), name, ctx.resource(account, "managed_accounts"))


@given(parsers.re(rf"the {ROLE}'s card {NAME} is physical(?P<activated> and activated)?$"))
def card_is_physical(ctx, role, name, activated):
    """Given the corporate's card "travel" is physical and activated

    Upgrades the card to physical with the sandbox activation code; `and activated` also activates it. Each
    answer must be the card as it then reads back (tokens aside).
    """
    actor, card = ctx.actor(role), _card(ctx, name)
    upgraded = flows.expect(managed_card_flows.upgrade(ctx, actor, card), 200, f"upgrading the card {name!r} to physical")
    managed_card_flows.expect_reads_back(ctx, card, upgraded)
    if activated:
        done = flows.expect(managed_card_flows.activate(ctx, actor, card), 200, f"activating the card {name!r}")
        managed_card_flows.expect_reads_back(ctx, card, done)


# -- When ------------------------------------------------------------------------------------
@when(parsers.re(rf"the {ROLE} {ACTION} the card {NAME}$"))
def card_action(ctx, role, action, name):
    """When the corporate blocks the card "travel"

    One of: blocks, unblocks, removes, resets the contactless limit of. The answer is kept.
    """
    managed_card_flows.act(ctx, ctx.actor(role), _card(ctx, name), CARD_ACTIONS[action])


@when(parsers.re(rf"the {ROLE} reports the card {NAME} (?P<what>lost|stolen)$"))
def reports_card(ctx, role, name, what):
    """When the corporate reports the card "travel" lost

    `lost` or `stolen`; the answer is kept.
    """
    managed_card_flows.act(ctx, ctx.actor(role), _card(ctx, name), f"physical/report_{what}")


@when(parsers.re(rf"the {ROLE} upgrades the card {NAME} to physical$"))
def upgrades_card(ctx, role, name):
    """When the corporate upgrades the card "travel" to physical

    Delivery to a fixed address, with the sandbox activation code (`${code}`); the answer is kept.
    """
    managed_card_flows.upgrade(ctx, ctx.actor(role), _card(ctx, name))


@when(parsers.re(rf'the {ROLE} activates the card {NAME}(?: with the code "(?P<code>\d+)")?$'))
def activates_card(ctx, role, name, code):
    """When the corporate activates the card "travel" with the code "999999"

    Without a code, the sandbox activation code chosen at upgrade. The answer is kept.
    """
    managed_card_flows.activate(ctx, ctx.actor(role), _card(ctx, name), code)


@when(parsers.re(rf"the {ROLE} (?P<what>reads|unblocks) the PIN of the card {NAME}$"))
def card_pin(ctx, role, what, name):
    """When the corporate reads the PIN of the card "travel"

    `reads` GETs the PIN; `unblocks` PATCHes its unblock. The answer is kept.
    """
    if what == "reads":
        ctx.call("GET", f"{_card(ctx, name).path}/physical/pin", as_actor=ctx.actor(role))
    else:
        managed_card_flows.act(ctx, ctx.actor(role), _card(ctx, name), "physical/pin/unblock", method="PATCH")


@when(parsers.re(rf"the {ROLE} asks to replace the damaged card {NAME}$"))
def replace_damaged(ctx, role, name):
    """When the corporate asks to replace the damaged card "travel"

    The new plastic takes the sandbox activation code. The answer is kept.
    """
    managed_card_flows.act(ctx, ctx.actor(role), _card(ctx, name), "physical/replace_damaged",
                   {"activationCode": ctx.target.settings.verification_code})


@when(parsers.re(rf'the programme replaces the lost or stolen card {NAME}(?: as "(?P<new>[\w -]+)")?$'))
def replace_lost_or_stolen(ctx, name, new):
    """When the programme replaces the lost or stolen card "travel" as "travel 2"

    The api-key-only call; on a 200 the new card is named (owned by the old card's owner).
    """
    old = _card(ctx, name)
    response = managed_card_flows.replace_lost_or_stolen(ctx, old)
    if new and response.status == 200:
        ctx.remember_resource(new, managed_card_flows.KIND, ctx.actor(old.owner), response.body)


@when(parsers.re(rf"the simulator (?P<what>expires|renews|warns of the expiry of) the card {NAME}$"))
def simulator_lifecycle(ctx, what, name):
    """When the simulator expires the card "travel"

    One of: expires, renews, warns of the expiry of (about_to_expire). The answer is kept.
    """
    action = {"expires": "expire", "renews": "renew", "warns of the expiry of": "about_to_expire"}[what]
    ctx.simulate("POST", f"/cards/{_card(ctx, name).id}/{action}")


# -- Then ------------------------------------------------------------------------------------
@then(parsers.re(rf"the card {NAME} is {STATE}{REASON}$"))
def card_state(ctx, name, state, reason):
    """Then the card "travel" is BLOCKED with reason USER

    Reads the card back as its owner: its state, and its blocked or destroyed reason (none when not given).
    """
    body = managed_card_flows.read(ctx, _card(ctx, name))
    expected = {"state": state}
    if reason:
        expected["blockedReason" if state == "BLOCKED" else "destroyedReason"] = reason
    assert body["state"] == expected, f"the card {name!r} is {body['state']}, expected {expected}"


@then(parsers.re(rf'the card {NAME} reads back as the response(?: field "(?P<field>[\w.]+)")?$'))
def card_reads_back_as_answer(ctx, name, field):
    """Then the card "travel" reads back as the response field "cards.0"

    The last answer (a create, update, upgrade, activation, replacement, or an item of a list) is the card as its
    owner reads it now, field for field; the card number and CVV need only be tokens in both.
    """
    answer = flows.expect(ctx.response(), 200, f"the answer about the card {name!r}")
    managed_card_flows.expect_reads_back(ctx, _card(ctx, name), answer, answer.field(field) if field else None)


@then(parsers.re(rf"the card {NAME} holds {MONEY}(?: of which (?P<available>\d+) available)?$"))
def card_holds(ctx, name, amount, currency, available):
    """Then the card "travel" holds 1000 EUR of which 700 available

    Reads the prepaid card back: its currency, actual balance, and available balance (the same as actual unless given).
    """
    body = managed_card_flows.read(ctx, _card(ctx, name))
    expected = {"availableBalance": int(available if available is not None else amount), "actualBalance": int(amount)}
    assert body["currency"] == currency, f"the card {name!r} is in {body['currency']}, expected {currency}"
    assert body.get("balances") == expected, (
        f"the card {name!r} has balances {body.get('balances')}, expected {expected}")


@then(parsers.re(rf"the card {NAME} shows (?P<shows>its card number and CVV as tokens|no card number nor CVV)$"))
def card_secrets(ctx, name, shows):
    """Then the card "travel" shows no card number nor CVV

    Tokens: `cardNumber.value` and `cvv.value` are present and are not the digits `cardNumberFirstSix`/`LastFour` reveal.
    """
    body = managed_card_flows.read(ctx, _card(ctx, name))
    if shows.startswith("no"):
        assert "cardNumber" not in body and "cvv" not in body, f"the card {name!r} answers a number or CVV"
        return
    number, cvv = body.get("cardNumber", {}).get("value"), body.get("cvv", {}).get("value")
    assert number and cvv, f"the card {name!r} answers no card number or CVV"
    real_shape = number.isdigit() and number.startswith(body["cardNumberFirstSix"]) and number.endswith(
        body["cardNumberLastFour"])
    assert not real_shape, f"the card {name!r} answers its card number in clear, not tokenised"


@then(parsers.re(rf"the card {NAME} is physical and (?P<phase>pending activation|activated)$"))
def card_physical(ctx, name, phase):
    """Then the card "travel" is physical and pending activation"""
    body = managed_card_flows.read(ctx, _card(ctx, name))
    assert body["type"] == "PHYSICAL", f"the card {name!r} is {body['type']}"
    pending = body["physicalCardDetails"]["pendingActivation"]
    assert pending == (phase == "pending activation"), f"the card {name!r} has pendingActivation {pending}"
