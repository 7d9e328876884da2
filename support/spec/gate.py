"""The release gate: the contract diff plus the operations the last suite run never called."""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .diff import compare_operations
from .normalise import Side, op_key
from .rollup import Change, OperationMove, distinct_changes, operation_moves, rollup_changes
from .rules import LEVELS, Finding, at_or_above
from .source import SpecSourceError


@dataclass
class Report:
    old: Side
    new: Side
    findings: list[Finding]
    uncovered: list[dict] | None = None  # None: coverage was not looked at
    coverage_source: str | None = None
    called: int = 0
    fail_on: str | None = None  # None: a plain diff, no verdict
    allow_uncovered: bool = False
    notes: list[str] = field(default_factory=list)
    documented_only: list[dict] = field(default_factory=list)
    _rollup: tuple | None = field(default=None, repr=False)

    def counts(self) -> dict:
        found = Counter(f.level for f in self.findings)
        return {level: found.get(level, 0) for level in LEVELS}

    def distinct_counts(self) -> dict:
        found = Counter(change.level for change in distinct_changes(self.findings))
        return {level: found.get(level, 0) for level in LEVELS}

    def rollup(self) -> tuple[list[OperationMove], list[Change]]:
        """Removed and moved operations, then every other distinct change (see rollup.py)."""
        if self._rollup is None:
            moves = operation_moves(self.old, self.new, self.findings,
                                    lambda before, after: compare_operations(self.old, self.new, before, after))
            self._rollup = (moves, rollup_changes(self.findings, moves))
        return self._rollup

    def operation_counts(self) -> dict:
        rules = Counter(f.rule for f in self.findings)
        return {"added": rules["api-added"],
                "removed": rules["api-removed"] + rules["deprecated-api-removed"],
                "deprecated": rules["api-deprecated"]}

    def blocking(self) -> list[Finding]:
        if self.fail_on in (None, "never"):
            return []
        return [f for f in self.findings if at_or_above(f.level, self.fail_on)]

    @property
    def gated(self) -> bool:
        return self.fail_on is not None

    @property
    def passed(self) -> bool:
        return not self.blocking() and (self.allow_uncovered or not self.uncovered)

    def exit_code(self) -> int:
        return 0 if not self.gated or self.passed else 1


def path_operations(side: Side) -> list[dict]:
    """Operations a client calls; webhooks are called by Weavr on the client's own server."""
    return [op for op in side.operations.values() if op["kind"] == "path"]


def load_coverage(location: str) -> tuple[set, dict]:
    path = Path(location)
    if not path.is_file():
        shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
        raise SpecSourceError(f"no coverage report at {shown}: run the suite first (make e2e) "
                              f"or pass --allow-uncovered")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["operations"]
        covered = {op_key(e["method"], e["path"]) for e in entries if e.get("called") is True}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SpecSourceError(f"{location} is not a coverage report (expected operations[] with "
                              f"method, path, called): {exc}") from exc
    return covered, data.get("spec") or {}


def uncovered_operations(side: Side, covered: set) -> list[dict]:
    missing = [op for op in path_operations(side) if op_key(op["method"], op["path"]) not in covered]
    return sorted(missing, key=lambda op: (op["path"], op["method"]))


def documented_only_operations(old: Side, new: Side, covered: set | None = None) -> list[dict]:
    """Operations the documentation lists but no description holds (the deprecated bulk ones), from either
    side's documented.json; one the new description now holds is an ordinary operation again. They have no
    schema to diff, so the gate shows them (and whether the last run called them) without judging them."""
    found = {}
    for side in (old, new):
        for cap in side.documented_only:
            key = op_key(cap["method"], cap["path"])
            if key not in new.operations:
                found.setdefault(key, dict(cap))
    rows = [found[key] for key in sorted(found, key=lambda k: (k[1], k[0]))]
    if covered is not None:
        for row in rows:
            row["called"] = op_key(row["method"], row["path"]) in covered
    return rows
