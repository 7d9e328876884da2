"""Domain steps for authorised users: creation, invites, activation, email verification, KYC and roles."""
from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from . import flows, user_flows


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
    user_flows.create_authorised_user(ctx, ctx.actor(owner), role or "authorised user")


@when(parsers.re(r"the (?P<owner>[\w ]+?) invites the (?P<role>[\w ]+?)$"))
def invites(ctx, owner, role):
    """When the corporate invites the authorised user

    Sends the user an invite to set their password, as the owner named.
    """
    user = ctx.actor(role)
    ctx.call("POST", f"/users/{user.user_id}/invite", as_actor=ctx.actor(owner))


@when(parsers.re(r"the (?P<role>[\w ]+?) accepts their invite$"))
def accepts_invite(ctx, role):
    """When the authorised user accepts their invite

    Consumes the invite with the sandbox code and a fresh password; on success the user holds the token answered.
    """
    user_flows.consume_invite(ctx, ctx.actor(role))


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
