"""Physical cards: upgrade a virtual card, activate it, its PIN, replacement when damaged, lost or stolen,
and the contactless limit reset; the rules and the handlers of those nine operations.

An upgraded card is pending activation until the activation code chosen at upgrade (or the programme's
sandbox code) is given back. Report lost blocks the card (reason LOST) and needs no activation; report
stolen destroys it (reason STOLEN) and needs an activated card. Replacing a lost or stolen card issues a
new card and moves the old card's available funds (what pending purchases hold stays behind) on the ledger.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import replace

from ...errors import conflict, not_found
from ...registry import handles
from .managed_cards_handlers import cards_of, owned_card
from .managed_cards_model import (
    ACTIVE,
    BLOCKED,
    DESTROYED,
    LOST,
    NOT_ENABLED,
    PHYSICAL,
    PREPAID_MODE,
    STOLEN,
    ManagedCard,
    Physical,
    new_card_number,
    new_token,
)

WEARABLE = "WEARABLE"  # the carrier type the emulator treats as the wearable form factor
_PIN = re.compile(r"[0-9]{4}")


def _physical(card: ManagedCard) -> Physical:
    if card.physical is None:
        raise conflict("INSTRUMENT_NOT_PHYSICAL")
    return card.physical


def _usable(card: ManagedCard) -> Physical:
    """A physical card that is neither destroyed nor blocked and has been activated."""
    physical = _physical(card)
    _neither_destroyed_nor_blocked(card)
    _activated(physical)
    return physical


def _neither_destroyed_nor_blocked(card: ManagedCard) -> None:
    if card.state == DESTROYED:
        raise conflict("INSTRUMENT_DESTROYED")
    if card.state == BLOCKED:
        raise conflict("INSTRUMENT_BLOCKED")


def _activated(physical: Physical) -> None:
    if physical.pending_activation:
        raise conflict("PHYSICAL_CARD_NOT_ACTIVATED")


def _not_reported_yet(card: ManagedCard) -> None:
    """A card reported stolen (destroyed) or lost (blocked) cannot be reported again, either way."""
    if card.destroyed_reason == STOLEN:
        raise conflict("INSTRUMENT_ALREADY_MARKED_STOLEN")
    if card.state == DESTROYED:
        raise conflict("INSTRUMENT_DESTROYED")
    if card.blocked_reason == LOST:
        raise conflict("INSTRUMENT_ALREADY_MARKED_LOST")


def _event(world, card: ManagedCard, reason: str, replacement: ManagedCard | None = None) -> None:
    payload = {"eventType": "PHYSICAL_REPLACEMENT", "id": {"type": "managed_cards", "id": card.id},
               "replacementReason": reason, "replacementTimestamp": world.outbox.published()}
    if replacement is not None:
        payload["replacementId"] = {"type": "managed_cards", "id": replacement.id}
    world.outbox.emit("managed_cards_replacement_watch", payload)


def _balance_moved(world, new: ManagedCard, amount: int, transaction_id: str) -> None:
    """The card adjustments webhook names this move: LOST_STOLEN_REPLACEMENT_BALANCE_TRANSFER, on the new card."""
    currency = new.currency
    world.outbox.emit("managed_cards_adjustments_watch", {
        "id": {"type": "managed_cards", "id": new.id}, "transactionId": transaction_id,
        "adjustmentType": "LOST_STOLEN_REPLACEMENT_BALANCE_TRANSFER",
        "adjustmentAmount": {"currency": currency, "amount": str(amount)},
        "availableBalance": {"currency": currency, "amount": str(world.instruments.balance(new.instrument).available)},
        "transactionTimestamp": world.outbox.published(), "owner": new.owner.answer()})


def upgrade(cards, card: ManagedCard, request: dict) -> ManagedCard:
    world = cards.world
    _neither_destroyed_nor_blocked(card)
    if card.state == NOT_ENABLED:
        raise conflict("INSTRUMENT_NOT_ENABLED")
    if card.physical is not None:
        raise conflict("INSTRUMENT_ALREADY_UPGRADED_TO_PHYSICAL")
    parent = cards.ledger_instrument(card.id)
    if card.mode != PREPAID_MODE and world.instruments.state(parent) != ACTIVE:
        raise conflict("PARENT_MANAGED_ACCOUNT_BLOCKED")
    pin = (request.get("pin") or {}).get("value")
    if pin is not None and not _PIN.fullmatch(pin):
        raise conflict("PIN_INVALID_FORMAT")
    address = request["deliveryAddress"]
    if request.get("bulkDelivery") and not address.get("contactNumber"):
        raise conflict("CONTACT_NUMBER_NEEDED_FOR_BULK_DELIVERY")
    card.physical = Physical(
        delivery_address=address,
        activation_code=request.get("activationCode") or world.programme["sandboxCodes"]["otp"],
        pin=pin or f"{secrets.randbelow(10000):04d}", pin_token=new_token(16),
        delivery_method=request.get("deliveryMethod", "STANDARD_DELIVERY"),
        product_reference=request.get("productReference"), carrier_type=request.get("carrierType"),
        bulk_delivery=bool(request.get("bulkDelivery", False)))
    if "nameOnCardLine2" in request:
        card.name_on_card_line2 = request["nameOnCardLine2"]
    card.type = PHYSICAL
    world.outbox.emit("managed_cards_physical_cards_upgrade_watch", {
        "id": {"type": "managed_cards", "id": card.id}, "physicalCardDetails": card.physical.answer(),
        "upgradedTimestamp": world.outbox.published()})
    return card


def activate(cards, card: ManagedCard, request: dict) -> ManagedCard:
    physical = _physical(card)
    _neither_destroyed_nor_blocked(card)
    if not physical.pending_activation:
        raise conflict("INSTRUMENT_ALREADY_ACTIVATED")
    if request.get("activationCode") != physical.activation_code:
        raise conflict("ACTIVATION_CODE_INVALID")
    physical.pending_activation = False
    physical.pending_replacement = False
    physical.manufacturing_state = "DELIVERED"
    if card.state == NOT_ENABLED:
        cards.set_state(card.id, ACTIVE)
    else:
        # The description lists "Activate a physical card" among the state change events even when the card
        # was already ACTIVE as a virtual one.
        cards.announce(card, "ACTIVATED")
    return card


def pin(card: ManagedCard) -> dict:
    physical = _usable(card)
    if physical.pin_blocked:
        raise conflict("PIN_TRIES_EXCEEDED")
    # Tokenised, as the description says: the real PIN is shown only through Weavr's secure UI component.
    return {"pin": {"value": physical.pin_token}}


def unblock_pin(card: ManagedCard) -> None:
    _usable(card).pin_blocked = False


def reset_contactless_limit(card: ManagedCard) -> None:
    if _usable(card).carrier_type != WEARABLE:
        raise conflict("PHYSICAL_CARD_TYPE_NOT_SUPPORTED")


def replace_damaged(cards, card: ManagedCard, request: dict) -> None:
    physical = _physical(card)
    if card.state == DESTROYED:
        raise conflict("INSTRUMENT_ALREADY_DESTROYED")
    if card.blocked_reason == LOST:
        raise conflict("INSTRUMENT_MARKED_AS_LOST")
    if physical.pending_replacement:
        raise conflict("INSTRUMENT_ALREADY_PENDING_REPLACEMENT")
    _activated(physical)
    # The same card on new plastic: it waits for the new plastic's activation code.
    physical.pending_replacement = True
    physical.pending_activation = True
    physical.activation_code = request["activationCode"]
    physical.manufacturing_state = "REQUESTED"
    _event(cards.world, card, "DAMAGED")


def report_lost(cards, card: ManagedCard) -> None:
    _physical(card)
    _not_reported_yet(card)
    cards.set_state(card.id, BLOCKED, LOST)


def report_stolen(cards, card: ManagedCard) -> None:
    physical = _physical(card)
    _not_reported_yet(card)
    _activated(physical)
    cards.set_state(card.id, DESTROYED, STOLEN)


def replace_lost_or_stolen(cards, card: ManagedCard, request: dict) -> ManagedCard:
    world = cards.world
    physical = _physical(card)
    if card.replaced_by is not None:
        raise conflict("INSTRUMENT_ALREADY_REPLACED")
    lost = card.state == BLOCKED and card.blocked_reason == LOST
    stolen = card.state == DESTROYED and card.destroyed_reason == STOLEN
    if card.state == DESTROYED and not stolen:
        raise conflict("INSTRUMENT_DESTROYED")
    if not (lost or stolen):
        raise conflict("INSTRUMENT_NOT_MARKED_LOST_OR_STOLEN")
    if card.mode != PREPAID_MODE and world.instruments.state(cards.ledger_instrument(card.id)) != ACTIVE:
        raise conflict("PARENT_MANAGED_ACCOUNT_NOT_ACTIVE")
    # The new card is not enabled (no number or CVV shown) until its plastic is activated.
    new = replace(card, id=world.ids.next(), creation_timestamp=world.now_ms(), card_number=new_card_number(),
                  cvv=f"{secrets.randbelow(1000):03d}", card_number_token=new_token(16), cvv_token=new_token(3),
                  external_handle=secrets.token_hex(8), state=NOT_ENABLED, blocked_reason=None,
                  destroyed_reason=None, renewal_timestamp=None, expiry_months_from=0,
                  replacement={"id": card.id, "reason": "LOST_STOLEN"}, replaced_by=None,
                  physical=replace(physical, activation_code=request["activationCode"], pending_activation=True,
                                   pending_replacement=False, pin_blocked=False, manufacturing_state="REQUESTED",
                                   pin_token=new_token(16)))
    cards.by_id[new.id] = new
    card.replaced_by = new.id
    if lost:
        cards.set_state(card.id, DESTROYED, LOST)
    if new.mode == PREPAID_MODE:
        world.instruments.open(new.instrument, new.currency)
        available = world.instruments.balance(card.instrument).available
        if available > 0:
            transaction_id = world.ids.next()
            world.instruments.transfer(card.instrument, new.instrument, available,
                                       ("system_transactions", transaction_id))
            _balance_moved(world, new, available, transaction_id)
    _event(world, card, "LOST_STOLEN", new)
    return new


# -- handlers --------------------------------------------------------------------------------
@handles("managedCardPhysicalUpgrade")
def physical_upgrade(call):
    cards = cards_of(call)
    return cards.answer(upgrade(cards, owned_card(call), call.body))


@handles("managedCardPhysicalActivate")
def physical_activate(call):
    cards = cards_of(call)
    return cards.answer(activate(cards, owned_card(call), call.body or {}))


@handles("managedCardPhysicalPinGet")
def physical_pin_get(call):
    return pin(owned_card(call))


@handles("managedCardPhysicalPinUnBlock")
def physical_pin_unblock(call):
    unblock_pin(owned_card(call))


@handles("managedCardPhysicalContactlessLimitReset")
def physical_contactless_reset(call):
    reset_contactless_limit(owned_card(call))


@handles("managedCardPhysicalReplaceDamaged")
def physical_replace_damaged(call):
    replace_damaged(cards_of(call), owned_card(call), call.body)


@handles("managedCardPhysicalReportLost")
def physical_report_lost(call):
    report_lost(cards_of(call), owned_card(call))


@handles("managedCardPhysicalReportStolen")
def physical_report_stolen(call):
    report_stolen(cards_of(call), owned_card(call))


@handles("managedCardPhysicalReplaceLostOrStolen")
def physical_replace_lost_or_stolen(call):
    # The description asks for the api-key only (no user token): the programme acts on any of its cards.
    cards = cards_of(call)
    card = cards.card(call.path_params["id"])
    if card is None:
        raise not_found("Managed card not found")
    return cards.answer(replace_lost_or_stolen(cards, card, call.body))
