"""What sends and outgoing wire transfers read from a request and write into an answer alike: the scheduled
time asked for, the fields an answer carries only when they have a value, and the low-value exemption from SCA."""
from __future__ import annotations

from ..errors import conflict

# A timestamp in milliseconds longer than this is past any int64 the description allows.
MAX_TIMESTAMP_DIGITS = 19
# The low-value exemption: at most 10.00 in the currency's minor units (areas/sends/choices.md: PSD2 allows up to
# 30.00, a programme may set less; 10.00 keeps the description's examples of 20.00 challenged).
LOW_VALUE_LIMIT = 1000


def instrument_ref(value: dict) -> dict:
    """An instrument as a request names it, `{type, id}` with the id a string (a transfer's or send's source)."""
    return {"type": value["type"], "id": str(value["id"])}


def scheduled_time(request: dict, now: int) -> int | None:
    """The `scheduledTimestamp` asked for, as a number; one in the past (or now) is a 409, as the enums say."""
    scheduled = request.get("scheduledTimestamp")
    if scheduled is None:
        return None
    if len(scheduled) > MAX_TIMESTAMP_DIGITS or int(scheduled) <= now:
        raise conflict("SCHEDULED_TIMESTAMP_INVALID")
    return int(scheduled)


def with_present(answer: dict, fields: dict) -> dict:
    """`answer` with each of `fields` that has a value: the description leaves an unset field out, never null."""
    answer.update((key, value) for key, value in fields.items() if value is not None)
    return answer


def as_text(value) -> str | None:
    """A timestamp or an id as the answers carry it (a string), None staying None."""
    return None if value is None else str(value)


def exemption_for(exemption: str | None, amount: int) -> str | None:
    """Why the movement skips SCA: the reason it already has (a trusted beneficiary), else LOW_VALUE for a low
    amount; None when it must be challenged."""
    if exemption is None and amount <= LOW_VALUE_LIMIT:
        return "LOW_VALUE"
    return exemption
