"""Other answers a real sandbox could give where the description leaves the answer open, chosen per seed.

`python -m emulator --vary SEED` builds one `Variation` and the app hands it to every request (`current()`),
so each area asks it at the one spot where it makes a choice. Seed 0 (the default) is the emulator's own
choice everywhere, exactly as without the flag; any other seed takes, for every entry of `ENTRIES`, another
answer the description allows (so every seed varies every entry; seeds differ in which alternative). What
varies and what stays documented: emulator/choices/variation.md.

Every entry is one named attribute decided once, from its own random stream (seed and entry name), so adding
an entry never moves another's choice.
"""
from __future__ import annotations

import contextvars
import copy
import random
import secrets
import uuid
from dataclasses import dataclass

# The entries, each with the choices note that states the emulator's default (relative to emulator/choices/).
ENTRIES = {
    "list_order": "../areas/transfers/choices.md#reading-and-listing",
    "id_format": "../README.md#choices-where-the-description-is-silent",
    "token_format": "../areas/auth/choices.md",
    "timestamps": "../README.md#choices-where-the-description-is-silent",
    "optional_fields": "../README.md#choices-where-the-description-is-silent",
    "error_words": "../README.md#choices-where-the-description-is-silent",
    "conflict_order": "../areas/transfers/choices.md#creating-a-transfer-post-transfers",
    "fee_amounts": "../areas/identities/choices.md#custom-fees",
    "bank_details": "../areas/managed_accounts/choices.md#iban-post-then-get-managed_accountsidiban",
}

# Lists whose order without `sortOrder` the description states (statements: ASC by default; card payment
# events: DESC by default): never varied.
DOCUMENTED_ORDER = frozenset({"managedAccountStatement", "managedCardStatement", "cardPaymentEventsGet"})

# The error word per JSON Schema keyword, by default, and the other words of the description's list
# (SyntaxError.invalidFields[].error: REQUIRED, HAS_TEXT, REQUIRES, SIZE, RANGE, IN, NOT_IN, REGEX, EXACTLY,
# AT_LEAST, AT_MOST, ALL_OR_NONE) a validator could plausibly use for the same failure.
WORD_ALTERNATIVES = {
    "required": ("HAS_TEXT",),
    "minLength": ("AT_LEAST",), "maxLength": ("AT_MOST",), "minItems": ("AT_LEAST",), "maxItems": ("AT_MOST",),
    "minimum": ("AT_LEAST",), "maximum": ("AT_MOST",), "exclusiveMinimum": ("AT_LEAST",),
    "exclusiveMaximum": ("AT_MOST",),
}

# Places where several documented 409 codes apply to one request; the default order first.
CONFLICT_SITES = {
    "transfer_amount_and_currency": ("AMOUNT_INVALID", "CURRENCY_MISMATCH"),
    "card_block_lost": ("INSTRUMENT_MARKED_LOST_STOLEN", "INSTRUMENT_ALREADY_BLOCKED"),
}

# Optional answer fields a sandbox may leave out: the emulator answers them of its own accord (the client
# never sets them), the schema does not require them and the description does not say when they are set.
# Dropped only where the answer still validates without them. Not candidates: a field the client sets
# (`authForwardingDefaultTimeoutDecision`, `tag`...), and those whose description says what they hold once a
# state is reached: `executionTimestamp` ("at which the transaction was executed, transitioning to a final
# state"), `renewalTimestamp` ("when the card will be renewed"), `cancellationReason` ("the reason the
# scheduled transaction was cancelled"), `challengeExemptionReason` ("the reason the transaction was exempted").
OPTIONAL_CANDIDATES = ("lastUpdatedTimestamp", "sourceFee", "destinationFee", "isInstant", "paymentNetwork",
                       "authorisationCategory")

DEFAULT_BANK = {"beneficiaryBank": "Weavr Sandbox Bank",
                "beneficiaryBankAddress": "1 Sandbox Street, Valletta VLT 1010, Malta",
                "paymentReferencePrefix": "WEAVR-"}
OTHER_BANKS = (
    {"beneficiaryBank": "Paynetics AD", "beneficiaryBankAddress": "76A James Bourchier Blvd, Sofia 1407, Bulgaria",
     "paymentReferencePrefix": "PN"},
    {"beneficiaryBank": "Modulr FS Limited", "beneficiaryBankAddress": "Scale Space, 58 Wood Lane, London W12 7RZ",
     "paymentReferencePrefix": "REF "},
    {"beneficiaryBank": "Sandbox Settlement Bank", "beneficiaryBankAddress": "Triq il-Kbira, Qormi QRM 1010, Malta",
     "paymentReferencePrefix": ""},
)


class SeedError(ValueError):
    pass


def parse_seed(text: str, source: str = "--vary") -> int:
    """A seed given on the command line or in WEAVR_EMULATOR_VARY: a whole number of 0 or more."""
    try:
        seed = int(str(text).strip())
    except ValueError:
        seed = -1
    if seed < 0 or not str(text).strip().isdigit():
        raise SeedError(f"{source} is {text!r}: give a whole number of 0 or more (0 = no variation)")
    return seed


@dataclass(frozen=True)
class Variation:
    seed: int
    reverse_order: bool            # list_order: lists without a documented default come oldest first
    id_digits: int                 # id_format: digits of a numeric id
    id_step: int                   # id_format: gap between consecutive ids
    token_style: str               # token_format: urlsafe | hex | jwt | uuid
    clock_skew_ms: int             # timestamps: the server's clock against real time
    whole_seconds: bool            # timestamps: epoch milliseconds that are whole seconds
    dropped_fields: frozenset      # optional_fields: left out of answers
    error_words: dict              # error_words: JSON Schema keyword -> word, where it differs
    conflict_firsts: dict          # conflict_order: site -> the code checked first
    fee_factor: float              # fee_amounts: each custom fee amount times this
    bank: dict                     # bank_details: bank name, address, payment reference prefix

    @property
    def varied(self) -> bool:
        return self.seed != 0

    # -- decisions the areas ask for --------------------------------------------------------------
    def descending(self, operation_id: str | None, default: bool) -> bool:
        """The order of a list the request gave no sortOrder for (or that takes none)."""
        if self.reverse_order and operation_id not in DOCUMENTED_ORDER:
            return not default
        return default

    def first_id(self) -> int:
        if self.id_digits == 18 and self.id_step == 1:  # today's ids: a random 15-digit prefix, then a counter
            return random.randint(10**14, 9 * 10**14) * 1000
        low = 10 ** (self.id_digits - 1)
        return random.randint(low, 2 * low)  # room below 10**digits for the counter, and within int64

    def token(self) -> str:
        if self.token_style == "hex":
            return secrets.token_hex(32)
        if self.token_style == "uuid":
            return str(uuid.uuid4())
        if self.token_style == "jwt":
            return "eyJhbGciOiJIUzI1NiJ9." + secrets.token_urlsafe(48) + "." + secrets.token_urlsafe(32)
        return secrets.token_urlsafe(24)

    def error_word(self, keyword: str, default: str) -> str:
        return self.error_words.get(keyword, default)

    def first_conflict(self, site: str, applies: dict) -> str | None:
        """The code a request answers when several of a site's documented 409 codes apply to it."""
        order: tuple[str, ...] = CONFLICT_SITES[site]
        if self.conflict_firsts.get(site, order[0]) != order[0]:
            order = tuple(reversed(order))
        return next((code for code in order if applies.get(code)), None)

    def programme(self, programme: dict) -> dict:
        """The programme as this sandbox would have set it in its portal."""
        if self.fee_factor == 1:
            return programme
        varied = copy.deepcopy(programme)
        for amounts in (varied.get("customFees") or {}).values():
            for currency, amount in amounts.items():
                amounts[currency] = max(1, round(amount * self.fee_factor))
        return varied

    def without_optional(self, body, still_valid) -> object:
        """The answer without the dropped optional fields, where it still validates (`still_valid(body)`)."""
        if not self.dropped_fields or not isinstance(body, (dict, list)):
            return body
        for name in sorted(self.dropped_fields):  # one at a time: a field another schema requires stays alone
            trimmed = _without(body, {name})
            if trimmed != body and still_valid(trimmed):
                body = trimmed
        return body

    def describe(self) -> dict:
        """Each entry's decision for this seed, by entry name (the variation.md table, and the tests)."""
        return {
            "list_order": "oldest first" if self.reverse_order else "as today",
            "id_format": f"{self.id_digits} digits, step {self.id_step}",
            "token_format": self.token_style,
            "timestamps": f"clock {self.clock_skew_ms:+d} ms" + (", whole seconds" if self.whole_seconds else ""),
            "optional_fields": sorted(self.dropped_fields),
            "error_words": dict(sorted(self.error_words.items())),
            "conflict_order": dict(sorted(self.conflict_firsts.items())),
            "fee_amounts": f"x{self.fee_factor}",
            "bank_details": self.bank["beneficiaryBank"],
        }


def _without(value, names):
    if isinstance(value, dict):
        return {k: _without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [_without(v, names) for v in value]
    return value


def for_seed(seed: int) -> Variation:
    if seed == 0:
        return DEFAULT
    stream = lambda entry: random.Random(f"{seed}:{entry}")  # noqa: E731  one stream per entry
    words = stream("error_words")
    # Every seed changes some words; which ones, and which alternative, is the seed's.
    keywords = sorted(WORD_ALTERNATIVES)
    chosen = words.sample(keywords, words.randint(3, len(keywords)))
    if "required" not in chosen and words.random() < 0.5:
        chosen.append("required")
    fields = stream("optional_fields")
    return Variation(
        seed=seed,
        reverse_order=True,
        id_digits=stream("id_digits").choice((13, 16, 19)),
        id_step=stream("id_step").choice((7, 113, 1009)),
        token_style=stream("token_format").choice(("hex", "jwt", "uuid")),
        clock_skew_ms=stream("timestamps").choice((-1, 1)) * stream("skew").randint(1500, 9000),
        whole_seconds=stream("whole_seconds").random() < 0.5,
        dropped_fields=frozenset(fields.sample(OPTIONAL_CANDIDATES, fields.randint(2, 4))),
        error_words={keyword: words.choice(WORD_ALTERNATIVES[keyword]) for keyword in sorted(chosen)},
        conflict_firsts={site: codes[1] for site, codes in CONFLICT_SITES.items()},
        fee_factor=stream("fee_amounts").choice((0.5, 1.5, 2.0, 3.0)),
        bank=stream("bank_details").choice(OTHER_BANKS),
    )


DEFAULT = Variation(seed=0, reverse_order=False, id_digits=18, id_step=1, token_style="urlsafe", clock_skew_ms=0,
                    whole_seconds=False, dropped_fields=frozenset(), error_words={}, conflict_firsts={},
                    fee_factor=1, bank=DEFAULT_BANK)

_CURRENT: contextvars.ContextVar[Variation] = contextvars.ContextVar("variation", default=DEFAULT)


def current() -> Variation:
    """The variation of the emulator answering the request in hand (the app sets it for each request)."""
    return _CURRENT.get()


def use(variation: Variation):
    """Make `variation` current for the request in hand; returns the token to put the previous one back."""
    return _CURRENT.set(variation)


def restore(token) -> None:
    _CURRENT.reset(token)
