"""Identity flows beside steps/flows.py: consumers, either identity type by role, due diligence.

Plain functions (no step decorators), so any step module may import them.
"""
from __future__ import annotations

from support import factories

from . import flows
from .context import Actor


ORDINALS = ("second", "third", "fourth")


def identity_type(role: str) -> str:
    """CONSUMER for a role whose first word, after an ordinal, is "consumer" ("second consumer"); CORPORATE otherwise."""
    words = role.strip().lower().split()
    if words and words[0] in ORDINALS:
        words = words[1:]
    return "CONSUMER" if words and words[0] == "consumer" else "CORPORATE"


def register_consumer(ctx, role: str = "consumer", **overrides) -> Actor:
    body = factories.consumer(ctx.target.settings.profile("consumer"), **overrides)
    return flows.register_identity(ctx, "CONSUMER", role, body)


def register(ctx, role: str) -> Actor:
    """Register a corporate or a consumer, by the role's first word."""
    if identity_type(role) == "CONSUMER":
        return register_consumer(ctx, role)
    return flows.register_corporate(ctx, role)


def onboard(ctx, role: str) -> Actor:
    """Register, verify the root email, create a password and log in (corporate or consumer); the sign-in
    answer names the root user, and the identity reads back with its email verified and its mobile not yet.

    Every scenario onboards, so these checks notice a wrong sign-in or identity answer wherever it is given.
    """
    actor = register(ctx, role)
    flows.verify_root_email(ctx, actor)
    flows.create_password(ctx, actor)
    flows.log_in(ctx, actor)
    signed_in = ctx.response().body
    identity = {"type": actor.identity_type, "id": actor.identity_id}
    expected = {"tokenType": "AUTH", "identity": identity, "credentials": {"type": "ROOT", "id": actor.user_id}}
    got = {key: signed_in.get(key) for key in expected}
    assert got == expected, f"the {role} signed in as {got}, expected {expected}"
    flows.read_back_identity(ctx, actor)
    root_user = ctx.response().body["rootUser"]
    verified = {key: root_user.get(key) for key in ("emailVerified", "mobileNumberVerified")}
    assert verified == {"emailVerified": True, "mobileNumberVerified": False}, (
        f"the onboarded {role} reads back with {verified}: the root email was verified, the mobile not yet")
    return actor


def start_due_diligence(ctx, actor: Actor):
    """Start KYB (corporate) or KYC (consumer); the answer is kept for Then steps."""
    path = "/consumers/kyc" if actor.identity_type == "CONSUMER" else "/corporates/kyb"
    return ctx.call("POST", path, as_actor=actor)


def simulate_verification(ctx, actor: Actor):
    """The Simulator fully verifies the identity: email, mobile and KYB/KYC approved."""
    return ctx.simulate("POST", f"/{flows.identity_area(actor)}/{actor.identity_id}/verify")


def approve(ctx, role: str) -> Actor:
    """An onboarded identity whose due diligence the Simulator has approved."""
    actor = onboard(ctx, role)
    flows.expect(simulate_verification(ctx, actor), 204, f"verifying the {role} through the Simulator")
    return actor
