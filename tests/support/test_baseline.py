"""The generated baseline: the committed feature is what the generator writes from the committed schemas, and each
row's request has exactly the one fault the row names, as the contract reads it."""
from __future__ import annotations

import pytest

from schemas.contract import load_contract
from support import baseline
from support.minimal_body import UNKNOWN_ID, filled_path, flatten, id_parameters, minimal_body

CONTRACT = load_contract("multi")
OPERATIONS = [op for op in CONTRACT.operations if op.kind == "path"]
ROWS_400 = baseline.missing_field(CONTRACT).rows


def test_the_committed_baseline_is_what_the_generator_writes():
    assert baseline.FEATURE.read_text(encoding="utf-8") == baseline.render(), \
        "features/baseline/baseline.feature is stale: run `make baseline`"


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.body_schema() is not None], ids=lambda op: op.operation_id)
def test_each_minimal_body_is_valid(op):
    body = minimal_body(CONTRACT, op)  # raises when it breaks its own schema
    assert CONTRACT.validate(op.body_schema(), body) == []


@pytest.mark.parametrize("row", ROWS_400, ids=lambda row: f"{row.operation}-{row.field}")
def test_a_missing_field_row_breaks_only_that_field(row):
    op = CONTRACT.by_id[row.operation]
    body = {k: v for k, v in minimal_body(CONTRACT, op).items() if k != row.field}
    errors = CONTRACT.validate(op.body_schema(), body)
    assert [(e.keyword, e.pointer, row.field in e.message) for e in errors] == [("required", "", True)], errors


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_a_filled_path_routes_to_its_own_operation(op):
    path = filled_path(CONTRACT, op)
    assert CONTRACT.match(op.method, path)[0] is op
    assert ("{" not in path) and (UNKNOWN_ID in path) == bool(id_parameters(CONTRACT, op))


def test_every_operation_owing_an_answer_is_a_row_or_listed_as_left_out():
    """An operation that could have a row and has none is named in the file with its reason, never silently
    dropped: a token it needs, an id in its path, a required field of its body."""
    text = baseline.render()
    for outline, could in ((baseline.without_token(CONTRACT), lambda op: any("auth_token" in r for r in op.security)),
                           (baseline.without_api_key(CONTRACT),
                            lambda op: bool(op.security) and not any("auth_token" in r for r in op.security)),
                           (baseline.unknown_id(CONTRACT), lambda op: bool(id_parameters(CONTRACT, op))),
                           (baseline.missing_field(CONTRACT), lambda op: bool(
                               op.body_schema() and flatten(CONTRACT, op.body_schema()).get("required")))):
        rows = {row.operation for row in outline.rows}
        left_out = {name for names in outline.left_out.values() for name in names}
        assert not rows & left_out
        for op in OPERATIONS:
            if could(op):
                assert op.operation_id in rows | left_out, op.operation_id
        for name in left_out:
            assert name in text


def test_the_three_kinds_cover_what_the_description_declares():
    """Figures a change of the contract or the generator moves, said here so the change is seen in review."""
    counts = (len(baseline.without_token(CONTRACT).rows), len(baseline.without_api_key(CONTRACT).rows),
              len(baseline.unknown_id(CONTRACT).rows), len(ROWS_400))
    assert counts == (123, 18, 66, 86)
    assert set(baseline.unknown_id(CONTRACT).left_out) == {"the description declares no 404"}


def test_a_failing_row_is_named_by_its_own_line():
    """The outline's steps share one line for every row: the row's own line is what a reader needs."""
    from types import SimpleNamespace

    from steps.baseline_steps import _row_line

    lines = baseline.FEATURE.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("| rolesGet "))
    item = SimpleNamespace(callspec=SimpleNamespace(id="rolesGet-GET-/roles"), path=baseline.FEATURE,
                           config=SimpleNamespace(rootpath=baseline.ROOT))
    assert _row_line(item) == f"features/baseline/baseline.feature:{number}"
