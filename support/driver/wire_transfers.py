"""Outgoing wire transfers (and correspondent bank transfers): send one from an account, move it on, and let the
Simulator's bank accept or reject it."""
from __future__ import annotations

from typing import Any

from .api import Api, money

KIND = "outgoing_wire_transfers"
CORRESPONDENT = "correspondent_bank_transfers"


def wire_body(api: Api, source: dict, amount: int, currency: str, beneficiary: dict, description: str,
              **extra: Any) -> dict:
    return {"profileId": api.profile("outgoingWireTransfers"), "sourceInstrument": source,
            "transferAmount": money(amount, currency), "description": description,
            "destinationBeneficiary": beneficiary, **extra}


def create(api: Api, token: str | None, body: dict, **transport: Any) -> Any:
    return api.multi("POST", f"/{KIND}", body, token=token, **transport)


def act(api: Api, token: str | None, wire_id: str, action: str, body: Any = None, method: str = "POST") -> Any:
    """A call on the transfer: `/confirm`, `/cancel`, `/challenges/otp/SMS`, or "" with PATCH."""
    return api.multi(method, f"/{KIND}/{wire_id}{action}", body, token=token)


def bank_decides(api: Api, wire_id: str, accept: bool) -> Any:
    """The Simulator's bank accepts or rejects the transfer."""
    return api.simulator("POST", f"/wiretransfers/outgoing/{wire_id}/{'accept' if accept else 'reject'}")


def originator(name: str) -> dict:
    """An individual on whose behalf a correspondent bank transfer is sent."""
    return {"name": name, "address": "2 High Street, Valletta", "country": "MT",
            "bankAccountDetails": {"account": "12345678", "financialInstitution": "WEAVMTMT"}}


def correspondent_body(api: Api, source: dict, amount: int, currency: str, purpose: str, originator: dict,
                       beneficiary: dict, **extra: Any) -> dict:
    return {"profileId": api.profile("outgoingWireTransfers"), "sourceInstrument": source,
            "amount": money(amount, currency), "purpose": purpose, "originator": originator,
            "beneficiary": beneficiary, **extra}


def create_correspondent(api: Api, token: str | None, body: dict) -> Any:
    return api.multi("POST", f"/{CORRESPONDENT}", body, token=token)
