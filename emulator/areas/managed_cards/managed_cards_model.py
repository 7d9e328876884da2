"""The managed card record and how the API shows it; no rules here (managed_cards.py holds them).

Other areas read a card through the managed cards backend (`card(id)`, `mode_of(id)`,
`ledger_instrument(id)`), never through its dictionary. The card's secrets (number, CVV, PIN,
activation code) live only on the record: the API answers tokens in their place, as Weavr does.
"""
from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime

# BLOCKED and DESTROYED are re-exported: the card modules read every card state from here.
from ...instruments.state import ACTIVE, BLOCKED, DESTROYED, state_answer  # noqa: F401
from ...services import Owner

INSTRUMENT_TYPE = "managed_cards"
PREPAID_MODE = "PREPAID_MODE"
DEBIT_MODE = "DEBIT_MODE"
MODES = (PREPAID_MODE, DEBIT_MODE)

NOT_ENABLED = "NOT_ENABLED"

VIRTUAL = "VIRTUAL"
PHYSICAL = "PHYSICAL"

# Blocked reasons: USER, SYSTEM, LOST, SINGLE_SPEND; destroyed reasons add STOLEN, EXPIRED, COMPROMISED.
USER, SYSTEM, LOST, STOLEN, EXPIRED, SINGLE_SPEND = "USER", "SYSTEM", "LOST", "STOLEN", "EXPIRED", "SINGLE_SPEND"

EXPIRY_PERIOD_MONTHS = 36
_TOKEN_ALPHABET = string.ascii_letters + string.digits


def _luhn_completed(prefix: str) -> str:
    """`prefix` with the check digit that makes it a valid card number."""
    total = 0
    for position, digit in enumerate(reversed(prefix)):
        value = int(digit)
        if position % 2 == 0:  # doubled: they sit at odd positions once the check digit is appended
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return prefix + str((10 - total % 10) % 10)


def new_card_number() -> str:
    """A 16-digit Mastercard number (BIN range 5xxxxx) that passes the Luhn check."""
    return _luhn_completed("5" + "".join(secrets.choice(string.digits) for _ in range(14)))


def new_token(length: int) -> str:
    """A token as Weavr answers in place of a secret; at least one letter, so it never reads as the secret."""
    body = "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(length - 1))
    return secrets.choice(string.ascii_letters) + body


def mmyy(epoch_ms: int, months_later: int = 0) -> str:
    moment = datetime.fromtimestamp(epoch_ms / 1000, tz=UTC)
    month_index = moment.month - 1 + months_later
    return f"{month_index % 12 + 1:02d}{(moment.year + month_index // 12) % 100:02d}"


@dataclass
class Physical:
    """What an upgrade to a physical card adds."""
    delivery_address: dict
    activation_code: str
    pin: str
    pin_token: str  # answered in place of the PIN
    delivery_method: str = "STANDARD_DELIVERY"
    product_reference: str | None = None
    carrier_type: str | None = None
    bulk_delivery: bool = False
    pending_activation: bool = True
    pin_blocked: bool = False
    manufacturing_state: str = "REQUESTED"
    pending_replacement: bool = False

    def answer(self) -> dict:
        answer = {"pendingActivation": self.pending_activation, "pinBlocked": self.pin_blocked,
                  "manufacturingState": self.manufacturing_state, "deliveryAddress": self.delivery_address,
                  "deliveryMethod": self.delivery_method, "bulkDelivery": self.bulk_delivery}
        if self.product_reference is not None:
            answer["productReference"] = self.product_reference
        if self.carrier_type is not None:
            answer["carrierType"] = self.carrier_type
        return answer


@dataclass
class ManagedCard:
    id: str
    owner: Owner
    profile_id: str
    mode: str
    currency: str
    friendly_name: str
    name_on_card: str
    billing_address: dict
    creation_timestamp: int
    card_number: str
    cvv: str
    card_number_token: str
    cvv_token: str
    external_handle: str
    parent_managed_account_id: str | None = None
    state: str = ACTIVE
    blocked_reason: str | None = None
    destroyed_reason: str | None = None
    type: str = VIRTUAL
    physical: Physical | None = None
    tag: str | None = None
    name_on_card_line2: str | None = None
    cardholder_mobile_number: str | None = None
    digital_wallets: dict = field(default_factory=lambda: {"walletsEnabled": False,
                                                           "pushProvisioningEnabled": False})
    auth_forwarding_default_timeout_decision: str | None = None
    three_d_secure_auth_config: dict | None = None
    external_data: list | None = None
    renewal_type: str = "NO_RENEW"
    renewal_timestamp: int | None = None
    user_id: str | None = None
    user_currency: str | None = None
    expiry_months_from: int = 0  # the epoch ms the expiry period counts from (creation, or the last renewal)
    replacement: dict | None = None  # {"id", "reason"}: the card this one replaced
    replaced_by: str | None = None

    @property
    def instrument(self) -> tuple:
        return (INSTRUMENT_TYPE, self.id)

    @property
    def expiry_mmyy(self) -> str:
        return mmyy(self.expiry_months_from or self.creation_timestamp, EXPIRY_PERIOD_MONTHS)

    def state_answer(self) -> dict:
        return state_answer(self.state, self.blocked_reason, self.destroyed_reason)

    def answer(self) -> dict:
        """The card as ManagedCard shows it, without the mode's money fields (the backend adds them)."""
        answer = {
            "id": self.id, "profileId": self.profile_id, "externalHandle": self.external_handle,
            "friendlyName": self.friendly_name, "currency": self.currency, "state": self.state_answer(),
            "type": self.type, "cardBrand": "MASTERCARD",
            "cardNumberFirstSix": self.card_number[:6], "cardNumberLastFour": self.card_number[-4:],
            "nameOnCard": self.name_on_card, "startMmyy": mmyy(self.creation_timestamp),
            "expiryMmyy": self.expiry_mmyy,
            "cardLevelClassification": self.owner.type, "expiryPeriodMonths": EXPIRY_PERIOD_MONTHS,
            "renewalType": self.renewal_type, "creationTimestamp": self.creation_timestamp,
            "billingAddress": self.billing_address, "digitalWallets": self.digital_wallets, "mode": self.mode,
        }
        # A card that is not enabled has no usable number or CVV yet.
        if self.state != NOT_ENABLED:
            answer["cardNumber"] = {"value": self.card_number_token}
            answer["cvv"] = {"value": self.cvv_token}
        optional = {"tag": self.tag, "nameOnCardLine2": self.name_on_card_line2,
                    "cardholderMobileNumber": self.cardholder_mobile_number,
                    "authForwardingDefaultTimeoutDecision": self.auth_forwarding_default_timeout_decision,
                    "threeDSecureAuthConfig": self.three_d_secure_auth_config,
                    "externalData": self.external_data, "userId": self.user_id,
                    "renewalTimestamp": self.renewal_timestamp, "replacement": self.replacement,
                    "parentManagedAccountId": self.parent_managed_account_id, "userCurrency": self.user_currency}
        answer.update({k: v for k, v in optional.items() if v is not None})
        if self.physical is not None:
            answer["physicalCardDetails"] = self.physical.answer()
        return answer
