"""Domain steps for authorised users: creation, invites, activation, email verification, KYC and roles."""
from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from support import factories

from . import flows, outcomes, user_flows
from .context import Actor
from .grammar import ROLE
from .identity_flows import CREDENTIAL, call_with


@given(parsers.re(r"the (?P<owner>[\w ]+?) has an authorised user(?: called the (?P<role>[\w ]+?))?$"))
def has_authorised_user(ctx, owner, role):
    """Given the corporate has an authorised user called the second user

    Creates a fresh authorised user (default name: "authorised user"); the owner's token must be stepped up first (`Given the corporate has a stepped-up token`).
    """
    actor = ctx.actor(owner)
    flows.expect(user_flows.create_authorised_user(ctx, actor, role or "authorised user"), 200,
                 f"creating the {role or 'authorised user'}")


@when(parsers.re(r"the (?P<owner>[\w ]+?) creates an authorised user(?: called the (?P<role>[\w ]+?))?$"))
def creates_authorised_user(ctx, owner, role):
    """When the corporate creates an authorised user

    POST /users with fresh details as the owner, with the token as it is; the answer is kept for Then steps.
    """
    # The flow reads the new user back on the side: the answer kept for Then steps is the creation's.
    ctx.last = user_flows.create_authorised_user(ctx, ctx.actor(owner), role or "authorised user")


@when(parsers.re(rf"the (?P<owner>[\w ]+?) invites the (?P<role>[\w ]+?){CREDENTIAL}$"))
def invites(ctx, owner, role, credential):
    """When the corporate invites the authorised user

    Sends the user an invite to set their password, as the owner named (or with a credential named wrong).
    """
    user = ctx.actor(role)
    call_with(ctx, "POST", f"/users/{user.user_id}/invite", ctx.actor(owner), credential)


@given(parsers.re(r"the (?P<role>[\w ]+?) has accepted their invite$"))
def has_accepted_invite(ctx, role):
    """Given the authorised user has accepted their invite

    Their owner sends the invite and the user consumes it with a fresh password (holding the token answered).
    """
    user_flows.accept_invite(ctx, ctx.actor(role))


@given(parsers.re(r"the (?P<role>[\w ]+?) has verified their email$"))
def has_verified_email(ctx, role):
    """Given the authorised user has verified their email

    Sends the authorised user's email verification code and verifies it with the sandbox code.
    """
    user_flows.verify_email(ctx, ctx.actor(role))


@given(parsers.re(r'the (?P<role>[\w ]+?) finds a predefined role the programme does not offer, remembered as "(?P<name>[\w .-]+)"$'))
def role_not_offered(ctx, role, name):
    """Given the corporate finds a predefined role the programme does not offer, remembered as "missing role"

    Reads GET /roles and remembers a predefined role name missing from it under the name given; skips when none is.
    """
    response = flows.expect(ctx.call("GET", "/roles", as_actor=ctx.actor(role)), 200, "reading the roles")
    offered = {r.get("name") for r in response.body}
    missing = [name for name in user_flows.PREDEFINED_ROLES if name not in offered]
    if not missing:
        pytest.skip("the programme offers every predefined role; ROLE_NOT_FOUND cannot be provoked")
    ctx.remember(name, missing[0])


@then(parsers.re(r"the (?P<owner>[\w ]+?)'s users (?P<verb>include|do not include) the (?P<role>[\w ]+?)$"))
def users_include(ctx, owner, verb, role):
    """Then the corporate's users include the authorised user

    Lists every user of the owner's identity (all pages) and looks for the actor's user id.
    """
    ids = user_flows.user_ids(ctx, ctx.actor(owner))
    user_id = ctx.actor(role).user_id
    if verb == "include":
        assert user_id in ids, f"user {user_id} is not among the {owner}'s users {ids}"
    else:
        assert user_id not in ids, f"user {user_id} is among the {owner}'s users"


@then(parsers.re(r'the (?P<role>[\w ]+?) finds the role "(?P<name>[A-Z_]+)" among the programme\'s roles$'))
def role_offered(ctx, role, name):
    """Then the corporate finds the role "ADMIN" among the programme's roles

    Reads GET /roles as the actor: a role the API let the scenario assign (it answers ROLE_NOT_FOUND for a role
    the programme does not offer) is listed under that name, with an id, and no two roles share an id or a
    name. Names and descriptions are the programme's own, so this checks consistency rather than a fixed list.
    """
    response = flows.expect(ctx.call("GET", "/roles", as_actor=ctx.actor(role)), 200, "reading the roles")
    for key in ("id", "name"):
        values = [r.get(key) for r in response.body]
        assert len(values) == len(set(values)), f"two of the programme's roles share one {key}: {response.body}"
    listed = [r for r in response.body if r.get("name") == name]
    assert len(listed) == 1 and listed[0].get("id"), (
        f"the programme's roles list {name!r} {len(listed)} times: {response.body}")


# -- creating and changing users -------------------------------------------------------------------------------
UNKNOWN_USER = "999000000000000001"


@when(parsers.re(r"the (?P<owner>[\w ]+?) creates an authorised user(?: called the (?P<role>[\w ]+?))? with:$"))
def creates_user_with(ctx, owner, role, docstring):
    """When the corporate creates an authorised user called the admin with:
        \"\"\"
        {"name": "Maria", "surname": "Borg", "email": "admin.${corporate.email}", "roles": ["ADMIN"]}
        \"\"\"

    POST /users as the owner with the JSON body; on a 200 the user is an actor under the role named (default
    "authorised user"). The answer is kept.
    """
    actor = ctx.actor(owner)
    body = ctx.fill_json(docstring)
    response = ctx.call("POST", "/users", as_actor=actor, json=body)
    if response.status == 200:
        name = role or "authorised user"
        ctx.actors[name] = Actor(role=name, identity_type=actor.identity_type, identity_id=actor.identity_id,
                                 user_id=response.body["id"], email=body["email"], mobile=body.get("mobile"),
                                 details={"request": body, "owner": actor.role, "name": body.get("name"),
                                          "surname": body.get("surname"), "tag": body.get("tag")})


@then(parsers.re(rf"the {ROLE} is created as sent$"))
def user_created(ctx, role):
    """Then the authorised user is created as sent

    The user creation succeeded: the answer holds every field sent, names the owner's identity, the user is
    active, and the user reads back as answered.
    """
    answer = outcomes.expect_success(ctx, "user creation")
    user = ctx.actor(role)
    owner = ctx.actor(user.details["owner"])
    flows.expect_echo(answer.body, outcomes.sent(answer), f"creating the {role}")
    identity = {"type": owner.identity_type, "id": owner.identity_id}
    assert (answer.body.get("identity"), answer.body.get("active")) == (identity, True), (
        f"creating the {role}: identity {answer.body.get('identity')}, active {answer.body.get('active')}")
    _expect_reads_back(ctx, user, owner, answer, f"creating the {role}")


def _expect_reads_back(ctx, user: Actor, reader: Actor, answer, what: str) -> None:
    with ctx.aside():
        read = flows.expect(ctx.call("GET", f"/users/{user.user_id}", as_actor=reader), 200, f"reading the {user.role}")
    flows.expect_read_back(answer.body, read.body, what)


@when(parsers.re(r"the (?P<who>[\w ]+?) changes (?:the (?P<role>[\w ]+?)'s|their own) details with:$"))
def changes_user(ctx, who, role, docstring):
    """When the corporate changes the authorised user's details with:
        \"\"\"
        {"name": "Renamed"}
        \"\"\"

    PATCH /users/{id} as the one named (`their own`: the user themselves) with the JSON body; the answer is
    kept. When the email changes, the user's email is the new one from then on (and `their previous email`
    the old one).
    """
    changer = ctx.actor(who)
    user = ctx.actor(role) if role else changer
    body = ctx.fill_json(docstring)
    response = ctx.call("PATCH", f"/users/{user.user_id}", as_actor=changer, json=body)
    if response.status == 200 and "email" in body:
        user.details["previous email"], user.email = user.email, body["email"]


@then(parsers.re(rf"the {ROLE}'s details are changed$"))
def user_changed(ctx, role):
    """Then the authorised user's details are changed

    The change succeeded: the answer holds every field sent, and the user reads back (as their owner) as answered.
    """
    answer = outcomes.expect_success(ctx, "user change")
    user = ctx.actor(role)
    flows.expect_echo(answer.body, outcomes.sent(answer), f"changing the {role}")
    _expect_reads_back(ctx, user, ctx.actor(user.details["owner"]), answer, f"changing the {role}")


@then(parsers.re(rf"the {ROLE}'s user record(?P<own> as they read it)? reads:$"))
def user_record_reads(ctx, role, own, datatable):
    """Then the authorised user's user record reads:
        | field  | value |
        | active | true  |

    Reads the user as their owner (or as themselves); each field holds its value (JSON or text, placeholders filled).
    """
    user = ctx.actor(role)
    reader = user if own else ctx.actor(user.details["owner"])
    with ctx.aside():
        read = flows.expect(ctx.call("GET", f"/users/{user.user_id}", as_actor=reader), 200, f"reading the {role}")
    outcomes.expect_fields(ctx, read, datatable, f"the {role} as read")


@when(parsers.re(r"the (?P<reader>[\w ]+?) reads (?:their user record|the (?P<role>[\w ]+?)'s user record|"
                 rf'the user record "(?P<user_id>[^"]+)"){CREDENTIAL}$'))
def reads_user(ctx, reader, role, user_id, credential):
    """When the corporate outsider reads the authorised user's user record

    GET /users/{id} as the reader: their own record, another user's, or an id given; the answer is kept.
    """
    actor = ctx.actor(reader)
    target = ctx.actor(role).user_id if role else (user_id or actor.user_id)
    call_with(ctx, "GET", f"/users/{target}", actor, credential)


# Weavr's back office deactivates identities too (steps/event_steps.py): that is not a user's act.
@when(parsers.re(r"the (?!back office )(?P<owner>[\w ]+?) (?P<action>deactivates|activates) (?:the (?P<role>[\w ]+?)|their root user)"
                 rf"{CREDENTIAL}$"))
def user_activation(ctx, owner, action, role, credential):
    """When the corporate deactivates the authorised user

    POST /users/{id}/deactivate (or activate) as the one named; `their root user` names the root user's id.
    The answer is kept.
    """
    actor = ctx.actor(owner)
    user = ctx.actor(role).user_id if role else actor.user_id
    call_with(ctx, "POST", f"/users/{user}/{action.rstrip('s')}", actor, credential)


# -- listing users ---------------------------------------------------------------------------------------------
@when(parsers.re(rf'the {ROLE} lists their users(?: with "(?P<query>[^"]+)")?$'))
def lists_users(ctx, role, query):
    """When the corporate lists their users with "email=${second user.email}"

    GET /users as the actor, with the query given (placeholders filled); the answer is kept.
    """
    ctx.call("GET", "/users" + (f"?{ctx.fill(query)}" if query else ""), as_actor=ctx.actor(role))


@then(parsers.re(r"the user list holds (?P<listed>\d+) of (?P<count>\d+) users?$"))
def user_list_holds(ctx, listed, count):
    """Then the user list holds 1 of 2 users

    The list answered that many users on its page (responseCount too) out of a count of that many.
    """
    body = outcomes.expect_success(ctx, "user list").body
    got = (len(body.get("users", [])), body.get("responseCount"), body.get("count"))
    assert got == (int(listed), int(listed), int(count)), f"the user list holds (users, responseCount, count) {got}"


@then(parsers.re(rf"the user list holds the {ROLE} alone$"))
def user_list_holds_one(ctx, role):
    """Then the user list holds the second user alone

    The list answered one user, the actor, as they read alone (GET /users/{id} by their owner), and counts one.
    """
    answer = outcomes.expect_success(ctx, "user list")
    body, user = answer.body, ctx.actor(role)
    users = body.get("users", [])
    assert [u.get("id") for u in users] == [user.user_id], f"the user list holds {[u.get('id') for u in users]}"
    assert body.get("count") == 1, f"the user list counts {body.get('count')}"
    with ctx.aside():
        read = flows.expect(ctx.call("GET", f"/users/{user.user_id}", as_actor=ctx.actor(user.details["owner"])),
                            200, f"reading the {role}")
    flows.expect_read_back(users[0], read.body, f"listing the {role}")


# -- invites ---------------------------------------------------------------------------------------------------
@when(parsers.re(rf'(?:the {ROLE} checks their invite|the invite of an unknown user is checked)'
                 rf'(?: with the code "(?P<code>\w+)")?{CREDENTIAL}$'))
def checks_invite(ctx, role, code, credential):
    """When the authorised user checks their invite with the code "654321"

    POST /users/{id}/invite/validate (no token) with the code given or the sandbox's; the answer is kept.
    """
    user = ctx.actor(role).user_id if role else UNKNOWN_USER
    call_with(ctx, "POST", f"/users/{user}/invite/validate", credential=credential,
              json={"inviteCode": code or ctx.target.settings.verification_code})


@when(parsers.re(rf'(?:the {ROLE} accepts their invite|the invite of an unknown user is accepted)'
                 r'(?: with the code "(?P<code>\w+)")?(?: with the password "(?P<password>[^"]+)"|(?P<none> without a password))?'
                 rf"{CREDENTIAL}$"))
def accepts_invite(ctx, role, code, password, none, credential):
    """When the authorised user accepts their invite with the password "Ab1!"

    POST /users/{id}/invite/consume (no token) with the code given or the sandbox's, and a fresh password, the
    one given, or none; on a 200 the user holds the password and the token answered. The answer is kept.
    """
    user = ctx.actor(role) if role else None
    secret = password or factories.password()
    body: dict = {"inviteCode": code or ctx.target.settings.verification_code}
    if not none:
        body["password"] = {"value": secret}
    response = call_with(ctx, "POST", f"/users/{user.user_id if user else UNKNOWN_USER}/invite/consume",
                         credential=credential, json=body)
    if user and response.status == 200:
        user.password, user.token = secret, response.body["token"]


@then(parsers.re(rf"the {ROLE}'s invite is accepted$"))
def invite_accepted(ctx, role):
    """Then the authorised user's invite is accepted

    The invite acceptance succeeded with the token the user now holds.
    """
    body = outcomes.expect_success(ctx, "invite acceptance").body
    assert body.get("token") and body["token"] == ctx.actor(role).token, f"the invite acceptance answered {body}"


# -- roles and KYC ---------------------------------------------------------------------------------------------
@when(parsers.re(rf"the {ROLE} lists the programme's roles{CREDENTIAL}$"))
def lists_roles(ctx, role, credential):
    """When the corporate lists the programme's roles

    The answer is kept.
    """
    call_with(ctx, "GET", "/roles", ctx.actor(role), credential)


@then("every role listed has a name and an id")
def roles_named(ctx):
    """Then every role listed has a name and an id

    The roles list succeeded with at least one role, each with a name and an id.
    """
    body = outcomes.expect_success(ctx, "roles list").body
    assert body and all(r.get("name") and r.get("id") for r in body), f"the programme's roles: {body}"


@when(parsers.re(rf"the {ROLE} starts their KYC as an authorised user$"))
def starts_user_kyc(ctx, role):
    """When the authorised user starts their KYC as an authorised user

    POST /users/kyc as the actor; the answer is kept.
    """
    ctx.call("POST", "/users/kyc", as_actor=ctx.actor(role))
