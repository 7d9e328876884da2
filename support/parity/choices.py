"""Which of the emulator's written choices (its areas' choices.md, emulator/choices/*.md) a divergence contradicts.

By field first (an error word, a token, a time, the bank details), then by the operation's area (its first
tag in the contract); the emulator's README holds the choices common to every area. Read as text paths only:
the suite never imports the emulator.
"""
from __future__ import annotations

import re

from support.grounding import choice_path

README = "emulator/README.md#choices-where-the-description-is-silent"

# (pointer pattern, the choice it rests on), tried in order.
BY_FIELD = (
    (re.compile(r"^/syntaxErrors/"), README),
    (re.compile(r"(^|/)token$"), choice_path("auth.md")),
    (re.compile(r"Timestamp$|/timestamp$"), README),
    (re.compile(r"beneficiaryBank|paymentReference|bankAccountDetails"),
     choice_path("managed_accounts.md#iban-post-then-get-managed_accountsidiban")),
    (re.compile(r"^/errorCode$"), None),  # the area's file: which code comes first is its choice
)

# The contract's first tag of an operation -> its area's choices file.
BY_TAG = {
    "Corporates": "identities.md", "Consumers": "identities.md", "Customer Data & Due Diligence": "identities.md",
    "Fees": "identities.md#custom-fees", "Authorised Signatories": "identities.md",
    "Sign-in": "auth.md", "Access Tokens": "auth.md", "Authentication Factors": "auth.md",
    "Step-up Challenges": "auth.md", "Setup": "auth.md",
    "Manage": "users.md", "Roles": "users.md",
    "Managed Accounts": "managed_accounts.md", "Accounts": "managed_accounts.md",
    "Managed Cards": "managed_cards.md", "Cards": "managed_cards.md", "Spend Controls": "managed_cards.md",
    "Card Payments": "managed_cards.md",
    "Transfers": "transfers.md", "Transaction Activity": "transfers.md#transaction-activity-get-transactions",
    "Sends": "sends.md", "Confirmation Challenges": "confirmations.md", "Trusted Payees": "beneficiaries.md",
    "Outgoing Wire Transfers": "wire_transfers.md", "Incoming Wire Transfers": "wire_transfers.md",
    "Wiretransfers": "wire_transfers.md",
    "Correspondent Bank Transfers": "wire_transfers.md", "Linked Accounts": "linked_accounts.md",
    "Operations": "bulks.md", "Factors": "auth.md", "Corporates ": "identities.md",
}
# Operations whose choices live in another file than their tag says.
BY_OPERATION = {"corporateChargeFee": "identities.md#custom-fees", "consumerChargeFee": "identities.md#custom-fees",
                "feesGet": "identities.md#custom-fees"}


def choice_for(operation_id: str, tag: str, pointer: str) -> str:
    """The choices file (and section) a divergence at `pointer` of `operation_id` contradicts."""
    for pattern, choice in BY_FIELD:
        if pattern.search(pointer) and choice:
            return choice
    if operation_id in BY_OPERATION:
        return choice_path(BY_OPERATION[operation_id])
    if tag in BY_TAG:
        return choice_path(BY_TAG[tag])
    return README
