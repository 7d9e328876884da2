"""Domain steps for passwords: created once, checked against the rules, changed with the old one, and reset
with the emailed code when lost (123456 on the sandbox).
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from support import factories

from . import flows, outcomes
from .grammar import ROLE


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


