"""How long the money state machine runs: `ci` (the default, inside `make test`, well under a minute) or
`soak` (HYPOTHESIS_PROFILE=soak, minutes). Kept as settings objects here rather than registered globally,
so selecting one never changes the Hypothesis settings of the other tests (the judge's Schemathesis runs)."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILES = {
    # One bug shrunk per run: each example costs real HTTP calls, and shrinking two doubles the wait.
    "ci": settings(max_examples=25, stateful_step_count=15, deadline=None, database=None, print_blob=True,
                   report_multiple_bugs=False,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]),
    "soak": settings(max_examples=400, stateful_step_count=50, deadline=None, database=None, print_blob=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]),
}


def chosen() -> settings:
    name = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    if name not in PROFILES:
        raise ValueError(f"HYPOTHESIS_PROFILE={name!r}: choose one of {', '.join(PROFILES)}")
    return PROFILES[name]
