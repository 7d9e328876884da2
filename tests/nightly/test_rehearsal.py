"""The nightly path, rehearsed: the whole suite in sandbox mode, -n 2, against an emulator a stranger started.

Every scenario not @emulator_only passes, with only the sandbox user's variables and no control plane
(the emulator's control key is never given to the suite). The run's time, calls and identities are
written to reports/nightly/rehearsal.md (and .json): the figures README gives for a nightly run; its checks
per area, documented and assumed, to reports/nightly/assumptions-sandbox-mode.md.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from .stranger import ROOT, StrangerEmulator, calls_and_identities, run_suite

SKIP_REASON = "needs the emulator's control plane (clock, faults); the live sandbox has none"


def _out() -> Path:
    return Path(os.environ.get("WEAVR_REPORTS_DIR") or ROOT / "reports") / "nightly"


def test_the_suite_in_sandbox_mode_passes_against_an_emulator_a_stranger_started(tmp_path):
    emulator = StrangerEmulator(tmp_path)
    try:
        # The emulator is not rate limited: the budget (tests/support/test_call_budget.py) would only slow this down.
        run, seconds = run_suite(emulator, tmp_path / "reports", ["features", "-n", "2", "-q", "-rfs"],
                                 {"WEAVR_CALLS_PER_MINUTE": "off"})
    finally:
        emulator.stop()
    tail = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, tail
    passed = int(re.search(r"(\d+) passed", run.stdout).group(1))
    skipped = re.findall(r"^SKIPPED \[(\d+)\] [^:]+:\d+: (.*)$", run.stdout, re.MULTILINE)
    assert {reason for _, reason in skipped} <= {SKIP_REASON}, f"skipped for another reason: {skipped}"
    assert "0 documented failures, 0 assumed divergences" in run.stdout, tail
    figures = {"seconds": round(seconds, 1), "load": os.getloadavg()[0], "passed": passed,
               "skippedEmulatorOnly": sum(int(n) for n, _ in skipped), **calls_and_identities(tmp_path / "reports")}
    assert passed > 400 and figures["identities"] > 0 and figures["calls"] > 1000, figures
    _out().mkdir(parents=True, exist_ok=True)
    (_out() / "rehearsal.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    (_out() / "rehearsal.md").write_text(
        f"The suite in sandbox mode (-n 2) against a stranger's emulator: {figures['passed']} passed, "
        f"{figures['skippedEmulatorOnly']} @emulator_only skipped, in {figures['seconds']} s (load "
        f"{figures['load']:.1f}); {figures['calls']} calls, {figures['identities']} identities, "
        f"{figures['authorisedUsers']} authorised users.\n", encoding="utf-8")
    # The sandbox-mode run's checks per area, documented and assumed (support/grounding.py).
    (_out() / "assumptions-sandbox-mode.md").write_text((tmp_path / "reports" / "assumptions.md").read_text(),
                                                         encoding="utf-8")
    print((_out() / "rehearsal.md").read_text())
