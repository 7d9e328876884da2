"""What a release manager reads first: each distinct change once, with the operations it touches.

The diff reports a change inside a component under every operation that reaches it (59
findings can be 23 changes). Here findings with the same rule and message are one change.
Removed operations, and operations whose old contract now lives elsewhere (moved, or kept
under /deprecated/ while the original path changed), come first.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .normalise import Side, normalise_path
from .rules import RANK, Finding

REMOVAL_RULES = ("api-removed", "deprecated-api-removed")
DEPRECATED_PREFIX = "/deprecated"


@dataclass
class Change:
    level: str
    rule: str
    message: str
    operations: list[str] = field(default_factory=list)  # "METHOD path", in the order reported
    findings: int = 0


@dataclass
class OperationMove:
    """An operation removed, or whose old contract is now served at another path."""
    level: str
    rule: str
    operation: str  # "METHOD path" in the old contract
    operation_id: str
    message: str
    target: str | None = None  # "METHOD path" where the old contract now lives


def _label(finding: Finding) -> str:
    return f"{finding.method} {finding.path}" if finding.method else "(whole contract)"


def distinct_changes(findings: list[Finding]) -> list[Change]:
    """One entry per (rule, message), most severe first, then the widest reach."""
    changes: dict = {}
    for f in findings:
        change = changes.setdefault((f.rule, f.message), Change(f.level, f.rule, f.message))
        change.findings += 1
        if _label(f) not in change.operations:
            change.operations.append(_label(f))
    return sorted(changes.values(), key=lambda c: (RANK[c.level], -len(c.operations), c.rule, c.message))


def _twin(old: Side, new: Side, method: str, path: str):
    """The new operation that carries the old one at method+path somewhere else, and how."""
    old_op = old.operations.get((method, normalise_path(path)))
    deprecated_copy = new.operations.get((method, normalise_path(DEPRECATED_PREFIX + path)))
    if deprecated_copy is not None and (method, normalise_path(DEPRECATED_PREFIX + path)) not in old.operations:
        return deprecated_copy, "under /deprecated/"
    if old_op is not None:
        same_id = [op for key, op in new.operations.items() if key not in old.operations
                   and op["operationId"] == old_op["operationId"]]
        if same_id:
            return same_id[0], "to a new path (same operationId)"
    return None, None


def operation_moves(old: Side, new: Side, findings: list[Finding], compare_operations) -> list[OperationMove]:
    """Removed operations (said where they went, if anywhere), then old contracts kept under /deprecated/.

    compare_operations(old_op, new_op) -> findings between two operations; used to say how close the
    copy is to the old contract, so "moved" is a measured claim and not a guess from the path.
    """
    moves = []
    for f in findings:
        if f.rule not in REMOVAL_RULES:
            continue
        twin, how = _twin(old, new, f.method, f.path)
        message = f"{f.method} {f.path} was removed" + (" (it was deprecated)" if f.rule != "api-removed" else "")
        if twin is not None:
            message += f"; moved {how}: {twin['method']} {twin['path']}" + _closeness(
                compare_operations(old.operations[(f.method, normalise_path(f.path))], twin))
        moves.append(OperationMove(f.level, f.rule, f"{f.method} {f.path}", f.operation_id, message,
                                   f"{twin['method']} {twin['path']}" if twin is not None else None))
    for (method, path), old_op in sorted(old.operations.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if (method, path) not in new.operations or old_op["kind"] != "path":
            continue  # removals are above
        twin, how = _twin(old, new, method, old_op["path"])
        if twin is None or how != "under /deprecated/":
            continue
        moves.append(OperationMove(
            "INFO", "api-moved-under-deprecated", f"{method} {old_op['path']}", old_op["operationId"],
            f"{method} {old_op['path']}: its {old.version} contract moved under /deprecated/ as "
            f"{twin['method']} {twin['path']} ({twin['operationId']}"
            f"{', deprecated' if twin['deprecated'] else ''})"
            + _closeness(compare_operations(old_op, twin))
            + f"; {method} {old_op['path']} itself stays, with the changes listed below",
            f"{twin['method']} {twin['path']}"))
    return moves


def _closeness(findings: list[Finding]) -> str:
    counted = Counter(f.level for f in findings if f.rule not in ("api-deprecated", "api-operation-id-changed"))
    if not counted["ERR"] and not counted["WARN"]:
        return " (the same contract: no ERR or WARN between the two)"
    return f" (against the old contract: {counted['ERR']} ERR, {counted['WARN']} WARN)"


def rollup_changes(findings: list[Finding], moves: list[OperationMove]) -> list[Change]:
    """Distinct changes other than the removals and moves listed first."""
    moved_to = {m.target for m in moves if m.target}
    rest = [f for f in findings if f.rule not in REMOVAL_RULES
            and not (f.rule == "api-added" and f"{f.method} {f.path}" in moved_to)]
    return distinct_changes(rest)
