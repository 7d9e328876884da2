"""Sends from an identity's instrument to another identity's instrument or to a payee: make one, cancel it."""
from __future__ import annotations

from typing import Any

from .api import Api, extra_headers, money

KIND = "sends"


def send_body(api: Api, source: dict, destination: dict, amount: int, currency: str = "EUR", **extra: Any) -> dict:
    """`destination` is an instrument, or `{"beneficiaryId": id}` for a payee."""
    return {"profileId": api.profile("sends"), "source": source, "destination": destination,
            "destinationAmount": money(amount, currency), **extra}


def create(api: Api, token: str | None, body: dict, idempotency_ref: str | None = None,
           headers: dict | None = None) -> Any:
    return api.multi("POST", f"/{KIND}", body, token=token, **extra_headers(idempotency_ref, headers))


def cancel(api: Api, token: str | None, send_id: str) -> Any:
    return api.multi("POST", f"/{KIND}/{send_id}/cancel", {}, token=token)
