"""Faults planted through the control plane: each kind changes its operation's answers, and only those."""
from __future__ import annotations

import json
import time

import pytest

from .helpers import Emu


@pytest.fixture
def emu():
    return Emu()


def control(emu, method, body=None):
    return emu.app.handle(method, "/_emulator/faults", "", {}, json.dumps(body).encode() if body else b"")


def plant(emu, **spec) -> dict:
    answer = control(emu, "POST", spec)
    assert answer.status == 200, answer.body
    return answer.body


def applied(emu, fault) -> int:
    return next(f["applied"] for f in control(emu, "GET").body["faults"] if f["id"] == fault["id"])


def view(emu, fault) -> dict:
    return next(f for f in control(emu, "GET").body["faults"] if f["id"] == fault["id"])


def me(emu, corporate):
    return emu.call("GET", "/corporates", token=corporate["token"])


def test_a_dropped_field_is_left_out_of_that_operation_only(emu):
    corporate = emu.corporate()
    fault = plant(emu, operationId="corporateGet", kind="drop", pointer="/rootUser/surname")
    assert applied(emu, fault) == 0
    answer = me(emu, corporate)
    assert answer.status == 200 and "surname" not in answer.body["rootUser"] and answer.body["rootUser"]["name"] == "Ann"
    assert applied(emu, fault) == 1
    users = emu.call("GET", "/users", token=corporate["token"])
    assert users.status == 200


@pytest.mark.parametrize("pointer, check", [
    ("/rootUser/surname", lambda old, new: isinstance(new, str) and new != old),
    ("/creationTimestamp", lambda old, new: new == old + 1),
    ("/rootUser/emailVerified", lambda old, new: new is (not old)),
    ("/rootUser/companyPosition", lambda old, new: new != old and new in ("DIRECTOR", "AUTHORISED_REPRESENTATIVE")),
    ("/id/id", lambda old, new: int(new) == int(old) + 1),
])
def test_a_changed_value_is_another_value_the_schema_still_accepts(emu, pointer, check):
    corporate = emu.corporate()
    before = me(emu, corporate).body
    plant(emu, operationId="corporateGet", kind="change", pointer=pointer)
    after = me(emu, corporate)  # strict self-check is off for a faulted operation: check the schema here
    operation = emu.app.contracts["multi"].by_id["corporateGet"]
    assert emu.app.contracts["multi"].validate(operation.response_schema(200), after.body) == []
    old, new = _at(before, pointer), _at(after.body, pointer)
    assert check(old, new), (old, new)
    def rest(body):
        return {k: v for k, v in body.items() if k not in ("rootUser", "id", "creationTimestamp")}
    assert rest(after.body) == rest(before)


def test_a_list_loses_an_item_and_a_count_is_off_by_one(emu):
    corporate = emu.corporate()
    stepped = emu.stepped_up(corporate)
    for n in range(2):
        body = {"name": "U", "surname": str(n), "email": f"u{n}.{corporate['id']}@example.com",
                "mobile": {"countryCode": "+356", "number": "79000001"}}
        assert emu.call("POST", "/users", body, token=stepped).status == 200
    before = emu.call("GET", "/users", token=stepped).body
    plant(emu, operationId="usersGet", kind="change", pointer="/users")
    plant(emu, operationId="usersGet", kind="change", pointer="/count")
    after = emu.call("GET", "/users", token=stepped).body
    assert after["users"] == before["users"][:-1]
    assert after["count"] == before["count"] + 1


def test_a_status_fault_answers_another_declared_status_with_a_documented_code(emu):
    plant(emu, operationId="corporateCreate", kind="status", status=409)
    body = emu.corporate_body()
    answer = emu.call("POST", "/corporates", body)
    operation = emu.app.contracts["multi"].by_id["corporateCreate"]
    assert answer.status == 409 and emu.app.contracts["multi"].validate(operation.response_schema(409), answer.body) == []
    assert answer.body["errorCode"] and "request-ref" in answer.headers


def test_a_status_fault_changes_one_error_code_to_another(emu):
    corporate = emu.corporate()
    plant(emu, operationId="corporateCreate", kind="status", status=409, fromStatus=409)
    answer = emu.call("POST", "/corporates", emu.corporate_body(corporate["email"]))
    assert answer.status == 409 and answer.body["errorCode"] != "ROOT_EMAIL_NOT_UNIQUE"
    fresh = emu.call("POST", "/corporates", emu.corporate_body())
    assert fresh.status == 200, "a success answer is not the fault's fromStatus"


def test_a_state_change_not_made_answers_done_and_leaves_the_state(emu):
    corporate = emu.corporate()
    fault = plant(emu, operationId="corporateUpdate", kind="state")
    answer = emu.call("PATCH", "/corporates", {"tag": "changed"}, token=corporate["token"])
    assert answer.status == 200 and answer.body.get("tag") == "changed"
    assert "tag" not in me(emu, corporate).body
    assert applied(emu, fault) == 1
    control(emu, "DELETE")
    assert emu.call("PATCH", "/corporates", {"tag": "changed"}, token=corporate["token"]).status == 200
    assert me(emu, corporate).body["tag"] == "changed"


def test_a_state_fault_undoes_a_create_and_the_emulator_keeps_working(emu):
    plant(emu, operationId="corporateCreate", kind="state")
    body = emu.corporate_body()
    answer = emu.call("POST", "/corporates", body)
    assert answer.status == 200
    created_id = answer.body["id"]["id"]
    assert emu.call("POST", f"/passwords/{created_id}/create", {"password": {"value": "Passw0rd!"}}).status == 404
    control(emu, "DELETE")
    assert emu.corporate()["token"]


def test_a_state_fault_on_an_operation_that_changes_nothing_is_not_counted_as_applied(emu):
    """A validation changes nothing, so leaving its state as it was is no fault at all: counting it would
    report a survivor no scenario could ever kill."""
    validate = plant(emu, operationId="passwordValidate", kind="state")
    create = plant(emu, operationId="corporateCreate", kind="state")
    assert emu.call("POST", "/passwords/validate", {"password": {"value": "Passw0rd!"}}).status == 204
    assert emu.call("POST", "/corporates", emu.corporate_body()).status == 200
    assert (applied(emu, validate), applied(emu, create)) == (0, 1)


def test_latency_delays_the_answer(emu):
    plant(emu, operationId="corporateCreate", kind="latency", delayMs=200)
    started = time.monotonic()
    assert emu.call("POST", "/corporates", emu.corporate_body()).status == 200
    assert time.monotonic() - started >= 0.2


@pytest.mark.parametrize("status", [429, 503])
def test_throttle_answers_the_next_calls_with_retry_after_then_recovers(emu, status):
    fault = plant(emu, operationId="corporateCreate", kind="throttle", status=status, calls=2, retryAfter=1)
    for _ in range(2):
        answer = emu.call("POST", "/corporates", emu.corporate_body())
        assert answer.status == status and answer.headers["retry-after"] == "1" and answer.body is None
        if status == 429:
            assert answer.headers["x-ratelimit-reset"] == "1"
    assert "retriedAfter" not in view(emu, fault), "no call after the throttled ones yet"
    assert emu.call("POST", "/corporates", emu.corporate_body()).status == 200
    assert applied(emu, fault) == 2


def test_throttle_times_the_first_call_after_it_so_a_retry_too_soon_shows(emu):
    fault = plant(emu, operationId="corporateCreate", kind="throttle", status=429, calls=1, retryAfter=1)
    assert emu.call("POST", "/corporates", emu.corporate_body()).status == 429
    time.sleep(0.2)
    assert emu.call("POST", "/corporates", emu.corporate_body()).status == 200
    first = view(emu, fault)["retriedAfter"]
    emu.call("POST", "/corporates", emu.corporate_body())
    # Only a lower bound: a busy machine may take longer between the calls, never shorter.
    assert first >= 0.2 and view(emu, fault)["retriedAfter"] == first, "the first call after the 429 is timed, once"


def test_a_fault_whose_operation_is_not_called_is_never_applied_and_clear_removes_all(emu):
    fault = plant(emu, operationId="managedAccountGet", kind="drop", pointer="/id")
    emu.corporate()
    assert applied(emu, fault) == 0
    assert control(emu, "DELETE").status == 204
    assert control(emu, "GET").body == {"faults": []}


def test_a_drop_of_a_field_the_answer_lacks_is_not_counted(emu):
    corporate = emu.corporate()
    fault = plant(emu, operationId="corporateGet", kind="drop", pointer="/rootUser/nope")
    assert me(emu, corporate).status == 200
    assert applied(emu, fault) == 0


@pytest.mark.parametrize("spec, field", [
    ({"kind": "drop", "pointer": "/id"}, "operationId"),
    ({"operationId": "nope", "kind": "drop", "pointer": "/id"}, "operationId"),
    ({"operationId": "corporateGet", "kind": "explode"}, "kind"),
    ({"operationId": "corporateGet", "kind": "drop"}, "pointer"),
    ({"operationId": "corporateGet", "kind": "status", "status": 418}, "status"),
    ({"operationId": "corporateGet", "kind": "latency", "delayMs": -1}, "delayMs"),
    ({"operationId": "corporateGet", "kind": "throttle", "status": 500}, "status"),
])
def test_a_bad_fault_is_refused_with_400_naming_the_field(emu, spec, field):
    answer = control(emu, "POST", spec)
    assert answer.status == 400 and answer.body["syntaxErrors"]["invalidFields"][0]["fieldName"] == field
    not_json = emu.app.handle("POST", "/_emulator/faults", "", {}, b"[1")
    assert not_json.status == 400 and "must be a JSON object" in not_json.body["message"], "said as such, not as a missing field"


def _at(body, pointer):
    for part in pointer.split("/")[1:]:
        body = body[part]
    return body
