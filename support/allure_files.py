"""Files Allure reads beside the results: environment, categories, and the coverage page."""
from __future__ import annotations

import json
import time
import uuid
from html import escape
from pathlib import Path

CATEGORIES = [
    # First: an assumed check (support/grounding.py) whose choice the target does not share, listed apart
    # (report mode: a broken result of its own beside the passing scenario) or failing it (strict mode).
    {"name": "Assumption differs from the sandbox", "matchedStatuses": ["failed", "broken"],
     "messageRegex": "(?s).*assumption differs: .*"},
    {"name": "Contract violation", "matchedStatuses": ["failed", "broken"],
     "messageRegex": "(?s).*contract violation.*"},
    {"name": "Target unreachable", "matchedStatuses": ["failed", "broken"],
     "messageRegex": "(?s).*(cannot reach|did not answer|TargetUnreachable|ConnectionError).*"},
    {"name": "Behaviour", "matchedStatuses": ["failed"]},
    {"name": "Broken step or test", "matchedStatuses": ["broken"]},
]


def write_environment(results: Path, facts: dict) -> None:
    results.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}={str(value).replace(chr(10), ' ')}" for key, value in facts.items()]
    (results / "environment.properties").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (results / "categories.json").write_text(json.dumps(CATEGORIES, indent=1) + "\n", encoding="utf-8")


def write_global_page(results: Path, name: str, content: str, media_type: str, extension: str) -> str:
    """A page of the run itself, not a test: Allure lists it under the report's Run tab (global attachments),
    so it never counts as a pass, a failure or an unknown result."""
    results.mkdir(parents=True, exist_ok=True)
    source = f"{uuid.uuid4()}-attachment.{extension}"
    (results / source).write_text(content, encoding="utf-8")
    page = {"attachments": [{"name": name, "source": source, "type": media_type,
                             "timestamp": int(time.time() * 1000)}], "errors": []}
    (results / f"{uuid.uuid4()}-globals.json").write_text(json.dumps(page), encoding="utf-8")
    return source


def write_coverage_result(results: Path, report: dict, table: str) -> None:
    """The coverage table as a page of the report (Run tab), in HTML so it reads as a table there; the JSON
    and markdown stay in reports/coverage/."""
    s = report["summary"]
    run = report.get("run", {})
    title = f"Operation coverage: {s['called']} of {s['operations']} called" + (" (partial run)" if run.get("partial") else "")
    write_global_page(results, title, coverage_html(report), "text/html", "html")


def coverage_html(report: dict) -> str:
    s, run = report["summary"], report.get("run", {})
    rows = "".join(
        f"<tr class={'yes' if r['called'] else 'no'}><td>{'yes' if r['called'] else 'no'}</td><td>{r['method']}</td>"
        f"<td><code>{escape(r['path'])}</code></td><td>{escape(r['operationId'] or '(documented only)')}</td>"
        f"<td>{escape(r['tag'])}</td><td>{escape(', '.join(f'{k}×{v}' for k, v in r['statuses'].items()) or '-')}</td></tr>"
        for r in sorted(report["operations"], key=lambda r: (not r["called"], r["tag"], r["path"], r["method"])))
    partial = (f"<p><b>Partial run</b> ({escape(run['selection'])}): only the operations its scenarios call.</p>"
               if run.get("partial") else "")
    return (f"<!doctype html><meta charset=utf-8><title>Operation coverage</title><style>"
            "body{font:13px sans-serif;margin:12px}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            "padding:2px 6px;text-align:left}tr.no td:first-child{color:#b00;font-weight:bold}</style>"
            f"<h2>Operation coverage from traffic: {escape(report['spec']['source'])} ({escape(report['spec']['version'])})</h2>"
            f"<p>{s['called']} of {s['operations']} operations called ({s['percent']}%): {s['withSuccess']} with a "
            f"success answer, {s['withError']} with an error answer. Counted from the calls the suite made.</p>{partial}"
            "<table><tr><th>called</th><th>method</th><th>path</th><th>operation</th><th>tag</th><th>statuses seen</th></tr>"
            f"{rows}</table>")


def write_page_result(results: Path, name: str, key: str, description: str, table: str, data: dict) -> None:
    """A report page of facts (Run tab, never a test): the markdown table, readable as text there; `data` is
    written beside it by the caller's own report files."""
    write_global_page(results, name.split(" (")[0], f"{description}\n\n{table}", "text/plain", "txt")


def write_divergence_result(results: Path, divergence: dict, message: str) -> None:
    """One assumed check the target answered otherwise (report mode): `broken`, so the category above
    lists it, while the scenario it came from keeps its own status."""
    results.mkdir(parents=True, exist_ok=True)
    now = int(time.time() * 1000)
    key = f"assumption {divergence['scenario']} {divergence['what']}"
    result = {
        "uuid": str(uuid.uuid4()), "historyId": key, "testCaseId": key, "fullName": key,
        "name": f"{divergence['what']} ({divergence['scenario'].split('::')[-1]})",
        "status": "broken", "stage": "finished", "start": now, "stop": now,
        "statusDetails": {"message": message, "trace": json.dumps(divergence, indent=1, ensure_ascii=False)},
        "labels": [{"name": "suite", "value": "Assumptions"}, {"name": "feature", "value": "Assumptions"},
                   {"name": "tag", "value": divergence["choice"]}],
    }
    (results / f"{result['uuid']}-result.json").write_text(json.dumps(result), encoding="utf-8")
