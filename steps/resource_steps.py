"""Steps for any named resource: name what a call created, and read a named resource again.

The same steps serve managed accounts, cards, transfers, sends and the other kinds below.

A resource is named once by the step that creates it, or by *I remember the response as*; later
steps use `${name.id}` and any field of its last read body (`${savings.balances.availableBalance}`).
The kinds a step can name are the keys of `KINDS` in steps/context.py.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from . import flows
from .context import KINDS
from .grammar import NAME, ROLE

KIND = "(?P<kind>" + "|".join(KINDS) + ")"


@then(parsers.re(rf"I remember the response as the {ROLE}'s {KIND} {NAME}$"))
def remember_response_as(ctx, role, kind, name):
    """Then I remember the response as the corporate's managed account "savings"

    The last answer's body (it must have an `id`) becomes a resource of that kind owned by the role, under the name.
    """
    body = ctx.response().body
    assert isinstance(body, dict) and "id" in body, f"the last answer has no id to name as {name!r}: {body}"
    ctx.remember_resource(name, KINDS[kind], ctx.actor(role), body)


@when(parsers.re(rf"the {ROLE} reads the {KIND} {NAME}$"))
def reads_resource(ctx, role, kind, name):
    """When the corporate reads the managed account "savings"

    GETs the named resource as the role; the answer is kept for Then steps and, on a 200, becomes the resource's last read body.
    """
    flows.read_resource(ctx, ctx.resource(name, KINDS[kind]), ctx.actor(role))
