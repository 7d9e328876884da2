"""Bulk processes: submit many operations of one kind as a bulk, then execute, pause, resume or cancel it."""
from __future__ import annotations

from typing import Any

from .api import Api


def submit(api: Api, token: str | None, path: str, items: list, method: str = "POST") -> Any:
    """Submit the items to a bulk path (`/bulks/transfers`, `/bulks/managed_cards/_id_/block` ...); a 201's
    `bulkId` names the bulk. Each item is `{"pathParams": {...}, "requestBody": {...}}`."""
    return api.multi(method, path, items, token=token)


def manage(api: Api, token: str | None, bulk_id: str, action: str, mode: str | None = None) -> Any:
    """`execute` (optionally in a mode), `pause`, `resume` or `cancel` the bulk."""
    body = ({"mode": mode} if mode else {}) if action == "execute" else None
    return api.multi("POST", f"/bulks/{bulk_id}/{action}", body, token=token)
