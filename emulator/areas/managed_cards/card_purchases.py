"""Card purchases and merchant refunds: the authorisation a purchase asks for, the hold and settlement it
makes on the ledger, and the card payment records (`/card_payments`) that show them.

A purchase is decided in Weavr's order: the card must exist and be ACTIVE, the amount positive and in the
card's currency, the spend rules kept, the funds there (a prepaid card's own balance, a debit card's parent
account), and, when the programme forwards authorisations, the programme's answer (or the card's
`authForwardingDefaultTimeoutDecision` when it gives none in 1.5 s). An approved purchase holds the amount
(available falls, actual does not) and settles `SETTLE_AFTER_SECONDS` later on the emulator's clock, when
the money leaves the programme. A declined one moves nothing and is kept as a DECLINED card payment.
A single-spend card blocks itself (reason SINGLE_SPEND) after its first approved purchase. A merchant
refund credits the card (or a debit card's parent account) at once.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from ... import forwarding
from ...registry import backend
from ...services import Owner
from .managed_cards import managed_cards_backend
from .spend_rules import Purchase, spend_rules_backend

INSTRUMENT_TYPE = "managed_cards"
TRANSACTION_TYPE = "card_payments"
SETTLE_AFTER_SECONDS = 60
DEFAULT_MCC, ATM_MCC = "5399", "6011"
DEBIT_MODE = "DEBIT_MODE"

APPROVED = "APPROVED"
DENIED_NOT_ENOUGH_FUNDS = "DENIED_NOT_ENOUGH_FUNDS"
DENIED_CARD_NOT_FOUND = "DENIED_CARD_NOT_FOUND"
DENIED_INCORRECT_CVV = "DENIED_INCORRECT_CVV"
DENIED_CARD_EXPIRY = "DENIED_CARD_EXPIRY"
DENIED_AMOUNT_NOT_POSITIVE = "DENIED_AMOUNT_NOT_POSITIVE"
DENIED_CARD_INACTIVE = "DENIED_CARD_INACTIVE"
DENIED_OTHER = "DENIED_OTHER"
DENIED_SPEND_CONTROL = "DENIED_SPEND_CONTROL"


def card_field(card, name: str, default=None):
    """A field of the cards area's record; the one place that knows its attribute names."""
    return getattr(card, name, default)


@dataclass
class CardPayment:
    id: str
    card_id: str
    owner: Owner
    type: str  # PURCHASE, REFUND, CASH_WITHDRAWAL
    merchant: dict
    amount: dict
    status: str
    creation_timestamp: int
    last_updated_timestamp: int
    card: dict
    events: list = field(default_factory=list)
    hold_id: str | None = None

    def answer(self) -> dict:
        return {"id": self.id, "type": self.type, "card": self.card, "merchant": self.merchant,
                "displayAmount": self.amount, "status": self.status, "events": self.events,
                "creationTimestamp": self.creation_timestamp, "lastUpdatedTimestamp": self.last_updated_timestamp}


@backend("card_purchases")
class CardPurchasesBackend:
    def __init__(self, world):
        self.world = world
        self.payments: dict[str, CardPayment] = {}

    def _cards(self):
        return managed_cards_backend(self.world)

    # -- the Simulator's ways in ---------------------------------------------------------------------
    def card_by_details(self, number: str, cvv: str, expiry: str):
        """(card id, denial) for a purchase by card details."""
        card = self._cards().card_by_number(number)
        if card is not None:
            if str(card_field(card, "cvv", "")) != cvv:
                return card.id, DENIED_INCORRECT_CVV
            if str(card_field(card, "expiry_mmyy", "")) != expiry:
                return card.id, DENIED_CARD_EXPIRY
            return card.id, None
        return None, DENIED_CARD_NOT_FOUND

    def purchase(self, card_id: str, request: dict) -> str:
        cards, world = self._cards(), self.world
        card, amount, denial = self._card_and_amount(card_id, request)
        if denial:
            return denial
        payment = self._new_payment(card_id, card, request)
        if cards.state_of(card_id) != "ACTIVE":
            return self._decline(payment, DENIED_CARD_INACTIVE, "CARD_STATUS_NOT_ALLOWED")
        if request["transactionAmount"]["currency"] != card_field(card, "currency"):
            # Cross-currency purchases (forex fee and padding) are not emulated.
            return self._decline(payment, DENIED_OTHER, "TRANSACTION_NOT_PERMITTED")
        broken = spend_rules_backend(world).broken_rule(card_id, Purchase(
            amount, payment.amount["currency"], payment.merchant["categoryCode"], payment.merchant["id"],
            request.get("transactionCountry") or (request.get("additionalMerchantData") or {}).get("merchantCountry"),
            atm=bool(request.get("atmWithdrawal"))))
        if broken:
            return self._decline(payment, DENIED_SPEND_CONTROL, "AUTH_RULE_CHECKS_FAILED", rule=broken)
        source = cards.ledger_instrument(card_id)
        if world.instruments.balance(source).available < amount:
            return self._decline(payment, DENIED_NOT_ENOUGH_FUNDS, "INSUFFICIENT_BALANCE")
        forwarded = self._forward(card, payment, source)
        if forwarded is not None and not forwarded["approved"]:
            reason = "TIMEOUT" if forwarded["timedOut"] else "AUTH_RULE_CHECKS_FAILED"
            return self._decline(payment, DENIED_SPEND_CONTROL, reason, rule="AUTH_FORWARDING", forwarded=forwarded)
        payment.hold_id = world.instruments.hold(source, amount, (TRANSACTION_TYPE, payment.id))
        self._authorised(payment, APPROVED, forwarded=forwarded)
        payment.status = "SETTLEMENT_IN_PROGRESS"
        spend_rules_backend(world).record(card_id, amount)
        world.scheduler.after(SETTLE_AFTER_SECONDS, lambda: self.settle(payment.id), f"settle card payment {payment.id}")
        if card_field(card, "single_spend"):
            cards.set_state(card_id, "BLOCKED", "SINGLE_SPEND")
        return APPROVED

    def settle(self, payment_id: str) -> None:
        payment = self.payments[payment_id]
        if payment.hold_id is None or payment.status != "SETTLEMENT_IN_PROGRESS":
            return
        entry = self.world.instruments.settle(payment.hold_id)
        payment.status = "SETTLED"
        payment.last_updated_timestamp = entry.timestamp
        payment.events.append({"type": "SETTLEMENT", "id": self.world.ids.next(), "subtype": _subtype(payment),
                               "settlementState": "COMPLETED", "transactionAmount": payment.amount,
                               "billingAmount": payment.amount, "timestamp": entry.timestamp})
        self._emit(payment, "managed_cards_settlements_watch", state="COMPLETED",
                   settlementType="CASH_WITHDRAWAL" if payment.type == "CASH_WITHDRAWAL" else "SALE_PURCHASE",
                   feeAmount={"currency": payment.amount["currency"], "amount": "0"})
        self._payment_event(payment)

    def refund(self, card_id: str, request: dict) -> str:
        cards = self._cards()
        card, amount, denial = self._card_and_amount(card_id, request)
        if denial:
            return denial
        if cards.state_of(card_id) == "DESTROYED":
            return DENIED_CARD_INACTIVE
        if request["transactionAmount"]["currency"] != card_field(card, "currency"):
            return DENIED_OTHER
        payment = self._new_payment(card_id, card, request, kind="REFUND")
        entry = self.world.instruments.credit(cards.ledger_instrument(card_id), amount, (TRANSACTION_TYPE, payment.id))
        payment.status = "SETTLED"
        payment.events.append({"type": "REFUND", "id": self.world.ids.next(), "subtype": "purchase_refunds",
                               "transactionAmount": payment.amount, "billingAmount": payment.amount,
                               "timestamp": entry.timestamp})
        self._payment_event(payment)
        return APPROVED

    # -- inside --------------------------------------------------------------------------------------
    def _card_and_amount(self, card_id: str, request: dict) -> tuple:
        """(card, amount, None), or (None, None, denial) for what a purchase and a refund both meet first: an
        unknown card, then an amount that is not a positive whole number."""
        cards = self._cards()
        card = cards.card(str(card_id)) if cards.owner_of(str(card_id)) else None
        if card is None:
            return None, None, DENIED_CARD_NOT_FOUND
        amount = request["transactionAmount"].get("amount")
        if not isinstance(amount, int) or amount <= 0:
            return None, None, DENIED_AMOUNT_NOT_POSITIVE
        return card, amount, None

    def _new_payment(self, card_id: str, card, request: dict, kind: str | None = None) -> CardPayment:
        world = self.world
        atm = bool(request.get("atmWithdrawal"))
        mcc = request.get("merchantCategoryCode")
        if atm:
            mcc = ATM_MCC
        elif not (isinstance(mcc, str) and len(mcc) == 4 and mcc.isdigit()):
            mcc = DEFAULT_MCC
        merchant = {"id": request.get("merchantId") or str(secrets.randbelow(10**15)).zfill(15),
                    "name": request["merchantName"], "categoryCode": mcc}
        extra = request.get("additionalMerchantData") or {}
        for source, target in (("merchantCountry", "country"), ("merchantCity", "city"),
                               ("merchantStreet", "street"), ("merchantPostalCode", "postalCode")):
            if isinstance(extra.get(source), str):
                merchant[target] = extra[source]
        if request.get("transactionCountry") and "country" not in merchant:
            merchant["country"] = request["transactionCountry"]
        now = world.now_ms()
        payment = CardPayment(id=world.ids.next(), card_id=str(card_id), owner=self._cards().owner_of(str(card_id)),
                              type=kind or ("CASH_WITHDRAWAL" if atm else "PURCHASE"), merchant=merchant,
                              amount={"currency": request["transactionAmount"]["currency"],
                                      "amount": request["transactionAmount"]["amount"]},
                              status="DECLINED", creation_timestamp=now, last_updated_timestamp=now,
                              card=self._card_answer(card_id, card))
        self.payments[payment.id] = payment
        return payment

    def _card_answer(self, card_id: str, card) -> dict:
        debit = self._cards().mode_of(str(card_id)) == DEBIT_MODE
        answer = {"id": str(card_id), "type": INSTRUMENT_TYPE, "mode": "debit" if debit else "prepaid"}
        for name, key in (("friendly_name", "friendlyName"), ("name_on_card", "nameOnCard")):
            if isinstance(card_field(card, name), str):
                answer[key] = card_field(card, name)
        if debit and card_field(card, "parent_managed_account_id"):
            answer["parentManagedAccountId"] = str(card_field(card, "parent_managed_account_id"))
        return answer

    def _authorised(self, payment: CardPayment, outcome: str, *, decline_reason: str | None = None,
                    rule: str | None = None, forwarded: dict | None = None) -> None:
        event = {"type": "AUTHORISATION", "id": self.world.ids.next(), "subtype": _subtype(payment),
                 "result": "APPROVED" if outcome == APPROVED else "DECLINED", "authorisationCategory": "FINAL_AUTH",
                 "transactionAmount": payment.amount, "billingAmount": payment.amount,
                 "timestamp": payment.creation_timestamp}
        if decline_reason:
            event["declineReason"] = decline_reason
        if rule:
            event["authRuleFailedReason"] = rule
        if forwarded is not None:
            event["authForwardingDetails"] = {"triggered": True,
                                              "decisionOutcome": "APPROVE" if forwarded["approved"] else "DECLINE",
                                              "innovatorTimedOut": forwarded["timedOut"]}
        payment.events.append(event)
        self._emit(payment, "managed_cards_authorisations_watch", approved=outcome == APPROVED,
                   declineReason=decline_reason, authRuleFailedReason=rule,
                   authorisationType="AUTHORISED", authorisationCategory="FINAL_AUTH")
        self._payment_event(payment)

    def _payment_event(self, payment: CardPayment) -> None:
        """The card payments webhook: the card payment as it stands after its newest event, named by that event."""
        self.world.outbox.emit("managed_cards_payments_watch",
                               {"eventType": payment.events[-1]["type"], "cardPayment": payment.answer()})

    def _emit(self, payment: CardPayment, event_type: str, **fields) -> None:
        """The webhook event of an authorisation or settlement (amounts and timestamps as strings, as webhooks
        carry them)."""
        amount = {"currency": payment.amount["currency"], "amount": str(payment.amount["amount"])}
        merchant = payment.merchant
        payload = {"id": {"type": INSTRUMENT_TYPE, "id": payment.card_id}, "transactionId": payment.id,
                   "transactionAmount": amount, "sourceAmount": amount,
                   "transactionTimestamp": str(payment.last_updated_timestamp),
                   "merchantData": {"merchantName": merchant["name"], "merchantCategoryCode": merchant["categoryCode"],
                                    "merchantId": merchant["id"]},
                   "merchantName": merchant["name"], "owner": payment.owner.answer()}
        payload.update({k: v for k, v in fields.items() if v is not None})
        self.world.outbox.emit(event_type, payload)

    def _decline(self, payment: CardPayment, outcome: str, reason: str, **details) -> str:
        self._authorised(payment, outcome, decline_reason=reason, **details)
        payment.status = "DECLINED"
        return outcome

    def _forward(self, card, payment: CardPayment, source: tuple) -> dict | None:
        """The programme's decision, or None when the programme does not forward authorisations."""
        world = self.world
        url = world.programme.get("authForwardingUrl")
        if not url:
            return None
        outcome = forwarding.forward(url, world.programme["apiKey"], self._forward_event(card, payment, source),
                                     world.now_ms())
        if outcome.decision is None:
            approved = (card_field(card, "auth_forwarding_default_timeout_decision") or "APPROVE") == "APPROVE"
        else:
            approved = outcome.decision == "APPROVED"
        return {"approved": approved, "timedOut": outcome.decision is None}

    def _forward_event(self, card, payment: CardPayment, source: tuple) -> dict:
        merchant = payment.merchant
        event: dict[str, object] = {"cardId": payment.card_id, "transactionId": payment.id, "authorisationType": "AUTHORISED",
                 "sourceAmount": payment.amount, "transactionAmount": payment.amount,
                 "totalTransactionCost": payment.amount, "transactionTimestamp": payment.creation_timestamp,
                 "merchantData": {"merchantName": merchant["name"], "merchantCategoryCode": merchant["categoryCode"],
                                  "merchantId": merchant["id"]},
                 "owner": payment.owner.answer(),
                 "transactionType": "CASH_WITHDRAWAL" if payment.type == "CASH_WITHDRAWAL" else "SALE_PURCHASE"}
        if "country" in merchant:
            merchant_data = event["merchantData"]
            assert isinstance(merchant_data, dict)
            merchant_data["merchantCountry"] = merchant["country"]
        if self._cards().mode_of(payment.card_id) == DEBIT_MODE:
            event["mode"] = DEBIT_MODE
            event["parentManagedAccountId"] = source[1]
            event["availableToSpend"] = spend_rules_backend(self.world).available_to_spend(payment.card_id)
        else:
            event["mode"] = "PREPAID_MODE"
            event["currency"] = payment.amount["currency"]
            event["availableBalance"] = {"currency": payment.amount["currency"],
                                         "amount": self.world.instruments.balance(source).available}
        return event

    # -- what the card payments operations read ------------------------------------------------------
    def of_owner(self, owner: Owner) -> list[CardPayment]:
        return [p for p in self.payments.values() if p.owner == owner]

    def dump(self) -> dict:
        return {"cardPayments": [p.answer() | {"owner": p.owner.answer(), "holdId": p.hold_id}
                                 for p in self.payments.values()]}


def card_purchases_backend(world) -> CardPurchasesBackend:
    return world.area("card_purchases")


def _subtype(payment: CardPayment) -> str:
    return "cash_withdrawals" if payment.type == "CASH_WITHDRAWAL" else "sale_purchases"
