"""A pytest plugin that runs faults instead of the run's tests: `-p support.strength.plugin`.

For each fault of its share of the plan (STRENGTH_PLAN, a JSON file) it plants the fault through the
emulator's control plane (WEAVR_BASE_URL), re-runs the scenarios that called the faulted operation in
the baseline, one by one, and stops at the first that fails while the fault was applied: killed. None
failed and the fault was applied: survived. Never applied: unreached. Results go to STRENGTH_RESULTS
after each fault, so a run cut short still leaves what it measured. Scenarios make their own identities,
so no reset is needed between faults; the fault is cleared after each.

Latency and throttle faults (faults.TOLERABLE) are the client's to absorb. One stops at the first
scenario that ran with it applied: **killed** when that scenario failed, or when a throttled call was
never retried; **tolerated** when it passed and the retry came no sooner than Retry-After (latency:
when it passed); **survived** when it passed but the retry came too soon (the client ignored
Retry-After and got away with it). Tolerated faults are counted apart, never in the kill score.

The time limit (STRENGTH_DEADLINE) is checked before each scenario: a fault it cuts short before any
scenario failed is "not run", never survived.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
import requests
from _pytest.runner import runtestprotocol

from support.emulator_process import control_headers

from .faults import TOLERABLE, control_spec

PLAN, RESULTS, DEADLINE, CLAIMS = "STRENGTH_PLAN", "STRENGTH_RESULTS", "STRENGTH_DEADLINE", "STRENGTH_CLAIMS"
CONTROL_KEY = "WEAVR_EMULATOR_CONTROL_KEY"


def claim(folder: str | None, index: int) -> bool:
    """Workers sharing one plan take faults as they come free: the first to create a fault's claim file
    runs it, so a worker held up by slow faults never leaves the others idle. No folder: run them all."""
    if not folder:
        return True
    try:
        os.close(os.open(os.path.join(folder, str(index)), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


class ControlPlane:
    def __init__(self, base_url: str, control_key: str | None = None):
        self.url = base_url.rstrip("/") + "/_emulator/faults"
        self.http = requests.Session()
        # An emulator bound beyond loopback guards its control plane with a key (emulator/control.py).
        self.http.headers.update(control_headers(control_key))

    def plant(self, spec: dict) -> str:
        answer = self.http.post(self.url, json=spec, timeout=10)
        answer.raise_for_status()
        return answer.json()["id"]

    def view(self, fault_id: str) -> dict:
        answer = self.http.get(self.url, timeout=10)
        answer.raise_for_status()
        return next((f for f in answer.json()["faults"] if f["id"] == fault_id), {"applied": 0})

    def applied(self, fault_id: str) -> int:
        return self.view(fault_id)["applied"]

    def clear(self) -> None:
        self.http.delete(self.url, timeout=10).raise_for_status()


def run_fault(fault: dict, items: dict, control: ControlPlane, deadline: float = float("inf")) -> dict:
    control.clear()
    planted = control.plant(control_spec(fault))
    outcome, killer, reason, ran, noise, view = None, None, None, 0, [], {}
    try:
        for nodeid in fault["scenarios"]:
            item = items.get(nodeid)
            if item is None:
                continue
            if time.time() > deadline:
                outcome = "not run"
                break
            # nextitem=None tears down every fixture: the next scenario starts as a fresh one would.
            reports = runtestprotocol(item, log=False, nextitem=None)
            ran += 1
            failed = [r for r in reports if r.failed]
            view = control.view(planted)
            if failed and view["applied"]:
                outcome, killer, reason = "killed", nodeid, _first_line(failed[0])
                break
            if failed:
                noise.append(nodeid)  # failed with the fault never applied: not the fault's doing
            elif fault["kind"] in TOLERABLE and view["applied"]:
                outcome, killer, reason = _absorbed(fault, view, nodeid)
                break
        view = control.view(planted)
    finally:
        control.clear()
    if outcome is None:
        outcome = "survived" if view["applied"] else "unreached"
    return {**{k: v for k, v in fault.items() if k != "scenarios"}, "outcome": outcome,
            "applied": view["applied"], "scenariosRun": ran,
            "scenariosCalling": fault.get("scenariosCalling", len(fault["scenarios"])),
            "killedBy": killer, "reason": reason, "failedUnapplied": noise}


def _absorbed(fault: dict, view: dict, nodeid: str) -> tuple:
    """A scenario passed with a latency or throttle fault applied: did the client do it right?"""
    if fault["kind"] == "latency":
        return "tolerated", None, f"{nodeid} passed with each answer {fault['delayMs']} ms late"
    retried = view.get("retriedAfter")
    if retried is None:
        return "killed", nodeid, f"answered {fault['status']} and the client never called again"
    if retried + 0.05 < fault["retryAfter"]:  # clocks of two processes: a little slack
        return "survived", None, f"retried after {retried} s, before Retry-After {fault['retryAfter']} s"
    return "tolerated", None, f"{nodeid} passed; retried after {retried} s (Retry-After {fault['retryAfter']} s)"


def _first_line(report) -> str:
    text = str(report.longrepr or "")
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("E ")]
    return (lines[0][2:].strip() if lines else text.strip().splitlines()[-1] if text.strip() else "")[:300]


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    if session.config.option.collectonly:
        return True
    plan = json.loads(Path(os.environ[PLAN]).read_text(encoding="utf-8"))
    results_path = Path(os.environ[RESULTS])
    deadline = float(os.environ.get(DEADLINE) or "inf")
    items = {item.nodeid: item for item in session.items}
    control = ControlPlane(os.environ["WEAVR_BASE_URL"], os.environ.get(CONTROL_KEY) or None)
    results = []
    for index, fault in enumerate(plan["faults"]):
        if not claim(os.environ.get(CLAIMS), index):
            continue
        if time.time() > deadline:
            result = {**{k: v for k, v in fault.items() if k != "scenarios"}, "outcome": "not run"}
        else:
            started = time.monotonic()
            result = run_fault(fault, items, control, deadline)
            result["seconds"] = round(time.monotonic() - started, 3)
        results.append(result)
        results_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if not results:
        results_path.write_text("[]\n", encoding="utf-8")
    return True
