"""Transfers between two instruments of one identity: make one (at once or scheduled), cancel scheduled ones."""
from __future__ import annotations

from typing import Any

from .api import Api, extra_headers, money

KIND = "transfers"


def transfer_body(api: Api, source: dict, destination: dict, amount: int, currency: str = "EUR",
                  **extra: Any) -> dict:
    """`source` and `destination` are instruments as the API names them (`api.instrument`)."""
    body = {"profileId": api.profile("transfers"), "source": source, "destination": destination,
            "destinationAmount": money(amount, currency)}
    body.update(extra)
    return body


def create(api: Api, token: str | None, body: dict, idempotency_ref: str | None = None,
           headers: dict | None = None) -> Any:
    return api.multi("POST", f"/{KIND}", body, token=token, **extra_headers(idempotency_ref, headers))


def cancel(api: Api, token: str | None, transfer_ids: list[str], reason: str | None = None) -> Any:
    items = [{"id": i, **({"cancellationReason": reason} if reason else {})} for i in transfer_ids]
    return api.multi("POST", f"/{KIND}/bulk/cancel", {"cancellations": items}, token=token)

