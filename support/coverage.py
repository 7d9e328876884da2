"""Operation coverage from traffic: which operations of the spec the suite called, with which statuses.

Counted from what the client actually sent (reports/traffic/), never from tags. The
denominator is every operation of the description plus the operations the
documentation lists that the description no longer has.
"""
from __future__ import annotations

import json
from pathlib import Path

from .contract_check import DOCUMENTED_ONLY as TAG
from .contract_check import traffic_name

PARTIAL = "partial"


def build_coverage(contract, traffic, partial: str | None = None) -> dict:
    """`partial`: what a run of part of the suite selected (None for the whole suite)."""
    seen: dict[str, dict] = {}
    for (namespace, operation_id, status), count in traffic.items():
        if namespace == contract.namespace:
            statuses = seen.setdefault(operation_id, {})
            statuses[str(status)] = statuses.get(str(status), 0) + count
    rows = []
    for op in contract.operations:
        statuses = dict(sorted(seen.get(op.operation_id, {}).items()))
        rows.append({"operationId": op.operation_id, "method": op.method, "path": op.path, "kind": op.kind,
                     "tag": op.tag, "deprecated": op.deprecated, "documentedOnly": False,
                     "called": bool(statuses), "statuses": statuses,
                     "success": any(s.startswith("2") for s in statuses),
                     "error": any(s[0] in "45" for s in statuses)})
    for cap in contract.documented:
        if not cap["inSpec"]:
            statuses = dict(sorted(seen.get(traffic_name(cap["method"], cap["path"]), {}).items()))
            rows.append({"operationId": None, "method": cap["method"], "path": cap["path"], "kind": "path",
                         "tag": TAG, "deprecated": cap["deprecated"], "documentedOnly": True,
                         "called": bool(statuses), "statuses": statuses,
                         "success": any(s.startswith("2") for s in statuses),
                         "error": any(s[0] in "45" for s in statuses)})
    called = [r for r in rows if r["called"]]
    return {
        "spec": {k: contract.manifest[k] for k in ("source", "version", "sha256")},
        "summary": {"operations": len(rows), "called": len(called),
                    "withSuccess": sum(r["success"] for r in rows), "withError": sum(r["error"] for r in rows),
                    "percent": round(100 * len(called) / len(rows), 1) if rows else 0.0},
        "run": {"partial": bool(partial), "selection": partial or "the whole suite"},
        "operations": rows,
    }


def render_table(report: dict) -> str:
    s = report["summary"]
    lines = [f"# Operation coverage: {report['spec']['source']} ({report['spec']['version']})", "",
             f"{s['called']} of {s['operations']} operations called ({s['percent']}%): "
             f"{s['withSuccess']} with a success answer, {s['withError']} with an error answer.", "",
             *([f"**Partial run** ({report['run']['selection']}): only the operations its scenarios call.", ""]
               if report.get("run", {}).get("partial") else []),
             "| called | method | path | operation | tag | statuses seen |",
             "|---|---|---|---|---|---|"]
    for r in sorted(report["operations"], key=lambda r: (not r["called"], r["tag"], r["path"], r["method"])):
        statuses = ", ".join(f"{k}×{v}" for k, v in r["statuses"].items()) or "-"
        name = r["operationId"] or f"({TAG})"
        lines.append(f"| {'yes' if r['called'] else 'no'} | {r['method']} | `{r['path']}` | {name} | {r['tag']} | {statuses} |")
    return "\n".join(lines) + "\n"


def coverage_folder(folder: Path, partial: str | None) -> Path:
    """Where a run's coverage goes: `folder` for the whole suite, `folder/partial` for part of it."""
    return folder / PARTIAL if partial else folder


def write_coverage(report: dict, folder: Path, name: str = "operations") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data, table = folder / f"{name}.json", folder / f"{name}.md"
    data.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    table.write_text(render_table(report), encoding="utf-8")
    return data, table
