"""The client: retries on 429/503 honouring the server's hints, records traffic, fails on violations."""
from __future__ import annotations

import pytest

from schemas import load_contract
from support.client import TargetUnreachable, WeavrClient, dig, retry_delay
from support.contract_check import ContractViolation
from support.masking import Masker
from support.traffic import TrafficRecorder

from .fakes import response


class ScriptedSession:
    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = []

    def request(self, method, url, **kwargs):
        self.sent.append((method, url, kwargs["headers"]))
        return self.answers.pop(0)


def client(answers):
    recorder = TrafficRecorder()
    c = WeavrClient("http://target/multi", load_contract("multi"), Masker(), recorder,
                    key_header="api-key", key="k-123456", max_wait=0.01)
    c.session = ScriptedSession(answers)
    return c, recorder


def test_retries_429_then_succeeds_and_records_both_statuses(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)
    c, recorder = client([response(429, headers={"x-ratelimit-reset": "0"}), response(204)])
    answer = c.request("POST", "/corporates/verification/email/send", json={"email": "a@b.co"})
    assert answer.status == 204 and len(c.session.sent) == 2
    assert recorder.counts[("multi", "corporateRootUserEmailVerificationCodeSend", 204)] == 1


def test_retries_are_bounded(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)
    c, _ = client([response(503)] * 4)
    assert c.request("POST", "/corporates/verification/email/send", json={"email": "a@b.co"}).status == 503
    assert len(c.session.sent) == 4


def test_retry_delay_prefers_retry_after_then_ratelimit_reset():
    assert retry_delay(response(429, headers={"Retry-After": "2"}), 0) == 2.0
    assert retry_delay(response(429, headers={"x-ratelimit-reset": "5"}), 0) == 5.0
    assert retry_delay(response(429), 2) == 2.0


def test_headers_sent_include_key_token_and_idempotency_ref():
    c, _ = client([response(204)])
    c.request("POST", "/logout", token="tok-999999", idempotency_ref="ref-7")
    headers = c.session.sent[0][2]
    assert headers["api-key"] == "k-123456" and headers["Authorization"] == "Bearer tok-999999"
    assert headers["idempotency-ref"] == "ref-7"


def test_a_violation_fails_the_call():
    c, _ = client([response(200, {"token": 5})])
    with pytest.raises(ContractViolation, match="loginWithPassword answered 200 at /token"):
        c.request("POST", "/login_with_password", json={})


def test_a_call_outside_the_contract_fails():
    c, _ = client([response(404, {"code": "NOT_FOUND", "message": "x"})])
    with pytest.raises(ContractViolation, match="operation_is_documented"):
        c.request("GET", "/no_such_operation")


def test_unreachable_target_is_one_line():
    import requests

    c, _ = client([])

    class Down:
        def request(self, *a, **k):
            raise requests.ConnectionError("refused")

    c.session = Down()
    with pytest.raises(TargetUnreachable, match="cannot reach http://target/multi/logout"):
        c.request("POST", "/logout", token="t")


def test_dig_reads_dotted_paths_and_names_what_is_missing():
    assert dig({"a": [{"b": 1}]}, "a.0.b") == 1
    with pytest.raises(KeyError, match="missing 'c'"):
        dig({"a": {}}, "a.c")
