"""Money amounts as the API reads them."""
from __future__ import annotations

from .errors import invalid_field
from .ledger import INT64_MAX

INT64_MIN = -INT64_MAX - 1


def int64_amount(value, field: str) -> int:
    """The amount as the API's `format: int64` reads it: a whole number written as 1e3 is 1000, one beyond
    int64 (1e308) cannot be read at all, so the request is invalid, as a JSON reader into a long refuses it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not INT64_MIN <= value <= INT64_MAX:
        raise invalid_field(field, "RANGE", [INT64_MIN, INT64_MAX], f"{field} must be an int64")
    return value
