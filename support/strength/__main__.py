"""`python -m support.strength`: the strength run (`make strength`).

1. a baseline run of the suite records which scenario called which operation and what it saw
   (reports/traffic/usage-*.json); `--reuse-traffic` takes the last run's instead;
2. candidate faults are enumerated from it and the contract, and a seeded sample is chosen, stratified
   by area (STRENGTH_MAX_FAULTS; unset or 0: all);
3. each of STRENGTH_WORKERS pytest processes gets its own emulator, claims the next free fault of the
   plan and runs it with the plugin (support/strength/plugin.py), until done or STRENGTH_SECONDS (the
   whole run's wall time, baseline included) pass; a fault re-runs at most STRENGTH_SCENARIOS of the
   scenarios that called its operation, the most focused first (unset or 0: all);
4. while time remains, a fault that survived those, or was not reached by them, gets the rest of its
   scenarios (a second pass), so no survivor or unreached fault is one of the cap alone;
5. reports/strength/strength.json and strength.md, and a page in the Allure results.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from schemas import load_contract
from support.allure_files import write_page_result
from support.emulator_process import EmulatorProcess
from support.traffic import load_usage

from .faults import TOLERABLE, enumerate_faults, select
from .report import build_report, render, write_report

ROOT = Path(__file__).resolve().parents[2]


def _int_env(name: str, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m support.strength", description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-traffic", action="store_true", help="skip the baseline; use reports/traffic")
    parser.add_argument("--features", default="features", help="the scenarios to measure (default: features)")
    parser.add_argument("--reports", default=os.environ.get("WEAVR_REPORTS_DIR") or str(ROOT / "reports"))
    args = parser.parse_args(argv)
    reports = Path(args.reports)
    max_faults = _int_env("STRENGTH_MAX_FAULTS", 0) or None
    seconds = _int_env("STRENGTH_SECONDS", 0) or None
    per_fault = _int_env("STRENGTH_SCENARIOS", 0) or None
    seed = _int_env("STRENGTH_SEED", 1)
    workers = max(1, _int_env("STRENGTH_WORKERS", 2))
    started, started_wall = time.monotonic(), time.time()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_XDIST_WORKER", "WEAVR_BASE_URL")}
    env.update(WEAVR_TARGET="emulator", WEAVR_REPORTS_DIR=str(reports))

    if not args.reuse_traffic:
        print(f"strength: baseline run of {args.features}", flush=True)
        baseline = subprocess.run([sys.executable, "-m", "pytest", args.features, "-q", "-p", "no:randomly",
                                   "-n", str(workers), f"--alluredir={reports / 'allure-results'}"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        if baseline.returncode not in (0, 1):
            print(f"strength: the baseline run could not run (exit {baseline.returncode})", file=sys.stderr)
            return 2
    usage = load_usage(reports / "traffic")
    if not usage["operations"]:
        print("strength: no traffic recorded under reports/traffic; run without --reuse-traffic", file=sys.stderr)
        return 2
    if usage["failed"]:
        print(f"strength: {len(usage['failed'])} scenarios failed in the baseline and are left out", flush=True)
    contracts = {ns: load_contract(ns) for ns in ("multi", "simulator")}
    enumerated = enumerate_faults(contracts, usage)
    chosen = select(enumerated, max_faults, seed)
    _order_scenarios(chosen, usage)
    print(f"strength: {len(enumerated)} faults enumerated, {len(chosen)} chosen, {workers} workers", flush=True)

    deadline = started_wall + seconds if seconds else None
    work = reports / "strength" / "work"
    results = run_workers(first_pass(chosen, per_fault), workers, deadline, work, env, args.features)
    rest = second_pass(chosen, results, per_fault)
    if rest and (deadline is None or time.time() < deadline):
        print(f"strength: {len(rest)} faults survived or unreached by the first {per_fault} scenarios get the rest",
              flush=True)
        results = merge_passes(results, run_workers(rest, workers, deadline, work / "pass2", env, args.features))
    missing = {f["id"] for f in chosen} - {r["id"] for r in results}
    results += [{**{k: v for k, v in f.items() if k != "scenarios"}, "outcome": "not run"}
                for f in chosen if f["id"] in missing]
    facts = {"seed": seed, "maxFaults": max_faults, "seconds": seconds, "scenariosPerFault": per_fault,
             "workers": workers,
             "wallSeconds": round(time.monotonic() - started, 1)}
    report = build_report(enumerated, sorted(results, key=lambda r: r["id"]), facts)
    data, table = write_report(report, reports / "strength")
    s = report["summary"]
    write_page_result(reports / "allure-results", "Suite strength (a report page, not a test)", "strength",
                      f"kill score {s['score']}%: {s['killed']} killed, {s['survived']} survived, "
                      f"{s['unreached']} unreached", render(report), report)
    print(f"strength: {s['killed']} killed, {s['survived']} survived, {s['unreached']} unreached, "
          f"{s['not_run']} not run; score {s['score']}% in {facts['wallSeconds']} s: {table}")
    return 0


def _order_scenarios(faults: list[dict], usage: dict) -> None:
    """Focused scenarios first: one that calls few operations is likelier to check the faulted answer,
    and a fault stops at its first kill."""
    breadth: dict[str, int] = {}
    for entry in usage["operations"].values():
        for scenario in entry["scenarios"]:
            breadth[scenario] = breadth.get(scenario, 0) + 1
    for fault in faults:
        fault["scenariosCalling"] = len(fault["scenarios"])
        fault["scenarios"] = sorted(fault["scenarios"], key=lambda s: (breadth.get(s, 0), s))


def first_pass(faults: list[dict], per_fault: int | None) -> list[dict]:
    """At most `per_fault` scenarios each: a fault on an operation every scenario calls (corporateCreate)
    would otherwise re-run the whole suite before any other fault got its turn."""
    return [{**fault, "scenarios": fault["scenarios"][:per_fault]} for fault in faults]


def second_pass(faults: list[dict], results: list[dict], per_fault: int | None) -> list[dict]:
    """The faults that survived, or were not reached by, their first `per_fault` scenarios while more
    call the operation, with those others."""
    if not per_fault:
        return []
    open_ = {r["id"] for r in results if r["outcome"] in ("survived", "unreached")
             and r["scenariosRun"] < r["scenariosCalling"]}
    return [{**fault, "scenarios": fault["scenarios"][per_fault:]} for fault in faults
            if fault["id"] in open_ and fault["kind"] not in TOLERABLE]


def merge_passes(first: list[dict], second: list[dict]) -> list[dict]:
    """A second pass adds to the first: a kill there kills the fault; a fault applied in either pass and
    never noticed survived; the scenarios of both passes are counted. A second pass cut short by the time
    limit adds nothing."""
    later = {r["id"]: r for r in second}
    merged = []
    for result in first:
        extra = later.get(result["id"])
        if extra is None or extra["outcome"] == "not run":
            merged.append(result)
            continue
        ran = result["scenariosRun"] + extra.get("scenariosRun", 0)
        if extra["outcome"] == "killed":
            merged.append({**extra, "scenariosRun": ran})
        elif result["outcome"] == "survived" or extra["outcome"] == "unreached":
            merged.append({**result, "scenariosRun": ran})
        else:
            merged.append({**extra, "scenariosRun": ran})
    return merged


def run_workers(faults: list[dict], workers: int, deadline, work: Path, env: dict, features: str) -> list[dict]:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    # One plan for all, in the order select() dealt it (areas in turn); each worker claims the next free
    # fault (plugin.claim). The deadline is checked between scenarios, so no fault runs on past it.
    plan, claims = work / "plan.json", work / "claims"
    claims.mkdir()
    plan.write_text(json.dumps({"faults": faults}), encoding="utf-8")
    running = []
    for index in range(workers):
        folder = work / f"w{index}"
        folder.mkdir()
        results = folder / "results.json"
        emulator = EmulatorProcess(folder / "logs")
        base_url = emulator.start()
        worker_env = {**env, "WEAVR_BASE_URL": base_url, "WEAVR_REPORTS_DIR": str(folder),
                      "STRENGTH_PLAN": str(plan), "STRENGTH_RESULTS": str(results), "STRENGTH_CLAIMS": str(claims),
                      "STRENGTH_DEADLINE": str(deadline or "")}
        # No Allure results: thousands of re-run scenarios would write (and a next run delete) tens of
        # thousands of files that nobody reads; the strength report is the result.
        command = [sys.executable, "-m", "pytest", features, "-q", "-p", "support.strength.plugin",
                   "-p", "no:randomly", "-p", "no:xdist", "-p", "no:allure_pytest_bdd",
                   "-o", "addopts=--strict-markers -p no:cacheprovider"]
        log = open(folder / "pytest.log", "w", encoding="utf-8")
        running.append((subprocess.Popen(command, cwd=ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT),
                        emulator, log, results))
    collected = []
    for process, emulator, log, results in running:
        process.wait()
        emulator.stop()
        log.close()
        if results.exists():
            collected += json.loads(results.read_text(encoding="utf-8"))
    return collected


if __name__ == "__main__":
    sys.exit(main())
