"""The four deprecated bulk operations go through the one contract check: recognised without a schema, an
answer that is not a 2xx or 4xx or not JSON is caught (also through the client, which then fails the call), and
the coverage report counts their traffic as "documented, no schema published"."""
from __future__ import annotations

from collections import Counter

import pytest
import requests

from schemas import load_contract
from support.client import WeavrClient
from support.contract_check import DOCUMENTED_ONLY, ContractViolation, check_answer, documented_only
from support.coverage import build_coverage
from support.masking import Masker
from support.traffic import TrafficRecorder

PATHS = ("/sends/bulk/create", "/sends/bulk/cancel", "/outgoing_wire_transfers/bulk/create",
         "/outgoing_wire_transfers/bulk/cancel")


def answer(status: int, content: bytes, content_type: str) -> requests.Response:
    response = requests.Response()
    response.status_code, response._content = status, content
    if content_type:
        response.headers["content-type"] = content_type
    return response


def checks(path: str, response) -> list[str]:
    checked = check_answer(load_contract("multi"), "POST", path, response)
    assert checked.documented_only and checked.name == f"POST {path}", checked
    return [v.check for v in checked.violations]


def test_the_four_deprecated_bulk_operations_are_recognised_and_nothing_else():
    contract = load_contract("multi")
    for path in PATHS:
        assert documented_only(contract, "POST", path) == f"POST {path}"
    assert documented_only(contract, "GET", "/sends/bulk/create") is None
    assert documented_only(contract, "POST", "/transfers/bulk/cancel") is None  # in the description
    # An operation of the description is checked against its schema: a 201 transferCancel does not declare.
    checked = check_answer(contract, "POST", "/transfers/bulk/cancel", answer(201, b"{}", "application/json"))
    assert checked.name == "transferCancel" and not checked.documented_only
    assert "status_is_declared" in [v.check for v in checked.violations]


@pytest.mark.parametrize("path", PATHS)
def test_a_json_answer_of_2xx_or_4xx_passes(path):
    assert checks(path, answer(200, b'{"sends": []}', "application/json")) == []
    assert checks(path, answer(409, b'{"errorCode": "FUNDS_INSUFFICIENT"}', "application/json")) == []
    assert checks(path, answer(401, b"", "")) == []


@pytest.mark.parametrize("path", PATHS)
def test_an_undeclared_answer_is_caught_by_status_and_content_type(path):
    assert checks(path, answer(501, b'{"code": "NOT_IMPLEMENTED"}', "application/json")) == ["documented_only_status"]
    assert checks(path, answer(500, b"", "")) == ["documented_only_status"]
    assert checks(path, answer(200, b"<html>ok</html>", "text/html")) == ["documented_only_answers_json"]
    assert checks(path, answer(200, b"{not json", "application/json")) == ["documented_only_answers_json"]
    assert sorted(checks(path, answer(501, b"NOT_IMPLEMENTED", "text/plain"))) == [
        "documented_only_answers_json", "documented_only_status"]


class OneAnswer:
    def __init__(self, response):
        self.response = response

    def request(self, method, url, **kwargs):
        return self.response


def test_the_client_fails_the_call_and_still_records_its_traffic():
    recorder = TrafficRecorder()
    client = WeavrClient("http://target/multi", load_contract("multi"), Masker(), recorder, key_header="api-key",
                         key="k-123456", max_retries=0)
    client.session = OneAnswer(answer(501, b"NOT_IMPLEMENTED", "text/plain"))
    with pytest.raises(ContractViolation) as caught:
        client.request("POST", "/outgoing_wire_transfers/bulk/cancel", json={"cancellations": [{"id": "1"}]})
    assert {v.check for v in caught.value.violations} == {"documented_only_status", "documented_only_answers_json"}
    assert recorder.counts[("multi", "POST /outgoing_wire_transfers/bulk/cancel", 501)] == 1


def test_coverage_counts_their_traffic_under_method_and_path():
    contract = load_contract("multi")
    report = build_coverage(contract, Counter({("multi", "POST /sends/bulk/create", 200): 2,
                                               ("multi", "POST /sends/bulk/create", 401): 1}))
    rows = {(r["method"], r["path"]): r for r in report["operations"] if r["documentedOnly"]}
    row = rows[("POST", "/sends/bulk/create")]
    assert row["tag"] == DOCUMENTED_ONLY and row["called"] and row["success"] and row["error"]
    assert row["statuses"] == {"200": 2, "401": 1}
    assert not rows[("POST", "/outgoing_wire_transfers/bulk/cancel")]["called"]
