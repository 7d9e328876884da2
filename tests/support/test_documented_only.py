"""The four deprecated bulk operations: the client recognises them without a schema, checks that an answer
with a body is JSON, and the coverage report counts their traffic as "documented, no schema published"."""
from __future__ import annotations

from collections import Counter

import requests

from schemas import load_contract
from support.coverage import build_coverage
from support.documented_only import TAG, check_documented_only, documented_only


def answer(status: int, content: bytes, content_type: str) -> requests.Response:
    response = requests.Response()
    response.status_code, response._content = status, content
    response.headers["content-type"] = content_type
    return response


def test_the_four_deprecated_bulk_operations_are_recognised_and_nothing_else():
    contract = load_contract("multi")
    for path in ("/sends/bulk/create", "/sends/bulk/cancel", "/outgoing_wire_transfers/bulk/create",
                 "/outgoing_wire_transfers/bulk/cancel"):
        assert documented_only(contract, "POST", path) == f"POST {path}"
    assert documented_only(contract, "GET", "/sends/bulk/create") is None
    assert documented_only(contract, "POST", "/transfers/bulk/cancel") is None  # in the description


def test_an_answer_with_a_body_must_be_json():
    assert check_documented_only("POST /sends/bulk/create", answer(200, b'{"sends": []}', "application/json"), {}) == []
    assert check_documented_only("POST /sends/bulk/create", answer(401, b"", ""), None) == []
    (violation,) = check_documented_only("POST /sends/bulk/create", answer(501, b"NOT_IMPLEMENTED", "text/plain"),
                                         None)
    assert violation.check == "documented_only_answers_json"


def test_coverage_counts_their_traffic_under_method_and_path():
    contract = load_contract("multi")
    report = build_coverage(contract, Counter({("multi", "POST /sends/bulk/create", 200): 2,
                                               ("multi", "POST /sends/bulk/create", 401): 1}))
    rows = {(r["method"], r["path"]): r for r in report["operations"] if r["documentedOnly"]}
    row = rows[("POST", "/sends/bulk/create")]
    assert row["tag"] == TAG and row["called"] and row["success"] and row["error"]
    assert row["statuses"] == {"200": 2, "401": 1}
    assert not rows[("POST", "/outgoing_wire_transfers/bulk/cancel")]["called"]
