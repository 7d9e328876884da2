"""Managed cards: the backend holding every card, its lifecycle rules (create, update, block, unblock,
remove, expire, renew) and what other areas ask of a card.

A prepaid card holds its own money: it opens its own ledger instrument at creation. A debit card holds
none: it spends from its parent managed account (`ledger_instrument`). Balances are read from the ledger,
never kept here. Physical-card rules are in managed_cards_physical.py; handlers in
managed_cards_handlers.py.
"""
from __future__ import annotations

import secrets

from schemas import load_contract

from ...errors import bad_request, conflict, forbidden, not_found
from ...registry import backend
from ...services import Owner
from ...validation import invalid_fields
from .managed_cards_model import (
    ACTIVE,
    BLOCKED,
    DEBIT_MODE,
    DESTROYED,
    EXPIRED,
    INSTRUMENT_TYPE,
    LOST,
    MODES,
    PREPAID_MODE,
    USER,
    ManagedCard,
    new_card_number,
    new_token,
)

# The description's discriminator on `mode` (dropped by the extracted contract): each mode's own schema.
_MODE_SCHEMAS = {mode: {"$ref": f"urn:weavr-suite:multi:components#/$defs/{name}"}
                 for mode, name in ((PREPAID_MODE, "PrepaidModeCardRequest"), (DEBIT_MODE, "DebitModeCardRequest"))}
# Which programme profile serves each mode.
_MODE_PROFILES = {PREPAID_MODE: "managedCards", DEBIT_MODE: "managedCardsDebit"}
_ACCOUNTS = "managed_accounts"


def _state_event(card: ManagedCard, event_type: str, now: str) -> dict:
    return {"id": {"type": INSTRUMENT_TYPE, "id": card.id}, "timestamp": now, "eventType": event_type,
            "state": card.state_answer(), "cardType": card.type, "renewalType": card.renewal_type}


@backend("managed_cards")
class ManagedCardsBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, ManagedCard] = {}
        world.instruments.register(INSTRUMENT_TYPE, self)

    # -- what other areas ask ----------------------------------------------------------------
    def owner_of(self, card_id: str) -> Owner | None:
        card = self.by_id.get(str(card_id))
        return card.owner if card else None

    def state_of(self, card_id: str) -> str:
        return self.by_id[str(card_id)].state

    def card(self, card_id: str) -> ManagedCard | None:
        """The record itself (secrets included), for areas that need the card's details."""
        return self.by_id.get(str(card_id))

    def card_by_number(self, card_number: str) -> ManagedCard | None:
        """The card with this number (spaces ignored), for the Simulator's purchase by card details."""
        wanted = str(card_number).replace(" ", "")
        return next((card for card in self.by_id.values() if card.card_number == wanted), None)

    def mode_of(self, card_id: str) -> str:
        return self.by_id[str(card_id)].mode

    def ledger_instrument(self, card_id: str) -> tuple:
        """Where the card's money is: its own instrument (prepaid), or its parent account's (debit)."""
        card = self.by_id[str(card_id)]
        if card.mode == DEBIT_MODE:
            return (_ACCOUNTS, card.parent_managed_account_id)
        return card.instrument

    def set_state(self, card_id: str, state: str, reason: str | None = None) -> None:
        """Move a card to ACTIVE, BLOCKED (reason: blockedReason) or DESTROYED (reason: destroyedReason).
        A destroyed card stays destroyed: asking otherwise is a bug in the caller."""
        card = self.by_id[str(card_id)]
        if card.state == DESTROYED:
            raise ValueError(f"card {card.id} is destroyed; it cannot become {state}")
        before = card.state
        card.state = state
        card.blocked_reason = reason if state == BLOCKED else None
        card.destroyed_reason = reason if state == DESTROYED else None
        event_type = {BLOCKED: "BLOCKED", DESTROYED: "DESTROYED"}.get(state)
        if event_type is None:
            event_type = "UNBLOCKED" if before == BLOCKED else "ACTIVATED"
        self.announce(card, event_type)

    def announce(self, card: ManagedCard, event_type: str) -> None:
        """The state change webhook, also for changes that leave `state` as it was (a physical activation)."""
        self.world.outbox.emit("managed_cards_state_change_watch",
                               _state_event(card, event_type, self.world.outbox.published()))

    # -- create ------------------------------------------------------------------------------
    def create(self, owner: Owner, request: dict, user_id: str | None = None) -> ManagedCard:
        world = self.world
        mode = request["mode"]
        if mode not in MODES:
            raise bad_request([{"fieldName": "mode", "error": "IN", "params": list(MODES)}])
        problems = invalid_fields(load_contract("multi").validate(_MODE_SCHEMAS[mode], request))
        if problems:
            raise bad_request(problems)
        profiles = world.programme["profiles"]
        profile_id = request["profileId"]
        if profile_id != profiles.get(_MODE_PROFILES[mode]):
            card_profiles = {profiles.get(name) for name in _MODE_PROFILES.values()} - {None}
            raise conflict("PROFILE_TYPE_MISMATCH" if profile_id in card_profiles else "PROFILE_NOT_FOUND")
        if mode == PREPAID_MODE:
            currency = request["currency"]
            if currency not in world.programme["currencies"]:
                raise conflict("CURRENCY_NOT_SUPPORTED_BY_PROFILE")
        if not world.identities.is_due_diligence_approved(owner):
            raise conflict("OWNER_IDENTITY_NOT_VERIFIED")
        parent = None
        if mode == DEBIT_MODE:
            parent = (_ACCOUNTS, str(request["parentManagedAccountId"]))
            if world.instruments.owner_of(parent) != owner:
                raise conflict("PARENT_MANAGED_ACCOUNT_NOT_FOUND")
            if world.instruments.state(parent) != ACTIVE:
                raise conflict("PARENT_MANAGED_ACCOUNT_NOT_ACTIVE")
            currency = world.instruments.currency(parent)
        wallets = request.get("digitalWallets") or {}
        if wallets.get("walletsEnabled"):
            raise conflict("WALLETS_NOT_ENABLED")
        if wallets.get("pushProvisioningEnabled"):
            raise conflict("PUSHPROVISIONING_NOT_ENABLED")
        assigned = request.get("userId")
        if assigned is not None and str(assigned) not in world.identities.users_of(owner):
            raise conflict("LINKED_USER_NOT_FOUND")
        number = new_card_number()
        card = ManagedCard(
            id=world.ids.next(), owner=owner, profile_id=profile_id, mode=mode, currency=currency,
            friendly_name=request["friendlyName"], name_on_card=request["nameOnCard"],
            billing_address=request["billingAddress"], creation_timestamp=world.now_ms(),
            card_number=number, cvv=f"{secrets.randbelow(1000):03d}",
            card_number_token=new_token(16), cvv_token=new_token(3), external_handle=secrets.token_hex(8),
            parent_managed_account_id=parent[1] if parent else None, tag=request.get("tag"),
            name_on_card_line2=request.get("nameOnCardLine2"),
            cardholder_mobile_number=request.get("cardholderMobileNumber"),
            digital_wallets={"walletsEnabled": False, "pushProvisioningEnabled": False,
                             **({"artworkReference": wallets["artworkReference"]}
                                if "artworkReference" in wallets else {})},
            auth_forwarding_default_timeout_decision=request.get("authForwardingDefaultTimeoutDecision"),
            three_d_secure_auth_config=request.get("threeDSecureAuthConfig"),
            external_data=request.get("externalData"), renewal_type=request.get("renewalType", "NO_RENEW"),
            user_id=str(assigned) if assigned is not None else None, user_currency=request.get("userCurrency"))
        self.by_id[card.id] = card
        if mode == PREPAID_MODE:
            world.instruments.open(card.instrument, currency)
        return card

    # -- reading -----------------------------------------------------------------------------
    def owned(self, owner: Owner, card_id) -> ManagedCard:
        """The owner's card; another identity's card is as unknown as a missing one."""
        card = self.by_id.get(str(card_id))
        if card is None or card.owner != owner:
            raise not_found("Managed card not found")
        return card

    def answer(self, card: ManagedCard) -> dict:
        answer = card.answer()
        if card.mode == PREPAID_MODE:
            balance = self.world.instruments.balance(card.instrument)
            answer["balances"] = {"availableBalance": balance.available, "actualBalance": balance.actual}
        else:
            answer["availableToSpend"] = self._available_to_spend(card)
        return answer

    def _available_to_spend(self, card: ManagedCard) -> list:
        # Spend limits belong to the spend rules area; without it (or without limits) there is nothing to show.
        spend_rules = self.world.backends.get("spend_rules")
        if spend_rules is None:
            return []
        return spend_rules.available_to_spend(card.id)

    def of_owner(self, owner: Owner) -> list[dict]:
        """The owner's cards as answered, oldest first."""
        return [self.answer(c) for c in self.by_id.values() if c.owner == owner]

    # -- lifecycle ---------------------------------------------------------------------------
    def update(self, card: ManagedCard, request: dict) -> ManagedCard:
        if card.state == DESTROYED:
            raise conflict("INSTRUMENT_DESTROYED")
        physical_only = {"deliveryAddress", "deliveryMethod", "bulkDelivery", "activationCode", "productReference",
                         "carrierType"}
        if card.physical is None and physical_only & set(request):
            raise conflict("INSTRUMENT_NOT_PHYSICAL")
        wallets = request.get("digitalWallets") or {}
        if wallets.get("walletsEnabled"):
            raise conflict("WALLETS_NOT_ENABLED")
        if wallets.get("pushProvisioningEnabled"):
            raise conflict("PUSHPROVISIONING_NOT_ENABLED")
        assigned = request.get("userId")
        if assigned is not None and str(assigned) not in self.world.identities.users_of(card.owner):
            raise conflict("LINKED_USER_NOT_FOUND")
        if assigned is not None:
            card.user_id = str(assigned)
        simple = {"tag": "tag", "friendlyName": "friendly_name", "nameOnCard": "name_on_card",
                  "nameOnCardLine2": "name_on_card_line2", "cardholderMobileNumber": "cardholder_mobile_number",
                  "billingAddress": "billing_address",
                  "authForwardingDefaultTimeoutDecision": "auth_forwarding_default_timeout_decision",
                  "threeDSecureAuthConfig": "three_d_secure_auth_config", "externalData": "external_data",
                  "renewalType": "renewal_type"}
        renewal_before = card.renewal_type
        for field_name, attribute in simple.items():
            if field_name in request:
                setattr(card, attribute, request[field_name])
        if card.renewal_type != renewal_before:
            # A state change event by the description; its eventType has no word for a renewal change, so it
            # repeats where the card stands (choices/webhooks.md).
            self.announce(card, "BLOCKED" if card.state == BLOCKED else "ACTIVATED")
        if "artworkReference" in wallets:
            card.digital_wallets = {**card.digital_wallets, "artworkReference": wallets["artworkReference"]}
        if card.physical is not None:
            physical = card.physical
            for field_name, attribute in (("deliveryAddress", "delivery_address"),
                                          ("deliveryMethod", "delivery_method"), ("bulkDelivery", "bulk_delivery"),
                                          ("activationCode", "activation_code"),
                                          ("productReference", "product_reference"),
                                          ("carrierType", "carrier_type")):
                if field_name in request:
                    setattr(physical, attribute, request[field_name])
        return card

    def block(self, card: ManagedCard) -> None:
        if card.state == DESTROYED:
            raise conflict("INSTRUMENT_DESTROYED")
        # A lost card is also blocked: which code it answers is a variation entry.
        refused = self.world.variation.first_conflict("card_block_lost", {
            "INSTRUMENT_MARKED_LOST_STOLEN": card.state == BLOCKED and card.blocked_reason == LOST,
            "INSTRUMENT_ALREADY_BLOCKED": card.state == BLOCKED})
        if refused:
            raise conflict(refused)
        self.set_state(card.id, BLOCKED, USER)

    def unblock(self, card: ManagedCard) -> None:
        """Only a card the user blocked; a lost card waits for its replacement, and what the system
        blocked (SYSTEM, SINGLE_SPEND) is not the user's to undo."""
        if card.state == DESTROYED:
            raise conflict("INSTRUMENT_DESTROYED")
        if card.state != BLOCKED:
            raise conflict("INSTRUMENT_NOT_BLOCKED")
        if card.blocked_reason == LOST:
            raise conflict("INSTRUMENT_MARKED_LOST_STOLEN")
        if card.blocked_reason != USER:
            raise forbidden("INSUFFICIENT_PERMISSIONS")
        self.set_state(card.id, ACTIVE)

    def remove(self, card: ManagedCard) -> None:
        if card.state == DESTROYED:
            raise conflict("INSTRUMENT_ALREADY_REMOVED")
        if card.mode == PREPAID_MODE:
            balance = self.world.instruments.balance(card.instrument)
            # Money still held for a pending purchase is money on the card too.
            if balance.actual != 0 or balance.available != 0:
                raise conflict("BALANCE_NOT_ZERO")
        self.set_state(card.id, DESTROYED, USER)

    def expire(self, card: ManagedCard) -> None:
        if card.state == DESTROYED:
            raise conflict("INSTRUMENT_DESTROYED")
        self.set_state(card.id, DESTROYED, EXPIRED)
        self._expiry_event(card, "CARD_EXPIRED")

    def about_to_expire(self, card: ManagedCard) -> None:
        self._expiry_event(card, "CARD_ABOUT_TO_EXPIRE")

    def renew(self, card: ManagedCard) -> None:
        if card.state == DESTROYED:
            raise conflict("INSTRUMENT_DESTROYED")
        if card.blocked_reason == LOST:
            raise conflict("INSTRUMENT_MARKED_LOST_STOLEN")
        if card.renewal_type != "RENEW":
            raise conflict("INSTRUMENT_NOT_RENEWABLE")
        now = self.world.now_ms()
        card.renewal_timestamp = now
        card.expiry_months_from = now
        self._expiry_event(card, "CARD_RENEWED")

    def _expiry_event(self, card: ManagedCard, event_type: str) -> None:
        payload = {"id": {"type": INSTRUMENT_TYPE, "id": card.id}, "eventType": event_type,
                   "state": card.state_answer(), "cardType": card.type, "expiryMmyy": card.expiry_mmyy,
                   "renewalType": card.renewal_type}
        if card.renewal_timestamp is not None:
            payload["renewalTimestamp"] = str(card.renewal_timestamp)
        self.world.outbox.emit("managed_cards_expiries_watch", payload)

    def dump(self) -> dict:
        # Secrets stay out of the state dump, as passwords do.
        hidden = {"card_number", "cvv", "physical"}
        return {"managedCards": [{k: v for k, v in vars(c).items() if k not in hidden} | {"owner": c.owner.answer()}
                                 for c in self.by_id.values()]}


def managed_cards_backend(world) -> ManagedCardsBackend:
    return world.area("managed_cards")
