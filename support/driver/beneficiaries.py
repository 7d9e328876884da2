"""Payees (beneficiaries): a batch of them created, its challenge, and the payees a batch made."""
from __future__ import annotations

from typing import Any

from .api import Api

BANK_CODE = "DEUTDEFF"


def instrument_payee(instrument: dict, full_name: str = "Suite Payee") -> dict:
    return {"trustLevel": "TRUSTED", "beneficiaryInformation": {"fullName": full_name},
            "beneficiaryDetails": {"instrument": instrument}}


def bank_payee(iban: str, full_name: str = "Suite Payee") -> dict:
    return {"trustLevel": "TRUSTED", "beneficiaryInformation": {"fullName": full_name},
            "beneficiaryDetails": {"bankAccountDetails": {"iban": iban, "bankIdentifierCode": BANK_CODE}}}


def create_batch(api: Api, token: str | None, payees: list[dict], tag: str | None = None) -> Any:
    """Its id is the answer's `operationBatchId.batchId`."""
    return api.multi("POST", "/beneficiaries", {"beneficiaries": payees, **({"tag": tag} if tag else {})}, token=token)


def challenge_batch(api: Api, token: str | None, batch_id: str) -> Any:
    return api.multi("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS", token=token)


def verify_batch(api: Api, token: str | None, batch_id: str, code: str | None = None) -> Any:
    return api.multi("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS/verify",
                     {"verificationCode": api.code if code is None else code}, token=token)


def of_batch(api: Api, token: str | None, batch_id: str) -> Any:
    return api.multi("GET", "/beneficiaries", token=token, query={"batchId": batch_id})
