"""The confirmation challenge model, with a stand-in resource area plugged in as sends, wires and linked
accounts plug theirs: who may be challenged, the codes, the limits and what the resource is told."""
from __future__ import annotations

import pytest

from .confirmation_helpers import plugged
from .control_plane import advance

CODE = "123456"


@pytest.fixture
def setup(emu):
    corporate = emu.corporate()
    token = corporate["token"]
    for path, body in (("/authentication_factors/otp/SMS", None),
                       ("/authentication_factors/otp/SMS/verify", {"verificationCode": CODE})):
        assert emu.call("POST", path, body, token=token).status == 204
    return token, plugged(emu, token, "901", "902")


def challenge(emu, token, ids, channel="SMS"):
    return emu.call("POST", f"/challenges/otp/{channel}",
                    {"resourceType": "correspondent_bank_transfers", "resourceIds": ids}, token=token)


def verify(emu, token, challenge_id, code=CODE):
    return emu.call("POST", f"/challenges/{challenge_id}/otp/SMS/verify",
                    {"resourceType": "correspondent_bank_transfers", "verificationCode": code}, token=token)


def test_one_verified_challenge_completes_every_resource_it_names(emu, setup):
    token, area = setup
    answer = challenge(emu, token, ["901", "902"])
    assert answer.status == 200 and answer.body["scaChallengeId"].isdigit()
    assert verify(emu, token, answer.body["scaChallengeId"]).status == 204
    assert area.completed == ["901", "902"] and area.failed == []
    # Done: the resources no longer wait, so neither a second verify nor a new challenge applies.
    assert verify(emu, token, answer.body["scaChallengeId"]).body == {"errorCode": "STATE_INVALID"}
    assert challenge(emu, token, ["901"]).body == {"errorCode": "STATE_INVALID"}


def test_a_resource_not_waiting_or_not_the_callers_cannot_be_challenged(emu, setup):
    token, area = setup
    assert challenge(emu, token, ["901", "999"]).body == {"errorCode": "STATE_INVALID"}
    other = emu.corporate()["token"]
    emu.call("POST", "/authentication_factors/otp/SMS", token=other)
    emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=other)
    assert challenge(emu, other, ["901"]).body == {"errorCode": "STATE_INVALID"}


def test_the_channel_must_be_enrolled(emu, setup):
    token, _ = setup
    assert challenge(emu, emu.corporate()["token"], ["901"]).body == {"errorCode": "CHANNEL_NOT_REGISTERED"}


def test_a_new_code_waits_15_seconds(emu, setup):
    token, _ = setup
    assert challenge(emu, token, ["901"]).status == 200
    assert challenge(emu, token, ["901"]).body == {"errorCode": "RETRY_IN_15SEC"}
    advance(emu, 16)
    assert challenge(emu, token, ["901"]).status == 200


def test_three_wrong_codes_fail_the_challenge_and_its_resources(emu, setup):
    token, area = setup
    challenge_id = challenge(emu, token, ["901"]).body["scaChallengeId"]
    codes = [verify(emu, token, challenge_id, "000000").body["errorCode"] for _ in range(3)]
    assert codes == ["VERIFICATION_CODE_INVALID", "ONE_CHALLENGE_LIMIT_REMAINING", "CHALLENGE_LIMIT_EXCEEDED"]
    assert area.failed == ["901"] and area.completed == []
    assert verify(emu, token, challenge_id).body == {"errorCode": "STATE_INVALID"}


def test_an_expired_code_leaves_the_resource_waiting_for_a_new_challenge(emu, setup):
    token, area = setup
    challenge_id = challenge(emu, token, ["901"]).body["scaChallengeId"]
    # Past the code's 5 minutes in two steps, the token kept alive between them (it lives 5 minutes from last use).
    advance(emu, 200)
    assert emu.call("GET", "/authentication_factors", token=token).status == 200
    advance(emu, 101)
    assert verify(emu, token, challenge_id).body == {"errorCode": "VERIFICATION_CODE_EXPIRED"}
    assert area.completed == [] and area.failed == [] and "901" in area.waiting
    again = challenge(emu, token, ["901"]).body["scaChallengeId"]
    assert verify(emu, token, again).status == 204 and area.completed == ["901"]


@pytest.mark.parametrize("outcome, completed, failed", [("verify_success", ["901"], []),
                                                        ("verify_invalid", [], ["901"]),
                                                        ("verify_expired", [], [])])
def test_a_push_challenge_is_decided_through_the_simulator(emu, setup, outcome, completed, failed):
    token, area = setup
    session = emu.app.world.sessions.by_token[token]  # whose token the stand-in set-up made
    assert emu.call("POST", "/authentication_factors/push/AUTHY", token=token).status == 204
    answer = emu.call("POST", "/challenges/push/AUTHY",
                      {"resourceType": "correspondent_bank_transfers", "resourceIds": ["901"]}, token=token)
    assert answer.status == 200, answer.body
    decided = emu.simulate("POST", f"/factors/{session.user_id}/challenges/{answer.body['scaChallengeId']}/{outcome}",
                           token=token)
    assert decided.status == 200 and decided.body == {"code": "COMPLETED"}
    assert (area.completed, area.failed) == (completed, failed)
