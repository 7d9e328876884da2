"""The real 3.32.1 -> v3 change, checked against facts counted straight from the YAML."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from support.spec.__main__ import main
from support.spec.diff import diff
from support.spec.gate import Report
from support.spec.normalise import load_side

from spec_helpers import REPO, real_spec

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _load(path) -> dict:
    return yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def raw_operations(path) -> dict:
    """(METHOD, path with parameter names blanked) -> operation, read without the extractor."""
    doc = _load(path)
    found = {}
    for section in ("paths", "webhooks"):
        for name, item in (doc.get(section) or {}).items():
            for method in METHODS:
                if method in item:
                    key = name if section == "webhooks" else re.sub(r"\{[^}]*\}", "{}", name)
                    found[(method.upper(), section, key)] = item[method]
    return found


@pytest.fixture(scope="module")
def real():
    old_path, new_path = real_spec("multi-openapi-3.32.1.yaml"), real_spec("multi-openapi-v3.yaml")
    old, new = load_side(str(old_path)), load_side(str(new_path))
    findings = diff(old, new)
    return {"old_path": old_path, "new_path": new_path, "findings": findings,
            "report": Report(old=old, new=new, findings=findings),
            "raw_old": raw_operations(old_path), "raw_new": raw_operations(new_path)}


def by_rule(real, rule):
    return [f for f in real["findings"] if f.rule == rule]


def test_added_and_removed_operations_match_the_yaml(real):
    raw_old, raw_new = real["raw_old"], real["raw_new"]
    added = {op["operationId"] for key, op in raw_new.items() if key not in raw_old}
    removed = {op["operationId"] for key, op in raw_old.items() if key not in raw_new}
    assert {f.operation_id for f in by_rule(real, "api-added")} == added
    assert {f.operation_id for f in by_rule(real, "api-removed") + by_rule(real, "deprecated-api-removed")} == removed
    counts = real["report"].operation_counts()
    assert (counts["added"], counts["removed"]) == (len(added), len(removed)) == (64, 3)


def test_newly_deprecated_operations_match_the_yaml(real):
    raw_old, raw_new = real["raw_old"], real["raw_new"]
    newly = {op["operationId"] for key, op in raw_new.items()
             if key in raw_old and op.get("deprecated") and not raw_old[key].get("deprecated")}
    assert {f.operation_id for f in by_rule(real, "api-deprecated")} == newly
    assert len(newly) == 7


def test_the_api_key_scheme_rename_is_reported_once_and_not_as_a_security_change(real):
    [renamed] = by_rule(real, "security-scheme-renamed")
    assert renamed.level == "INFO" and "'api_key' is now 'api-key'" in renamed.message
    assert by_rule(real, "api-security-added") == []
    # The two operations that now also accept the api-key alone are relaxed, not broken.
    relaxed = {f.operation_id for f in by_rule(real, "api-security-removed")}
    assert relaxed == {op["operationId"] for key, op in real["raw_new"].items()
                       if key in real["raw_old"] and len(op.get("security", [])) > 1}


def test_a_dropped_csv_statement_is_breaking(real):
    raw_old, raw_new = real["raw_old"], real["raw_new"]
    old_doc, new_doc = _load(real["old_path"]), _load(real["new_path"])

    def ok_content(op, doc):
        answer = op.get("responses", {}).get("200") or {}
        if "$ref" in answer:  # responses are shared under components/responses
            answer = doc["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
        return answer.get("content") or {}

    dropped = {op["operationId"] for key, op in raw_new.items() if key in raw_old
               and "text/csv" in ok_content(raw_old[key], old_doc) and "text/csv" not in ok_content(op, new_doc)}
    reported = {f.operation_id for f in by_rule(real, "response-media-type-removed")
                if f.pointer == "/responses/200/content/text~1csv"}
    assert reported == dropped and dropped


def test_headline_counts(real):
    counts = real["report"].counts()
    # Pinned so a rule change that moves them is a visible, reviewed change.
    assert counts == {"ERR": 87, "WARN": 140, "INFO": 617}


def test_v3_matches_the_committed_contract(real, capsys):
    manifest = json.loads((REPO / "schemas" / "multi" / "manifest.json").read_text(encoding="utf-8"))
    if manifest["source"] != "multi-openapi-v3.yaml":
        pytest.skip("schemas/multi was extracted from another description")
    code = main(["check", str(real["new_path"]), "--allow-uncovered"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ERR 0, WARN 0, INFO 0" in out
