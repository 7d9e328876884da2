"""Spend controls: a card's own spend rules (GET, POST, PATCH, DELETE /managed_cards/{id}/spend_rules), the
decision they make on a purchase, and what a debit card has left to spend per interval.

Rules are kept as the card-level rules were sent. A purchase breaks them when its merchant category, merchant
id or country is on a blocked list, or an allowed list is set and does not hold it (a block wins over an
allow); when its amount is below the minimum or above the maximum; when an ATM withdrawal meets
`allowAtm: false`; or, for a debit card, when it would take an interval's spending past that interval's limit.
Spending is counted from the purchases this area is told about (`record`), in calendar intervals (UTC) of the
emulator's clock, so moving the clock opens the next interval.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from schemas import load_contract

from ...countries import alpha2
from ...errors import conflict, not_found
from ...registry import backend, handles
from ...services import Owner
from .managed_cards import managed_cards_backend

DEBIT_MODE = "DEBIT_MODE"
OVERWRITE, INCREMENT = "OVERWRITE", "INCREMENT"
# Each list rule's field suffix, and the words Weavr names its failure with (AuthRuleChecksFailedReason).
LIST_RULES = {"MerchantCategories": "MERCHANT_CATEGORY", "MerchantIds": "MERCHANT_ID",
              "MerchantCountries": "MERCHANT_COUNTRY"}


@dataclass(frozen=True)
class Purchase:
    """What a rule looks at in one authorisation."""
    amount: int
    currency: str
    merchant_category: str
    merchant_id: str
    country: str | None  # ISO 3166 alpha-3 as the Simulator sends it
    atm: bool = False


@backend("spend_rules")
class SpendRulesBackend:
    def __init__(self, world):
        self.world = world
        self.by_card: dict[str, dict] = {}
        self.spent: dict[str, list[tuple[int, int]]] = {}  # card id -> [(timestamp, amount)]

    # -- the card, as the cards area answers it ------------------------------------------------------
    def _cards(self):
        return managed_cards_backend(self.world)

    def owned_card(self, owner: Owner, card_id: str):
        if self._cards().owner_of(str(card_id)) != owner:
            raise not_found("Managed card not found")
        return self._cards().card(str(card_id))

    # -- the four operations' rules ------------------------------------------------------------------
    def rules_of(self, card_id: str) -> dict | None:
        return self.by_card.get(str(card_id))

    def create(self, card_id: str, rules: dict) -> None:
        if str(card_id) in self.by_card:
            raise conflict("SPEND_RULE_ALREADY_SET")
        self._check_limits(card_id, rules.get("spendLimit") or [])
        self.by_card[str(card_id)] = copy.deepcopy(rules)

    def update(self, card_id: str, changes: dict) -> None:
        current = self.by_card.get(str(card_id))
        if current is None:
            # "Must be used after a POST": there is nothing to update, and no conflict code says so.
            raise not_found("No spend rules are set on this card; create them with POST first")
        changes = copy.deepcopy(changes)
        method = changes.pop("updateSpendLimitMethod", OVERWRITE)
        limits = changes.pop("spendLimit", None)
        if limits is not None:
            self._check_limits(card_id, limits)
            current["spendLimit"] = _merged_limits(current.get("spendLimit") or [], limits, method)
        current.update(changes)

    def delete(self, card_id: str) -> None:
        self.by_card.pop(str(card_id), None)

    def _check_limits(self, card_id: str, limits: list) -> None:
        if not limits:
            return
        if self._cards().mode_of(str(card_id)) != DEBIT_MODE:
            raise conflict("SPEND_LIMIT_NOT_SUPPORTED_FOR_PREPAID_MODE_CARD")
        currency = self._cards().card(str(card_id)).currency
        intervals = [limit["interval"] for limit in limits]
        if len(set(intervals)) != len(intervals):
            raise conflict("SPEND_LIMIT_DUPLICATE_INTERVAL")
        for limit in limits:
            if limit["value"]["currency"] != currency:
                raise conflict("SPEND_LIMIT_CURRENCY_DIFFERENT_FROM_CARD_CURRENCY")
            if limit["value"]["amount"] < 0:
                raise conflict("SPEND_LIMIT_AMOUNT_INVALID")

    # -- what purchases ask --------------------------------------------------------------------------
    def broken_rule(self, card_id: str, purchase: Purchase) -> str | None:
        """The rule the purchase breaks, named as Weavr's AuthRuleChecksFailedReason names it, or None."""
        rules = self.by_card.get(str(card_id)) or {}
        values = {"MerchantCategories": purchase.merchant_category, "MerchantIds": purchase.merchant_id,
                  "MerchantCountries": alpha2(purchase.country)}
        for rule, words in LIST_RULES.items():
            value = values[rule]
            if value is not None and value in (rules.get(f"blocked{rule}") or []):
                return f"{words}_BLOCKED"
            allowed = rules.get(f"allowed{rule}")
            if allowed and value not in allowed:
                return f"{words}_NOT_IN_ALLOWED_LIST"
        if purchase.atm and rules.get("allowAtm") is False:
            return "ATM_NOT_ALLOWED"
        if rules.get("minTransactionAmount") is not None and purchase.amount < rules["minTransactionAmount"]:
            return "MIN_TRANSACTION_AMOUNT_EXCEEDED"
        if rules.get("maxTransactionAmount") is not None and purchase.amount > rules["maxTransactionAmount"]:
            return "MAX_TRANSACTION_AMOUNT_EXCEEDED"
        if any(purchase.amount > left["value"]["amount"] for left in self.available_to_spend(card_id)):
            return "SPEND_LIMIT_EXCEEDED"
        return None

    def record(self, card_id: str, amount: int) -> None:
        """An approved purchase counts against the card's limits from now on."""
        self.spent.setdefault(str(card_id), []).append((self.world.now_ms(), amount))

    def available_to_spend(self, card_id: str) -> list[dict]:
        """Per limit: what the card may still spend in the current interval (never below 0)."""
        limits = (self.by_card.get(str(card_id)) or {}).get("spendLimit") or []
        now = self.world.now_ms()
        spent = self.spent.get(str(card_id), [])
        answer = []
        for limit in limits:
            start = interval_start(limit["interval"], now)
            used = sum(amount for at, amount in spent if at >= start)
            answer.append({"value": {"currency": limit["value"]["currency"],
                                     "amount": max(0, limit["value"]["amount"] - used)},
                           "interval": limit["interval"]})
        return answer

    def answer(self, card_id: str) -> dict:
        """The card's rules under `cardLevelSpendRules`, and again in the deprecated top-level fields the
        description says `cardLevelSpendRules` replaces (areas/managed_cards/choices.md)."""
        rules = self.by_card.get(str(card_id))
        card_level = copy.deepcopy(rules) if rules is not None else {}
        answer = {name: copy.deepcopy(card_level[name]) for name in deprecated_top_level() if name in card_level}
        answer["cardLevelSpendRules"] = card_level
        return answer

    def dump(self) -> dict:
        return {"spendRules": self.by_card, "spent": self.spent}


def spend_rules_backend(world) -> SpendRulesBackend:
    return world.area("spend_rules")


@lru_cache(maxsize=1)
def deprecated_top_level() -> tuple[str, ...]:
    """AllLevelSpendRules' deprecated top-level fields, each "deprecated - use cardLevelSpendRules.<same name>"
    in the description: read from the contract, so a field Weavr adds or retires there follows."""
    schema = load_contract("multi").resolve({"$ref": "urn:weavr-suite:multi:components#/$defs/AllLevelSpendRules"})
    return tuple(name for name, field in schema["properties"].items() if field.get("deprecated"))


def _merged_limits(current: list, sent: list, method: str) -> list:
    """OVERWRITE sets each sent interval's limit to the value sent; INCREMENT adds the value sent to the
    interval's limit (a new interval starts from 0). Intervals not sent keep their limits."""
    merged = {limit["interval"]: copy.deepcopy(limit) for limit in current}
    for limit in sent:
        kept = merged.get(limit["interval"])
        if method == INCREMENT and kept is not None:
            kept["value"]["amount"] += limit["value"]["amount"]
        else:
            merged[limit["interval"]] = copy.deepcopy(limit)
    return list(merged.values())


def interval_start(interval: str, now_ms: int) -> int:
    """The start (epoch ms, UTC) of the calendar interval holding `now_ms`; ALWAYS starts at 0."""
    now = datetime.fromtimestamp(now_ms / 1000, tz=UTC)
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if interval == "DAILY":
        start = day
    elif interval == "WEEKLY":
        start = day.fromordinal(day.toordinal() - day.weekday()).replace(tzinfo=UTC)
    elif interval == "MONTHLY":
        start = day.replace(day=1)
    elif interval == "QUARTERLY":
        start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    elif interval == "YEARLY":
        start = day.replace(month=1, day=1)
    else:
        return 0
    return int(start.timestamp() * 1000)


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


@handles("managedCardSpendRulesGet")
def spend_rules_get(call):
    rules = spend_rules_backend(call.world)
    card = rules.owned_card(_owner(call), call.path_params["id"])
    return rules.answer(card.id)


@handles("managedCardSpendRulesCreate")
def spend_rules_create(call):
    rules = spend_rules_backend(call.world)
    card = rules.owned_card(_owner(call), call.path_params["id"])
    rules.create(card.id, call.body)


@handles("managedCardSpendRulesUpdate")
def spend_rules_update(call):
    rules = spend_rules_backend(call.world)
    card = rules.owned_card(_owner(call), call.path_params["id"])
    rules.update(card.id, call.body)


@handles("managedCardSpendRulesDelete")
def spend_rules_delete(call):
    rules = spend_rules_backend(call.world)
    card = rules.owned_card(_owner(call), call.path_params["id"])
    rules.delete(card.id)
