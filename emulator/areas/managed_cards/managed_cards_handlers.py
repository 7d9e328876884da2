"""Managed Cards operations: create (prepaid and debit mode), read, list, update, block, unblock, remove,
statements and transactions. Each reaches only the caller's own cards."""
from __future__ import annotations

from ...errors import not_found
from ...instruments import activity, legacy_statement
from ...listing import listed
from ...registry import handles
from ...services import Owner
from .managed_cards import managed_cards_backend


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def cards_of(call):
    """The managed cards backend (the physical-card handlers use it too)."""
    return managed_cards_backend(call.world)


def owned_card(call):
    return cards_of(call).owned(_owner(call), call.path_params["id"])


@handles("managedCardCreate")
def managed_card_create(call):
    cards = cards_of(call)
    return cards.answer(cards.create(_owner(call), call.body))


@handles("managedCardGet")
def managed_card_get(call):
    return cards_of(call).answer(owned_card(call))


@handles("managedCardsGet")
def managed_cards_get(call):
    cards = cards_of(call).of_owner(_owner(call))
    # `state` names the state inside the answer's state object; the card number filters read its parts.
    return listed(call.operation, call.query, cards, paths={"state": "state.state",
                                                            "manufacturingState":
                                                                "physicalCardDetails.manufacturingState"}
                  ).answer("cards")


@handles("managedCardUpdate")
def managed_card_update(call):
    cards = cards_of(call)
    return cards.answer(cards.update(owned_card(call), call.body))


@handles("managedCardBlock")
def managed_card_block(call):
    cards_of(call).block(owned_card(call))


@handles("managedCardUnblock")
def managed_card_unblock(call):
    cards_of(call).unblock(owned_card(call))


@handles("managedCardRemove")
def managed_card_remove(call):
    cards_of(call).remove(owned_card(call))


@handles("managedCardStatement")
def managed_card_statement(call):
    card = owned_card(call)
    # A debit card's statement is its parent account's, as the description says of its running balances.
    return activity.statement_answer(call, cards_of(call).ledger_instrument(card.id), card.currency)


@handles("managedCardStatementDeprecated")
def managed_card_statement_deprecated(call):
    card = owned_card(call)
    return legacy_statement.answer(call, cards_of(call).ledger_instrument(card.id), card.currency)


@handles("managedCardTransactionsGet")
def managed_card_transactions(call):
    card = owned_card(call)
    return activity.transactions_answer(call, cards_of(call).ledger_instrument(card.id))


@handles("managedCardTransactionGet")
def managed_card_transaction(call):
    card = owned_card(call)
    item = activity.transaction_item(call, cards_of(call).ledger_instrument(card.id), call.path_params["transactionId"])
    if item is None:
        raise not_found("Transaction not found")
    return item
