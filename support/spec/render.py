"""A report as text for a terminal, Markdown for a pull-request comment, or JSON for a machine."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from itertools import groupby

from ..contract_check import DOCUMENTED_ONLY
from .gate import Report
from .rules import LEVELS

GLOBAL = "(whole contract)"
MARKDOWN_OPEN_LIMIT = 15  # longer lists start collapsed so the comment stays readable
OPERATIONS_SHOWN = 6  # per change in the text rollup; the JSON lists them all
# INFO changes are summed by rule in the text and Markdown rollups (they break nothing); JSON lists each.
LISTED_LEVELS = ("ERR", "WARN")
COMMENT_LIMIT = 65_536  # GitHub refuses a longer comment body


def render(report: Report, fmt: str) -> str:
    return {"text": text, "markdown": markdown, "json": as_json}[fmt](report)


def _headline(report: Report) -> str:
    counts = report.counts()
    ops = report.operation_counts()
    return (f"ERR {counts['ERR']}, WARN {counts['WARN']}, INFO {counts['INFO']}; operations "
            f"{ops['added']} added, {ops['removed']} removed, {ops['deprecated']} newly deprecated")


def _verdict(report: Report) -> str:
    reasons = []
    blocking = report.blocking()
    if blocking:
        reasons.append(f"{len(blocking)} finding{'s' if len(blocking) != 1 else ''} at or above {report.fail_on}")
    if report.uncovered and not report.allow_uncovered:
        reasons.append(f"{len(report.uncovered)} operation{'s' if len(report.uncovered) != 1 else ''} "
                       f"not called by the suite")
    return "PASS" if report.passed else "FAIL: " + "; ".join(reasons)


def _coverage_line(report: Report) -> str | None:
    if report.uncovered is None:
        return None
    total = report.called + len(report.uncovered)
    line = f"{report.called} of {total} operations called by the last suite run, {len(report.uncovered)} uncovered"
    if report.allow_uncovered and report.uncovered:
        line += " (allowed)"
    return line


def _by_operation(findings):
    key = lambda f: (f.path, f.method, f.operation_id)  # noqa: E731
    for (_, _, _), group in groupby(sorted(findings, key=key), key=key):
        group = list(group)
        yield (group[0].operation or GLOBAL), group


def text(report: Report) -> str:
    lines = [f"contract diff: {report.old.label} [{report.old.version}] -> {report.new.label} [{report.new.version}]",
             _headline(report)]
    coverage = _coverage_line(report)
    if coverage:
        lines.append(coverage)
    lines.extend(report.notes)
    if report.gated:
        lines.append(f"gate (--fail-on {report.fail_on}): {_verdict(report)}")
    lines += _text_rollup(report)
    if report.findings:
        lines += ["", "DETAIL: every finding, by level and operation"]
    for level in LEVELS:
        found = [f for f in report.findings if f.level == level]
        if not found:
            continue
        lines += ["", f"{level} ({len(found)})"]
        for operation, group in _by_operation(found):
            lines.append(f"  {operation}")
            for f in group:
                lines.append(f"    {f.rule}: {f.message}" + (f"  [{f.pointer}]" if f.pointer else ""))
    if report.uncovered:
        lines += ["", f"UNCOVERED ({len(report.uncovered)})"]
        lines += [f"  {_op_label(op)}" for op in report.uncovered]
    if report.documented_only:
        lines += ["", f"{DOCUMENTED_ONLY.upper()} ({len(report.documented_only)})"]
        lines += [f"  {op['method']} {op['path']}" + _traits(op) for op in report.documented_only]
    return "\n".join(lines) + "\n"


def _distinct_line(report: Report) -> str:
    distinct = report.distinct_counts()
    return (f"distinct changes: ERR {distinct['ERR']}, WARN {distinct['WARN']}, INFO {distinct['INFO']} "
            f"(a change reported under several operations counts once)")


def _operations(change) -> str:
    shown = ", ".join(change.operations[:OPERATIONS_SHOWN])
    more = len(change.operations) - OPERATIONS_SHOWN
    count = f"{len(change.operations)} operation{'s' if len(change.operations) != 1 else ''}"
    return f"{count}: {shown}" + (f" (+{more} more)" if more > 0 else "")


def _info_by_rule(changes) -> str:
    rules = Counter(c.rule for c in changes if c.level == "INFO")
    return ", ".join(f"{rule} {count}" for rule, count in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])))


def _text_rollup(report: Report) -> list[str]:
    if not report.findings:
        return []
    moves, changes = report.rollup()
    lines = ["", "ROLLUP", _distinct_line(report)]
    if moves:
        lines += ["", f"Removed or moved operations ({len(moves)})"]
        lines += [f"  {m.level:<4} {m.message}" for m in moves]
    for level in LISTED_LEVELS:
        found = [c for c in changes if c.level == level]
        if found:
            lines += ["", f"{level} changes ({len(found)} distinct)"]
            for change in found:
                lines += [f"  {level:<4} {change.message}  ({change.rule})", f"       {_operations(change)}"]
    info = [c for c in changes if c.level == "INFO"]
    if info:
        lines += ["", f"INFO changes ({len(info)} distinct, listed in the detail), by rule: {_info_by_rule(info)}"]
    return lines


def _traits(op: dict) -> str:
    traits = ["deprecated"] if op["deprecated"] else []
    if "called" in op:
        traits.append("called by the last suite run" if op["called"] else "not called by the last suite run")
    return f" ({', '.join(traits)})" if traits else ""


def _op_label(op: dict) -> str:
    return f"{op['operationId']} ({op['method']} {op['path']})" + (" deprecated" if op["deprecated"] else "")


def _cell(value: str) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _details(summary: str, body: list[str], count: int) -> list[str]:
    opened = " open" if count <= MARKDOWN_OPEN_LIMIT else ""
    return [f"<details{opened}><summary>{summary}</summary>", "", *body, "", "</details>", ""]


def markdown(report: Report) -> str:
    """The whole report, or, when that is too long for a pull-request comment, the rollup with as much of the
    detail as fits (INFO dropped first) and a line saying where the rest is."""
    for shown in (LEVELS, LEVELS[:2], LEVELS[:1], ()):
        rendered = _markdown(report, shown)
        if len(rendered) <= COMMENT_LIMIT:
            return rendered
    return rendered


def _markdown(report: Report, detail_levels: tuple) -> str:
    counts = report.counts()
    ops = report.operation_counts()
    title = "Spec check" if report.gated else "Spec diff"
    out = [f"### {title}: `{report.old.version}` → `{report.new.version}`", ""]
    if report.gated:
        out += [f"**{'✅' if report.passed else '❌'} {_verdict(report)}** (fail on {report.fail_on})", ""]
    out += ["| | count |", "|---|---:|",
            f"| ERR (breaking) | {counts['ERR']} |", f"| WARN (may break) | {counts['WARN']} |",
            f"| INFO | {counts['INFO']} |", f"| operations added | {ops['added']} |",
            f"| operations removed | {ops['removed']} |", f"| operations newly deprecated | {ops['deprecated']} |"]
    if report.uncovered is not None:
        out.append(f"| operations not called by the suite | {len(report.uncovered)} |")
    out += ["", f"<sub>{_cell(report.old.label)} → {_cell(report.new.label)}</sub>", ""]
    for note in report.notes:
        out += [f"> {note}", ""]
    out += _markdown_rollup(report)
    left_out = [level for level in LEVELS if level not in detail_levels and counts[level]]
    if left_out:
        out += [f"> The detail of {' and '.join(left_out)} does not fit in a comment ({COMMENT_LIMIT:,} characters); "
                f"the rollup above counts it, and `python -m support.spec diff OLD NEW --format text` (or `json`) "
                f"lists every finding.", ""]
    for level in detail_levels:
        found = [f for f in report.findings if f.level == level]
        if not found:
            continue
        rows = ["| operation | rule | change | pointer |", "|---|---|---|---|"]
        rows += [f"| {_cell(f.operation or GLOBAL)} | `{f.rule}` | {_cell(f.message)} | "
                 f"{'`' + _cell(f.pointer) + '`' if f.pointer else ''} |" for f in found]
        out += _details(f"<b>{level}</b>: {len(found)} finding{'s' if len(found) != 1 else ''}", rows, len(found))
    if report.uncovered:
        rows = ["| operation | method | path | |", "|---|---|---|---|"]
        rows += [f"| `{op['operationId']}` | {op['method']} | `{_cell(op['path'])}` | "
                 f"{'deprecated' if op['deprecated'] else ''} |" for op in report.uncovered]
        out += _details(f"<b>Not covered</b>: {len(report.uncovered)} operations the last suite run did not call",
                        rows, len(report.uncovered))
    if report.documented_only:
        with_calls = all("called" in op for op in report.documented_only)
        rows = ["| method | path | title | |" + (" called |" if with_calls else ""),
                "|---|---|---|---|" + ("---|" if with_calls else "")]
        rows += [f"| {op['method']} | `{_cell(op['path'])}` | {_cell(op['title'])} | "
                 f"{'deprecated' if op['deprecated'] else ''} |"
                 + (f" {'yes' if op['called'] else 'no'} |" if with_calls else "") for op in report.documented_only]
        out += _details(f"<b>{DOCUMENTED_ONLY.capitalize()}</b>: {len(report.documented_only)} operations the "
                        f"documentation lists but no description holds", rows, len(report.documented_only))
    return "\n".join(out).rstrip() + "\n"


def _markdown_rollup(report: Report) -> list[str]:
    if not report.findings:
        return []
    moves, changes = report.rollup()
    out = ["#### Rollup", "", _distinct_line(report), ""]
    if moves:
        out += [f"**Removed or moved operations ({len(moves)})**", "", "| level | operation | what happened |",
                "|---|---|---|"]
        out += [f"| {m.level} | `{_cell(m.operation)}` | {_cell(m.message)} |" for m in moves]
        out.append("")
    listed = [c for c in changes if c.level in LISTED_LEVELS]
    if listed:
        out += [f"**Breaking and risky changes ({len(listed)} distinct)**", "",
                "| level | change | rule | operations |", "|---|---|---|---|"]
        out += [f"| {c.level} | {_cell(c.message)} | `{c.rule}` | {len(c.operations)}: "
                f"{_cell(', '.join(c.operations))} |" for c in listed]
        out.append("")
    info = [c for c in changes if c.level == "INFO"]
    if info:
        out += [f"INFO: {len(info)} distinct changes, by rule: {_info_by_rule(info)}", ""]
    return out


def as_json(report: Report) -> str:
    data = {
        "old": {"label": report.old.label, "version": report.old.version},
        "new": {"label": report.new.label, "version": report.new.version},
        "summary": {**report.counts(), "operations": report.operation_counts(),
                    "distinct": report.distinct_counts()},
        "rollup": {"operations": [asdict(m) for m in report.rollup()[0]],
                   "changes": [asdict(c) for c in report.rollup()[1]]},
        "findings": [f.as_dict() for f in report.findings],
    }
    if report.uncovered is not None:
        data["coverage"] = {"source": report.coverage_source, "called": report.called,
                            "uncovered": [{k: op[k] for k in ("operationId", "method", "path", "deprecated")}
                                          for op in report.uncovered]}
    if report.documented_only:
        data["documentedOnly"] = [{**op, "status": DOCUMENTED_ONLY} for op in report.documented_only]
    if report.gated:
        data["gate"] = {"failOn": report.fail_on, "allowUncovered": report.allow_uncovered,
                        "passed": report.passed, "exitCode": report.exit_code()}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
