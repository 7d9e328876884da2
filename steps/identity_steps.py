"""Domain steps for identities: registering corporates, their root user's email, password and sign-in."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from support import factories

from . import flows


@given(parsers.re(r"a (?P<role>corporate[\w ]*?) is registered$"))
@when(parsers.re(r"a (?P<role>corporate[\w ]*?) is registered$"))
def corporate_registered(ctx, role):
    """Given a corporate is registered

    Registers a corporate with fresh data (unique root email); it is known as the role named.
    """
    flows.register_corporate(ctx, role)


@given(parsers.re(r"a (?P<role>corporate[\w ]*?) is onboarded and logged in$"))
def corporate_onboarded(ctx, role):
    """Given a corporate is onboarded and logged in

    Registers a corporate, verifies its root user's email, creates a password and logs in.
    """
    flows.onboard_corporate(ctx, role)


@given(parsers.re(r"the (?P<role>[\w ]+?)'s root email is verified$"))
def root_email_verified(ctx, role):
    """Given the corporate's root email is verified"""
    flows.verify_root_email(ctx, ctx.actor(role))


@given(parsers.re(r"the (?P<role>[\w ]+?) has a password$"))
def has_password(ctx, role):
    """Given the corporate has a password"""
    flows.create_password(ctx, ctx.actor(role))


@when(parsers.re(r"another corporate registers with the (?P<role>[\w ]+?)'s root email$"))
def corporate_with_same_email(ctx, role):
    """When another corporate registers with the corporate's root email

    Sends a registration whose root user email is already taken; the answer is kept for Then steps.
    """
    body = factories.corporate(ctx.target.settings.profile("corporate"))
    body["rootUser"]["email"] = ctx.actor(role).email
    ctx.call("POST", "/corporates", json=body)


@when(parsers.re(r"the (?P<role>[\w ]+?) creates a password$"))
def creates_password(ctx, role):
    """When the corporate creates a password"""
    actor = ctx.actor(role)
    actor.password = factories.password()
    response = ctx.call("POST", f"/passwords/{actor.user_id}/create", json={"password": {"value": actor.password}})
    if response.status == 200:
        actor.token = response.body["token"]


@when(parsers.re(r"the (?P<role>[\w ]+?) logs in(?P<wrong> with a wrong password)?$"))
def logs_in(ctx, role, wrong):
    """When the corporate logs in with a wrong password

    Logs in with the actor's password (or a wrong one); on success the actor holds the new token.
    """
    actor = ctx.actor(role)
    password = factories.password() if wrong else actor.password
    response = ctx.call("POST", "/login_with_password", json={"email": actor.email, "password": {"value": password}})
    if response.status == 200:
        actor.token = response.body["token"]


@then(parsers.re(r"the (?P<role>[\w ]+?) can read their identity$"))
def can_read_identity(ctx, role):
    """Then the corporate can read their identity

    Reads the logged-in identity back and checks it is the actor's, with their root email.
    """
    actor = ctx.actor(role)
    area = "corporates" if actor.identity_type == "CORPORATE" else "consumers"
    response = flows.expect(ctx.call("GET", f"/{area}", as_actor=actor), 200, f"reading the {role}")
    assert response.body["id"]["id"] == actor.identity_id, f"got identity {response.body['id']}, expected {actor.identity_id}"
    assert response.body["rootUser"]["email"] == actor.email, "the root user's email differs from the registered one"
