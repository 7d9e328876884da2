"""The deliverer: each event posted to the programme's webhook URL, signed as the webhooks description says,
without holding up the request that caused it, retried with backoff on the emulator's clock, logged, and
redeliverable through the control plane."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading

import pytest

from emulator.webhooks import BACKOFF_SECONDS, MAX_ATTEMPTS

from .control_plane import advance, outbox
from .webhook_sink import Sink


@pytest.fixture
def sink():
    found = Sink()
    yield found
    found.stop()


def hooked(emu, sink):
    answer = emu.app.handle("POST", "/_emulator/webhooks", "", {}, json.dumps({"url": sink.url}).encode())
    assert answer.status == 200 and answer.body == {"url": sink.url}
    return emu


def control(emu, method, path, body=None):
    return emu.app.handle(method, "/_emulator" + path, "", {}, json.dumps(body).encode() if body is not None else b"")


def delivered(emu):
    assert emu.app.world.webhooks.wait_idle(10), "the deliverer is still busy"
    return control(emu, "GET", "/webhooks/deliveries").body["deliveries"]


def logged_in(emu) -> dict:
    """A corporate that logs in with its password: one login_watch event."""
    corporate = emu.corporate()
    answer = emu.call("POST", "/login_with_password",
                      {"email": corporate["email"], "password": {"value": corporate["password"]}})
    assert answer.status == 200, answer.body
    return corporate


def sign(key: str, message: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode(), message, hashlib.sha256).digest()).decode()


def test_an_event_is_posted_to_its_webhook_path_signed_with_the_api_key(emu, sink):
    hooked(emu, sink)
    corporate = logged_in(emu)
    (log,) = delivered(emu)
    (request,) = sink.requests
    event = outbox(emu)[-1]
    assert log["eventType"] == "login_watch" and log["state"] == "DELIVERED" and event.type == "login_watch"
    assert request["path"] == "/hooks/login/watch"
    headers, raw, key = request["headers"], request["raw"], emu.programme["apiKey"]
    assert json.loads(raw) == event.payload and event.payload["credential"]["id"] == corporate["id"]
    assert headers["content-type"] == "application/json"
    assert headers["published-timestamp"] == str(event.timestamp)
    assert headers["signature"] == sign(key, headers["published-timestamp"].encode())
    assert headers["signature-v2"] == sign(key, headers["call-ref"].encode() + raw + headers["published-timestamp"].encode())
    assert headers["request-ref"] == log["requestRef"]
    assert log["attempts"][0]["status"] == 204 and log["attempts"][0]["callRef"] == headers["call-ref"]


def test_nothing_is_posted_without_a_webhook_url(emu, sink):
    logged_in(emu)
    assert outbox(emu, "login_watch")
    assert delivered(emu) == [] and sink.requests == []


def test_a_slow_receiver_does_not_hold_up_the_request_that_caused_the_event(emu, sink):
    hooked(emu, sink)
    # The receiver holds its answer until the request that caused the event has been answered: a
    # deliverer that posted inside the request would hold the login up until the hold's bound.
    sink.hold = threading.Event()
    logged_in(emu)
    assert sink.answered == 0, "the login waited for the receiver's answer"
    sink.hold.set()
    assert delivered(emu)[0]["state"] == "DELIVERED"


def test_events_arrive_in_the_order_they_happened(emu, sink):
    hooked(emu, sink)
    logged_in(emu)
    logged_in(emu)
    types = [e.type for e in outbox(emu)]
    delivered(emu)
    assert [r["path"].rsplit("/hooks", 1)[1] for r in sink.requests] == \
        [emu.app.world.webhooks.paths[t] for t in types]  # the deliverer's table of paths is what is checked


def test_a_failed_delivery_is_retried_with_backoff_on_the_clock_then_given_up(emu, sink):
    hooked(emu, sink)
    sink.statuses = [500] * MAX_ATTEMPTS
    logged_in(emu)
    (log,) = delivered(emu)
    assert log["state"] == "RETRYING" and len(log["attempts"]) == 1
    # Not before the backoff has passed on the emulator's clock.
    advance(emu, BACKOFF_SECONDS[0] - 1)
    assert len(delivered(emu)[0]["attempts"]) == 1
    for wait in BACKOFF_SECONDS:
        advance(emu, wait)
        delivered(emu)
    (log,) = delivered(emu)
    assert [a["status"] for a in log["attempts"]] == [500] * MAX_ATTEMPTS
    assert log["state"] == "FAILED" and log["nextAttemptAt"] is None
    assert len({r["headers"]["request-ref"] for r in sink.requests}) == 1, "a retry keeps its request-ref"
    assert len({r["headers"]["call-ref"] for r in sink.requests}) == MAX_ATTEMPTS, "each attempt has its call-ref"


def test_no_answer_counts_as_a_failure_and_a_later_2xx_delivers(emu, sink):
    hooked(emu, sink)
    sink.statuses = [503]
    logged_in(emu)
    assert delivered(emu)[0]["state"] == "RETRYING"
    advance(emu, BACKOFF_SECONDS[0])
    (log,) = delivered(emu)
    assert log["state"] == "DELIVERED" and [a["status"] for a in log["attempts"]] == [503, 204]
    sink.stop()
    control(emu, "POST", "/webhooks", {"url": sink.url})
    logged_in(emu)
    last = delivered(emu)[-1]
    assert last["state"] == "RETRYING" and last["attempts"][0]["status"] is None and last["attempts"][0]["error"]


def test_an_event_can_be_redelivered_with_its_request_ref(emu, sink):
    hooked(emu, sink)
    logged_in(emu)
    (log,) = delivered(emu)
    answer = control(emu, "POST", "/webhooks/redeliver", {"eventId": log["eventId"]})
    assert answer.status == 202 and answer.body["eventId"] == log["eventId"]
    (log,) = delivered(emu)
    assert [a["redelivery"] for a in log["attempts"]] == [False, True] and log["state"] == "DELIVERED"
    first, again = sink.requests
    assert first["raw"] == again["raw"] and first["headers"]["request-ref"] == again["headers"]["request-ref"]


@pytest.mark.parametrize("body, status", [({"eventId": "999999"}, 404), ({"eventId": 1}, 400), ([], 400)])
def test_redelivering_an_unknown_event_or_a_bad_body_is_refused(emu, sink, body, status):
    hooked(emu, sink)
    assert control(emu, "POST", "/webhooks/redeliver", body).status == status


@pytest.mark.parametrize("url", ["ftp://x", 5, ""])
def test_a_webhook_url_must_be_http(emu, url):
    assert control(emu, "POST", "/webhooks", {"url": url}).status == 400


def test_a_reset_forgets_the_log(emu, sink):
    hooked(emu, sink)
    logged_in(emu)
    delivered(emu)
    assert control(emu, "POST", "/reset").status == 204
    assert delivered(emu) == []


def test_the_suites_receiver_accepts_each_delivery_and_drops_a_redelivery(emu):
    from schemas import load_contract
    from support.receiver import Receiver

    receiver = Receiver(load_contract("multi"), api_key=emu.programme["apiKey"])
    receiver.start()
    try:
        control(emu, "POST", "/webhooks", {"url": receiver.url})
        logged_in(emu)
        (log,) = delivered(emu)
        control(emu, "POST", "/webhooks/redeliver", {"eventId": log["eventId"]})
        delivered(emu)
        assert receiver.rejected == [] and [e.type for e in receiver.events] == ["login_watch"]
        assert len(receiver.duplicates) == 1
    finally:
        receiver.stop()


def test_the_back_office_deactivates_and_reactivates_an_identity_with_its_events(emu):
    corporate = logged_in(emu)
    answer = control(emu, "POST", "/identities/active",
                     {"identityId": corporate["id"], "active": False, "reasonCode": "ACCOUNT_REVIEW"})
    assert answer.status == 200 and answer.body["active"] is False
    assert emu.call("GET", "/corporates", token=corporate["token"]).status == 401
    control(emu, "POST", "/identities/active", {"identityId": corporate["id"], "active": True})
    events = outbox(emu)[-2:]
    assert [e.type for e in events] == ["corporates_corporate_deactivated_watch", "corporates_corporate_activated_watch"]
    assert events[0].payload == {"actionDoneBy": "ADMIN", "emailAddress": corporate["email"], "reasonCode": "ACCOUNT_REVIEW"}


@pytest.mark.parametrize("body, status", [({"identityId": "1", "active": False}, 404), ({"identityId": "1"}, 400),
                                          ({"identityId": "1", "active": True, "reasonCode": "NOPE"}, 400)])
def test_the_back_office_refuses_an_unknown_identity_or_a_bad_body(emu, body, status):
    assert control(emu, "POST", "/identities/active", body).status == status


def test_a_manual_transaction_credits_the_account_through_the_ledger_with_its_event(emu):
    from .cards_helpers import verified_corporate

    owner = verified_corporate(emu)
    account = emu.call("POST", "/managed_accounts", {"profileId": emu.programme["profiles"]["managedAccounts"],
                                                     "friendlyName": "a", "currency": "EUR"}, token=owner["token"])
    assert account.status == 200, account.body
    answer = control(emu, "POST", "/manual_transactions", {"managedAccountId": account.body["id"], "amount": 700})
    assert answer.status == 200
    read = emu.call("GET", f"/managed_accounts/{account.body['id']}", token=owner["token"])
    assert read.body["balances"]["availableBalance"] == 700
    event = outbox(emu, "manual_transactions_watch")[-1]
    assert event.payload["availableBalanceAdjustment"] == "700"
    assert control(emu, "POST", "/manual_transactions", {"managedAccountId": "1", "amount": 5}).status == 404
    assert control(emu, "POST", "/manual_transactions", {"managedAccountId": account.body["id"], "amount": 0}).status == 400


def test_a_retry_is_dropped_once_the_programme_has_no_webhook_url(emu, sink):
    hooked(emu, sink)
    sink.statuses = [500]
    logged_in(emu)
    assert delivered(emu)[0]["state"] == "RETRYING"
    control(emu, "POST", "/webhooks", {"url": None})
    advance(emu, BACKOFF_SECONDS[0])
    (log,) = delivered(emu)
    assert log["state"] == "FAILED" and len(log["attempts"]) == 1 and len(sink.requests) == 1
