"""Idempotent replays: the first answer to a request carrying an `idempotency-ref` is kept and answered
again to the same request, so money moves once.

The description makes the payload part of the request: the same ref on the same operation with the same
body (and the same caller) is a replay; the same ref with another body is a different request, answered
afresh and kept under its own body. Bodies are compared as JSON values, so key order and spacing do not
make two bodies differ. GETs ignore the header; answers of 500 and above are never kept.
"""
from __future__ import annotations

import copy
import hashlib
import json


class Replays:
    def __init__(self):
        self.answers: dict[tuple, tuple] = {}

    def key(self, operation, headers: dict, token: str | None, raw_body: bytes) -> tuple | None:
        ref = headers.get("idempotency-ref")
        if not ref or operation.method == "GET":
            return None
        return (operation.operation_id, headers.get("api-key"), headers.get("programme-key"), token, ref,
                payload_digest(raw_body))

    def get(self, key: tuple | None) -> tuple | None:
        found = self.answers.get(key) if key else None
        return copy.deepcopy(found) if found else None

    def keep(self, key: tuple | None, status: int, body, headers: dict) -> None:
        # A copy: later changes to the state must not change what is replayed.
        if key and status < 500:
            self.answers[key] = (status, copy.deepcopy(body), dict(headers))


def payload_digest(raw_body: bytes) -> str:
    try:
        canonical = json.dumps(json.loads(raw_body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = raw_body or b""
    return hashlib.sha256(canonical).hexdigest()
