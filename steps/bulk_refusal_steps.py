"""Refused bulk submissions. The nine submissions (POST /bulks/users, /bulks/transfers, ...) declare only their
201, so every refusal a user can reach (no token, a body the item schema forbids) is a status the description
does not declare, and the client's contract check fails the call. These steps make that expectation explicit:
the call must fail with exactly that one finding, the undeclared status, and any other finding still fails.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from support.contract_check import ContractViolation

from . import flows

UNDECLARED = "status_is_declared"


@when(parsers.re(r'(?P<method>POST|PATCH) "(?P<path>/bulks/[^"]+)" is submitted '
                 r'(?:as the (?P<role>[\w ]+?)|without a token) with:$'))
def submitted(ctx, method, path, role, docstring):
    """When POST "/bulks/transfers" is submitted without a token with:
        \"\"\"
        [{"pathParams": {}}]
        \"\"\"

    Calls a bulk submission (as the role, or without a token) with the JSON body; a refusal whose only contract
    finding is its undeclared status is kept for `the submission is refused with ...`, any other finding fails.
    """
    ctx.refused_submission = None
    try:
        ctx.call(method, path, as_actor=ctx.actor(role) if role else None, json=ctx.fill_json(docstring))
    except ContractViolation as violation:
        if any(v.check != UNDECLARED for v in violation.violations):
            raise
        (only,) = violation.violations
        ctx.refused_submission = only


@then(parsers.re(r'the submission is refused with (?P<status>\d{3}), a status the description does not declare$'))
def refused_with(ctx, status):
    """Then the submission is refused with 401, a status the description does not declare

    The last `is submitted` call answered exactly that status, which its operation does not declare (a declared
    one, such as 201, fails here: if Weavr ever declares the refusal, this scenario should use the plain steps).
    """
    refused = ctx.refused_submission
    if refused is None:
        answered = ctx.response()
        raise AssertionError(f"{answered.operation_id} answered {answered.status}, a declared status; "
                             f"expected an undeclared {status}: {answered.body}")
    assert refused.status == int(status), f"{refused.operation} refused with {refused.status}, expected {status}"


@then(parsers.re(r'the bulks read are none$'))
def no_bulks(ctx):
    """Then the bulks read are none

    The last GET /bulks answer lists no bulk at all, and counts none: a refused submission left nothing behind.
    """
    body = flows.expect(ctx.response(), 200, "reading the bulks").body
    listed = [b.get("bulkId") for b in body.get("bulkProcesses", [])]
    assert not listed, f"bulks read: {listed}"
    assert body.get("count") == 0 and body.get("responseCount") == 0, (
        f"no bulk listed, yet count {body.get('count')} and responseCount {body.get('responseCount')}")
