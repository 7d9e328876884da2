"""How long the money state machine runs: `ci` (the default, inside `make test`, well under a minute) or
`soak` (HYPOTHESIS_PROFILE=soak, minutes), and `planted`, for the tests that prove it fails on a broken
emulator. Kept as settings objects here rather than registered globally, so selecting one never changes the
Hypothesis settings of the other tests (the judge's Schemathesis runs)."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
# No explain phase: it re-runs the failing sequence many times over HTTP to say which lines it reached,
# which the printed, shrunk sequence already shows.
PHASES = (Phase.generate, Phase.target, Phase.shrink)

PROFILES = {
    # One bug shrunk per run: each example costs real HTTP calls, and shrinking two doubles the wait.
    # Derandomized: the same 25 sequences every run, so `make test` never turns red by luck or by load.
    "ci": settings(max_examples=25, stateful_step_count=15, deadline=None, database=None, print_blob=True,
                   derandomize=True, report_multiple_bugs=False, phases=PHASES, suppress_health_check=QUIET),
    "soak": settings(max_examples=400, stateful_step_count=50, deadline=None, database=None, print_blob=True,
                     phases=PHASES, suppress_health_check=QUIET),
    # Enough examples to meet a planted breakage surely, short sequences so that shrinking them is quick.
    # Derandomized: the same sequences every run, so the proof neither flakes nor depends on luck.
    "planted": settings(max_examples=150, stateful_step_count=8, deadline=None, database=None, print_blob=True,
                        derandomize=True,
                        report_multiple_bugs=False, phases=PHASES, suppress_health_check=QUIET),
}


def chosen(default: str = "ci") -> settings:
    name = os.environ.get("HYPOTHESIS_PROFILE", default) if default == "ci" else default
    if name not in PROFILES:
        raise ValueError(f"HYPOTHESIS_PROFILE={name!r}: choose one of {', '.join(PROFILES)}")
    return PROFILES[name]
