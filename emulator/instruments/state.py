"""An instrument's state as accounts and cards answer it (`InstrumentState` in the description): the
state, with the reason only where it has one."""
from __future__ import annotations

ACTIVE, BLOCKED, DESTROYED = "ACTIVE", "BLOCKED", "DESTROYED"


def state_answer(state: str, blocked_reason: str | None, destroyed_reason: str | None) -> dict:
    answer = {"state": state}
    if state == BLOCKED and blocked_reason:
        answer["blockedReason"] = blocked_reason
    if state == DESTROYED and destroyed_reason:
        answer["destroyedReason"] = destroyed_reason
    return answer
