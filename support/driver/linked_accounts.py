"""Linked accounts: an identity declares a bank account of its own; the Simulator verifies or sets its state."""
from __future__ import annotations

from typing import Any

from .api import Api

KIND = "linked_accounts"


def declaration(iban: str, country: str = "MT", name: str = "Ann Lee", currency: str = "EUR", **extra: Any) -> dict:
    return {"name": name, "type": "PERSONAL", "country": country, "currency": currency,
            "accountReference": {"iban": iban}, **extra}


def declare(api: Api, token: str | None, body: dict) -> Any:
    return api.multi("POST", f"/{KIND}", body, token=token)


def act(api: Api, token: str | None, account_id: str, action: str) -> Any:
    """`block`, `unblock` or `remove` the linked account."""
    return api.multi("POST", f"/{KIND}/{account_id}/{action}", token=token)


def simulate_verification(api: Api, account_id: str, result: str = "COMPLETED", **extra: Any) -> Any:
    """The Simulator ends the account's verification: COMPLETED or REJECTED."""
    return api.simulator("POST", f"/{KIND}/{account_id}/verify", {"result": result, **extra})


def simulate_state(api: Api, account_id: str, state: str) -> Any:
    """The Simulator sets the account's state outright (VERIFIED, REJECTED ...)."""
    return api.simulator("POST", f"/{KIND}/{account_id}/set", {"state": state})
