"""The strength runner's bookkeeping: which faults are enumerated, how a run is judged, what the report says."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from schemas import load_contract
from support.emulator_process import EmulatorProcess
from support.strength import plugin
from support.strength.__main__ import first_pass, merge_passes, second_pass
from support.strength.faults import enumerate_faults, select
from support.strength.report import build_report, render
from support.traffic import TrafficRecorder

from .. import HANG_GUARD_SECONDS

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = "tests/support/strength_synthetic/synthetic_scenarios.py"
CONTRACTS = {ns: load_contract(ns) for ns in ("multi", "simulator")}


def usage(**operations):
    entry = {"scenarios": ["a", "b"], "statuses": [200], "errorCodes": [], "answered": [], "echoed": []}
    return {"operations": {f"multi:{op}": {**entry, **fields} for op, fields in operations.items()},
            "scenarios": ["a", "b"], "failed": ["b"]}


def test_each_answered_field_is_dropped_and_changed_and_a_state_change_can_be_left_undone():
    faults = enumerate_faults(CONTRACTS, usage(
        corporateCreate={"answered": ["/rootUser/name"], "echoed": ["/rootUser/name"]},
        corporateGet={"answered": ["/rootUser/name", "/creationTimestamp"], "echoed": ["/rootUser/name"]}))
    ids = {f["id"] for f in faults}
    assert {"corporateGet: /rootUser/name dropped", "corporateGet: /rootUser/name changed",
            "corporateGet: /creationTimestamp changed", "corporateCreate: state change not made"} <= ids
    assert not any(f["operationId"] == "corporateGet" and f["kind"] == "state" for f in faults), "a GET changes nothing"
    sent = {f["id"]: f["sentField"] for f in faults}
    assert sent["corporateGet: /rootUser/name changed"] is True, "it echoes what the scenario sent"
    assert sent["corporateGet: /creationTimestamp changed"] is False
    assert all(f["scenarios"] == ["a"] for f in faults), "a scenario that failed in the baseline proves nothing"


def test_a_field_counts_as_sent_only_when_a_request_held_the_same_value_at_the_same_pointer():
    recorder = TrafficRecorder()
    recorder.scenario = "s1"
    recorder.record("multi", "corporateCreate", 200,
                    sent={"rootUser": {"name": "Ann", "surname": "Lee"}, "company": {"name": "Acme"},
                          "tags": [{"label": "x"}, {"label": "y"}]},
                    body={"id": "7", "rootUser": {"name": "Ann"}})
    recorder.record("multi", "corporateGet", 200, body={
        "rootUser": {"name": "Ann", "surname": "Leeds"}, "company": {"name": "Acme"}, "name": "Ann",
        "tags": [{"label": "y"}], "label": "x"})
    recorder.scenario = "s2"  # sent nothing yet: what s1 sent does not count for s2
    recorder.record("multi", "managedAccountGet", 200, body={"rootUser": {"name": "Ann"}})
    echoed = {key: entry["echoed"] for key, entry in recorder.usage.items()}
    assert echoed["multi:corporateCreate"] == {"/rootUser/name"}, "the create's own answer echoes it too"
    assert echoed["multi:corporateGet"] == {"/rootUser/name", "/company/name", "/tags/0/label"}, (
        "same pointer (list indexes aside) and same value; /name and /label hold sent values elsewhere, "
        "/rootUser/surname a different value")
    assert echoed["multi:managedAccountGet"] == set()


def test_latency_and_throttle_faults_are_enumerated_for_each_operation_answered_with_success():
    faults = enumerate_faults(CONTRACTS, usage(corporateGet={"answered": ["/id"]},
                                               consumerCreate={"statuses": [409]}))
    ids = {f["id"] for f in faults}
    assert {"corporateGet: answers 500 ms late", "corporateGet: 429 with Retry-After 1 s once",
            "corporateGet: 503 with Retry-After 1 s once"} <= ids
    assert not any(f["operationId"] == "consumerCreate" and f["kind"] in ("latency", "throttle") for f in faults)


def test_statuses_become_another_declared_status_and_codes_another_code_but_not_before_the_handler():
    faults = enumerate_faults(CONTRACTS, usage(corporateCreate={
        "statuses": [200, 400, 401, 409], "errorCodes": ["409:ROOT_EMAIL_NOT_UNIQUE"]}))
    ids = {f["id"] for f in faults}
    assert "corporateCreate: 200 answered as 409" in ids
    assert "corporateCreate: 409 ROOT_EMAIL_NOT_UNIQUE answered with another error code" in ids
    assert not any(f.get("fromStatus") in (400, 401) for f in faults)


def test_a_seeded_selection_is_repeatable_and_no_budget_takes_all():
    faults = enumerate_faults(CONTRACTS, usage(corporateGet={"answered": [f"/f{n}" for n in range(30)]}))
    assert select(faults, 10, seed=3) == select(faults, 10, seed=3)
    assert select(faults, 10, seed=3) != select(faults, 10, seed=4)
    assert len(select(faults, None, seed=3)) == len(faults)


def test_a_budget_samples_every_area_in_proportion_and_deals_them_out_in_turn():
    faults = [{"id": f"{area}{n}", "area": area} for area, size in (("A", 60), ("B", 30), ("C", 9), ("D", 1))
              for n in range(size)]
    chosen = select(faults, 20, seed=1)
    areas = [f["area"] for f in chosen]
    assert {area: areas.count(area) for area in "ABCD"} == {"A": 12, "B": 6, "C": 1, "D": 1}
    assert areas[:4] == ["A", "B", "C", "D"], "a time limit cutting the plan short has still sampled every area"
    assert len({f["id"] for f in chosen}) == 20


class FakeControl:
    def __init__(self, applied_after: list[int]):
        self.applied_after = list(applied_after)
        self.calls = []

    def clear(self):
        self.calls.append("clear")

    def plant(self, spec):
        self.calls.append(("plant", spec["operationId"]))
        return "f1"

    def view(self, fault_id):
        applied = self.applied_after.pop(0) if len(self.applied_after) > 1 else self.applied_after[0]
        return applied if isinstance(applied, dict) else {"applied": applied}


class Report:
    def __init__(self, failed):
        self.failed = failed
        self.longrepr = "E   AssertionError: surname changed" if failed else None


@pytest.mark.parametrize("failures, applied, outcome, ran", [
    ([False, True, False], [1, 1], "killed", 2),       # stops at the first scenario that fails
    ([False, False], [2], "survived", 2),
    ([False, False], [0], "unreached", 2),
    ([True, False], [0], "unreached", 2),               # a failure without the fault applied is not a kill
])
def test_a_fault_is_killed_survived_or_unreached(monkeypatch, failures, applied, outcome, ran):
    runs = iter(failures)
    monkeypatch.setattr(plugin, "runtestprotocol", lambda item, log, nextitem: [Report(next(runs))])
    fault = {"id": "x", "operationId": "corporateGet", "namespace": "multi", "kind": "drop", "pointer": "/a",
             "area": "Corporates", "scenarios": ["s1", "s2", "s3"][:len(failures)]}
    control = FakeControl(applied)
    result = plugin.run_fault(fault, {s: object() for s in fault["scenarios"]}, control)
    assert (result["outcome"], result["scenariosRun"]) == (outcome, ran)
    assert control.calls[0] == "clear" and control.calls[-1] == "clear", "a fault never outlives its run"
    if outcome == "killed":
        assert result["killedBy"] == "s2" and "surname changed" in result["reason"]


@pytest.mark.parametrize("kind, view, outcome", [
    ("latency", {"applied": 3}, "tolerated"),
    ("throttle", {"applied": 1, "retriedAfter": 1.01}, "tolerated"),   # Retry-After honoured
    ("throttle", {"applied": 1, "retriedAfter": 0.1}, "survived"),     # retried too soon and got away with it
    ("throttle", {"applied": 1}, "killed"),                            # never called again
    ("throttle", {"applied": 0}, "unreached"),
])
def test_latency_and_throttle_passing_is_tolerated_only_when_the_client_did_it_right(monkeypatch, kind, view, outcome):
    monkeypatch.setattr(plugin, "runtestprotocol", lambda item, log, nextitem: [Report(False)])
    fault = {"id": "x", "operationId": "corporateGet", "namespace": "multi", "kind": kind, "delayMs": 500,
             "status": 429, "calls": 1, "retryAfter": 1, "area": "Corporates", "scenarios": ["s1", "s2"]}
    result = plugin.run_fault(fault, {"s1": object(), "s2": object()}, FakeControl([view]))
    assert result["outcome"] == outcome
    assert result["scenariosRun"] == (2 if outcome == "unreached" else 1), "stops at the first scenario it reached"


def test_a_fault_the_time_limit_cuts_short_is_not_run_never_survived(monkeypatch):
    monkeypatch.setattr(plugin, "runtestprotocol", lambda item, log, nextitem: [Report(False)])
    fault = {"id": "x", "operationId": "corporateGet", "namespace": "multi", "kind": "drop", "pointer": "/a",
             "area": "Corporates", "scenarios": ["s1"]}
    result = plugin.run_fault(fault, {"s1": object()}, FakeControl([1]), deadline=0)
    assert (result["outcome"], result["scenariosRun"]) == ("not run", 0)


def test_a_survivor_of_the_first_scenarios_gets_the_rest_and_a_kill_there_kills_it():
    calling = [f"s{n}" for n in range(5)]
    faults = [{"id": f, "kind": kind, "scenarios": calling} for f, kind in
              (("wide", "drop"), ("killed", "drop"), ("slow", "latency"), ("whole", "drop"), ("missed", "drop"))]
    first = first_pass(faults, 2)
    assert [f["scenarios"] for f in first[:2]] == [["s0", "s1"], ["s0", "s1"]]
    results = [{"id": "wide", "outcome": "survived", "scenariosRun": 2, "scenariosCalling": 5},
               {"id": "killed", "outcome": "killed", "scenariosRun": 1, "scenariosCalling": 5},
               {"id": "slow", "outcome": "survived", "scenariosRun": 2, "scenariosCalling": 5},
               {"id": "whole", "outcome": "survived", "scenariosRun": 5, "scenariosCalling": 5},
               {"id": "missed", "outcome": "unreached", "scenariosRun": 2, "scenariosCalling": 5}]
    rest = second_pass(faults, results, 2)
    assert [(f["id"], f["scenarios"]) for f in rest] == [("wide", ["s2", "s3", "s4"]), ("missed", ["s2", "s3", "s4"])], \
        "a fault survived or unreached with scenarios left, never a tolerable kind or one already killed"
    assert second_pass(faults, results, None) == [], "no cap: the first pass ran them all"
    killed_later = merge_passes(results, [{"id": "wide", "outcome": "killed", "scenariosRun": 2,
                                           "scenariosCalling": 5, "killedBy": "s3"}])
    assert (killed_later[0]["outcome"], killed_later[0]["scenariosRun"], killed_later[0]["killedBy"]) == ("killed", 4, "s3")
    still = merge_passes(results, [{"id": "wide", "outcome": "survived", "scenariosRun": 3, "scenariosCalling": 5}])
    assert (still[0]["outcome"], still[0]["scenariosRun"]) == ("survived", 5)
    applied_before = merge_passes(results, [{"id": "wide", "outcome": "unreached", "scenariosRun": 3}])
    assert applied_before[0]["outcome"] == "survived", "applied in the first pass and never noticed"
    reached_later = merge_passes(results, [{"id": "missed", "outcome": "survived", "scenariosRun": 3}])
    assert (reached_later[4]["outcome"], reached_later[4]["scenariosRun"]) == ("survived", 5)
    cut = merge_passes(results, [{"id": "wide", "outcome": "not run"}])
    assert cut[0] == results[0], "a second pass the time limit stopped changes nothing"
    assert merge_passes(results, [])[1:] == results[1:]


def test_the_control_plane_sends_the_control_key_when_one_is_configured():
    assert plugin.ControlPlane("http://x", "k3y").http.headers["x-control-key"] == "k3y"
    assert "x-control-key" not in plugin.ControlPlane("http://x", None).http.headers


def test_each_fault_is_claimed_by_one_worker_only(tmp_path):
    assert plugin.claim(str(tmp_path), 3) is True
    assert plugin.claim(str(tmp_path), 3) is False
    assert plugin.claim(str(tmp_path), 4) is True
    assert plugin.claim(None, 3) is True, "a plan of one's own is run whole"


def test_the_report_scores_reached_faults_only_and_words_the_survivors():
    results = [{"id": f"op: /f{n} changed", "operationId": "op", "area": "A", "sentField": n < 2,
                "outcome": outcome, "scenariosRun": 1, "scenariosCalling": 1, "reason": None}
               for n, outcome in enumerate(["killed", "survived", "killed", "unreached", "not run", "tolerated"])]
    report = build_report(results, results, {"seed": 1, "maxFaults": None, "seconds": None, "workers": 1,
                                             "wallSeconds": 1.0})
    assert report["areas"]["A"]["score"] == round(100 * 2 / 3, 1)
    assert report["areas"]["A"]["sentFieldScore"] == 50.0
    assert report["survivors"] == ["op: /f1 changed, no scenario noticed (1 scenarios ran)"]
    assert "- [ ] op: /f1 changed, no scenario noticed" in render(report)
    assert report["unreached"] and report["summary"]["not_run"] == 1
    assert report["summary"]["tolerated"] == 1 and report["tolerated"], "counted apart, outside the score"


def test_the_plugin_runs_a_synthetic_suite_against_planted_faults(tmp_path, monkeypatch):
    """End to end: killed, survived and unreached, from real scenarios against a real emulator that
    guards its control plane with a key (as one bound beyond loopback must)."""
    monkeypatch.setenv("WEAVR_EMULATOR_CONTROL_KEY", "strength-k3y")
    scenarios = [f"{SYNTHETIC}::test_the_corporate_reads_its_surname_back",
                 f"{SYNTHETIC}::test_the_corporate_is_read_without_looking_closely"]
    base = {"namespace": "multi", "area": "Corporates", "scenarios": scenarios}
    faults = [{**base, "id": "killed", "operationId": "corporateGet", "kind": "drop", "pointer": "/rootUser/surname"},
              {**base, "id": "survived", "operationId": "corporateGet", "kind": "change", "pointer": "/creationTimestamp"},
              {**base, "id": "unreached", "operationId": "managedAccountGet", "kind": "drop", "pointer": "/id"}]
    plan, results = tmp_path / "plan.json", tmp_path / "results.json"
    plan.write_text(json.dumps({"faults": faults}))
    emulator = EmulatorProcess(tmp_path / "logs")
    url = emulator.start()
    try:
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
        env.update(WEAVR_BASE_URL=url, WEAVR_TARGET="emulator", WEAVR_REPORTS_DIR=str(tmp_path / "reports"),
                   STRENGTH_PLAN=str(plan), STRENGTH_RESULTS=str(results))
        run = subprocess.run([sys.executable, "-m", "pytest", SYNTHETIC, "-q", "-p", "support.strength.plugin",
                              "-p", "no:randomly", "-p", "no:xdist", "-p", "no:allure_pytest_bdd",
                              "-o", "addopts=--strict-markers -p no:cacheprovider"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)
    finally:
        emulator.stop()
    assert run.returncode in (0, 5), run.stdout[-2000:] + run.stderr[-2000:]
    outcomes = {r["id"]: r for r in json.loads(results.read_text())}
    assert {k: r["outcome"] for k, r in outcomes.items()} == {"killed": "killed", "survived": "survived",
                                                             "unreached": "unreached"}
    assert outcomes["killed"]["killedBy"] == scenarios[0]
    assert outcomes["survived"]["scenariosRun"] == 2 and outcomes["survived"]["applied"] == 2
