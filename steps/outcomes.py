"""What became of an act, said in the domain's words: the acts of identities, sign-in and users, and the checks
their outcome steps make (steps/outcome_steps.py).

An act is named as a user names it ("the registration", "the step-up code"), and stands for the operations that
do it: an outcome step first checks that the last answer came from one of them, so a scenario cannot check a
refusal of another call than the one it says. Plain functions, so any step module may use them.
"""
from __future__ import annotations

import json

from support.grounding import assumed

from . import flows

# Act -> (the operations that do it, the status of its success).
ACTS = {
    "registration": (("corporateCreate", "consumerCreate"), 200),
    "identity read": (("corporateGet", "consumerGet"), 200),
    "update": (("corporateUpdate", "consumerUpdate"), 200),
    "email code request": (("corporateRootUserEmailVerificationCodeSend", "consumerRootUserEmailVerificationCodeSend",
                            "authorisedUserEmailVerificationCodeSend"), 204),
    "email verification": (("corporateRootUserEmailVerify", "consumerRootUserEmailVerify",
                            "authorisedUserEmailVerify"), 204),
    "KYB read": (("corporateKybGet",), 200),
    "KYB start": (("corporateKybStart",), 200),
    "KYC read": (("consumerKycGet",), 200),
    "KYC start": (("consumerKycStart",), 200),
    "user KYC start": (("userKyc",), 200),
    "verification by the simulator": (("corporates_corporate_id_verify", "consumers_consumer_id_verify"), 204),
    "fee list": (("feesGet",), 200),
    "fee charge": (("corporateChargeFee", "consumerChargeFee"), 200),
    "sign-in": (("loginWithPassword",), 200),
    "biometric sign-in": (("loginViaBiometrics",), 200),
    "logout": (("logout",), 204),
    "identities list": (("userIdentities",), 200),
    "factors read": (("authFactorsGet",), 200),
    "access token request": (("requestAccessToken",), 200),
    "enrolment": (("enrolDeviceUsingOtpStepOne", "enrolDeviceUsingPush"), 204),
    "enrolment code": (("enrolDeviceUsingOtpStepTwo",), 204),
    "unlinking": (("unlinkDeviceUsingPush",), 204),
    "step-up code request": (("stepupSCAChallenge",), 204),
    "step-up code": (("stepupSCAVerify",), 204),
    "push step-up": (("stepupSCAChallengePush",), 200),
    "password creation": (("passwordCreate",), 200),
    "password check": (("passwordValidate",), 204),
    "password change": (("passwordUpdate",), 200),
    "lost-password start": (("lostPasswordInitiate",), 204),
    "lost-password reset": (("lostPasswordResume",), 200),
    "user creation": (("userCreate",), 200),
    "user read": (("userGetById",), 200),
    "user list": (("usersGet",), 200),
    "user change": (("userUpdate",), 200),
    "activation": (("userActivate",), 204),
    "deactivation": (("userDeactivate",), 204),
    "invitation": (("userInviteSend",), 204),
    "invite check": (("userInviteValidate",), 204),
    "invite acceptance": (("userInviteConsume",), 200),
    "roles list": (("rolesGet",), 200),
}
# Steps put an act between fixed words ("the ", " succeeds"), so no act is taken for another that ends it.
ACT = "(?P<act>" + "|".join(ACTS) + ")"
# How an act can fail, by the status the API answers; whether that answer has a body, the description says.
FAILURES = {"refused": 409, "forbidden": 403, "not found": 404, "locked": 423, "gone": 410, "unauthorised": 401}
FAILURE = "(?P<outcome>" + "|".join(FAILURES) + ")"
BODILESS = (204, 401, 423)


def answer_of(ctx, act: str):
    """The last answer, which must be the act's."""
    response = ctx.response()
    operations, _ = ACTS[act]
    assert response.operation_id in operations, (
        f"the last call was {response.operation_id or 'an unknown operation'} ({response.status}), "
        f"not the {act} ({', '.join(operations)})")
    return response


def expect_success(ctx, act: str):
    response = answer_of(ctx, act)
    _, status = ACTS[act]
    flows.expect(response, status, f"the {act}")
    if status in BODILESS:
        assert not response.raw.content, f"the {act} answered {status} with a body: {response.raw.content[:200]!r}"
    return response


def expect_failure(ctx, act: str, outcome: str, code: str | None):
    response = answer_of(ctx, act)
    flows.expect(response, FAILURES[outcome], f"the {act}")
    if code:
        body = response.body
        assert isinstance(body, dict) and body.get("errorCode") == code, (
            f"the {act}: {flows.answered(response)}, expected errorCode {code}; body: {body}")
    elif not declares_body(ctx, response):
        assert not response.raw.content, (
            f"the {act} answered {response.status} with a body its description does not declare: "
            f"{response.raw.content[:200]!r}")
    return response


def declares_body(ctx, response) -> bool:
    """Whether the description gives the operation's answer at this status a body (401 and 423 never do; a 403
    does on most operations, not on sign-in or the access token), so a body-less check is documented, not guessed."""
    declared = ctx.target.contract.by_id[response.operation_id].response(response.status) or {}
    return bool(declared.get("content"))


def expect_invalid_field(response, field: str, error: str | None) -> None:
    """A 400 answer naming the field in `syntaxErrors.invalidFields` (and, if given, its error word)."""
    assert response.status == 400, f"expected 400, got {response.status}: {response.body}"
    fields = (response.body or {}).get("syntaxErrors", {}).get("invalidFields", [])
    named = [f for f in fields if f.get("fieldName") == field]
    assert named, f"no invalid field {field} in {fields}"
    if error:
        # The description lists the words but not which mistake gets which: the word is the emulator's choice.
        words = [f.get("error") for f in named]
        with assumed("input.md#the-error-word-of-an-invalid-field", what=f"the error word of the invalid {field}",
                     expected=error, observed=words[0] if len(words) == 1 else words):
            assert error in words, f"the invalid field {field} is reported with {words}, expected {error}"


def sent(response):
    """The JSON body the call sent (None without one)."""
    raw = response.raw.request.body
    return json.loads(raw) if raw else None


def expect_fields(ctx, response, datatable, what: str) -> None:
    """Each `| field | value |` row of a table holds in the body: the value is JSON (true, 3, ["ADMIN"], {...}),
    or text; a field holding text is compared as text, so `${corporate.id}` stays an id. Placeholders are
    filled first."""
    wrong = []
    for field, raw in datatable[1:]:
        try:
            actual = response.field(field)  # a field the operation does not declare is no check
        except (KeyError, IndexError) as exc:
            wrong.append(f"{field} is absent ({exc})")
            continue
        text = ctx.fill(raw)
        try:
            expected = json.loads(text)
        except json.JSONDecodeError:
            expected = text
        if isinstance(actual, str):
            expected = text if not (text.startswith('"') and text.endswith('"')) else expected
        if actual != expected:
            wrong.append(f"{field} is {actual!r}, expected {expected!r}")
    assert not wrong, f"{what}: " + "; ".join(wrong)
