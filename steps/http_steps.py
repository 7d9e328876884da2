"""The generic HTTP vocabulary: call any operation, then assert on the answer.

Every step's docstring starts with an example line; docs/steps.md is generated from them
(`python -m support.step_catalogue`). Values may use placeholders: `${name}` for
something remembered, `${savings.id}` or `${savings.balances.availableBalance}` for a named
resource, `${role.attribute}` for an actor (`${corporate.email}`), `${profile.<key>}` for a
profile id, and `${code}` for the sandbox's fixed verification code (see docs/steps.md).
"""
from __future__ import annotations

import json

from pytest_bdd import parsers, then, when

from support.client import dig
from support.grounding import assumed

from . import flows, outcomes

METHOD = r"(?P<method>GET|POST|PATCH|PUT|DELETE)"


def _literal(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


@when(parsers.re(METHOD + r' "(?P<path>[^"]+)" is called(?P<who> as the (?P<role>[\w ]+?)| without a token| with an invalid token)?$'))
def call_without_body(ctx, method, path, who, role):
    """When GET "/corporates" is called as the corporate

    Calls an operation with no body: as an actor (their token), without a token, or with an invalid one.
    """
    _call(ctx, method, path, who, role, None)


@when(parsers.re(METHOD + r' "(?P<path>[^"]+)" is called(?P<who> as the (?P<role>[\w ]+?)| without a token| with an invalid token)? with:$'))
def call_with_body(ctx, method, path, who, role, docstring):
    """When PATCH "/corporates" is called as the corporate with:
        \"\"\"
        {"tag": "renamed"}
        \"\"\"

    Calls an operation with a JSON body given as a docstring; placeholders are filled first.
    """
    _call(ctx, method, path, who, role, ctx.fill_json(docstring))


def _call(ctx, method, path, who, role, body):
    if who and who.strip() == "with an invalid token":
        ctx.call(method, path, token="invalid-token-0000000000", json=body)
    elif role:
        ctx.call(method, path, as_actor=ctx.actor(role.strip()), json=body)
    else:
        ctx.call(method, path, json=body)


@when(parsers.re(METHOD + r' "(?P<path>[^"]+)" is called with (?P<problem>no api-key|a wrong api-key)$'))
def call_with_bad_key(ctx, method, path, problem):
    """When GET "/corporates" is called with a wrong api-key

    Sends the request with the api-key header missing or wrong; the target must answer 401.
    """
    key = None if problem == "no api-key" else "wrong-api-key-000000"
    client = ctx.target.multi
    original = client.key
    client.key = key
    try:
        ctx.call(method, path)
    finally:
        client.key = original


@then(parsers.re(r"the response status is (?P<status>\d{3})$"))
def response_status(ctx, status):
    """Then the response status is 200"""
    response = ctx.response()
    assert response.status == int(status), (
        f"{flows.answered(response)}, expected {status}; body: {response.body}")


@then(parsers.re(r'the response field "(?P<field>[^"]+)" equals (?P<value>.+)$'))
def response_field_equals(ctx, field, value):
    """Then the response field "rootUser.emailVerified" equals true

    The value is JSON (true, 3, "text", {"a": 1}); placeholders are filled first.
    """
    expected = _literal(ctx.fill(value))
    response = ctx.response()
    actual = response.field(field)
    others = _at_other_positions(response.body, field)
    if others is not None and (actual == expected or expected in others):
        # Read by position from a list of several items: the position rests on the emulator's list order.
        with assumed("core.md#list-order", what=f"the position of {field} in its list",
                     expected=expected, observed=actual):
            assert actual == expected, f"field {field} is {actual!r}, expected {expected!r}, which the list holds elsewhere"
        return
    assert actual == expected, f"field {field} is {actual!r}, expected {expected!r}"


def _at_other_positions(body, field: str):
    """What the field's place holds in the list's other items, when the field is read from a list of more
    than one item by position ("linkedAccounts.0.id"); None otherwise."""
    parts = field.split(".")
    index = next((i for i, part in enumerate(parts) if part.isdigit()), None)
    if index is None:
        return None
    items = dig(body, ".".join(parts[:index]))
    if not isinstance(items, list) or len(items) < 2:
        return None
    found = []
    for position, item in enumerate(items):
        if position != int(parts[index]):
            try:
                found.append(dig(item, ".".join(parts[index + 1:])))
            except (KeyError, IndexError, ValueError):
                pass
    return found


@then(parsers.re(r'the response(?: field "(?P<field>[^"]+)")? equals what GET "(?P<path>[^"]+)" answers as the '
                  r'(?P<role>[\w ]+)$'))
def response_equals_read_back(ctx, field, path, role):
    """Then the response equals what GET "/corporates" answers as the corporate

    A create or update answers the resource as it now is, and a list holds each item as it reads alone:
    it is read again and every field compared, so a field the answer alters or leaves out, or a change
    the target did not keep, fails the step. `the response field "users.0" equals what GET ...` compares
    one part of the answer.
    """
    answer = ctx.response()
    part = answer.field(field) if field else answer.body
    again = ctx.call("GET", ctx.fill(path), as_actor=ctx.actor(role))
    assert again.status == 200, f"{again.operation_id} answered {again.status}; body: {again.body}"
    where = f"{answer.operation_id} (read back by {again.operation_id})"
    others = _at_other_positions(answer.body, field) if field else None
    if others and not _reads_back(part, again.body, where) and any(_reads_back(o, again.body, where) for o in others):
        # The list holds it, at another position: the position rests on the emulator's list order.
        with assumed("core.md#list-order", what=f"the position of {field} in its list",
                     expected=f"{field} reads back as {path}", observed="another item of the list does"):
            flows.expect_read_back(part, again.body, where)
        return
    flows.expect_read_back(part, again.body, where)


def _reads_back(part, again, where: str) -> bool:
    try:
        flows.expect_read_back(part, again, where)
    except AssertionError:
        return False
    return True


@then(parsers.re(r'the response field "(?P<field>[^"]+)" (?P<presence>exists|is absent)$'))
def response_field_presence(ctx, field, presence):
    """Then the response field "rootUser.passwordAlreadySet" exists"""
    response = ctx.response()
    response.check_read(field)  # absent or present, a name the description never declared is no test
    try:
        dig(response.body, field)
        found = True
    except (KeyError, IndexError, ValueError):
        found = False
    assert found == (presence == "exists"), f"field {field} {'is absent' if not found else 'exists'}"


@then(parsers.re(r'the response field "(?P<field>[^"]+)" has (?P<count>\d+) items?$'))
def response_field_count(ctx, field, count):
    """Then the response field "users" has 2 items"""
    items = ctx.response().field(field)
    assert len(items) == int(count), f"{field} has {len(items)} items, expected {count}: {items}"


@then(parsers.re(r'the error code is "(?P<code>[A-Z0-9_]+)"$'))
def error_code(ctx, code):
    """Then the error code is "ROOT_EMAIL_NOT_UNIQUE"

    The `errorCode` of a 403 or 409 answer.
    """
    body = ctx.response().body
    assert isinstance(body, dict) and body.get("errorCode") == code, (
        f"{flows.answered(ctx.response())}, expected errorCode {code}; body: {body}")


@then(parsers.re(r'the field "(?P<field>[^"]+)" is reported invalid(?: with "(?P<error>[A-Z_]+)")?$'))
def invalid_field(ctx, field, error):
    """Then the field "rootUser.email" is reported invalid with "REGEX"

    A 400 answer naming the field in `syntaxErrors.invalidFields` (and, if given, its error word).
    """
    outcomes.expect_invalid_field(ctx.response(), field, error)


@then("the response has no body")
def no_body(ctx):
    """Then the response has no body"""
    response = ctx.response()
    assert not response.raw.content, f"expected no body, got {response.raw.content[:200]!r}"


@then(parsers.re(r'I remember the response field "(?P<field>[^"]+)" as "(?P<name>[\w .-]+)"$'))
def remember_field(ctx, field, name):
    """Then I remember the response field "id.id" as "corporate id"

    Later steps use it as `${corporate id}`.
    """
    ctx.remember(name, ctx.response().field(field))
