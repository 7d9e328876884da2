"""Hand-built HTTP responses for testing the contract check without a server."""
from __future__ import annotations

import json as jsonlib

import requests


def response(status: int, body=None, *, content_type: str | None = "application/json", headers: dict | None = None,
             raw: bytes | None = None) -> requests.Response:
    answer = requests.Response()
    answer.status_code = status
    answer._content = raw if raw is not None else (jsonlib.dumps(body).encode() if body is not None else b"")
    answer.headers.update({"request-ref": "ref-1", **(headers or {})})
    if content_type and answer._content:
        answer.headers["content-type"] = content_type
    answer.encoding = "utf-8"
    return answer
