"""A pytest plugin that runs faults instead of the run's tests: `-p support.strength.plugin`.

For each fault of its share of the plan (STRENGTH_PLAN, a JSON file) it plants the fault through the
emulator's control plane (WEAVR_BASE_URL), re-runs the scenarios that called the faulted operation in
the baseline, one by one, and stops at the first that fails while the fault was applied: killed. None
failed and the fault was applied: survived. Never applied: unreached. Results go to STRENGTH_RESULTS
after each fault, so a run cut short still leaves what it measured. Scenarios make their own identities,
so no reset is needed between faults; the fault is cleared after each.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
import requests
from _pytest.runner import runtestprotocol

from .faults import control_spec

PLAN, RESULTS, DEADLINE, CLAIMS = "STRENGTH_PLAN", "STRENGTH_RESULTS", "STRENGTH_DEADLINE", "STRENGTH_CLAIMS"


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
    def __init__(self, base_url: str):
        self.url = base_url.rstrip("/") + "/_emulator/faults"
        self.http = requests.Session()

    def plant(self, spec: dict) -> str:
        answer = self.http.post(self.url, json=spec, timeout=10)
        answer.raise_for_status()
        return answer.json()["id"]

    def applied(self, fault_id: str) -> int:
        answer = self.http.get(self.url, timeout=10)
        answer.raise_for_status()
        return next((f["applied"] for f in answer.json()["faults"] if f["id"] == fault_id), 0)

    def clear(self) -> None:
        self.http.delete(self.url, timeout=10).raise_for_status()


def run_fault(fault: dict, items: dict, control: ControlPlane) -> dict:
    control.clear()
    planted = control.plant(control_spec(fault))
    outcome, killer, reason, ran, noise = None, None, None, 0, []
    try:
        for nodeid in fault["scenarios"]:
            item = items.get(nodeid)
            if item is None:
                continue
            # nextitem=None tears down every fixture: the next scenario starts as a fresh one would.
            reports = runtestprotocol(item, log=False, nextitem=None)
            ran += 1
            failed = [r for r in reports if r.failed]
            if failed and control.applied(planted):
                outcome, killer, reason = "killed", nodeid, _first_line(failed[0])
                break
            if failed:
                noise.append(nodeid)  # failed with the fault never applied: not the fault's doing
        applied = control.applied(planted)
    finally:
        control.clear()
    if outcome is None:
        outcome = "survived" if applied else "unreached"
    return {**{k: v for k, v in fault.items() if k != "scenarios"}, "outcome": outcome, "applied": applied,
            "scenariosRun": ran, "scenariosCalling": len(fault["scenarios"]), "killedBy": killer,
            "reason": reason, "failedUnapplied": noise}


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
    control = ControlPlane(os.environ["WEAVR_BASE_URL"])
    results = []
    for index, fault in enumerate(plan["faults"]):
        if not claim(os.environ.get(CLAIMS), index):
            continue
        if time.time() > deadline:
            result = {**{k: v for k, v in fault.items() if k != "scenarios"}, "outcome": "not run"}
        else:
            started = time.monotonic()
            result = run_fault(fault, items, control)
            result["seconds"] = round(time.monotonic() - started, 3)
        results.append(result)
        results_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if not results:
        results_path.write_text("[]\n", encoding="utf-8")
    return True
