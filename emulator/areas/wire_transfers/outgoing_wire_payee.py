"""Payee verification of an outgoing wire transfer, as the sandbox plays it: the result is chosen by the last
two digits of the beneficiary's IBAN (SEPA: verification of payee) or account number (Faster Payments:
confirmation of payee). The table is the emulator's choice (emulator/areas/wire_transfers/choices.md); other rails have no
scheme and no outcome.

A close match names the account as the bank holds it (`accountName`); renaming the beneficiary to that name
(or accepting it) makes the next check a match.
"""
from __future__ import annotations

# Last two digits -> (SEPA result, UK result, UK reason code). Any other ending is a match.
TABLE = {"00": ("MATCH", "EXACT_MATCH", None), "01": ("CLOSE_MATCH", "CLOSE_MATCH", "MBAM"),
         "02": ("NO_MATCH", "NO_MATCH", "ANNM"), "03": ("NOT_POSSIBLE", "NOT_POSSIBLE", "AC01")}
CATEGORY = {"SEPA": "SEPA_VERIFICATION_OF_PAYEE", "FASTER_PAYMENTS": "UK_CONFIRMATION_OF_PAYEE"}
HELD_NAME_SUFFIX = " Ltd"


def held_name(name: str) -> str:
    """The name a close match reports: the given one as the bank holds it."""
    return name if name.endswith(HELD_NAME_SUFFIX) else name + HELD_NAME_SUFFIX


def verify_payee(rail: str, destination: dict) -> list[dict]:
    category = CATEGORY.get(rail)
    if category is None:
        return []
    details = destination.get("bankAccountDetails", destination)
    number = str(details.get("iban") or details.get("accountNumber") or "")
    name = str(destination.get("name", ""))
    sepa, uk, reason = TABLE.get(number[-2:], TABLE["00"])
    if sepa == "CLOSE_MATCH" and name.endswith(HELD_NAME_SUFFIX):
        # Renamed to the held name: now it matches.
        sepa, uk, reason = TABLE["00"]
    result = {"match": sepa if rail == "SEPA" else uk}
    if rail != "SEPA" and reason is not None:
        result["reasonCode"] = reason
    if sepa == "CLOSE_MATCH":
        result["accountName"] = held_name(name)
    return [{"category": category, "categoryResult": result}]
