"""The control plane's biometric enrolment (what Weavr's mobile SDK does), in process and strict."""
from __future__ import annotations

import json

import pytest


def enrol(emu, body=None, raw: bytes | None = None):
    payload = raw if raw is not None else json.dumps(body).encode()
    return emu.app.handle("POST", "/_emulator/factors", "", {}, payload)


def factors(emu, corporate):
    answer = emu.call("GET", "/authentication_factors", token=corporate["token"])
    assert answer.status == 200, answer.body
    return answer.body["factors"]


@pytest.mark.parametrize("by", ["email", "userId"])
def test_enrolling_biometrics_makes_the_factor_active_and_biometric_login_possible(emu, by):
    corporate = emu.corporate()
    assert emu.call("POST", "/login_via_biometrics", {"email": corporate["email"]}).status == 409
    who = {"email": corporate["email"]} if by == "email" else {"userId": corporate["id"]}
    answer = enrol(emu, {**who, "channel": "BIOMETRIC"})
    assert answer.status == 204, answer.body
    assert {"type": "BIOMETRIC", "channel": "BIOMETRIC", "status": "ACTIVE"} in factors(emu, corporate)
    login = emu.call("POST", "/login_via_biometrics", {"email": corporate["email"]})
    assert login.status == 200 and login.body["challengeId"], login.body
    # Enrolling again (a new device) is harmless.
    assert enrol(emu, {**who, "channel": "BIOMETRIC"}).status == 204


def test_biometric_login_success_opens_a_usable_stepped_up_session_and_invalid_none(emu):
    corporate = emu.corporate()
    assert enrol(emu, {"email": corporate["email"], "channel": "BIOMETRIC"}).status == 204
    # The session a biometric sign-in opens goes to the app through the SDK, not an answer: read inside.
    world = emu.app.world
    sessions_before = set(world.sessions.by_token)
    first = emu.call("POST", "/login_via_biometrics", {"email": corporate["email"]}).body["challengeId"]
    path = f"/factors/{corporate['id']}/challenges/{first}"
    assert emu.simulate("POST", path + "/verify_invalid", token=corporate["token"]).body == {"code": "COMPLETED"}
    assert emu.simulate("POST", path + "/verify_success", token=corporate["token"]).body == {"code": "DENIED"}
    assert set(world.sessions.by_token) == sessions_before
    assert world.area("push").challenges[first].session_token is None
    second = emu.call("POST", "/login_via_biometrics", {"email": corporate["email"]}).body["challengeId"]
    path = f"/factors/{corporate['id']}/challenges/{second}"
    assert emu.simulate("POST", path + "/verify_success", token=corporate["token"]).body == {"code": "COMPLETED"}
    token = world.area("push").challenges[second].session_token
    assert token and token != corporate["token"]
    assert world.sessions.by_token[token].stepped_up
    # The token the SDK would hand to the app works, stepped up; the password token stays standard.
    access = emu.call("POST", "/access_token", {"identity": {"type": "CORPORATE", "id": corporate["id"]}}, token=token)
    assert access.status == 200 and access.body["status"] == "STEPPED_UP", access.body
    access = emu.call("POST", "/access_token", {"identity": {"type": "CORPORATE", "id": corporate["id"]}},
                      token=corporate["token"])
    assert access.body["status"] == "STANDARD"


@pytest.mark.parametrize("raw", [b"not json", b"[]", b"{}",
                                 b'{"email": "a@weavr-suite.example.com"}',
                                 b'{"email": "a@weavr-suite.example.com", "channel": "AUTHY"}',
                                 b'{"channel": "BIOMETRIC"}',
                                 b'{"userId": 7, "channel": "BIOMETRIC"}'])
def test_a_bad_body_is_400(emu, raw):
    answer = enrol(emu, raw=raw)
    assert answer.status == 400, (raw, answer.status, answer.body)
    assert answer.body["message"]


def test_a_bad_body_names_the_field(emu):
    assert enrol(emu, {"email": "a@weavr-suite.example.com"}).body["syntaxErrors"]["invalidFields"][0][
        "fieldName"] == "channel"
    assert enrol(emu, {"channel": "BIOMETRIC"}).body["syntaxErrors"]["invalidFields"][0]["fieldName"] == "email"


def test_an_unknown_user_is_404_and_changes_nothing(emu):
    answer = enrol(emu, {"email": "nobody.ctl@weavr-suite.example.com", "channel": "BIOMETRIC"})
    assert answer.status == 404 and answer.body["code"] == "NOT_FOUND"
    assert enrol(emu, {"userId": "999999999", "channel": "BIOMETRIC"}).status == 404
    assert emu.call("GET", "", mount="/_emulator/state").body["areas"]["factors"]["factors"] == {}


def test_only_post(emu):
    assert emu.app.handle("GET", "/_emulator/factors", "", {}, b"").status == 405
