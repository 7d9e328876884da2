"""Files Allure reads beside the results: environment, categories, and the coverage page."""
from __future__ import annotations

import json
import time
import uuid
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


def write_coverage_result(results: Path, report: dict, table: str) -> None:
    """A result of its own, so the coverage table shows as a page in the Allure report.

    Its status is `unknown`: it is a page of facts, not a test, and must not count as a pass.
    """
    results.mkdir(parents=True, exist_ok=True)
    source = f"{uuid.uuid4()}-attachment.md"
    (results / source).write_text(table, encoding="utf-8")
    data = f"{uuid.uuid4()}-attachment.json"
    (results / data).write_text(json.dumps(report, indent=1), encoding="utf-8")
    now = int(time.time() * 1000)
    s = report["summary"]
    result = {
        "uuid": str(uuid.uuid4()), "historyId": "operation-coverage", "testCaseId": "operation-coverage",
        "name": "Operation coverage from traffic (a report page, not a test)", "fullName": "coverage.operations",
        "status": "unknown",
        "stage": "finished", "start": now, "stop": now,
        "description": f"{s['called']} of {s['operations']} operations called ({s['percent']}%)",
        "labels": [{"name": "suite", "value": "Operation coverage"}, {"name": "feature", "value": "Coverage"}],
        "attachments": [{"name": "operation coverage (table)", "source": source, "type": "text/markdown"},
                        {"name": "operation coverage (json)", "source": data, "type": "application/json"}],
    }
    (results / f"{result['uuid']}-result.json").write_text(json.dumps(result), encoding="utf-8")


def write_page_result(results: Path, name: str, key: str, description: str, table: str, data: dict) -> None:
    """A report page of facts (status `unknown`, never a pass): a markdown table and its JSON."""
    results.mkdir(parents=True, exist_ok=True)
    source, raw = f"{uuid.uuid4()}-attachment.md", f"{uuid.uuid4()}-attachment.json"
    (results / source).write_text(table, encoding="utf-8")
    (results / raw).write_text(json.dumps(data, indent=1), encoding="utf-8")
    now = int(time.time() * 1000)
    result = {
        "uuid": str(uuid.uuid4()), "historyId": key, "testCaseId": key, "name": name, "fullName": key,
        "status": "unknown", "stage": "finished", "start": now, "stop": now, "description": description,
        "labels": [{"name": "suite", "value": name.split(" (")[0]}, {"name": "feature", "value": "Reports"}],
        "attachments": [{"name": f"{key} (table)", "source": source, "type": "text/markdown"},
                        {"name": f"{key} (json)", "source": raw, "type": "application/json"}],
    }
    (results / f"{result['uuid']}-result.json").write_text(json.dumps(result), encoding="utf-8")


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
