"""Simulator API, card lifecycle: expire a card, warn that it is about to expire, renew it.

Each needs only the programme-key and reaches any card of the programme; an unknown card is a 404 in
the default error's shape, as the Simulator's identity verification answers.
"""
from __future__ import annotations

from ...errors import ApiError
from ...registry import handles
from .managed_cards import managed_cards_backend


def _card(call):
    cards = managed_cards_backend(call.world)
    card = cards.card(str(call.path_params["card_id"]))
    if card is None:
        raise ApiError(404, {"message": "No managed card with this id in the programme"})
    return cards, card


@handles("cards_card_id_expire", namespace="simulator")
def simulate_expire(call):
    cards, card = _card(call)
    cards.expire(card)


@handles("cards_card_id_about_to_expire", namespace="simulator")
def simulate_about_to_expire(call):
    cards, card = _card(call)
    cards.about_to_expire(card)


@handles("cards_card_id_renew", namespace="simulator")
def simulate_renew(call):
    cards, card = _card(call)
    cards.renew(card)
