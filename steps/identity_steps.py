"""Domain steps for identities: registration, root user email, password, sign-in, due diligence.

Corporates and consumers are registered, their root user verifies their email, sets a password and
logs in, and the Simulator approves their due diligence.

A role names an actor: "corporate" or "consumer", optionally after an ordinal (second, third,
fourth) and followed by any words ("corporate B", "second consumer", "corporate director"). That
word says which identity it is; later steps use the whole role ("the second consumer").
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from support import factories

from . import flows, identity_flows
from .identity_flows import ORDINALS

IDENTITY_ROLE = r"(?P<role>(?:(?:" + "|".join(ORDINALS) + r") )?(?:corporate|consumer)[\w ]*?)"


@given(parsers.re(rf"an? {IDENTITY_ROLE} is registered$"))
@when(parsers.re(rf"an? {IDENTITY_ROLE} is registered$"))
def identity_registered(ctx, role):
    """Given a consumer is registered

    Registers a corporate or a consumer with fresh data (unique root email); it is known as the role named.
    """
    identity_flows.register(ctx, role)


@given(parsers.re(rf"an? {IDENTITY_ROLE} is onboarded and logged in$"))
def identity_onboarded(ctx, role):
    """Given a corporate is onboarded and logged in

    Registers a corporate or consumer, verifies its root user's email, creates a password and logs in.
    """
    identity_flows.onboard(ctx, role)


@given(parsers.re(rf"an? {IDENTITY_ROLE} is onboarded and verified$"))
def identity_verified(ctx, role):
    """Given a consumer is onboarded and verified

    Onboards and logs in, then has the Simulator approve its due diligence (KYB or KYC).
    """
    identity_flows.approve(ctx, role)


@given(parsers.re(r"the (?P<role>[\w ]+?)'s root email is verified$"))
def root_email_verified(ctx, role):
    """Given the corporate's root email is verified"""
    flows.verify_root_email(ctx, ctx.actor(role))


@given(parsers.re(r"the (?P<role>[\w ]+?) has a password$"))
def has_password(ctx, role):
    """Given the corporate has a password"""
    flows.create_password(ctx, ctx.actor(role))


@when(parsers.re(r"another (?P<kind>corporate|consumer) registers with the (?P<role>[\w ]+?)'s root email$"))
def identity_with_same_email(ctx, kind, role):
    """When another consumer registers with the corporate's root email

    Sends a registration whose root user email is already taken; the answer is kept for Then steps.
    """
    settings = ctx.target.settings
    if kind == "consumer":
        body = factories.consumer(settings.profile("consumer"))
    else:
        body = factories.corporate(settings.profile("corporate"))
    body["rootUser"]["email"] = ctx.actor(role).email
    ctx.call("POST", f"/{kind}s", json=body)


@when(parsers.re(r'an? (?P<kind>corporate|consumer) registers with "(?P<field>[\w.]+)" (?:set to (?P<value>.+)|removed)$'))
def identity_registers_with(ctx, kind, field, value):
    """When a consumer registers with "rootUser.email" set to "not-an-email"

    Sends a fresh registration with one field (dotted path) set to a JSON value, or `removed`; the answer is kept.
    """
    settings = ctx.target.settings
    if kind == "consumer":
        body = factories.consumer(settings.profile("consumer"))
    else:
        body = factories.corporate(settings.profile("corporate"))
    *parents, last = field.split(".")
    holder = body
    for part in parents:
        holder = holder.setdefault(part, {})
    if value is None:
        holder.pop(last, None)
    else:
        holder[last] = ctx.fill_json(value)
    ctx.call("POST", f"/{kind}s", json=body)


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


@when(parsers.re(r"the simulator verifies the (?P<role>[\w ]+?)$"))
def simulator_verifies(ctx, role):
    """When the simulator verifies the consumer

    Calls the Simulator's identity verification (email, mobile, KYB/KYC approved); the answer is kept.
    """
    identity_flows.simulate_verification(ctx, ctx.actor(role))


@given(parsers.re(r'a new unique email is remembered as "(?P<name>[\w .-]+)"$'))
def new_email_remembered(ctx, name):
    """Given a new unique email is remembered as "new email"

    A fresh email no one uses yet, for later steps as `${new email}`.
    """
    ctx.remember(name, factories.unique_email("changed"))


@then(parsers.re(r"the (?P<role>[\w ]+?) can read their identity$"))
def can_read_identity(ctx, role):
    """Then the corporate can read their identity

    Reads the logged-in identity back and checks it is the actor's, with their root email.
    """
    actor = ctx.actor(role)
    response = flows.expect(ctx.call("GET", f"/{flows.identity_area(actor)}", as_actor=actor), 200,
                            f"reading the {role}")
    assert response.body["id"]["id"] == actor.identity_id, f"got identity {response.body['id']}, expected {actor.identity_id}"
    assert response.body["rootUser"]["email"] == actor.email, "the root user's email differs from the registered one"
