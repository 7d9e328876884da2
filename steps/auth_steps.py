"""Domain steps for sign-in, passwords, access tokens, authentication factors and step-up.

Time travel (the emulator's clock) is only for scenarios tagged `@emulator_only @expiry`.
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from support import factories

from . import flows


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


@when(parsers.re(r'the simulator answers the (?P<role>[\w ]+?)\'s push challenge "(?P<name>[\w .-]+)" with (?P<outcome>verify_success|verify_invalid|verify_expired)$'))
def simulator_answers_push(ctx, role, name, outcome):
    """When the simulator answers the corporate's push challenge "login challenge" with verify_success

    Answers the push challenge whose id was remembered under that name, through the Simulator API with the actor's token.
    """
    actor = ctx.actor(role)
    ctx.simulate("POST", f"/factors/{actor.user_id}/challenges/{ctx.lookup(name)}/{outcome}", token=actor.token)


@when(parsers.re(r'the (?P<role>[\w ]+?) changes their password(?:, remembering the old one as "(?P<name>[\w .-]+)")?$'))
def changes_password(ctx, role, name):
    """When the corporate changes their password, remembering the old one as "old password"

    Updates the actor's password to a fresh one; if the step names it, the old one is remembered (`${old password}`).
    On a 200 the actor goes on with the token answered (the one to use from then on).
    """
    actor = ctx.actor(role)
    new = factories.password()
    response = ctx.call("POST", "/passwords/update", as_actor=actor, json={
        "oldPassword": {"value": actor.password}, "newPassword": {"value": new}})
    if response.status == 200:
        if name:
            ctx.remember(name, actor.password)
        actor.password = new
        actor.token = response.body.get("token") or actor.token


@when(parsers.re(r'the (?P<role>[\w ]+?) resets their lost password(?:, remembering the old one as "(?P<name>[\w .-]+)")?$'))
def resets_lost_password(ctx, role, name):
    """When the corporate resets their lost password, remembering the old one as "old password"

    Starts the lost-password process for the actor's email and resumes it with the sandbox code and a fresh password; if the step names it, the old password is remembered.
    """
    actor = ctx.actor(role)
    flows.expect(ctx.call("POST", "/passwords/lost_password/start", json={"email": actor.email}), 204,
                 f"starting the {role}'s lost-password reset")
    new = factories.password()
    response = ctx.call("POST", "/passwords/lost_password/resume", json={
        "email": actor.email, "nonce": ctx.target.settings.verification_code, "newPassword": {"value": new}})
    if response.status == 200:
        if name:
            ctx.remember(name, actor.password)
        actor.password = new
        actor.token = response.body["token"]


@when(parsers.re(r"the (?P<role>[\w ]+?) fails to log in (?P<times>\d+) times$"))
def fails_to_log_in(ctx, role, times):
    """When the corporate fails to log in 5 times

    Logs in with a wrong password that many times; each attempt must be refused with 403.
    """
    actor = ctx.actor(role)
    for attempt in range(int(times)):
        flows.expect(ctx.call("POST", "/login_with_password", json={
            "email": actor.email, "password": {"value": factories.password()}}), 403,
            f"failed login {attempt + 1} of the {role}")


@when(parsers.re(r'the (?P<role>[\w ]+?) switches to the token remembered as "(?P<name>[\w .-]+)"$'))
def switches_to_token(ctx, role, name):
    """When the corporate switches to the token remembered as "access token"

    The actor's later calls carry the token remembered under that name instead of their auth token.
    """
    ctx.actor(role).token = ctx.lookup(name)
