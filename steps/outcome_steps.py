"""Outcome steps: what became of the last act, in the domain's words.

`When the corporate registers ...` keeps the answer; `Then the registration succeeds`, `... is refused with
ROOT_EMAIL_NOT_UNIQUE`, `... is rejected naming "rootUser.email" as "REGEX"` check it. Every outcome first checks
that the answer is the act's (the acts and their operations are steps/outcomes.py's ACTS).
"""
from __future__ import annotations

from pytest_bdd import parsers, then

from . import outcomes
from .outcomes import ACT, FAILURE


@then(parsers.re(rf"the {ACT} succeeds$"))
def act_succeeds(ctx, act):
    """Then the registration succeeds

    The last answer is the act's, with the status of its success (200, or 204 and no body).
    """
    outcomes.expect_success(ctx, act)


@then(parsers.re(rf"the {ACT} is {FAILURE}(?: with (?P<code>[A-Z0-9_]+))?$"))
def act_fails(ctx, act, outcome, code):
    """Then the registration is refused with ROOT_EMAIL_NOT_UNIQUE

    refused 409, forbidden 403, not found 404, gone 410, locked 423, unauthorised 401; with the `errorCode`
    when one is given; without one, an answer whose status the operation declares without a body has none.
    """
    outcomes.expect_failure(ctx, act, outcome, code)


@then(parsers.re(rf'the {ACT} is rejected naming "(?P<field>[^"]+)"(?: as "(?P<error>[A-Z_]+)")?$'))
def act_rejected(ctx, act, field, error):
    """Then the registration is rejected naming "rootUser.email" as "REGEX"

    A 400 that names the field among its invalid fields (and, if given, with that error word).
    """
    outcomes.expect_invalid_field(outcomes.answer_of(ctx, act), field, error)
