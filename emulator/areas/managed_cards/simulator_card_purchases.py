"""Simulator API, Cards: a purchase or a merchant refund on a card, named by its id or by its details.

Each answers 200 whatever the outcome; `code` says whether it was approved and, if not, why (the
description declares no 404 or 409 for them: an unknown card is DENIED_CARD_NOT_FOUND)."""
from __future__ import annotations

from ...amounts import int64_amount as _int64
from ...registry import handles
from .card_purchases import card_purchases_backend


def _request(call) -> dict:
    body = dict(call.body)
    amount = dict(body["transactionAmount"])
    if "amount" in amount:
        amount["amount"] = _int64(amount["amount"], "transactionAmount.amount")
    body["transactionAmount"] = amount
    return body


def _decided(call, action: str) -> dict:
    """The purchase or the refund (`action`) on the card the path names by id, or the body by its details."""
    request = _request(call)
    purchases = card_purchases_backend(call.world)
    if "card_id" in call.path_params:
        card_id = str(call.path_params["card_id"])
    else:
        card_id, denial = purchases.card_by_details(call.body["cardNumber"], call.body["cvv"], call.body["expiryDate"])
        if denial:
            return {"code": denial}
    return {"code": getattr(purchases, action)(card_id, request)}


@handles("cards_card_id_purchase", namespace="simulator")
def purchase_by_id(call):
    return _decided(call, "purchase")


@handles("cards_purchase", namespace="simulator")
def purchase_by_details(call):
    return _decided(call, "purchase")


@handles("cards_card_id_merchant_refund", namespace="simulator")
def refund_by_id(call):
    return _decided(call, "refund")


@handles("cards_merchant_refund", namespace="simulator")
def refund_by_details(call):
    return _decided(call, "refund")
