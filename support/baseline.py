"""The per-operation baseline, generated from the extracted contract: one feature of Scenario Outlines whose rows
are the Multi API's operations.

    python -m support.baseline      # writes features/baseline/baseline.feature (make baseline)

Three answers every operation owes, each only where the description declares it:
- no token: 401, for every operation whose every security requirement asks for a token; without the api-key,
  401, for the operations the api-key alone admits;
- an unknown id: 404, for every operation with an id in its path, asked by a signed-in identity;
- a required field left out of the body: 400 naming that field, one row per required top-level field.

Each request is otherwise valid (support/minimal_body.py), so the row's one fault is the one it names. What the
baseline leaves out is listed in the file, with why, so a missing row is never read as covered. The file is
committed; tests/support/test_baseline.py fails when it differs from what this module writes from schemas/.
"""
from __future__ import annotations

import json
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from schemas.contract import load_contract

from .minimal_body import flatten, id_parameters

ROOT = Path(__file__).resolve().parents[1]
FEATURE = ROOT / "features" / "baseline" / "baseline.feature"
TOKEN = "auth_token"


@dataclass(frozen=True)
class Row:
    operation: str
    method: str
    path: str
    identity: str = ""  # who signs in for the row: corporate or consumer; "" when the api-key alone suffices
    field: str = ""
    stepped_up: bool = False  # the operation may ask for a stepped-up token before it looks at the id


@dataclass
class Outline:
    """One kind of row: the rows, and the operations left out with the reason."""
    rows: list[Row]
    left_out: dict[str, list[str]]  # reason -> operation ids


def needs_token(operation) -> bool:
    return bool(operation.security) and all(TOKEN in requirement for requirement in operation.security)


def _identity(operation) -> str:
    """Who asks: the consumer for the consumers' own operations, else a corporate; nobody when no token is needed."""
    if not needs_token(operation):
        return ""
    return "consumer" if operation.path.startswith("/consumers") else "corporate"


def _operations(contract):
    return [op for op in contract.operations if op.kind == "path"]


def without_token(contract) -> Outline:
    rows, left_out = [], {}
    for op in _operations(contract):
        if not any(TOKEN in requirement for requirement in op.security):
            continue  # the api-key alone: no token to leave out (without_api_key has them)
        if not needs_token(op):
            left_out.setdefault("a token is optional: a call without one is not refused", []).append(op.operation_id)
        elif "401" not in op.responses:
            left_out.setdefault("the description declares no 401", []).append(op.operation_id)
        else:
            rows.append(Row(op.operation_id, op.method, op.path))
    return Outline(rows, left_out)


def without_api_key(contract) -> Outline:
    """The operations the api-key alone admits: their one credential left out."""
    rows, left_out = [], {}
    for op in _operations(contract):
        if op.security and not any(TOKEN in requirement for requirement in op.security):
            if "401" in op.responses:
                rows.append(Row(op.operation_id, op.method, op.path))
            else:
                left_out.setdefault("the description declares no 401", []).append(op.operation_id)
    return Outline(rows, left_out)


def unknown_id(contract) -> Outline:
    rows, left_out = [], {}
    for op in _operations(contract):
        if not id_parameters(contract, op):
            continue
        if "404" not in op.responses:
            left_out.setdefault("the description declares no 404", []).append(op.operation_id)
        else:
            rows.append(Row(op.operation_id, op.method, op.path, _identity(op), stepped_up=asks_step_up(op)))
    return Outline(rows, left_out)


def asks_step_up(operation) -> bool:
    """Its 403 lists STEP_UP_REQUIRED: which the target checks first, the token or the id, the description does not
    say, so the row asks with a stepped-up token and the 404 is the one answer left."""
    return "STEP_UP_REQUIRED" in json.dumps(operation.response(403) or {})


def missing_field(contract) -> Outline:
    rows, left_out = [], {}
    for op in _operations(contract):
        schema = op.body_schema()
        required = flatten(contract, schema).get("required", []) if schema is not None else []
        if not required:
            continue
        if "400" not in op.responses:
            left_out.setdefault("the description declares no 400", []).append(op.operation_id)
            continue
        rows.extend(Row(op.operation_id, op.method, op.path, _identity(op), name) for name in required)
    return Outline(rows, left_out)


HEADER = """\
# Generated by `python -m support.baseline` (make baseline) from schemas/multi: {source} ({version}),
# sha256 {sha}.
# Do not edit: tests/support/test_baseline.py fails when this file is not what the generator writes.
@baseline @negative
Feature: Every operation's baseline refusals, generated from the contract
  Three answers the description declares for most operations, one row per operation: a call without a token
  (or, where the api-key alone is asked, without the api-key) is refused with 401; a signed-in identity asking
  for an id nobody issued ({unknown}), stepped up where the operation may ask for it, is answered 404; a
  body without one of its required fields is refused with 400 naming the field (a row per required field). The
  rest of each request is valid: the smallest body its schema accepts, every other path parameter its first
  allowed value. Each answer is also checked against its operation's schema, as every answer is.
"""


def _left_out(outline: Outline) -> list[str]:
    lines = []
    for reason, names in outline.left_out.items():
        text = f"Not covered here ({reason}): {', '.join(names)}."
        lines += textwrap.wrap(text, 116, initial_indent="  # ", subsequent_indent="  #   ", break_on_hyphens=False)
    return lines


def _table(rows: list[Row], columns: list[str]) -> list[str]:
    cells = [columns] + [[getattr(row, column) for column in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return ["      | " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths)) + " |" for line in cells]


def _outline(title: str, steps: list[str], rows: list[Row], columns: list[str]) -> list[str]:
    if not rows:
        return []
    return ["", f"  Scenario Outline: {title}", *(f"    {step}" for step in steps), "", "    Examples:",
            *_table(rows, columns)]


def render(contract=None) -> str:
    from .minimal_body import UNKNOWN_ID

    contract = contract or load_contract("multi")
    manifest = contract.manifest
    lines = HEADER.format(source=manifest["source"], version=manifest["version"], sha=manifest["sha256"],
                          unknown=UNKNOWN_ID).splitlines()
    call = "<operation> (<method> <path>)"

    tokens = without_token(contract)
    lines += ["", *_left_out(tokens)]
    lines += _outline("<operation> refuses a call without a token",
                      [f"When {call} is called without a token", "Then <operation> answers 401"],
                      tokens.rows, ["operation", "method", "path"])

    keys = without_api_key(contract)
    lines += ["", *_left_out(keys)] if keys.left_out else []
    lines += _outline("<operation> refuses a call without the api-key",
                      [f"When {call} is called without the api-key", "Then <operation> answers 401"],
                      keys.rows, ["operation", "method", "path"])

    ids = unknown_id(contract)
    lines += ["", *_left_out(ids)]
    signed_in = [row for row in ids.rows if row.identity and not row.stepped_up]
    lines += _outline("<operation> does not find an unknown id",
                      ["Given a <identity> is onboarded and logged in",
                       f"When the <identity> calls {call} for an unknown id", "Then <operation> answers 404"],
                      signed_in, ["operation", "method", "path", "identity"])
    lines += _outline("<operation> does not find an unknown id, asked with a stepped-up token",
                      ["Given a <identity> is onboarded and logged in", "And the <identity> has a stepped-up token",
                       f"When the <identity> calls {call} for an unknown id", "Then <operation> answers 404"],
                      [row for row in ids.rows if row.identity and row.stepped_up],
                      ["operation", "method", "path", "identity"])
    lines += _outline("<operation> does not find an unknown id, called with the api-key alone",
                      [f"When {call} is called with the api-key alone for an unknown id", "Then <operation> answers 404"],
                      [row for row in ids.rows if not row.identity], ["operation", "method", "path"])

    fields = missing_field(contract)
    lines += ["", *_left_out(fields)]
    lines += _outline("<operation> refuses a body without its required field <field>",
                      ["Given a <identity> is onboarded and logged in",
                       f'When the <identity> calls {call} without its required field "<field>"',
                       'Then <operation> reports the field "<field>" missing'],
                      [row for row in fields.rows if row.identity], ["operation", "method", "path", "identity", "field"])
    lines += _outline("<operation> refuses a body without its required field <field>, called with the api-key alone",
                      [f'When {call} is called with the api-key alone without its required field "<field>"',
                       'Then <operation> reports the field "<field>" missing'],
                      [row for row in fields.rows if not row.identity], ["operation", "method", "path", "field"])
    return "\n".join(line.rstrip() for line in lines) + "\n"


def main(argv: list[str]) -> int:
    FEATURE.parent.mkdir(parents=True, exist_ok=True)
    FEATURE.write_text(render(), encoding="utf-8")
    print(f"wrote {FEATURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
