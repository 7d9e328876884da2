"""The authentication area's rules, in process and strict: sign-in and lock-out, passwords, access
tokens, identities, factors (SMS OTP, AUTHY push, biometrics), step-up by OTP and by push."""
from __future__ import annotations

import pytest

from .control_plane import advance

CODE = "123456"


def login(emu, email, password):
    return emu.call("POST", "/login_with_password", {"email": email, "password": {"value": password}})


def access_status(emu, corporate, token=None):
    answer = emu.call("POST", "/access_token", {"identity": {"type": "CORPORATE", "id": corporate["id"]}},
                      token=token or corporate["token"])
    assert answer.status == 200, answer.body
    return answer.body["status"]


def enrol_authy(emu, token):
    assert emu.call("POST", "/authentication_factors/push/AUTHY", token=token).status == 204


def push_challenge(emu, token):
    answer = emu.call("POST", "/stepup/challenges/push/AUTHY", token=token)
    assert answer.status == 200, answer.body
    return answer.body["id"]


def simulate(emu, corporate, challenge_id, outcome, token=None):
    return emu.simulate("POST", f"/factors/{corporate['id']}/challenges/{challenge_id}/{outcome}",
                        token=token or corporate["token"])


# -- sign-in ----------------------------------------------------------------------------------------
def test_login_answers_token_identity_and_credentials(emu):
    corporate = emu.corporate()
    answer = login(emu, corporate["email"], corporate["password"])
    assert answer.status == 200
    assert answer.body["identity"] == {"type": "CORPORATE", "id": corporate["id"]}
    assert answer.body["credentials"] == {"type": "ROOT", "id": corporate["id"]}
    assert answer.body["tokenType"] == "AUTH"


def test_login_refuses_unknown_email_wrong_password_and_inactive_user_with_403(emu):
    corporate = emu.corporate()
    assert login(emu, "nobody@weavr-suite.example.com", corporate["password"]).status == 403
    assert login(emu, corporate["email"], "Wrong-passw0rd").status == 403
    deactivated = emu.call("POST", "", {"identityId": corporate["id"], "active": False},
                           mount="/_emulator/identities/active")
    assert deactivated.status == 200, deactivated.body
    answer = login(emu, corporate["email"], corporate["password"])
    assert answer.status == 403 and answer.body is None


def test_five_failed_logins_lock_the_user_for_thirty_minutes(emu):
    corporate = emu.corporate()
    for _ in range(5):
        assert login(emu, corporate["email"], "Wrong-passw0rd").status == 403
    assert login(emu, corporate["email"], corporate["password"]).status == 423
    advance(emu, 29 * 60)
    assert login(emu, corporate["email"], corporate["password"]).status == 423
    advance(emu, 61)
    assert login(emu, corporate["email"], corporate["password"]).status == 200


def test_a_successful_login_resets_the_failure_count(emu):
    corporate = emu.corporate()
    for _ in range(4):
        login(emu, corporate["email"], "Wrong-passw0rd")
    assert login(emu, corporate["email"], corporate["password"]).status == 200
    for _ in range(4):
        login(emu, corporate["email"], "Wrong-passw0rd")
    assert login(emu, corporate["email"], corporate["password"]).status == 200


def test_login_body_is_validated(emu):
    answer = emu.call("POST", "/login_with_password", {"email": "not-an-email", "password": {}})
    fields = {(f["fieldName"], f["error"]) for f in answer.body["syntaxErrors"]["invalidFields"]}
    assert answer.status == 400 and ("email", "REGEX") in fields and ("password.value", "REQUIRED") in fields


def test_logout_ends_the_token_and_needs_one(emu):
    corporate = emu.corporate()
    assert emu.call("POST", "/logout", token=corporate["token"]).status == 204
    assert emu.call("POST", "/logout", token=corporate["token"]).status == 401
    assert emu.call("POST", "/logout").status == 401


def test_biometric_login_needs_an_enrolled_biometric_factor(emu):
    corporate = emu.corporate()
    answer = emu.call("POST", "/login_via_biometrics", {"email": corporate["email"]})
    assert answer.status == 409 and answer.body == {"errorCode": "CHANNEL_NOT_REGISTERED"}
    assert emu.call("POST", "/login_via_biometrics", {"email": "nobody@weavr-suite.example.com"}).status == 403


def test_biometric_login_issues_a_challenge_whose_success_opens_a_stepped_up_session(emu):
    corporate = emu.corporate()
    enrolled = emu.call("POST", "", {"email": corporate["email"], "channel": "BIOMETRIC"}, mount="/_emulator/factors")
    assert enrolled.status == 204
    answer = emu.call("POST", "/login_via_biometrics",
                      {"email": corporate["email"], "identity": {"type": "CORPORATE", "id": corporate["id"]}})
    assert answer.status == 200
    challenge_id = answer.body["challengeId"]
    assert simulate(emu, corporate, challenge_id, "verify_success").body == {"code": "COMPLETED"}
    # The SDK hands the app its session; no API answer shows it, so it is read inside.
    world = emu.app.world
    session = world.sessions.by_token[world.area("push").challenges[challenge_id].session_token]
    assert session.stepped_up and session.user_id == corporate["id"]
    other = {"type": "CORPORATE", "id": "1" + corporate["id"]}
    assert emu.call("POST", "/login_via_biometrics", {"email": corporate["email"], "identity": other}).status == 403


# -- token life ---------------------------------------------------------------------------------------
def test_a_token_lapses_after_five_idle_minutes_and_use_renews_it(emu):
    corporate = emu.corporate()
    advance(emu, 240)
    assert emu.call("GET", "/authentication_factors", token=corporate["token"]).status == 200
    advance(emu, 240)
    assert emu.call("GET", "/authentication_factors", token=corporate["token"]).status == 200
    advance(emu, 301)
    assert emu.call("GET", "/authentication_factors", token=corporate["token"]).status == 401


# -- passwords ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("password, code", [("Ab1!", "PASSWORD_TOO_SHORT"), ("Ab1!" * 13, "PASSWORD_TOO_LONG"),
                                            ("onlyletters", "PASSWORD_TOO_SIMPLE"),
                                            ("1234567890", "PASSWORD_TOO_SIMPLE")])
def test_password_rules_apply_to_validate_create_and_update(emu, password, code):
    answer = emu.call("POST", "/passwords/validate", {"password": {"value": password}})
    assert answer.status == 409 and answer.body["errorCode"] == code
    created = emu.call("POST", "/corporates", emu.corporate_body())
    user_id = created.body["id"]["id"]
    answer = emu.call("POST", f"/passwords/{user_id}/create", {"password": {"value": password}})
    assert answer.status == 409 and answer.body["errorCode"] == code
    corporate = emu.corporate()
    answer = emu.call("POST", "/passwords/update", {"oldPassword": {"value": corporate["password"]},
                                                    "newPassword": {"value": password}}, token=corporate["token"])
    assert answer.status == 409 and answer.body["errorCode"] == code


def test_password_validate_accepts_a_good_password_and_limits_size(emu):
    assert emu.call("POST", "/passwords/validate", {"password": {"value": "Fine-passw0rd"}}).status == 204
    answer = emu.call("POST", "/passwords/validate", {"password": {"value": "a1" * 51}})
    assert answer.status == 400
    assert answer.body["syntaxErrors"]["invalidFields"][0]["fieldName"] == "password.value"


def test_password_create_once_and_for_a_known_user(emu):
    corporate = emu.corporate()
    answer = emu.call("POST", f"/passwords/{corporate['id']}/create", {"password": {"value": "Another-passw0rd"}})
    assert answer.status == 409 and answer.body["errorCode"] == "PASSWORD_ALREADY_CREATED"
    assert emu.call("POST", "/passwords/999999999/create", {"password": {"value": "Another-passw0rd"}}).status == 404


def test_password_update_needs_the_old_password_and_a_new_unused_one(emu):
    corporate = emu.corporate()
    token = corporate["token"]
    answer = emu.call("POST", "/passwords/update", {"oldPassword": {"value": "Not-the-passw0rd"},
                                                    "newPassword": {"value": "Brand-new-passw0rd"}}, token=token)
    assert answer.status == 409 and answer.body["errorCode"] == "PASSWORD_INCORRECT"
    answer = emu.call("POST", "/passwords/update", {"oldPassword": {"value": corporate["password"]},
                                                    "newPassword": {"value": corporate["password"]}}, token=token)
    assert answer.status == 409 and answer.body["errorCode"] == "PASSWORD_ALREADY_USED"
    answer = emu.call("POST", "/passwords/update", {"oldPassword": {"value": corporate["password"]},
                                                    "newPassword": {"value": "Brand-new-passw0rd"}}, token=token)
    assert answer.status == 200
    assert answer.body["passwordInfo"]["identityId"] == {"type": "CORPORATE", "id": corporate["id"]}
    assert emu.call("GET", "/authentication_factors", token=answer.body["token"]).status == 200
    assert login(emu, corporate["email"], corporate["password"]).status == 403
    assert login(emu, corporate["email"], "Brand-new-passw0rd").status == 200
    # going back to the previous password is a reuse
    answer = emu.call("POST", "/passwords/update", {"oldPassword": {"value": "Brand-new-passw0rd"},
                                                    "newPassword": {"value": corporate["password"]}}, token=token)
    assert answer.status == 409 and answer.body["errorCode"] == "PASSWORD_ALREADY_USED"
    assert emu.call("POST", "/passwords/update", {"oldPassword": {"value": "x"}, "newPassword": {"value": "y"}}
                    ).status == 401


def test_lost_password_reset_with_the_sandbox_nonce(emu):
    corporate = emu.corporate()
    resume = {"email": corporate["email"], "nonce": CODE, "newPassword": {"value": "Reset-passw0rd"}}
    answer = emu.call("POST", "/passwords/lost_password/resume", resume)
    assert answer.status == 409 and answer.body["errorCode"] == "INVALID_NONCE_OR_EMAIL"  # not started
    assert emu.call("POST", "/passwords/lost_password/start", {"email": corporate["email"]}).status == 204
    assert emu.call("POST", "/passwords/lost_password/start",
                    {"email": "nobody@weavr-suite.example.com"}).status == 204
    answer = emu.call("POST", "/passwords/lost_password/resume", {**resume, "nonce": "654321"})
    assert answer.status == 409 and answer.body["errorCode"] == "INVALID_NONCE_OR_EMAIL"
    answer = emu.call("POST", "/passwords/lost_password/resume",
                      {**resume, "newPassword": {"value": corporate["password"]}})
    assert answer.status == 409 and answer.body["errorCode"] == "PASSWORD_ALREADY_USED"
    answer = emu.call("POST", "/passwords/lost_password/resume", {**resume, "newPassword": {"value": "short1"}})
    assert answer.status == 409 and answer.body["errorCode"] == "PASSWORD_TOO_SHORT"
    answer = emu.call("POST", "/passwords/lost_password/resume", resume)
    assert answer.status == 200 and emu.call("GET", "/identities", token=answer.body["token"]).status == 200
    assert login(emu, corporate["email"], "Reset-passw0rd").status == 200
    again = emu.call("POST", "/passwords/lost_password/resume", resume)
    assert again.status == 409 and again.body["errorCode"] == "INVALID_NONCE_OR_EMAIL"  # the nonce is spent


def test_lost_password_for_a_user_without_password_and_lifting_a_lock(emu):
    created = emu.call("POST", "/corporates", emu.corporate_body())
    email = created.body["rootUser"]["email"]
    emu.call("POST", "/passwords/lost_password/start", {"email": email})
    answer = emu.call("POST", "/passwords/lost_password/resume",
                      {"email": email, "nonce": CODE, "newPassword": {"value": "Reset-passw0rd"}})
    assert answer.status == 409 and answer.body["errorCode"] == "PASSWORD_NOT_SET"
    corporate = emu.corporate()
    for _ in range(5):
        login(emu, corporate["email"], "Wrong-passw0rd")
    emu.call("POST", "/passwords/lost_password/start", {"email": corporate["email"]})
    emu.call("POST", "/passwords/lost_password/resume",
             {"email": corporate["email"], "nonce": CODE, "newPassword": {"value": "Reset-passw0rd"}})
    assert login(emu, corporate["email"], "Reset-passw0rd").status == 200


# -- access tokens and identities --------------------------------------------------------------------
def test_access_token_for_the_token_holders_identity(emu):
    corporate = emu.corporate()
    identity = {"type": "CORPORATE", "id": corporate["id"]}
    answer = emu.call("POST", "/access_token", {"identity": identity}, token=corporate["token"])
    assert answer.status == 200 and answer.body["status"] == "STANDARD"
    assert answer.body["identity"] == identity and answer.body["credentials"]["id"] == corporate["id"]
    assert emu.call("GET", "/authentication_factors", token=answer.body["token"]).status == 200
    by_body = emu.call("POST", "/access_token", {"identity": identity, "token": corporate["token"]})
    assert by_body.status == 200
    assert emu.call("POST", "/access_token", {"identity": identity}).status == 403
    assert emu.call("POST", "/access_token", {"identity": identity}, token="made-up").status == 403
    other = {"type": "CONSUMER", "id": corporate["id"]}
    assert emu.call("POST", "/access_token", {"identity": other}, token=corporate["token"]).status == 403
    assert emu.call("POST", "/access_token", {}, token=corporate["token"]).status == 400


def test_access_token_of_a_stepped_up_token_is_stepped_up(emu):
    corporate = emu.corporate()
    emu.stepped_up(corporate)
    assert access_status(emu, corporate) == "STEPPED_UP"


def test_identities_lists_the_token_holders_corporate(emu):
    corporate = emu.corporate()
    answer = emu.call("GET", "/identities", token=corporate["token"])
    assert answer.status == 200
    assert answer.body == {"identities": [{"id": {"type": "CORPORATE", "id": corporate["id"]}, "name": "Acme"}],
                           "count": 1, "responseCount": 1}
    assert emu.call("GET", "/identities", token=corporate["token"], query="offset=1").body["responseCount"] == 0
    assert emu.call("GET", "/identities").status == 401
    assert emu.call("GET", "/identities", token=corporate["token"], query="limit=0").status == 400


# -- SMS OTP enrolment -------------------------------------------------------------------------------
def test_otp_enrolment_wrong_code_limit_and_reissue(emu):
    corporate = emu.corporate()
    token = corporate["token"]
    verify = "/authentication_factors/otp/SMS/verify"
    assert emu.call("POST", verify, {"verificationCode": CODE}, token=token).body["errorCode"] == "STATE_INVALID"
    assert emu.call("POST", "/authentication_factors/otp/SMS", token=token).status == 204
    factors = emu.call("GET", "/authentication_factors", token=token).body["factors"]
    assert factors == [{"type": "OTP", "channel": "SMS", "status": "PENDING_VERIFICATION"}]
    for _ in range(3):
        answer = emu.call("POST", verify, {"verificationCode": "000000"}, token=token)
        assert answer.body["errorCode"] == "VERIFICATION_CODE_INVALID"
    assert emu.call("POST", verify, {"verificationCode": CODE}, token=token).body["errorCode"] == \
        "CHALLENGE_LIMIT_EXCEEDED"
    assert emu.call("POST", "/authentication_factors/otp/SMS", token=token).status == 204
    assert emu.call("POST", verify, {"verificationCode": CODE}, token=token).status == 204
    again = emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    assert again.status == 409 and again.body["errorCode"] == "CHANNEL_ALREADY_REGISTERED"


def test_otp_enrolment_code_expires_after_five_minutes(emu):
    corporate = emu.corporate()
    token = corporate["token"]
    emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    advance(emu, 200)
    emu.call("GET", "/authentication_factors", token=token)
    advance(emu, 101)
    answer = emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)
    assert answer.status == 409 and answer.body["errorCode"] == "VERIFICATION_CODE_EXPIRED"


def test_otp_enrolment_needs_a_mobile_and_an_active_user(emu):
    corporate = emu.corporate()
    # States the API cannot reach (a root user without a mobile; inactive with a live token): set inside.
    user = emu.app.world.ports.users.require(corporate["id"])
    user.mobile = None
    answer = emu.call("POST", "/authentication_factors/otp/SMS", token=corporate["token"])
    assert answer.body["errorCode"] == "MOBILE_NUMBER_NOT_AVAILABLE"
    user.active = False
    answer = emu.call("POST", "/authentication_factors/otp/SMS", token=corporate["token"])
    assert answer.body["errorCode"] == "CREDENTIALS_INACTIVE"


# -- OTP step-up --------------------------------------------------------------------------------------
def test_otp_step_up_rules(emu):
    corporate = emu.corporate()
    token = corporate["token"]
    answer = emu.call("POST", "/stepup/challenges/otp/SMS", token=token)
    assert answer.status == 409 and answer.body["errorCode"] == "CHANNEL_NOT_REGISTERED"
    emu.call("POST", "/authentication_factors/otp/SMS", token=token)
    emu.call("POST", "/authentication_factors/otp/SMS/verify", {"verificationCode": CODE}, token=token)
    verify = "/stepup/challenges/otp/SMS/verify"
    assert emu.call("POST", verify, {"verificationCode": CODE}, token=token).body["errorCode"] == "STATE_INVALID"
    assert emu.call("POST", "/stepup/challenges/otp/SMS", token=token).status == 204
    again = emu.call("POST", "/stepup/challenges/otp/SMS", token=token)
    assert again.status == 409 and again.body["errorCode"] == "RETRY_IN_15SEC"
    wrong = emu.call("POST", verify, {"verificationCode": "000000"}, token=token)
    assert wrong.body["errorCode"] == "VERIFICATION_CODE_INVALID" and access_status(emu, corporate) == "STANDARD"
    assert emu.call("POST", verify, {"verificationCode": CODE}, token=token).status == 204
    assert access_status(emu, corporate) == "STEPPED_UP"
    assert emu.call("POST", verify, {"verificationCode": CODE}, token=token).body["errorCode"] == "ALREADY_VERIFIED"


def test_otp_step_up_code_expires_and_a_new_one_can_be_issued_after_15_seconds(emu):
    corporate = emu.corporate()
    token = emu.stepped_up(corporate)
    login_token = login(emu, corporate["email"], corporate["password"]).body["token"]
    assert emu.call("POST", "/stepup/challenges/otp/SMS", token=login_token).status == 204
    advance(emu, 16)
    assert emu.call("POST", "/stepup/challenges/otp/SMS", token=login_token).status == 204
    advance(emu, 250)
    emu.call("GET", "/identities", token=login_token)
    advance(emu, 60)
    answer = emu.call("POST", "/stepup/challenges/otp/SMS/verify", {"verificationCode": CODE}, token=login_token)
    assert answer.body["errorCode"] == "VERIFICATION_CODE_EXPIRED"
    assert token != login_token


# -- push: enrolment, step-up, simulator --------------------------------------------------------------
def test_authy_enrolment_is_active_at_once_and_only_once(emu):
    corporate = emu.corporate()
    enrol_authy(emu, corporate["token"])
    factors = emu.call("GET", "/authentication_factors", token=corporate["token"]).body["factors"]
    assert factors == [{"type": "PUSH", "channel": "AUTHY", "status": "ACTIVE"}]
    again = emu.call("POST", "/authentication_factors/push/AUTHY", token=corporate["token"])
    assert again.status == 409 and again.body["errorCode"] == "CHANNEL_ALREADY_REGISTERED"
    assert emu.call("POST", "/authentication_factors/push/BIOMETRIC", token=corporate["token"]).status == 400


def test_unlinking_a_push_device_needs_step_up_and_an_enrolled_device(emu):
    corporate = emu.corporate()
    token = corporate["token"]
    enrol_authy(emu, token)
    answer = emu.call("DELETE", "/authentication_factors/push/AUTHY", token=token)
    assert answer.status == 403 and answer.body == {"errorCode": "STEP_UP_REQUIRED"}
    emu.stepped_up(corporate)
    assert emu.call("DELETE", "/authentication_factors/push/AUTHY", token=token).status == 204
    answer = emu.call("DELETE", "/authentication_factors/push/AUTHY", token=token)
    assert answer.status == 409 and answer.body["errorCode"] == "CHANNEL_NOT_REGISTERED"
    factors = emu.call("GET", "/authentication_factors", token=token).body["factors"]
    assert [f["channel"] for f in factors] == ["SMS"]


def test_push_step_up_succeeds_through_the_simulator(emu):
    corporate = emu.corporate()
    enrol_authy(emu, corporate["token"])
    challenge_id = push_challenge(emu, corporate["token"])
    answer = emu.call("POST", "/stepup/challenges/push/AUTHY", token=corporate["token"])
    assert answer.status == 409 and answer.body["errorCode"] == "STATE_INVALID"  # one in flight
    assert access_status(emu, corporate) == "STANDARD"
    answer = simulate(emu, corporate, challenge_id, "verify_success")
    assert answer.status == 200 and answer.body == {"code": "COMPLETED"}
    assert access_status(emu, corporate) == "STEPPED_UP"
    assert simulate(emu, corporate, challenge_id, "verify_success").body == {"code": "DENIED"}


@pytest.mark.parametrize("outcome", ["verify_invalid", "verify_expired"])
def test_push_step_up_refused_or_lapsed_leaves_the_token_standard(emu, outcome):
    corporate = emu.corporate()
    enrol_authy(emu, corporate["token"])
    challenge_id = push_challenge(emu, corporate["token"])
    assert simulate(emu, corporate, challenge_id, outcome).body == {"code": "COMPLETED"}
    assert access_status(emu, corporate) == "STANDARD"
    assert simulate(emu, corporate, challenge_id, "verify_success").body == {"code": "DENIED"}
    push_challenge(emu, corporate["token"])  # a new one may be issued


def test_push_challenge_lapses_after_five_minutes(emu):
    corporate = emu.corporate()
    enrol_authy(emu, corporate["token"])
    challenge_id = push_challenge(emu, corporate["token"])
    advance(emu, 200)
    emu.call("GET", "/identities", token=corporate["token"])
    advance(emu, 101)
    assert simulate(emu, corporate, challenge_id, "verify_success").body == {"code": "DENIED"}
    assert access_status(emu, corporate) == "STANDARD"


def test_push_step_up_needs_an_active_push_factor(emu):
    corporate = emu.corporate()
    for channel in ("AUTHY", "BIOMETRIC"):
        answer = emu.call("POST", f"/stepup/challenges/push/{channel}", token=corporate["token"])
        assert answer.status == 409 and answer.body["errorCode"] == "CHANNEL_NOT_REGISTERED"


def test_simulator_checks_challenge_credentials_and_token(emu):
    corporate = emu.corporate()
    other = emu.corporate()
    enrol_authy(emu, corporate["token"])
    challenge_id = push_challenge(emu, corporate["token"])
    assert simulate(emu, corporate, "12345", "verify_success").status == 404
    assert simulate(emu, other, challenge_id, "verify_success").status == 404
    assert simulate(emu, corporate, challenge_id, "verify_success", token=other["token"]).status == 403
    no_token = emu.call("POST", f"/factors/{corporate['id']}/challenges/{challenge_id}/verify_success",
                        api_key=None, mount="/simulate/api")
    assert no_token.status == 401
    assert access_status(emu, corporate) == "STANDARD"
