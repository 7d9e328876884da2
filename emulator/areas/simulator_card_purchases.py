"""Simulator API, Cards: a purchase or a merchant refund on a card, named by its id or by its details.

Each answers 200 whatever the outcome; `code` says whether it was approved and, if not, why (the
description declares no 404 or 409 for them: an unknown card is DENIED_CARD_NOT_FOUND)."""
from __future__ import annotations

from ..registry import handles
from .simulator_accounts import _int64


def _request(call) -> dict:
    body = dict(call.body)
    amount = dict(body["transactionAmount"])
    if "amount" in amount:
        amount["amount"] = _int64(amount["amount"], "transactionAmount.amount")
    body["transactionAmount"] = amount
    return body


def _by_details(call):
    body = call.body
    return call.world.area("card_purchases").card_by_details(body["cardNumber"], body["cvv"], body["expiryDate"])


@handles("cards_card_id_purchase", namespace="simulator")
def purchase_by_id(call):
    return {"code": call.world.area("card_purchases").purchase(str(call.path_params["card_id"]), _request(call))}


@handles("cards_purchase", namespace="simulator")
def purchase_by_details(call):
    request = _request(call)
    card_id, denial = _by_details(call)
    if denial:
        return {"code": denial}
    return {"code": call.world.area("card_purchases").purchase(card_id, request)}


@handles("cards_card_id_merchant_refund", namespace="simulator")
def refund_by_id(call):
    return {"code": call.world.area("card_purchases").refund(str(call.path_params["card_id"]), _request(call))}


@handles("cards_merchant_refund", namespace="simulator")
def refund_by_details(call):
    request = _request(call)
    card_id, denial = _by_details(call)
    if denial:
        return {"code": denial}
    return {"code": call.world.area("card_purchases").refund(card_id, request)}
