"""Steps of the generated baseline (features/baseline/baseline.feature, written by `python -m support.baseline`).

A row names an operation, its method and its path template; the step fills the path (ids nobody issued, other
path parameters their first allowed value) and sends the smallest body the operation's schema accepts, less what
the row leaves out, so the one fault of the request is the row's. A failing row reads as its operation, the call
and the status it answered against the one expected.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_bdd import parsers, then, when

from schemas.contract import load_contract
from support.contract_check import ContractViolation
from support.grounding import assumed
from support.minimal_body import filled_path, minimal_body

from .grammar import ROLE

OPERATION = r"(?P<operation>\w+)"
CALL = OPERATION + r" \((?P<method>GET|POST|PATCH|PUT|DELETE) (?P<path>/\S*)\)"
FIELD = r'"(?P<field>[\w.\[\]]+)"'


@dataclass
class BaselineCall:
    """The row's one call: what was sent, and what came back (or the contract check that refused the answer)."""
    row: str = ""  # where the row is, file:line: the outline's step line is the same for every row
    operation: str = ""
    sent: str = ""
    left_out: str = ""
    status: int | None = None
    body: object = None
    violation: ContractViolation | None = None

    def answered(self) -> str:
        return f"{self.operation} ({self.sent}){self.left_out} answered {self.status}"

    def where(self) -> str:
        return f" (row {self.row})" if self.row else ""


@pytest.fixture
def baseline_call(request) -> BaselineCall:
    return BaselineCall(row=_row_line(request.node))


def _row_line(item) -> str:
    """The Examples row the test was made from, found by its cells (pytest-bdd names a row's test by them)."""
    callspec = getattr(item, "callspec", None)
    path = Path(str(item.path))
    if callspec is None or path.suffix != ".feature":
        return ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.strip().startswith("|") and "-".join(cells) == callspec.id:
            root = Path(str(item.config.rootpath))
            return f"{path.relative_to(root) if path.is_relative_to(root) else path}:{number}"
    return ""


def _send(ctx, baseline_call: BaselineCall, operation: str, method: str, path: str, *, role=None, leave_out=None,
          api_key=True):
    contract = load_contract("multi")
    op = contract.by_id.get(operation)
    assert op is not None and (op.method, op.path) == (method, path), (
        f"the row names {operation} as {method} {path}, the contract has "
        f"{f'{op.method} {op.path}' if op else 'no such operation'}: regenerate it (make baseline)")
    url = filled_path(contract, op)
    body = minimal_body(contract, op)
    if leave_out is not None:
        assert isinstance(body, dict) and leave_out in body, f"{operation}'s minimal body has no {leave_out!r}: {body}"
        body = {name: value for name, value in body.items() if name != leave_out}
        baseline_call.left_out = f" without {leave_out}"
    baseline_call.operation, baseline_call.sent = operation, f"{method} {url}"
    client = ctx.target.multi
    kept_key = client.key
    if not api_key:
        client.key, baseline_call.left_out = None, " without the api-key"
    try:
        answer = ctx.call(method, url, as_actor=ctx.actor(role) if role else None, json=body)
    except ContractViolation as violation:
        # Kept for the Then step, which says what was expected beside it; a violation never passes.
        baseline_call.violation, baseline_call.status = violation, violation.violations[0].status
        return
    finally:
        client.key = kept_key
    baseline_call.status, baseline_call.body = answer.status, answer.body


@when(parsers.re(CALL + r" is called without a token$"))
def called_without_token(ctx, baseline_call, operation, method, path):
    """When managedAccountGet (GET /managed_accounts/{id}) is called without a token

    Calls the operation with the api-key and no token, its ids unknown and its body the smallest valid one.
    """
    _send(ctx, baseline_call, operation, method, path)


@when(parsers.re(CALL + r" is called without the api-key$"))
def called_without_api_key(ctx, baseline_call, operation, method, path):
    """When loginWithPassword (POST /login_with_password) is called without the api-key

    For the operations the api-key alone admits: no api-key header, the rest of the request valid.
    """
    _send(ctx, baseline_call, operation, method, path, api_key=False)


@when(parsers.re(r"the " + ROLE + " calls " + CALL + r" for an unknown id$"))
def called_for_unknown_id(ctx, baseline_call, role, operation, method, path):
    """When the corporate calls managedAccountGet (GET /managed_accounts/{id}) for an unknown id

    Calls the operation as the actor, every id in its path one nobody issued, its body the smallest valid one.
    """
    _send(ctx, baseline_call, operation, method, path, role=role)


@when(parsers.re(CALL + r" is called with the api-key alone for an unknown id$"))
def called_unsigned_for_unknown_id(ctx, baseline_call, operation, method, path):
    """When passwordCreate (POST /passwords/{user_id}/create) is called with the api-key alone for an unknown id

    For the operations that take no token: the api-key, an unknown id in the path, the smallest valid body.
    """
    _send(ctx, baseline_call, operation, method, path)


@when(parsers.re(r"the " + ROLE + " calls " + CALL + r" without its required field " + FIELD + "$"))
def called_without_field(ctx, baseline_call, role, operation, method, path, field):
    """When the corporate calls managedAccountCreate (POST /managed_accounts) without its required field "currency"

    Calls the operation as the actor with the smallest valid body less that one field (ids in the path unknown).
    """
    _send(ctx, baseline_call, operation, method, path, role=role, leave_out=field)


@when(parsers.re(CALL + r" is called with the api-key alone without its required field " + FIELD + "$"))
def called_unsigned_without_field(ctx, baseline_call, operation, method, path, field):
    """When corporateCreate (POST /corporates) is called with the api-key alone without its required field "company"

    For the operations that take no token: the smallest valid body less that one field.
    """
    _send(ctx, baseline_call, operation, method, path, leave_out=field)


def _expect_status(baseline_call: BaselineCall, operation: str, status: int) -> None:
    assert baseline_call.operation == operation, f"the last baseline call was {baseline_call.operation}, not {operation}"
    if baseline_call.violation is not None:
        first = baseline_call.violation.violations[0]
        status_said = "as expected" if baseline_call.status == status else f"expected {status}"
        raise AssertionError(f"{baseline_call.answered()} ({status_said}){baseline_call.where()}, in a shape its "
                             f"contract forbids: [{first.check}] expected {first.expected}, got {first.actual}"
                             f"{f' at {first.pointer}' if first.pointer else ''}")
    assert baseline_call.status == status, (
        f"{baseline_call.answered()}, expected {status}{baseline_call.where()}; body: {baseline_call.body}")


@then(parsers.re(OPERATION + r" answers (?P<status>\d{3})$"))
def answers(baseline_call, operation, status):
    """Then managedAccountGet answers 401

    The row's call answered exactly that status, in its declared shape.
    """
    _expect_status(baseline_call, operation, int(status))


@then(parsers.re(OPERATION + r" reports the field " + FIELD + r" missing$"))
def reports_missing(baseline_call, operation, field):
    """Then managedAccountCreate reports the field "currency" missing

    400, naming the field left out in `syntaxErrors.invalidFields` and no other (the rest of the body is valid),
    with the error word REQUIRED (the word is the emulator's choice: emulator/choices/input.md).
    """
    _expect_status(baseline_call, operation, 400)
    fields = ((baseline_call.body or {}).get("syntaxErrors") or {}).get("invalidFields") or []
    named = [f for f in fields if f.get("fieldName") == field]
    others = sorted({str(f.get("fieldName")) for f in fields} - {field})
    assert named, (f"{baseline_call.answered()}{baseline_call.where()} without naming {field} among the invalid "
                   f"fields: {fields}")
    assert not others, (f"{baseline_call.answered()}{baseline_call.where()} naming {', '.join(others)} invalid too: "
                        f"the rest of the body, the smallest its schema accepts, should be valid: {fields}")
    words = [f.get("error") for f in named]
    # The description lists the words but not which mistake gets which: the word is the emulator's choice.
    with assumed("input.md#the-error-word-of-an-invalid-field", what=f"the error word of the missing {field}",
                 expected="REQUIRED", observed=words[0] if len(words) == 1 else words):
        assert "REQUIRED" in words, f"{operation} reports the missing {field} with {words}, expected REQUIRED"
