"""How far the judge's calls get: per operation, how many judged calls it made and how many a 2xx answered.

A judge whose calls all end in 404 judges only the refusals; this table shows which operations it reaches.
Each process (an xdist worker, or the one pytest process) writes its counts under reports/judge/reach/, named
by the run's id, and merges every file of the same run into reports/judge/reach.md: the last worker to finish
writes the whole table. Files of earlier runs are removed on the way.
"""
from __future__ import annotations

import fcntl
import json
from collections import Counter
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[2] / "reports" / "judge"
TABLE = REPORTS / "reach.md"

cases: Counter = Counter()  # the cases each judged test drew, sent or not (a refusal test sends only invalid ones)
calls: Counter = Counter()
successes: Counter = Counter()
excuses: Counter = Counter()  # how many failures each findings.py entry excused in this process


def excused(entry) -> None:
    excuses[f"{entry.operation} | {entry.check} | {entry.status}"] += 1


def drawn(test: str) -> None:
    cases[test] += 1


def record(label: str, status: int) -> None:
    calls[label] += 1
    if 200 <= status < 300:
        successes[label] += 1


def write(run_id: str, worker: str) -> Path | None:
    """Adds this process's counts to the run's table; nothing to write when this process judged nothing."""
    if not calls:
        return None
    parts = REPORTS / "reach"
    parts.mkdir(parents=True, exist_ok=True)
    with open(REPORTS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in parts.glob("*.json"):
            if not stale.name.startswith(f"{run_id}-"):
                stale.unlink(missing_ok=True)
        (parts / f"{run_id}-{worker}.json").write_text(json.dumps({"calls": calls, "successes": successes,
                                                                   "excuses": excuses, "cases": cases}))
        total_calls, total_successes, total_excuses, total_cases = Counter(), Counter(), Counter(), Counter()
        for part in parts.glob(f"{run_id}-*.json"):
            counts = json.loads(part.read_text())
            total_calls.update(counts["calls"])
            total_successes.update(counts["successes"])
            total_excuses.update(counts.get("excuses", {}))
            total_cases.update(counts.get("cases", {}))
        TABLE.write_text(table(total_calls, total_successes, total_excuses, total_cases))
    return TABLE


def table(total_calls: Counter, total_successes: Counter, total_excuses: Counter | None = None,
          total_cases: Counter | None = None) -> str:
    reached = sum(1 for label in total_calls if total_successes[label])
    drawn_by = total_cases or Counter()
    lines = ["# How far the judge's calls get", "",
             f"{sum(drawn_by.values())} cases drawn ("
             + ", ".join(f"{test}: {count}" for test, count in sorted(drawn_by.items())) + ").", "",
             f"{reached} of {len(total_calls)} judged operations had at least one call answered with a 2xx; "
             f"{sum(total_successes.values())} of {sum(total_calls.values())} calls were.", "",
             "| operation | judged calls | 2xx |", "|---|---:|---:|"]
    lines += [f"| {label} | {total_calls[label]} | {total_successes[label]} |" for label in sorted(total_calls)]
    lines += ["", "## Failures excused by tests/judge/findings.py", "", "| operation | check | status | failures |",
              "|---|---|---:|---:|"]
    lines += [f"| {key} | {count} |" for key, count in sorted((total_excuses or {}).items())]
    return "\n".join(lines) + "\n"
