"""The diff, check and sync commands as a person or CI runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from spec_helpers import REPO, fixture_doc, write_doc

from support.spec.__main__ import main
from tests import HANG_GUARD_SECONDS


@pytest.fixture
def specs(tmp_path):
    """base.yaml as committed in tmp schemas/, plus a breaking and an additive next version."""
    old = write_doc(fixture_doc(), tmp_path / "old.yaml")
    breaking = fixture_doc()
    breaking["components"]["schemas"]["CardCreate"]["required"].append("nickname")
    additive = fixture_doc()
    additive["components"]["schemas"]["Card"]["properties"]["expiry"] = {"type": "string"}
    additive["paths"]["/cards/{id}/unblock"] = {"post": {"operationId": "cardUnblock",
                                                         "responses": {"204": {"description": "x"}}}}
    schemas = tmp_path / "schemas"
    assert main(["extract", str(old), "--out", str(schemas)]) == 0
    return {"old": old, "schemas": schemas, "tmp": tmp_path,
            "breaking": write_doc(breaking, tmp_path / "breaking.yaml"),
            "additive": write_doc(additive, tmp_path / "additive.yaml")}


def coverage_file(tmp_path, spec_doc, skip=()):
    operations = []
    for path, item in spec_doc["paths"].items():
        for method, op in item.items():
            operations.append({"operationId": op["operationId"], "method": method.upper(),
                               "path": path.replace("{id}", "{card_id}"), "tag": "", "deprecated": False,
                               "documentedOnly": False, "called": op["operationId"] not in skip,
                               "statuses": {"200": 1}})
    target = tmp_path / "coverage.json"
    target.write_text(json.dumps({"spec": {"source": "x.yaml", "version": "1.0", "sha256": ""},
                                  "operations": operations, "summary": {}}), encoding="utf-8")
    return target


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- diff ---------------------------------------------------------------------------

@pytest.mark.parametrize("committed", ["schemas", "schemas/multi"])
def test_diff_reads_a_committed_schemas_folder(specs, capsys, committed):
    code, out, _ = run(capsys, "diff", specs["tmp"] / committed, specs["breaking"], "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["summary"]["ERR"] == 1
    [finding] = report["findings"]
    assert finding == {"level": "ERR", "rule": "request-property-became-required", "operation_id": "cardCreate",
                       "method": "POST", "path": "/cards",
                       "pointer": "/requestBody/content/application~1json/properties/nickname",
                       "message": "field 'nickname' became required"}


def test_committed_folder_and_spec_file_read_the_same(specs, capsys):
    code, out, _ = run(capsys, "diff", specs["schemas"], specs["old"], "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_text_report_has_headline_and_groups_by_level(specs, capsys):
    code, out, _ = run(capsys, "diff", specs["old"], specs["breaking"])
    lines = out.splitlines()
    assert code == 0
    assert lines[1].startswith("ERR 1, WARN 0, INFO 0; operations 0 added, 0 removed")
    assert "ERR (1)" in lines and "  cardCreate (POST /cards)" in lines


def test_markdown_report_is_a_pr_comment(specs, capsys):
    code, out, _ = run(capsys, "diff", specs["old"], specs["additive"], "--format", "markdown")
    assert code == 0
    assert out.startswith("### Spec diff: `1.0` → `1.0`")
    assert "| INFO | 4 |" in out and "| operations added | 1 |" in out
    assert "<details open><summary><b>INFO</b>: 4 findings</summary>" in out


def test_diff_of_a_missing_file_is_one_line(specs, capsys):
    code, out, err = run(capsys, "diff", specs["old"], specs["tmp"] / "nope.yaml")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no such spec file" in err


def test_diff_of_a_folder_without_a_contract_is_one_line(specs, capsys):
    code, _, err = run(capsys, "diff", specs["tmp"], specs["old"])
    assert code == 2 and err.count("\n") == 1 and "not a schemas folder" in err


# -- check --------------------------------------------------------------------------

def test_check_fails_on_a_breaking_change(specs, capsys):
    code, out, _ = run(capsys, "check", specs["breaking"], "--against", specs["schemas"], "--allow-uncovered")
    assert code == 1
    assert "gate (--fail-on ERR): FAIL: 1 finding at or above ERR" in out


def test_check_passes_an_additive_change(specs, capsys):
    code, out, _ = run(capsys, "check", specs["additive"], "--against", specs["schemas"], "--allow-uncovered")
    assert code == 0 and "PASS" in out


def test_check_passes_when_the_suite_covered_everything(specs, capsys):
    coverage = coverage_file(specs["tmp"], fixture_doc() | {"paths": {
        **fixture_doc()["paths"], "/cards/{id}/unblock": {"post": {"operationId": "cardUnblock"}}}})
    code, out, _ = run(capsys, "check", specs["additive"], "--against", specs["schemas"], "--coverage", coverage)
    assert code == 0, out
    assert "7 of 7 operations called by the last suite run, 0 uncovered" in out


def test_check_fails_on_an_uncovered_operation(specs, capsys):
    coverage = coverage_file(specs["tmp"], fixture_doc())  # knows nothing of cardUnblock
    code, out, _ = run(capsys, "check", specs["additive"], "--against", specs["schemas"], "--coverage", coverage)
    assert code == 1
    assert "FAIL: 1 operation not called by the suite" in out
    assert "UNCOVERED (1)" in out and "  cardUnblock (POST /cards/{id}/unblock)" in out


def test_allow_uncovered_still_lists_the_gap(specs, capsys):
    coverage = coverage_file(specs["tmp"], fixture_doc(), skip={"login"})
    code, out, _ = run(capsys, "check", specs["old"], "--against", specs["schemas"], "--coverage", coverage,
                       "--allow-uncovered")
    assert code == 0 and "1 uncovered (allowed)" in out and "login (POST /login)" in out


def test_check_without_a_coverage_report_says_to_run_the_suite(specs, capsys):
    code, out, err = run(capsys, "check", specs["additive"], "--against", specs["schemas"],
                         "--coverage", specs["tmp"] / "missing.json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "run the suite first" in err and "--allow-uncovered" in err


def test_check_of_a_missing_spec_is_one_line(specs, capsys):
    code, out, err = run(capsys, "check", specs["tmp"] / "missing.yaml", "--against", specs["schemas"],
                         "--allow-uncovered")
    assert code == 2 and out == "" and err.count("\n") == 1


def test_check_with_a_broken_coverage_report_is_one_line(specs, capsys):
    broken = specs["tmp"] / "broken.json"
    broken.write_text("{\"operations\": 3}", encoding="utf-8")
    code, _, err = run(capsys, "check", specs["old"], "--against", specs["schemas"], "--coverage", broken)
    assert code == 2 and err.count("\n") == 1 and "not a coverage report" in err


@pytest.mark.parametrize("fail_on, expected", [("ERR", 0), ("WARN", 1), ("never", 0)])
def test_fail_on_threshold(specs, capsys, fail_on, expected):
    warn_only = fixture_doc()
    warn_only["components"]["schemas"]["CardCreate"]["properties"].pop("nickname")  # request-property-removed
    spec = write_doc(warn_only, specs["tmp"] / "warn.yaml")
    code, _, _ = run(capsys, "check", spec, "--against", specs["schemas"], "--allow-uncovered", "--fail-on", fail_on)
    assert code == expected


def test_fail_on_never_still_fails_on_the_coverage_gap(specs, capsys):
    coverage = coverage_file(specs["tmp"], fixture_doc(), skip={"login"})
    code, _, _ = run(capsys, "check", specs["breaking"], "--against", specs["schemas"], "--coverage", coverage,
                     "--fail-on", "never")
    assert code == 1


def test_check_writes_a_markdown_comment(specs, capsys):
    coverage = coverage_file(specs["tmp"], fixture_doc(), skip={"login"})
    comment = specs["tmp"] / "out" / "comment.md"
    code, out, _ = run(capsys, "check", specs["breaking"], "--against", specs["schemas"], "--coverage", coverage,
                       "--format", "markdown", "--output", comment)
    assert code == 1
    assert f"report written to {comment}" in out
    text = comment.read_text(encoding="utf-8")
    assert "**❌ FAIL: 1 finding at or above ERR; 1 operation not called by the suite**" in text
    assert "| operations not called by the suite | 1 |" in text
    assert "`request-property-became-required`" in text
    assert "<summary><b>Not covered</b>: 1 operations the last suite run did not call</summary>" in text


def test_check_json_carries_the_verdict(specs, capsys):
    code, out, _ = run(capsys, "check", specs["breaking"], "--against", specs["schemas"], "--allow-uncovered",
                       "--format", "json")
    gate = json.loads(out)["gate"]
    assert code == 1 and gate == {"failOn": "ERR", "allowUncovered": True, "passed": False, "exitCode": 1}


# -- sync ---------------------------------------------------------------------------

def test_sync_rewrites_the_contract_and_summarises_the_change(specs, capsys):
    target = specs["schemas"] / "multi"
    (target / "documented.json").write_text(json.dumps([{"method": "POST", "path": "/cards/{id}/unblock",
                                                         "title": "Unblock", "deprecated": False,
                                                         "inSpec": False}]), encoding="utf-8")
    code, out, _ = run(capsys, "sync", specs["additive"], "--out", specs["schemas"])
    assert code == 0
    assert f"synced additive.yaml (1.0) into {target}" in out
    assert "changes since [1.0]: ERR 0, WARN 0, INFO 4; operations 1 added" in out
    assert f"git diff -- {target}" in out
    operations = json.loads((target / "operations.json").read_text(encoding="utf-8"))["operations"]
    assert "cardUnblock" in {op["operationId"] for op in operations}
    # The documentation index is kept and re-checked against the new operations.
    assert json.loads((target / "documented.json").read_text(encoding="utf-8"))[0]["inSpec"] is True
    assert json.loads((target / "manifest.json").read_text(encoding="utf-8"))["source"] == "additive.yaml"


def test_sync_lists_breaking_changes(specs, capsys):
    code, out, _ = run(capsys, "sync", specs["breaking"], "--out", specs["schemas"])
    assert code == 0
    assert "  ERR request-property-became-required: cardCreate (POST /cards): field 'nickname' became required" in out


def test_sync_into_an_empty_folder(specs, capsys):
    code, out, _ = run(capsys, "sync", specs["old"], "--out", specs["tmp"] / "fresh")
    assert code == 0 and "everything is new" in out


def test_sync_of_a_missing_spec_changes_nothing(specs, capsys):
    before = (specs["schemas"] / "multi" / "operations.json").read_text(encoding="utf-8")
    code, _, err = run(capsys, "sync", specs["tmp"] / "missing.yaml", "--out", specs["schemas"])
    assert code == 2 and err.count("\n") == 1
    assert (specs["schemas"] / "multi" / "operations.json").read_text(encoding="utf-8") == before


def test_environment_picks_format_and_output_for_make(specs, tmp_path):
    comment = tmp_path / "comment.md"
    env = {**os.environ, "WEAVR_SPEC_FORMAT": "markdown", "WEAVR_SPEC_OUTPUT": str(comment)}
    done = subprocess.run([sys.executable, "-m", "support.spec", "check", str(specs["breaking"]),
                           "--against", str(specs["schemas"]), "--allow-uncovered"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)
    assert done.returncode == 1, done.stderr
    assert comment.read_text(encoding="utf-8").startswith("### Spec check:")
    assert "gate (--fail-on ERR): FAIL" in done.stdout
