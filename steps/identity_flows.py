"""Identity flows beside steps/flows.py: consumers, either identity type by role, due diligence.

Plain functions (no step decorators), so any step module may import them.
"""
from __future__ import annotations

from support import factories
from support.driver import identities

from . import flows
from .context import Actor

ORDINALS = ("second", "third", "fourth")
# What onboarding itself changes between the registration answer and the read-back: the verified email, and
# whether a password is set (which only the registration answers).
READ_BACK_CHANGED = ("/rootUser/emailVerified", "/rootUser/passwordAlreadySet")


def identity_type(role: str) -> str:
    """CONSUMER for a role whose first word, after an ordinal, is "consumer" ("second consumer"); CORPORATE otherwise."""
    words = role.strip().lower().split()
    if words and words[0] in ORDINALS:
        words = words[1:]
    return "CONSUMER" if words and words[0] == "consumer" else "CORPORATE"


def registration_body(ctx, role: str) -> tuple[str, dict]:
    """The identity type of the role and a fresh registration for it on the programme's profile."""
    kind = identity_type(role)
    if kind == "CONSUMER":
        return kind, factories.consumer(ctx.target.settings.profile("consumer"))
    return kind, factories.corporate(ctx.target.settings.profile("corporate"))


def register_consumer(ctx, role: str = "consumer", **overrides) -> Actor:
    body = factories.consumer(ctx.target.settings.profile("consumer"), **overrides)
    return flows.register_identity(ctx, "CONSUMER", role, body)


def register(ctx, role: str) -> Actor:
    """Register a corporate or a consumer, by the role's first word."""
    if identity_type(role) == "CONSUMER":
        return register_consumer(ctx, role)
    return flows.register_corporate(ctx, role)


def onboard(ctx, role: str) -> Actor:
    """The driver's onboarding (register, verify the root email, create a password, log in), each answer checked
    as it comes: the identity reads back, with the token the password's creation answered, as registered, with
    its email verified and its mobile not yet; the sign-in answer names the root user.

    Every scenario onboards, so these checks notice a wrong registration, password, sign-in or identity answer
    wherever it is given.
    """
    kind, body = registration_body(ctx, role)
    password = factories.password()
    made: dict = {}

    def check(step: str, answer) -> None:
        if step == "registered":
            made["actor"] = actor = flows.registered(ctx, kind, role, body, answer)
            actor.password = password
            made["created"] = answer.body
            # A root user just registered has set no password yet.
            assert answer.body["rootUser"].get("passwordAlreadySet", False) is False, (
                f"registering the {role}: the new root user's passwordAlreadySet is "
                f"{answer.body['rootUser']['passwordAlreadySet']}")
        elif step == "password":
            flows.password_created(made["actor"], answer)
            read_back(ctx, made["actor"], made["created"])
        elif step == "signed in":
            signed_in(made["actor"], answer.body)

    identities.onboard(flows.api(ctx), kind, body, password=password, who=role, verify_email_first=True,
                       sign_in=True, observe=check)
    return made["actor"]


def read_back(ctx, actor: Actor, created: dict) -> None:
    """The identity just given its password reads back as registered, its email verified and its mobile not yet."""
    flows.read_back_identity(ctx, actor)
    read = ctx.response().body
    verified = {key: read["rootUser"].get(key) for key in ("emailVerified", "mobileNumberVerified")}
    assert verified == {"emailVerified": True, "mobileNumberVerified": False}, (
        f"the onboarded {actor.role} reads back with {verified}: the root email was verified, the mobile not yet")
    # Beyond the verified email, the identity reads back as its registration answered it (creationTimestamp,
    # the root user still active, the statuses): consistency, since the values are the target's own.
    flows.expect_read_back(created, read, f"registering the {actor.role}", changed_since=READ_BACK_CHANGED)


def signed_in(actor: Actor, answer: dict) -> None:
    """The sign-in answer names the root user; its token is the actor's now."""
    identity = {"type": actor.identity_type, "id": actor.identity_id}
    expected = {"tokenType": "AUTH", "identity": identity, "credentials": {"type": "ROOT", "id": actor.user_id}}
    got = {key: answer.get(key) for key in expected}
    assert got == expected, f"the {actor.role} signed in as {got}, expected {expected}"
    actor.token = answer["token"]


def start_due_diligence(ctx, actor: Actor):
    """Start KYB (corporate) or KYC (consumer); the answer is kept for Then steps."""
    return identities.start_due_diligence(flows.api(ctx), actor.identity_type, actor.token)


def simulate_verification(ctx, actor: Actor):
    """The Simulator fully verifies the identity: email, mobile and KYB/KYC approved."""
    return identities.simulate_verification(flows.api(ctx), actor.identity_type, actor.identity_id)


def approve(ctx, role: str) -> Actor:
    """An onboarded identity whose due diligence the Simulator has approved."""
    actor = onboard(ctx, role)
    flows.expect(simulate_verification(ctx, actor), 204, f"verifying the {role} through the Simulator")
    return actor


# How a step may call instead of with the actor's own token and the programme's api-key.
CREDENTIALS = ("with an invalid token", "with a wrong api-key", "with no api-key")
CREDENTIAL = r"(?: (?P<credential>" + "|".join(CREDENTIALS) + "))?"


def call_with(ctx, method: str, path: str, actor: Actor | None = None, credential: str | None = None, json=None):
    """Call as the actor (or with no token), or with the credential a step names wrong; the answer is kept."""
    if credential == "with an invalid token":
        return ctx.call(method, path, token="invalid-token-0000000000", json=json)
    if credential in ("with a wrong api-key", "with no api-key"):
        client = ctx.target.multi
        original = client.key
        client.key = None if credential == "with no api-key" else "wrong-api-key-000000"
        try:
            return ctx.call(method, path, as_actor=actor, json=json)
        finally:
            client.key = original
    return ctx.call(method, path, as_actor=actor, json=json)


def email_area(actor: Actor) -> str:
    """Where the actor's email is verified: a root user's under its identity's area, an authorised user's under users."""
    return flows.identity_area(actor) if actor.user_id == actor.identity_id else "users"


def declares(answer, dotted: str) -> bool:
    """Whether the answer's operation declares the field at its status."""
    try:
        answer.check_read(dotted)
    except AssertionError:
        return False
    return True


def dig_or_absent(body, dotted: str):
    """A field by dotted path, or the text "absent"."""
    for part in dotted.split("."):
        if not isinstance(body, dict) or part not in body:
            return "absent"
        body = body[part]
    return body
