"""A version bump in miniature (fixtures/bump-old.yaml -> bump-new.yaml), one test per case the gate must read right:
renamed oneOf branches, an implicit type, escaping-only and narrowing patterns, and the rollup that opens the report."""
from __future__ import annotations

import json
import re

import pytest
from spec_helpers import FIXTURES, diff_docs, fixture_doc, side

from support.spec.__main__ import main
from support.spec.gate import Report

RB = "/requestBody/content/application~1json"
R200 = "/responses/200/content/application~1json"


@pytest.fixture(scope="module")
def bump():
    old, new = fixture_doc("bump-old"), fixture_doc("bump-new")
    return diff_docs(old, new)


def found(findings, rule=None, operation=None, pointer=None):
    return [f for f in findings if (rule is None or f.rule == rule) and (operation is None or f.operation_id == operation)
            and (pointer is None or f.pointer == pointer)]


def test_renamed_oneof_branches_are_paired_by_their_fields_not_reported_as_gone_and_new(bump):
    assert found(bump, "request-property-one-of-removed") == [] and found(bump, "response-property-one-of-added") == []
    renamed = {(f.rule, f.level, f.message) for f in found(bump, operation="payoutCreate") if "renamed" in f.rule}
    assert renamed == {(f"{side}-property-one-of-renamed", "INFO", f"'account': shape {old} is now {new} (paired by its fields)")
                       for side in ("request", "response")
                       for old, new in (("EuroAccount", "IbanDetails"), ("UkAccount", "UkOrBacsDetails"))}


def test_a_change_inside_a_renamed_branch_is_found(bump):
    # bic is required in EuroAccount and optional in IbanDetails: a client reading answers can no longer rely on it
    [answer] = found(bump, "response-property-became-optional", "payoutCreate")
    assert (answer.level, answer.pointer) == ("ERR", R200 + "/properties/account/oneOf/0/properties/bic")
    [request] = found(bump, "request-property-became-optional", "payoutCreate")
    assert request.level == "INFO"
    [added] = found(bump, "new-optional-request-property", "payoutCreate")
    assert added.pointer.endswith("/oneOf/1/properties/secondaryReference")


def test_an_iban_pattern_that_now_refuses_lowercase_is_breaking(bump):
    [iban] = found(bump, pointer=RB + "/properties/account/oneOf/0/properties/iban")
    assert (iban.rule, iban.level) == ("request-property-constraint-tightened", "ERR")
    refused = json.loads(re.search(r"now refuses (\"[^\"]*\")", iban.message)[1])
    assert re.fullmatch("[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{11,30}", refused)
    assert not re.fullmatch("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", refused)


def test_an_implicit_array_that_becomes_an_object_is_a_type_change(bump):
    [changed] = found(bump, "response-property-type-changed", "identitiesGet")
    assert changed.level == "ERR" and changed.pointer == R200
    assert changed.message == "type of response 200 changed from array (implied by items) to object"


def test_implicit_types_that_match_the_declared_ones_are_no_change(bump):
    # Identity, Statement and their items gained `type` equal to what properties/items implied
    type_changes = [f for f in bump if re.search(r"-type-(changed|widened|narrowed)$", f.rule)]
    assert type_changes == found(bump, "response-property-type-changed", "identitiesGet")


def test_patterns_that_differ_only_in_escaping_raise_nothing(bump):
    assert found(bump, pointer=RB + "/properties/reference") == []  # `\-` and `\/` in a class, written plainly
    [phone] = found(bump, pointer=RB + "/properties/phone")  # `^\\+` written for `^\+`
    assert (phone.rule, phone.level) == ("request-property-pattern-reescaped", "INFO")


def test_quantifier_narrowing_is_breaking(bump):
    [code] = found(bump, pointer=RB + "/properties/code")
    assert (code.rule, code.level) == ("request-property-constraint-tightened", "ERR")
    assert code.message.endswith('(now refuses "0000000000000")')


def test_nothing_in_the_bump_is_a_false_alarm(bump):
    """Every ERR/WARN is one of the planted breaking changes."""
    alarms = {(f.rule, f.operation_id, f.pointer.rsplit("/", 1)[-1]) for f in bump if f.level != "INFO"}
    assert alarms == {("api-removed", "cardAssign", ""), ("api-removed", "tokenGet", ""),
                      ("response-property-type-changed", "identitiesGet", "application~1json"),
                      ("request-property-constraint-tightened", "payoutCreate", "iban"),
                      ("request-property-constraint-tightened", "payoutCreate", "code"),
                      ("response-property-became-optional", "payoutCreate", "bic"),
                      ("response-media-type-removed", "statementGet", "text~1csv")}


# -- the rollup --------------------------------------------------------------------------

def _report(capsys, fmt):
    assert main(["diff", str(FIXTURES / "bump-old.yaml"), str(FIXTURES / "bump-new.yaml"), "--format", fmt]) == 0
    return capsys.readouterr().out


def test_the_text_report_opens_with_the_rollup_removed_and_moved_operations_first(capsys):
    lines = _report(capsys, "text").splitlines()
    start = lines.index("ROLLUP")
    assert start == 3 and lines.index("DETAIL: every finding, by level and operation") > start
    assert lines[start + 1] == ("distinct changes: ERR 7, WARN 0, INFO 11 "
                                "(a change reported under several operations counts once)")
    assert lines[start + 3:start + 7] == [
        "Removed or moved operations (3)",
        "  ERR  POST /cards/assign was removed",
        "  ERR  GET /tokens/{id} was removed; moved to a new path (same operationId): GET /v2/tokens/{id}"
        " (the same contract: no ERR or WARN between the two)",
        "  INFO GET /statements/{id}: its 1.0 contract moved under /deprecated/ as GET /deprecated/statements/{id}"
        " (statementGetDeprecated, deprecated) (the same contract: no ERR or WARN between the two);"
        " GET /statements/{id} itself stays, with the changes listed below"]
    assert lines[start + 8] == "ERR changes (5 distinct)"
    assert "  ERR  field 'bic' became optional  (response-property-became-optional)" in lines
    # the removed and moved operations are not repeated among the other changes
    rollup = lines[start:lines.index("DETAIL: every finding, by level and operation")]
    assert sum("/cards/assign" in line for line in rollup) == 1
    assert sum("/deprecated/statements" in line for line in rollup) == 1


def test_a_change_reached_by_several_operations_is_one_rollup_entry():
    old, new = fixture_doc(), fixture_doc()
    new["components"]["schemas"]["Card"]["required"].remove("state")  # Card answers three operations
    report = Report(old=side(old), new=side(new), findings=diff_docs(old, new))
    moves, changes = report.rollup()
    assert moves == [] and len(report.findings) == 3
    [change] = changes
    assert (change.level, change.rule, change.findings) == ("ERR", "response-property-became-optional", 3)
    assert change.operations == ["GET /cards", "POST /cards", "GET /cards/{id}"]
    assert report.distinct_counts() == {"ERR": 1, "WARN": 0, "INFO": 0}


def test_the_json_and_markdown_reports_carry_the_rollup(capsys):
    data = json.loads(_report(capsys, "json"))
    assert data["summary"]["distinct"] == {"ERR": 7, "WARN": 0, "INFO": 11}
    assert [m["operation"] for m in data["rollup"]["operations"]] == [
        "POST /cards/assign", "GET /tokens/{id}", "GET /statements/{id}"]
    assert data["rollup"]["operations"][2]["target"] == "GET /deprecated/statements/{id}"
    assert {c["rule"] for c in data["rollup"]["changes"]} >= {"response-property-type-changed",
                                                              "request-property-one-of-renamed"}
    markdown = _report(capsys, "markdown")
    assert markdown.index("#### Rollup") < markdown.index("<summary><b>ERR</b>")
    assert "| ERR | `POST /cards/assign` | POST /cards/assign was removed |" in markdown


def test_a_markdown_report_too_long_for_a_comment_keeps_the_rollup_and_drops_detail_from_info_up(capsys, monkeypatch):
    import support.spec.render as render_module

    full = _report(capsys, "markdown")
    assert "does not fit in a comment" not in full and "<summary><b>INFO</b>" in full
    monkeypatch.setattr(render_module, "COMMENT_LIMIT", full.index("<details") + 2000)  # room for ERR's detail only
    cut = _report(capsys, "markdown")
    assert len(cut) <= render_module.COMMENT_LIMIT
    assert "#### Rollup" in cut and "<summary><b>ERR</b>" in cut and "<summary><b>INFO</b>" not in cut
    assert "> The detail of INFO does not fit in a comment" in cut
