"""The one place secrets are removed before anything is attached to a report or logged.

Headers are masked by name; JSON bodies by key, at any depth; and any known
secret value (the configured keys, every token seen) is scrubbed from free text.
A failure message is free text that may quote a body, so it also loses the value
of any secret-named field and bearer token it spells out (see `message`).
"""
from __future__ import annotations

import json
import re
import weakref

MASK = "***"
SECRET_HEADERS = {"api-key", "authorization", "programme-key", "webhooks-key", "cookie", "set-cookie", "x-control-key"}
SECRET_KEYS = {"token", "accesstoken", "password", "oldpassword", "newpassword", "cardnumber", "cvv", "pin",
               "activationcode", "nonce", "verificationcode", "apikey", "programmekey", "webhookskey",
               "authorization"}
_NORMALISE = re.compile(r"[^a-z]")
# `"token": "…"`, `'password': {'value': '…'}`, `token=…` as JSON, a Python repr or a query quotes them.
_QUOTED_FIELD = re.compile(
    r"""(?P<head>(?P<kq>["']?)(?P<key>[A-Za-z_][\w-]*)(?P=kq)\s*[:=]\s*(?:\{\s*(?P<vq>["'])value(?P=vq)\s*:\s*)?)"""
    r"""(?:(?P<q>["'])(?P<quoted>(?:(?!(?P=q)).)*)(?P=q)|(?P<bare>[^\s"'&,}]+))""")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
# Every masker of this process, so a failure report, made outside any fixture, can use them all.
_LIVE: weakref.WeakSet[Masker] = weakref.WeakSet()


class Masker:
    def __init__(self, known_secrets=()):
        self.known = {s for s in known_secrets if s and len(s) >= 6}
        _LIVE.add(self)

    def remember(self, value) -> None:
        """A secret value to scrub wherever it appears later, such as a token just issued."""
        if isinstance(value, str) and len(value) >= 6:
            self.known.add(value)

    def headers(self, headers: dict) -> dict:
        return {k: (MASK if k.lower() in SECRET_HEADERS else self.text(str(v))) for k, v in headers.items()}

    def body(self, value):
        if isinstance(value, dict):
            return {k: (self._mask_value(v) if _is_secret_key(k) else self.body(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.body(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def _mask_value(self, value):
        # A secret object such as {"value": "..."} keeps its shape so a reader sees what was sent.
        if isinstance(value, dict):
            return {k: self._mask_value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._mask_value(v) for v in value]
        return MASK if value not in (None, "") else value

    def text(self, text: str) -> str:
        for secret in sorted(self.known, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def message(self, text: str) -> str:
        """Free text such as a failure message: known secrets, then secret fields and bearer tokens it quotes."""
        text = _BEARER.sub(lambda m: m.group(1) + MASK, self.text(text))
        return _QUOTED_FIELD.sub(_mask_quoted_field, text)

    def json_text(self, value) -> str:
        return json.dumps(self.body(value), indent=2, ensure_ascii=False)


def mask_failure(text: str) -> str:
    """A failure message with every live masker applied; without one, the patterns alone still apply."""
    maskers = list(_LIVE) or [Masker()]
    for masker in maskers:
        text = masker.message(text)
    return text


def _mask_quoted_field(match) -> str:
    if not _is_secret_key(match["key"]):
        return match[0]
    if match["q"]:
        return f'{match["head"]}{match["q"]}{MASK}{match["q"]}'
    return match["head"] + MASK


def _is_secret_key(key: str) -> bool:
    return _NORMALISE.sub("", str(key).lower()) in SECRET_KEYS
