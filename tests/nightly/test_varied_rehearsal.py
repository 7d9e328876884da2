"""The nightly run against an emulator that answers otherwise where the description is silent (--vary SEED).

A sandbox may order lists, word validation errors, price fees... otherwise than our emulator does; the
nightly run must then stay green on what the description documents and list the rest as assumptions that
differ. One seed runs in make test (WEAVR_REHEARSAL_VARY, default 1); `make rehearse-varied SEEDS="1 2 3"`
runs the others. Seed 0 would be the plain emulator, which test_rehearsal.py covers.
"""
from __future__ import annotations

import json
import os
import re

from .stranger import StrangerEmulator, run_suite

SEED = int(os.environ.get("WEAVR_REHEARSAL_VARY") or 1)


def test_a_varied_emulator_gives_no_documented_failure_and_lists_what_differs(tmp_path):
    emulator = StrangerEmulator(tmp_path, vary=SEED)
    try:
        run, seconds = run_suite(emulator, tmp_path / "reports", ["features", "-n", "2", "-q", "-rf"],
                                 {"WEAVR_CALLS_PER_MINUTE": "off"})
    finally:
        emulator.stop()
    tail = run.stdout[-6000:] + run.stderr[-2000:]
    summary = json.loads((tmp_path / "reports" / "assumptions.json").read_text(encoding="utf-8"))
    assert summary["documentedFailures"] == 0 and run.returncode == 0, tail
    # The variation is noticed, and only as assumptions (one list per choice the target does not share).
    assert summary["assumedDivergences"] > 0, f"seed {SEED} varied nothing the suite checks: {tail}"
    differed = sorted({d["choice"] for d in summary["divergences"]})
    passed = int(re.search(r"(\d+) passed", run.stdout).group(1))
    assert passed > 400, tail
    print(f"--vary {SEED}: {passed} passed in {seconds:.0f} s, {summary['assumedDivergences']} assumed "
          f"divergences on {differed}")
