"""Authorisation forwarding: the emulator posts a card authorisation to the programme's forwarding URL
and lets the answer decide, as Weavr does (webhook operation `managed_cards_authorisation_forwarding`).

The URL is the programme's (`authForwardingUrl`, set through `POST /_emulator/forwarding`); the request goes
to `{url}/managed_cards_authorisation_forwarding` with `call-ref`, `published-timestamp`, `signature` (base64
HMAC-SHA256 of published-timestamp) and `signature-v2` (of call-ref + body + published-timestamp), both keyed
by the api-key. The answer decides only when it is a 200 whose `result` is APPROVED or DENIED within
1.5 s; anything else (no answer, an error status, another body) is `None`, and the caller falls back to the
card's `authForwardingDefaultTimeoutDecision`.

Incoming wire transfers (webhook operation `bankTransferInForwarding`) use the same URL, signatures and wait,
posted to `{url}/bank_transfers_in/authorisation_request` with the `request-ref` header that operation declares
(the same reference as `call-ref`, which signature-v2 names); see areas/wire_transfers/choices.md.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

PATH = "/managed_cards_authorisation_forwarding"
INCOMING_WIRE_PATH = "/bank_transfers_in/authorisation_request"
WAIT_SECONDS = 1.5
DECISIONS = ("APPROVED", "DENIED")


@dataclass(frozen=True)
class Outcome:
    decision: str | None  # APPROVED, DENIED, or None when the answer could not decide
    timed_out: bool


def sign(key: str, message: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode(), message, hashlib.sha256).digest()).decode()


def signed_headers(api_key: str, body: bytes, published_ms: int, call_ref: str) -> dict:
    published = str(published_ms)
    return {"content-type": "application/json", "call-ref": call_ref, "published-timestamp": published,
            "signature": sign(api_key, published.encode()),
            "signature-v2": sign(api_key, call_ref.encode() + body + published.encode())}


def forward(url: str, api_key: str, event: dict, published_ms: int, wait: float = WAIT_SECONDS,
            path: str = PATH) -> Outcome:
    body = json.dumps(event, separators=(",", ":")).encode()
    headers = signed_headers(api_key, body, published_ms, secrets.token_hex(8))
    if path != PATH:
        headers["request-ref"] = headers["call-ref"]
    request = urllib.request.Request(url.rstrip("/") + path, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=wait) as answer:
            result = json.loads(answer.read(4096) or b"{}").get("result")
    except TimeoutError:
        return Outcome(None, True)
    except urllib.error.URLError as error:
        return Outcome(None, isinstance(getattr(error, "reason", None), (socket.timeout, TimeoutError)))
    except (OSError, ValueError, AttributeError):
        # A refused connection, an HTTP error status or a body that is no JSON object: no decision.
        return Outcome(None, False)
    return Outcome(result if result in DECISIONS else None, False)
