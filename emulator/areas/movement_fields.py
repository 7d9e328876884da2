"""What sends and outgoing wire transfers read from a request and write into an answer alike: the scheduled
time asked for, and the fields an answer carries only when they have a value."""
from __future__ import annotations

from ..errors import conflict

# A timestamp in milliseconds longer than this is past any int64 the description allows.
MAX_TIMESTAMP_DIGITS = 19


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
