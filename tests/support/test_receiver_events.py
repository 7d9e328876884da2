"""The receiver takes events as a programme's server should: a tampered signature, a payload that breaks its
event's schema and a second delivery of the same event are each caught, and a good event is kept."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.request

import pytest

from schemas import load_contract
from support.receiver import Delivery, Receiver

KEY = "receiver-test-key"
LOGIN = {"credential": {"type": "ROOT", "id": "123"}, "identity": {"type": "CORPORATE", "id": "123"},
         "type": "PASSWORD", "status": "VERIFIED", "publishedTimestamp": "1700000000000"}


@pytest.fixture(scope="module")
def receiver():
    found = Receiver(load_contract("multi"), api_key=KEY)
    found.start()
    yield found
    found.stop()


def sign(message: bytes, key: str = KEY) -> str:
    return base64.b64encode(hmac.new(key.encode(), message, hashlib.sha256).digest()).decode()


def post(receiver, body, *, path="/login/watch", request_ref=None, key=KEY, tamper=None, raw=None):
    raw = raw if raw is not None else json.dumps(body).encode()
    published, call_ref = "1700000000123", "call-1"
    headers = {"content-type": "application/json", "call-ref": call_ref, "published-timestamp": published,
               "signature": sign(published.encode(), key),
               "signature-v2": sign(call_ref.encode() + raw + published.encode(), key)}
    if request_ref:
        headers["request-ref"] = request_ref
    if tamper:
        raw = tamper(raw)
    request = urllib.request.Request(receiver.url + path, data=raw, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_good_event_is_kept(receiver):
    assert post(receiver, LOGIN, request_ref="good-1") == 204
    (event,) = [e for e in receiver.events_of("login_watch") if e.request_ref == "good-1"]
    assert event.body == LOGIN


def test_a_tampered_body_breaks_signature_v2_and_is_refused(receiver):
    before = len(receiver.events)
    status = post(receiver, LOGIN, request_ref="tampered-1", tamper=lambda raw: raw.replace(b"VERIFIED", b"DECLINED"))
    assert status == 401 and len(receiver.events) == before
    assert receiver.rejected[-1].problems == ["header signature-v2 does not sign the request with the api-key"]


def test_a_signature_with_another_key_is_refused(receiver):
    assert post(receiver, LOGIN, request_ref="other-key", key="not-the-api-key") == 401
    assert "header signature does not sign the request with the api-key" in receiver.rejected[-1].problems


def test_a_payload_that_breaks_its_events_schema_is_refused(receiver):
    before = len(receiver.events)
    assert post(receiver, {**LOGIN, "status": "MAYBE"}, request_ref="wrong-1") == 400
    assert len(receiver.events) == before
    assert any("/status" in p and "MAYBE" in p for p in receiver.rejected[-1].problems), receiver.rejected[-1].problems


def test_a_body_that_is_no_json_object_is_refused(receiver):
    assert post(receiver, None, raw=b"[1, 2]", request_ref="not-object") == 400


def test_a_path_that_is_no_webhook_is_refused(receiver):
    assert post(receiver, LOGIN, path="/nothing/watch") == 404


def test_a_second_delivery_of_the_same_event_is_acknowledged_and_dropped(receiver):
    assert post(receiver, LOGIN, request_ref="twice-1") == 204
    assert post(receiver, LOGIN, request_ref="twice-1") == 204
    assert len([e for e in receiver.events if e.request_ref == "twice-1"]) == 1
    assert receiver.duplicates[-1].headers["request-ref"] == "twice-1"


def test_without_a_request_ref_the_same_body_published_at_the_same_time_is_a_duplicate(receiver):
    body = {**LOGIN, "publishedTimestamp": "1700000000999"}
    before = len(receiver.events)
    assert post(receiver, body) == 204 and post(receiver, body) == 204
    assert len(receiver.events) == before + 1


def test_a_receiver_told_to_fail_answers_so_and_keeps_nothing(receiver):
    receiver.fail_next(1, status=503)
    before = len(receiver.events)
    assert post(receiver, LOGIN, request_ref="down-1") == 503
    assert len(receiver.events) == before
    assert post(receiver, LOGIN, request_ref="down-1") == 204 and len(receiver.events) == before + 1


@pytest.mark.parametrize("path", ["/managed_cards_authorisation_forwarding",
                                  "/bank_transfers_in/authorisation_request"])
def test_a_forwarded_request_missing_its_headers_and_breaking_its_schema_is_reported(receiver, path):
    body = {"id": "not-a-number"}
    problems = receiver.check(Delivery(path=path, headers={}, raw=json.dumps(body).encode(), body=body))
    assert any(p.startswith("header ") and p.endswith(" is missing") for p in problems), problems
    assert any(p.startswith("body ") for p in problems), problems


def test_an_incoming_wire_forwarded_with_a_string_amount_is_reported(receiver):
    body = {"id": "1", "source": {}, "destination": {}, "amount": {"currency": "EUR", "amount": "700"},
            "timestamp": 1}
    problems = receiver.check(Delivery(path="/bank_transfers_in/authorisation_request", headers={},
                                       raw=json.dumps(body).encode(), body=body))
    assert any("/amount/amount" in p for p in problems), problems
