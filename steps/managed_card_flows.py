"""Card flows: an identity's named managed cards (prepaid or debit mode), funding a prepaid card by a
transfer from an account of the same identity, the physical card's steps, and reading a card back.

Plain functions (no step decorators), so any step module may import them. Amounts are in minor units.
"""
from __future__ import annotations

from support.driver import managed_cards
from support.driver.managed_cards import KIND

from . import flows, managed_account_flows, transfer_flows
from .context import Actor, Resource


def card_body(ctx, mode: str = "PREPAID_MODE", **overrides) -> dict:
    """A card create request: prepaid on the programme's managedCards profile, debit on managedCardsDebit."""
    return managed_cards.card_body(flows.api(ctx), "Suite card", mode, **overrides)


def create_card(ctx, actor: Actor, name: str, mode: str = "PREPAID_MODE", **fields) -> Resource:
    """Create a card as the actor, named `name` in the scenario (and as its friendly name)."""
    sent = card_body(ctx, mode, friendlyName=name, **fields)
    what = f"creating the {actor.role}'s {mode.lower().replace('_', ' ')} card {name!r}"
    response = flows.expect(managed_cards.create(flows.api(ctx), actor.token, sent), 200, what)
    flows.expect_echo(response.body, sent, what)
    card = ctx.remember_resource(name, KIND, actor, response.body)
    expect_reads_back(ctx, card, response)
    return card


def create_prepaid(ctx, actor: Actor, name: str, currency: str = "EUR") -> Resource:
    return create_card(ctx, actor, name, "PREPAID_MODE", currency=currency)


def create_debit(ctx, actor: Actor, name: str, account: Resource) -> Resource:
    return create_card(ctx, actor, name, "DEBIT_MODE", parentManagedAccountId=account.id)


def fund(ctx, actor: Actor, card: Resource, amount: int, currency: str) -> None:
    """Put `amount` on a prepaid card the only way a user can: deposit on a new account of the same identity
    (named "<card> funding"), then transfer it to the card."""
    account = managed_account_flows.create_account(ctx, actor, f"{card.name} funding", currency)
    managed_account_flows.fund(ctx, account, amount, currency)
    transfer_flows.fund_by_transfer(ctx, actor, account, card, amount, currency)


def read(ctx, card: Resource, what: str = "reading") -> dict:
    """The card as its owner reads it now (200 expected); it becomes the card's last read body."""
    return flows.expect(flows.read_resource(ctx, card), 200, f"{what} the card {card.name!r}").body


def act(ctx, actor: Actor, card: Resource, action: str, body: dict | None = None, method: str = "POST"):
    """One of the card's own operations (`block`, `physical/activate`, ...); the answer is kept."""
    return managed_cards.act(flows.api(ctx), actor.token, card.id, action, body, method)


def upgrade(ctx, actor: Actor, card: Resource, **fields):
    """Upgrade to physical, choosing the activation code: the sandbox code the scenario knows as `${code}`."""
    return managed_cards.upgrade_to_physical(flows.api(ctx), actor.token, card.id, **fields)


def activate(ctx, actor: Actor, card: Resource, code: str | None = None):
    return managed_cards.activate(flows.api(ctx), actor.token, card.id, code)


def replace_lost_or_stolen(ctx, card: Resource):
    """The programme's call (api-key only, no user token) for a card reported lost or stolen."""
    return managed_cards.act(flows.api(ctx), None, card.id, "physical/replace_lost_stolen",
                             {"activationCode": ctx.target.settings.verification_code})


# Tokens stand in for the card number and CVV under Weavr's security model; nothing promises the same token
# from one answer to the next, so a comparison of two answers needs only both to hold one.
TOKENISED = ("cardNumber", "cvv")


def differences(answered: dict, read: dict) -> list[str]:
    """Where an answer about a card differs from the card as read back (JSON pointers), tokens aside."""
    def masked(body: dict) -> dict:
        return {k: ({"value": "<token>"} if k in TOKENISED and isinstance(v, dict) and v.get("value") else v)
                for k, v in body.items()}

    return list(flows.read_back_differences(masked(answered), masked(read)))


def expect_reads_back(ctx, card: Resource, response, part: dict | None = None) -> None:
    """The answer (or `part` of it, a list's item) is the card as its owner reads it now, tokens aside: a
    create, update or physical step that answers one thing and keeps another fails here, in every scenario."""
    wrong = differences(response.body if part is None else part, read(ctx, card))
    assert not wrong, (f"{response.operation_id} answered otherwise than the card {card.name!r} reads back: "
                       + "; ".join(wrong))
