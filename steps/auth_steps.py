"""Domain steps for sign-in, passwords, access tokens, authentication factors and step-up.

Time travel (the emulator's clock) is only for scenarios tagged `@emulator_only @expiry`.
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from support import factories

from . import flows, outcomes
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


# -- signing in and out ----------------------------------------------------------------------------------------
UNKNOWN_EMAIL = "nobody.unknown@weavr-suite.example.com"


@when(parsers.re(rf'the {ROLE} logs in(?: with (?P<how>a wrong password|their previous email|the password "(?P<password>[^"]+)"))?$'))
def logs_in(ctx, role, how, password):
    """When the corporate logs in with a wrong password

    Logs in with the actor's email and password; or a wrong password, or a password given (`${old password}`),
    or the email the actor had before an update changed it. On success the actor holds the new token.
    """
    actor = ctx.actor(role)
    email = actor.details["previous email"] if how == "their previous email" else actor.email
    if how == "a wrong password":
        secret = factories.password()
    else:
        secret = ctx.fill(password) if password is not None else actor.password
    response = ctx.call("POST", "/login_with_password", json={"email": email, "password": {"value": secret}})
    if response.status == 200 and how != "a wrong password":
        actor.token = response.body["token"]


@when(parsers.re(r"someone logs in with an email no one has$"))
def unknown_logs_in(ctx):
    """When someone logs in with an email no one has

    A well-formed sign-in with an email no user has; the answer is kept.
    """
    ctx.call("POST", "/login_with_password", json={"email": UNKNOWN_EMAIL, "password": {"value": "Passw0rd!x"}})


@when(parsers.re(rf"someone logs in{CREDENTIAL}(?P<with_body> with:)?$"))
def someone_logs_in(ctx, credential, with_body, docstring=None):
    """When someone logs in with:
        \"\"\"
        {"email": "not-an-email", "password": {"value": "x1"}}
        \"\"\"

    A sign-in with the JSON body given, or an empty one with a credential named wrong; the answer is kept.
    """
    call_with(ctx, "POST", "/login_with_password", credential=credential,
              json=ctx.fill_json(docstring) if with_body else None)


@then(parsers.re(rf"the {ROLE} is signed in$"))
def is_signed_in(ctx, role):
    """Then the corporate is signed in

    The sign-in succeeded with an AUTH token for the actor's identity, its credentials the actor's: ROOT for a
    root user, USER for an authorised user.
    """
    body = outcomes.expect_success(ctx, "sign-in").body
    actor = ctx.actor(role)
    kind = "ROOT" if actor.user_id == actor.identity_id else "USER"
    expected = {"tokenType": "AUTH", "identity": {"type": actor.identity_type, "id": actor.identity_id},
                "credentials": {"type": kind, "id": actor.user_id}}
    got = {key: body.get(key) for key in expected}
    assert got == expected, f"the {role} signed in as {got}, expected {expected}"
    assert isinstance(body.get("token"), str) and body["token"], f"the sign-in answered no token: {body}"


@when(parsers.re(rf"(?:the {ROLE}|someone) logs out{CREDENTIAL}$"))
def logs_out(ctx, role, credential):
    """When the corporate logs out

    POST /logout with the actor's token (`someone`: none; or a credential named wrong); the answer is kept.
    """
    call_with(ctx, "POST", "/logout", ctx.actor(role) if role else None, credential)


@then(parsers.re(rf"the {ROLE}'s token (?P<works>still works|no longer works)$"))
def token_works(ctx, role, works):
    """Then the corporate's token still works

    Reads the actor's authentication factors with their token: 200 while it works, 401 (no body) after.
    """
    ctx.call("GET", "/authentication_factors", as_actor=ctx.actor(role))
    if works == "still works":
        outcomes.expect_success(ctx, "factors read")
    else:
        outcomes.expect_failure(ctx, "factors read", "unauthorised", None)


# -- biometric sign-in and push challenges ---------------------------------------------------------------------
@when(parsers.re(rf"the {ROLE} signs in with biometrics(?P<identity> for their identity| for their id as a consumer)?$"))
def signs_in_with_biometrics(ctx, role, identity):
    """When the corporate signs in with biometrics for their identity

    POST /login_via_biometrics with the actor's email, and the identity if named (`for their id as a consumer`:
    the actor's id under the other type); the answer is kept.
    """
    actor = ctx.actor(role)
    body: dict = {"email": actor.email}
    if identity:
        kind = "CONSUMER" if identity.endswith("as a consumer") else actor.identity_type
        body["identity"] = {"type": kind, "id": actor.identity_id}
    ctx.call("POST", "/login_via_biometrics", json=body)


@when(parsers.re(r'someone signs in with biometrics as "(?P<email>[^"]+)"$'))
def someone_signs_in_with_biometrics(ctx, email):
    """When someone signs in with biometrics as "nobody.qa@weavr-suite.example.com"

    The answer is kept.
    """
    ctx.call("POST", "/login_via_biometrics", json={"email": ctx.fill(email)})


CHALLENGE_IDS = {"biometric sign-in": "challengeId", "push step-up": "id"}


@then(parsers.re(r'the (?P<act>biometric sign-in|push step-up) starts a challenge(?:, remembered as "(?P<name>[\w .-]+)")?$'))
def starts_challenge(ctx, act, name):
    """Then the push step-up starts a challenge, remembered as "step-up challenge"

    The act succeeded with the id of the challenge sent to the device; the step names it for the Simulator.
    """
    body = outcomes.expect_success(ctx, act).body
    challenge = body.get(CHALLENGE_IDS[act])
    assert isinstance(challenge, str) and challenge, f"the {act} answered no challenge: {body}"
    if name:
        ctx.remember(name, challenge)


@then(parsers.re(r"the simulator's answer is (?P<code>COMPLETED|DENIED)$"))
def simulator_answer_is(ctx, code):
    """Then the simulator's answer is DENIED

    The Simulator took the device's answer to the push challenge (COMPLETED), or it came too late or twice (DENIED).
    """
    response = ctx.response()
    assert (response.operation_id or "").startswith("factors_"), f"the last call was {response.operation_id}"
    flows.expect(response, 200, "the simulator's answer")
    assert response.body.get("code") == code, f"the simulator answered {response.body}, expected code {code}"


# -- access tokens and identities ------------------------------------------------------------------------------
@when(parsers.re(r"(?:the (?P<role>[\w ]+?)|someone) asks for an access token to "
                 rf"(?:their identity|the (?P<other>[\w ]+?)'s identity|(?P<none>no identity)){CREDENTIAL}$"))
def asks_access_token(ctx, role, other, none, credential):
    """When the corporate outsider asks for an access token to the corporate's identity

    POST /access_token as the actor (`someone`: no token) for their own identity, another's, or none; the answer
    is kept.
    """
    actor = ctx.actor(role) if role else None
    owner = ctx.actor(other) if other else actor
    body = {"identity": {"type": owner.identity_type, "id": owner.identity_id}} if owner and not none else {}
    call_with(ctx, "POST", "/access_token", actor, credential, json=body)


@then(parsers.re(rf'the {ROLE} receives an? (?P<status>STANDARD|STEPPED_UP) access token to their identity'
                 r'(?:, remembered as "(?P<name>[\w .-]+)")?$'))
def receives_access_token(ctx, role, status, name):
    """Then the corporate receives a STANDARD access token to their identity, remembered as "access token"

    The access token request succeeded for the actor's identity and root credentials, in that status.
    """
    body = outcomes.expect_success(ctx, "access token request").body
    actor = ctx.actor(role)
    expected = {"identity": {"type": actor.identity_type, "id": actor.identity_id},
                "credentials": {"type": "ROOT", "id": actor.user_id}, "status": status}
    got = {key: body.get(key) for key in expected}
    assert got == expected, f"the {role}'s access token: {got}, expected {expected}"
    if name:
        ctx.remember(name, body["token"])


@when(parsers.re(rf'the {ROLE} lists their identities(?: with "(?P<query>[^"]+)")?$'))
def lists_identities(ctx, role, query):
    """When the corporate lists their identities with "limit=0"

    GET /identities as the actor; the answer is kept.
    """
    ctx.call("GET", "/identities" + (f"?{query}" if query else ""), as_actor=ctx.actor(role))


@then(parsers.re(rf"the identities listed are the {ROLE}'s alone$"))
def identities_listed(ctx, role):
    """Then the identities listed are the corporate's alone

    The list holds one identity, the actor's, under its company name as the corporate reads it, and counts one.
    """
    body = outcomes.expect_success(ctx, "identities list").body
    actor = ctx.actor(role)
    with ctx.aside():
        read = flows.expect(ctx.call("GET", f"/{flows.identity_area(actor)}", as_actor=actor), 200,
                            f"reading the {role}").body
    listed = body.get("identities")
    expected = [{"type": actor.identity_type, "id": actor.identity_id}]
    assert [item.get("id") for item in listed] == expected, f"the identities listed: {listed}"
    if actor.identity_type == "CORPORATE":
        assert listed[0].get("name") == read["company"]["name"], (
            f"the corporate is listed as {listed[0].get('name')!r}, its company is {read['company']['name']!r}")
    assert (body.get("count"), body.get("responseCount")) == (1, 1), f"the identities list counts {body}"


# -- authentication factors ------------------------------------------------------------------------------------
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


# -- step-up ---------------------------------------------------------------------------------------------------
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


# -- passwords -------------------------------------------------------------------------------------------------
UNKNOWN_USER = "999000111222333"


@when(parsers.re(rf'(?:the {ROLE} creates the password "(?P<password>[^"]+)"|'
                 r'the password "(?P<unknown>[^"]+)" is created for an unknown user)$'))
def creates_given_password(ctx, role, password, unknown):
    """When the corporate creates the password "Another-passw0rd"

    POST /passwords/{user}/create with that password (the actor keeps theirs), or for a user no one has; the
    answer is kept.
    """
    user = ctx.actor(role).user_id if role else UNKNOWN_USER
    ctx.call("POST", f"/passwords/{user}/create", json={"password": {"value": password or unknown}})


@when(parsers.re(r'(?:the password "(?P<password>[^"]*)"|a password without a value) is checked against the rules$'))
def checks_password(ctx, password):
    """When the password "Fine-passw0rd" is checked against the rules

    POST /passwords/validate; the answer is kept.
    """
    ctx.call("POST", "/passwords/validate", json={"password": {"value": password} if password is not None else {}})


@when(parsers.re(rf'the {ROLE} changes their password (?:giving "(?P<old>[^"]+)" as the old one|to "(?P<new>[^"]+)"|'
                 r"(?P<current>to their current one)|(?P<missing>without a new one))$"))
def changes_password_wrongly(ctx, role, old, new, current, missing):
    """When the corporate changes their password giving "Not-the-passw0rd" as the old one

    POST /passwords/update with a wrong old password, a new one given, the current one again, or no new one;
    the actor keeps their password. The answer is kept.
    """
    actor = ctx.actor(role)
    body: dict = {"oldPassword": {"value": old or actor.password}}
    if not missing:
        body["newPassword"] = {"value": actor.password if current else (new or "Brand-new-passw0rd")}
    ctx.call("POST", "/passwords/update", as_actor=actor, json=body)


@then(parsers.re(rf"the {ROLE}'s password is (?P<how>changed|reset)$"))
def password_changed(ctx, role, how):
    """Then the corporate's password is changed

    The change (or lost-password reset) succeeded with a new token; a change also answers the password's
    identity, the actor's.
    """
    body = outcomes.expect_success(ctx, "password change" if how == "changed" else "lost-password reset").body
    assert isinstance(body.get("token"), str) and body["token"], f"the password {how} answered no token: {body}"
    if how == "changed":
        actor = ctx.actor(role)
        identity = {"type": actor.identity_type, "id": actor.identity_id}
        assert body["passwordInfo"]["identityId"] == identity, (
            f"the {role}'s password change answered {body['passwordInfo']}, not identity {identity}")


@when(parsers.re(rf'a lost-password reset is started (?:for the {ROLE}|for "(?P<email>[^"]+)"|(?P<none>without an email))$'))
def starts_lost_password(ctx, role, email, none):
    """When a lost-password reset is started for the corporate

    POST /passwords/lost_password/start for the actor's email, an email given, or none; the answer is kept.
    """
    body = {} if none else {"email": ctx.actor(role).email if role else ctx.fill(email)}
    ctx.call("POST", "/passwords/lost_password/start", json=body)


@when(parsers.re(rf'the lost password of (?:the {ROLE}|"(?P<email>[^"]+)") is reset with '
                 r'(?:the sandbox code|the code "(?P<code>\w+)") to (?:"(?P<password>[^"]+)"|(?P<current>their current one))$'))
def resumes_lost_password(ctx, role, email, code, password, current):
    """When the lost password of the corporate is reset with the sandbox code to "Reset-passw0rd"

    POST /passwords/lost_password/resume for the actor's email (or one given) with the code and the new
    password; the answer is kept (the actor keeps their password).
    """
    address = ctx.actor(role).email if role else ctx.fill(email)
    new = ctx.actor(role).password if current else password
    ctx.call("POST", "/passwords/lost_password/resume", json={
        "email": address, "nonce": code or ctx.target.settings.verification_code, "newPassword": {"value": new}})
