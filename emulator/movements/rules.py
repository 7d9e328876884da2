"""Running one money movement between two instruments (a transfer, a send): one ledger posting of two
entries, and the movement's state by the outcome.

Refused at once (`refuse`, when it is created): a 409 and no movement is kept. Refused when it runs later
(scheduled, or after its challenge): the movement is FAILED and nothing moved.
"""
from __future__ import annotations

from ..errors import ApiError, conflict
from ..ledger import LedgerRefusal

COMPLETED, FAILED = "COMPLETED", "FAILED"
# A ledger refusal in the words of the transfer and send 409 enums.
LEDGER_CODES = {"BALANCE_LIMIT_EXCEEDED": "DESTINATION_LIMIT_EXCEEDED"}


def execute(world, movement, source, destination, transaction: tuple, refuse: bool) -> None:
    """`source()` and `destination()` resolve the usable ledger keys (raising ApiError when not usable);
    `movement` has `amount`, `state` and `execution_timestamp`."""
    try:
        world.instruments.transfer(source(), destination(), movement.amount, transaction)
    except ApiError:
        if refuse:
            raise
        movement.state = FAILED
    except LedgerRefusal as refused:
        if refuse:
            raise conflict(LEDGER_CODES.get(refused.code, refused.code)) from None
        movement.state = FAILED
    else:
        movement.state = COMPLETED
    movement.execution_timestamp = world.now_ms()
