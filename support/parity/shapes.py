"""The shape of a value that differs on every run (an id, a token, a time): what is compared instead of it."""
from __future__ import annotations

import re

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_HEX = re.compile(r"[0-9a-f]{16,}")
_URLSAFE = re.compile(r"[A-Za-z0-9_-]{16,}")
_DIGITS = re.compile(r"[0-9]+")


def shape(text: str) -> str:
    """A string's shape: `uuid`, `jwt`, `hex`, `base64url` for random tokens, `digits` for a numeric string (an
    id), else the text with each run of digits written `#` (`WEAVR-#`, `MT#WEAV#`)."""
    if _DIGITS.fullmatch(text):
        return "<digits>"
    for name, pattern in (("uuid", _UUID), ("jwt", _JWT), ("hex", _HEX)):
        if pattern.fullmatch(text):
            return f"<{name}>"
    if _URLSAFE.fullmatch(text) and re.search(r"[0-9_-]", text) and re.search(r"[a-z]", text) \
            and re.search(r"[A-Z]", text):
        return "<base64url>"
    return _DIGITS.sub("#", text)


def is_time_key(key) -> bool:
    """A field holding a time (epoch milliseconds): `creationTimestamp`, `timestamp`, `startPeriod`..."""
    name = str(key).lower()
    return "timestamp" in name or name.endswith(("period", "date", "time"))


def is_money_key(key) -> bool:
    """A field holding an amount, compared by value even when written as digits in a string."""
    name = str(key).lower()
    return "amount" in name or "balance" in name
