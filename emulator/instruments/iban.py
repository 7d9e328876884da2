"""The bank details a managed account gets when it is upgraded with an IBAN: sandbox values of the right
shape for the account's currency, derived from the account id so one account always has the same ones.

EUR: an IBAN and BIC (IBANDetails); GBP: a sort code and account number (Faster Payments / BACS);
USD: an IBAN and SWIFT code (SwiftBankDetails). The IBAN's check digits are real (ISO 13616, mod 97), so a
client validating IBANs accepts it. Choices in emulator/areas/managed_accounts/choices.md.
"""
from __future__ import annotations

from ..variation import current

BIC = "WEAVMTMT"
# Maltese IBAN layout: MT, check digits, 4-letter bank code, 5-digit branch, 18-character account.
COUNTRY, BANK_CODE, BRANCH = "MT", "WEAV", "00001"


def iban_for(account_id: str) -> str:
    account = str(int(account_id) % 10**18).zfill(18)
    bban = f"{BANK_CODE}{BRANCH}{account}"
    return f"{COUNTRY}{_check_digits(COUNTRY, bban)}{bban}"


def is_valid_iban(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _check_digits(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(digits) % 97:02d}"


def bank_details(account_id: str, currency: str, beneficiary: str) -> dict:
    if currency == "GBP":
        number = str(int(account_id) % 10**8).zfill(8)
        rail, details = "FASTER_PAYMENTS", {"sortCode": "040075", "accountNumber": number}
    elif currency == "USD":
        rail, details = "SWIFT", {"iban": iban_for(account_id), "code": BIC}
    else:
        rail, details = "SEPA", {"iban": iban_for(account_id), "bankIdentifierCode": BIC}
    # The bank's name and address and the reference's form are the sandbox's (emulator/variation.py, bank_details).
    bank = current().bank
    # `type` is required by the description but never described: the rail the details serve.
    return {"beneficiaryNameAndSurname": beneficiary, "beneficiaryBank": bank["beneficiaryBank"],
            "beneficiaryBankAddress": bank["beneficiaryBankAddress"], "type": rail, "details": details,
            "paymentReference": f"{bank['paymentReferencePrefix']}{account_id}"}
