"""Domain steps for authentication factors and step-up: SMS one-time passwords, push devices and biometrics
enrolled, the factors a user holds, and a token stepped up with a code or a push notification.

Time travel (the emulator's clock) is only for scenarios tagged `@emulator_only @expiry`.
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from . import flows
from .grammar import ROLE
from .identity_flows import CREDENTIAL, call_with


@given(parsers.re(r"the (?P<role>[\w ]+?) has enrolled their mobile for SMS one-time passwords$"))
def has_enrolled_sms(ctx, role):
    """Given the authorised user has enrolled their mobile for SMS one-time passwords

    Enrols the actor's device with the sandbox's SMS code, which also proves their mobile number.
    """
    flows.enrol_sms_otp(ctx, ctx.actor(role))


@given(parsers.re(r"the (?P<role>[\w ]+?) has enrolled their device for (?P<channel>AUTHY) push notifications$"))
def enrolled_push(ctx, role, channel):
    """Given the corporate has enrolled their device for AUTHY push notifications

    Enrols the actor's device for push notifications on the channel and checks the factor is active.
    """
    actor = ctx.actor(role)
    flows.expect(ctx.call("POST", f"/authentication_factors/push/{channel}", as_actor=actor), 204,
                 f"enrolling the {role}'s device for {channel} push")
    factors = flows.expect(ctx.call("GET", "/authentication_factors", as_actor=actor), 200, "reading factors").body
    assert {"type": "PUSH", "channel": channel, "status": "ACTIVE"} in factors["factors"], factors


@given(parsers.re(r"the (?P<role>[\w ]+?) has enrolled their biometrics with the mobile SDK$"))
def enrolled_biometrics(ctx, role):
    """Given the corporate has enrolled their biometrics with the mobile SDK

    Stands in for the SDK's enrolment through the emulator's control plane (@emulator_only) and checks the factor is active.
    """
    actor = ctx.actor(role)
    ctx.target.control("POST", "/factors", {"email": actor.email, "channel": "BIOMETRIC"})
    factors = flows.expect(ctx.call("GET", "/authentication_factors", as_actor=actor), 200, "reading factors").body
    assert {"type": "BIOMETRIC", "channel": "BIOMETRIC", "status": "ACTIVE"} in factors["factors"], factors


@given(parsers.re(r"the (?P<role>[\w ]+?) has a stepped-up token$"))
@when(parsers.re(r"the (?P<role>[\w ]+?) steps up their token$"))
def token_stepped_up(ctx, role):
    """When the corporate steps up their token

    Steps up the actor's token with an SMS one-time password, enrolling their mobile first if needed.
    Given form: the corporate has a stepped-up token. No other step steps a token up.
    """
    flows.step_up(ctx, ctx.actor(role))


@then(parsers.re(r"the (?P<role>[\w ]+?)'s token is (?P<negation>not )?stepped up$"))
def token_is_stepped_up(ctx, role, negation):
    """Then the corporate's token is not stepped up

    Exchanges the actor's token for an access token to their identity and checks its status.
    """
    actor = ctx.actor(role)
    response = flows.expect(ctx.call("POST", "/access_token", as_actor=actor, json={
        "identity": {"type": actor.identity_type, "id": actor.identity_id}}), 200, f"reading the {role}'s token status")
    expected = "STANDARD" if negation else "STEPPED_UP"
    assert response.body["status"] == expected, f"the {role}'s token is {response.body['status']}, expected {expected}"


SANDBOX_CODE = r'(?: with (?:the sandbox code|the code "(?P<code>\w+)"|(?P<no_code>no code)))?'


@when(parsers.re(rf"the {ROLE} asks to enrol their mobile for (?P<channel>\w+) one-time passwords{CREDENTIAL}$"))
def asks_to_enrol_otp(ctx, role, channel, credential):
    """When the corporate asks to enrol their mobile for SMS one-time passwords

    POST /authentication_factors/otp/{channel}: a code is sent to the actor's mobile. The answer is kept.
    """
    call_with(ctx, "POST", f"/authentication_factors/otp/{channel}", ctx.actor(role), credential)


@when(parsers.re(rf"the {ROLE} confirms their enrolment{SANDBOX_CODE}$"))
def confirms_enrolment(ctx, role, code, no_code):
    """When the corporate confirms their enrolment with the code "000000"

    Verifies the SMS enrolment with the code given, or the sandbox's; the answer is kept.
    """
    body = {} if no_code else {"verificationCode": code or ctx.target.settings.verification_code}
    ctx.call("POST", "/authentication_factors/otp/SMS/verify", as_actor=ctx.actor(role), json=body)


@when(parsers.re(rf"the {ROLE} enrols their device for (?P<channel>\w+) push notifications$"))
def enrols_push(ctx, role, channel):
    """When the corporate enrols their device for AUTHY push notifications

    POST /authentication_factors/push/{channel}; the answer is kept.
    """
    ctx.call("POST", f"/authentication_factors/push/{channel}", as_actor=ctx.actor(role))


@when(parsers.re(rf"the {ROLE} unlinks their (?P<channel>\w+) push device$"))
def unlinks_push(ctx, role, channel):
    """When the corporate unlinks their AUTHY push device

    DELETE /authentication_factors/push/{channel}; the answer is kept.
    """
    ctx.call("DELETE", f"/authentication_factors/push/{channel}", as_actor=ctx.actor(role))


@when(parsers.re(rf"the {ROLE} reads their authentication factors{CREDENTIAL}$"))
def reads_factors(ctx, role, credential):
    """When the corporate reads their authentication factors with an invalid token

    The answer is kept.
    """
    call_with(ctx, "GET", "/authentication_factors", ctx.actor(role), credential)


@then(parsers.re(rf"the {ROLE}'s authentication factors are (?P<factors>none|.+)$"))
def factors_are(ctx, role, factors):
    """Then the corporate's authentication factors are SMS OTP PENDING_VERIFICATION, AUTHY PUSH ACTIVE

    Reads the actor's factors: exactly those, each as its channel, type and status (`none`: no factor at all).
    """
    with ctx.aside():
        body = flows.expect(ctx.call("GET", "/authentication_factors", as_actor=ctx.actor(role)), 200,
                            f"reading the {role}'s factors").body
    expected = [] if factors == "none" else [tuple(item.split()) for item in factors.split(", ")]
    got = [(f.get("channel"), f.get("type"), f.get("status")) for f in body.get("factors", [])]
    assert sorted(got) == sorted(expected), f"the {role}'s factors are {got}, expected {expected}"


@when(parsers.re(rf"the {ROLE} asks for a step-up code by (?P<channel>\w+){CREDENTIAL}$"))
def asks_stepup_code(ctx, role, channel, credential):
    """When the corporate asks for a step-up code by SMS

    POST /stepup/challenges/otp/{channel}; the answer is kept.
    """
    call_with(ctx, "POST", f"/stepup/challenges/otp/{channel}", ctx.actor(role), credential)


@when(parsers.re(rf"the {ROLE} answers the step-up challenge{SANDBOX_CODE}$"))
def answers_stepup(ctx, role, code, no_code):
    """When the corporate answers the step-up challenge with the code "000000"

    Verifies the SMS step-up with the code given (the sandbox's by default, none with `no code`); the answer is kept.
    """
    body = {} if no_code else {"verificationCode": code or ctx.target.settings.verification_code}
    ctx.call("POST", "/stepup/challenges/otp/SMS/verify", as_actor=ctx.actor(role), json=body)


@when(parsers.re(rf"the {ROLE} starts a push step-up on (?P<channel>\w+){CREDENTIAL}$"))
def starts_push_stepup(ctx, role, channel, credential):
    """When the corporate starts a push step-up on AUTHY

    POST /stepup/challenges/push/{channel}; the answer is kept.
    """
    call_with(ctx, "POST", f"/stepup/challenges/push/{channel}", ctx.actor(role), credential)


