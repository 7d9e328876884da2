"""The emulator's front door: error shapes, auth, routing, idempotency, control plane, request-ref."""
from __future__ import annotations

import json

from .control_plane import advance


def test_unknown_api_key_is_401_without_body(emu):
    answer = emu.call("POST", "/corporates", emu.corporate_body(), api_key="not-the-key")
    assert answer.status == 401 and answer.body is None


def test_missing_api_key_is_401(emu):
    assert emu.call("POST", "/corporates", emu.corporate_body(), api_key=None).status == 401


def test_missing_or_unknown_token_is_401(emu):
    assert emu.call("GET", "/corporates").status == 401
    assert emu.call("GET", "/corporates", token="made-up").status == 401


def test_token_expires_after_five_idle_minutes_and_activity_renews_it(emu):
    corporate = emu.corporate()
    advance(emu, 299)
    assert emu.call("GET", "/corporates", token=corporate["token"]).status == 200
    advance(emu, 299)
    assert emu.call("GET", "/corporates", token=corporate["token"]).status == 200
    advance(emu, 301)
    assert emu.call("GET", "/corporates", token=corporate["token"]).status == 401


def test_bad_body_is_400_naming_each_field(emu):
    body = emu.corporate_body()
    del body["rootUser"]["email"]
    body["baseCurrency"] = "euro"
    answer = emu.call("POST", "/corporates", body)
    assert answer.status == 400
    fields = {(f["fieldName"], f["error"]) for f in answer.body["syntaxErrors"]["invalidFields"]}
    assert ("rootUser.email", "REQUIRED") in fields
    assert ("baseCurrency", "SIZE") in fields or ("baseCurrency", "REGEX") in fields
    assert isinstance(answer.body["message"], str)


def test_enum_violation_names_allowed_values(emu):
    body = emu.corporate_body()
    body["company"]["type"] = "PIRATE_SHIP"
    answer = emu.call("POST", "/corporates", body)
    [field] = answer.body["syntaxErrors"]["invalidFields"]
    assert field["fieldName"] == "company.type" and field["error"] == "IN" and "LLC" in field["params"]


def test_malformed_json_is_400_not_500(emu):
    answer = emu.call("POST", "/corporates", raw=b"{not json")
    assert answer.status == 400 and "JSON" in answer.body["message"]


def test_missing_required_body_is_400(emu):
    assert emu.call("POST", "/corporates").status == 400


def test_bad_path_parameter_is_400(emu):
    answer = emu.call("POST", "/passwords/not-a-number/create", {"password": {"value": "Passw0rd!"}})
    assert answer.status == 400
    assert answer.body["syntaxErrors"]["invalidFields"][0]["fieldName"] == "user_id"


def test_unknown_path_is_404_and_wrong_method_405(emu):
    missing = emu.call("GET", "/no_such_thing")
    assert missing.status == 404 and set(missing.body) == {"code", "message"}
    wrong = emu.call("DELETE", "/corporates")
    assert wrong.status == 405 and set(wrong.body) == {"code", "message"}
    assert "GET" in wrong.headers["allow"]


def test_every_answer_has_a_request_ref(emu):
    refs = {emu.call("GET", "/corporates").headers["request-ref"] for _ in range(3)}
    assert len(refs) == 3


def test_idempotency_ref_replays_the_first_answer_and_creates_nothing_new(emu):
    body = emu.corporate_body()
    first = emu.call("POST", "/corporates", body, headers={"idempotency-ref": "abc-1"})
    again = emu.call("POST", "/corporates", body, headers={"idempotency-ref": "abc-1"})
    assert first.status == again.status == 200
    assert first.body["id"] == again.body["id"]
    assert len(corporates(emu)) == 1
    other = emu.call("POST", "/corporates", emu.corporate_body(), headers={"idempotency-ref": "abc-2"})
    assert other.body["id"] != first.body["id"]


def test_unimplemented_operation_says_so_honestly(emu, monkeypatch):
    """Every operation has a handler today, so one is taken away: the app must then say 501 in plain text,
    which the suite's contract check refuses (the `default` answer declares JSON)."""
    from emulator.registry import HANDLERS
    from schemas import load_contract

    op = load_contract("multi").by_id["corporateGet"]
    assert ("multi", op.operation_id) in HANDLERS
    corporate = emu.corporate()
    monkeypatch.delitem(HANDLERS, ("multi", op.operation_id))
    answer = emu.call(op.method, op.path, token=corporate["token"])
    assert answer.status == 501, (op.operation_id, answer.status, answer.body)
    assert answer.body.startswith(b"NOT_IMPLEMENTED") and op.operation_id.encode() in answer.body
    from support.contract_check import check_response
    from tests.support.fakes import response

    fake = response(501, raw=answer.body, content_type=answer.headers["content-type"])
    assert [v.check for v in check_response(load_contract("multi"), op, fake)] == ["content_type_is_declared"]


def corporates(emu) -> list:
    return emu.call("GET", "", mount="/_emulator/state").body["areas"]["corporates"]["corporates"]


def test_control_plane_programme_reset_and_clock(emu):
    assert emu.call("GET", "/programme", mount="/_emulator").body["apiKey"] == emu.programme["apiKey"]
    emu.corporate()
    assert emu.call("POST", "/reset", mount="/_emulator").status == 204
    assert corporates(emu) == []
    before = emu.call("GET", "/clock", mount="/_emulator").body["nowMs"]
    after = emu.call("POST", "/clock", raw=json.dumps({"advanceSeconds": 60}).encode(), mount="/_emulator").body
    assert after["nowMs"] - before >= 60_000
    assert emu.call("POST", "/clock", raw=b'{"advanceSeconds": -1}', mount="/_emulator").status == 400
    assert emu.call("GET", "/nope", mount="/_emulator").status == 404


def test_simulator_needs_the_programme_key(emu):
    corporate = emu.corporate()
    answer = emu.call("POST", f"/corporates/{corporate['id']}/verify", mount="/simulate/api",
                      headers={"programme-key": "wrong"}, api_key=None)
    assert answer.status == 401
