"""Managed Cards operations: create (prepaid and debit mode), read, list, update, block, unblock, remove,
statements and transactions. Each reaches only the caller's own cards."""
from __future__ import annotations

from ..listing import listed
from ..registry import handles
from ..services import Owner


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def _cards(call):
    return call.world.area("managed_cards")


def _owned(call):
    return _cards(call).owned(_owner(call), call.path_params["id"])


@handles("managedCardCreate")
def managed_card_create(call):
    cards = _cards(call)
    return cards.answer(cards.create(_owner(call), call.body))


@handles("managedCardGet")
def managed_card_get(call):
    return _cards(call).answer(_owned(call))


@handles("managedCardsGet")
def managed_cards_get(call):
    cards = _cards(call).of_owner(_owner(call))
    # `state` names the state inside the answer's state object; the card number filters read its parts.
    return listed(call.operation, call.query, cards, paths={"state": "state.state",
                                                            "manufacturingState":
                                                                "physicalCardDetails.manufacturingState"}
                  ).answer("cards")
