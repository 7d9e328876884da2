"""Multi-call flows the domain steps share: register, verify, set a password, log in.

Plain functions over the scenario context (no step decorators), so any step module
can use them without registering steps twice. The calls themselves are the API driver's
(support/driver) over `api(ctx)`: the scenario's own client, so each call is reported,
contract-checked and kept as the scenario's last answer; the flows check what it answered.
"""
from __future__ import annotations

from support import factories
from support.driver import Api, auth, identities

from .context import Actor, Resource


def api(ctx) -> Api:
    """The API driver over the scenario's calls, judging a refused step with `expect`'s words."""
    settings = ctx.target.settings

    def multi(method, path, body=None, *, token=None, headers=None, query=None):
        return ctx.call(method, path, token=token, json=body, params=query, headers=headers)

    def simulator(method, path, body=None, *, token=None, headers=None, query=None):
        return ctx.simulate(method, path, token=token, json=body, params=query, headers=headers)

    return Api(multi, simulator, settings.profile, settings.verification_code, expect)


def expect(response, status: int, what: str):
    assert response.status == status, (
        f"{what}: {answered(response)}, expected {status}; body: {response.body}")
    return response


def answered(response) -> str:
    """`send 'rent' (id 123) answered 409 STATE_INVALID (sendSingleCancel)`: what the call was about, in the
    scenario's words when it named it, the status and the error code."""
    about = getattr(response, "refers_to", "") or response.operation_id or "the call"
    code = response.body.get("errorCode") if isinstance(response.body, dict) else None
    detail = f" ({response.operation_id})" if about != response.operation_id and response.operation_id else ""
    return f"{about} answered {response.status}{' ' + code if code else ''}{detail}"


# Request field -> where the answer holds it, where the two differ (JSON pointers).
ANSWER_NAMES = {"/company/registrationCountry": "/company/countryOfRegistration"}
# Sent but never echoed: secrets.
NOT_ECHOED = ("/password",)


def expect_echo(answer: dict, sent: dict, what: str) -> None:
    """Every field sent is in the answer with the value sent: a create or a read-back that loses or
    alters one is wrong, whatever else the scenario checks."""
    wrong = []
    for pointer, value in _leaves(sent):
        if pointer.startswith(NOT_ECHOED):
            continue
        where = ANSWER_NAMES.get(pointer, pointer)
        found = _at(answer, where)
        if found != value:
            wrong.append(f"{where}: sent {value!r}, answered {'nothing' if found is _MISSING else repr(found)}")
    assert not wrong, f"{what}: the answer does not hold what was sent: " + "; ".join(wrong)


_MISSING = object()


def remember_made(ctx, name: str, kind: str, actor: Actor, response) -> None:
    """Name what a create answered; a replay answering the same id again refreshes the named resource."""
    if name in ctx.resources and ctx.resources[name].id == str(response.body["id"]):
        ctx.resources[name].body = response.body
    else:
        ctx.remember_resource(name, kind, actor, response.body)


def read_back_differences(answered, read, pointer="", changed_since=()):
    """Where an answer differs from the resource as read back, as JSON pointers; `changed_since` names the
    pointers a step between the two rightly changed."""
    if isinstance(answered, dict) and isinstance(read, dict):
        for key in sorted(set(answered) | set(read)):
            if f"{pointer}/{key}" in changed_since:
                continue
            if key not in answered or key not in read:
                yield f"{pointer}/{key} only in {'the read-back' if key in read else 'the answer'}"
            else:
                yield from read_back_differences(answered[key], read[key], f"{pointer}/{key}", changed_since)
    elif answered != read:
        yield f"{pointer or '/'}: answered {answered!r}, read back {read!r}"


def expect_read_back(answered, read, what: str, changed_since=()) -> None:
    """The answer (or a part of it, a list's item) is the resource as read back, field for field, apart from
    the pointers a step in between rightly changed."""
    wrong = list(read_back_differences(answered, read, changed_since=changed_since))
    assert not wrong, f"{what} answered otherwise than it reads back: " + "; ".join(wrong)


def _leaves(value, prefix=""):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, f"{prefix}/{key}")
    else:
        yield prefix, value


def _at(body, pointer: str):
    for part in pointer.split("/")[1:]:
        if not isinstance(body, dict) or part not in body:
            return _MISSING
        body = body[part]
    return body


def identity_area(actor_or_type) -> str:
    """The path segment of an identity type's operations: corporates or consumers."""
    return identities.area(actor_or_type.identity_type if isinstance(actor_or_type, Actor) else actor_or_type)


def register_identity(ctx, identity_type: str, role: str, body: dict) -> Actor:
    """Register a corporate or consumer from a registration body; the actor is known by its role."""
    response = expect(identities.register(api(ctx), identity_type, body), 200, f"registering the {role}")
    return registered(ctx, identity_type, role, body, response)


def registered(ctx, identity_type: str, role: str, body: dict, response) -> Actor:
    """The registration answered as it must (what was sent, a new active root user with nothing verified);
    the actor it made, known by its role."""
    expect_echo(response.body, body, f"registering the {role}")
    root_user = response.body["rootUser"]
    assert response.body["id"]["type"] == identity_type and root_user["id"] == response.body["id"], (
        f"registering the {role}: id {response.body['id']}, root user id {root_user.get('id')}")
    # A new root user is active and has verified neither its email nor its mobile yet.
    assert (root_user["active"], root_user["emailVerified"], root_user["mobileNumberVerified"]) == (True, False, False), (
        f"registering the {role}: root user active {root_user['active']}, email verified "
        f"{root_user['emailVerified']}, mobile verified {root_user['mobileNumberVerified']}")
    root = body["rootUser"]
    actor = Actor(role=role, identity_type=identity_type, identity_id=response.body["id"]["id"],
                  user_id=response.body["id"]["id"], email=root["email"], mobile=root["mobile"],
                  details={"request": body, "name": root["name"], "surname": root["surname"]})
    ctx.actors[role] = actor
    return actor


def register_corporate(ctx, role: str = "corporate", **overrides) -> Actor:
    body = factories.corporate(ctx.target.settings.profile("corporate"), **overrides)
    return register_identity(ctx, "CORPORATE", role, body)


def read_back_identity(ctx, actor: Actor) -> None:
    """The logged-in identity reads itself back and holds what it registered with."""
    response = expect(identities.read(api(ctx), actor.identity_type, actor.token), 200,
                      f"reading the {actor.role} back")
    expect_echo(response.body, actor.details["request"], f"reading the {actor.role} back")
    identity = {"type": actor.identity_type, "id": actor.identity_id}
    assert response.body["id"] == identity and response.body["rootUser"]["id"] == identity, (
        f"reading the {actor.role} back: ids {response.body['id']}, root user {response.body['rootUser'].get('id')}")


def verify_root_email(ctx, actor: Actor) -> None:
    driver = api(ctx)
    expect(identities.send_email_code(driver, actor.identity_type, actor.email), 204,
           f"sending the {actor.role}'s email code")
    expect(identities.verify_email(driver, actor.identity_type, actor.email), 204,
           f"verifying the {actor.role}'s email")


def create_password(ctx, actor: Actor) -> None:
    actor.password = actor.password or factories.password()
    response = expect(identities.create_password(api(ctx), actor.user_id, actor.password), 200,
                      f"creating the {actor.role}'s password")
    password_created(actor, response)


def password_created(actor: Actor, response) -> None:
    """The password's answer names the actor's identity; its token, when it holds one, is the actor's now."""
    identity = {"type": actor.identity_type, "id": actor.identity_id}
    assert response.body["passwordInfo"]["identityId"] == identity, (
        f"creating the {actor.role}'s password: passwordInfo names {response.body['passwordInfo']}, not {identity}")
    actor.token = response.body.get("token") or actor.token


def log_in(ctx, actor: Actor) -> None:
    response = expect(identities.log_in(api(ctx), actor.email, actor.password), 200, f"logging in as the {actor.role}")
    actor.token = response.body["token"]


def enrol_sms_otp(ctx, actor: Actor) -> None:
    auth.enrol_sms(api(ctx), actor.token, actor.role)


def step_up(ctx, actor: Actor) -> None:
    """Step up the actor's token with an SMS one-time password (enrolling the device first if needed)."""
    driver = api(ctx)
    if not auth.sms_active(driver, actor.token):
        auth.enrol_sms(driver, actor.token, actor.role)
    auth.step_up(driver, actor.token, actor.role)


def read_resource(ctx, resource: Resource, actor: Actor | None = None):
    """GET a named resource as the actor (its owner by default); a 200 body becomes what `${name.<path>}` reads."""
    response = ctx.call("GET", resource.path, as_actor=actor or ctx.actor(resource.owner))
    if response.status == 200:
        resource.body = response.body
    return response
