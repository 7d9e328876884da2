"""Domain steps for signing in and out: passwords and biometrics, a token's life, access tokens and the
identities a user acts for. Factors and step-up are steps/factor_steps.py, passwords steps/password_steps.py.

Time travel (the emulator's clock) is only for scenarios tagged `@emulator_only @expiry`.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from support import factories

from . import flows, outcomes
from .grammar import ROLE
from .identity_flows import CREDENTIAL, call_with


@when(parsers.re(r'the simulator answers the (?P<role>[\w ]+?)\'s push challenge "(?P<name>[\w .-]+)" with (?P<outcome>verify_success|verify_invalid|verify_expired)$'))
def simulator_answers_push(ctx, role, name, outcome):
    """When the simulator answers the corporate's push challenge "login challenge" with verify_success

    Answers the push challenge whose id was remembered under that name, through the Simulator API with the actor's token.
    """
    actor = ctx.actor(role)
    ctx.simulate("POST", f"/factors/{actor.user_id}/challenges/{ctx.lookup(name)}/{outcome}", token=actor.token)


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
