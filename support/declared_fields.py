"""The suite reads only what the description declares.

An answer's schema lets extra keys through, so `body_matches_schema` cannot notice a target and the suite
agreeing on a name Weavr never published. Two checks close that gap, both against the names the description
declares per operation and status (schemas.declared):
- a step reading a field of an answer: `check_field_read` fails with one line naming the operation, the field
  and the declared names nearest to it (against the sandbox too: a field Weavr adds is read once the
  description has it);
- a run's traffic: `undeclared_in_traffic` lists, per operation, each undeclared property any answer held
  (from the shapes support/traffic.py records); against the emulator there must be none.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from schemas.declared import declarations, pointer_parts

from .traffic import load_usage


class UndeclaredField(AssertionError):
    """A step read a field the answer's schema does not declare."""


def check_field_read(contract, operation_id: str | None, status: int, dotted: str) -> None:
    """Raise UndeclaredField when `dotted` ("accounts.0.id") is not declared for this operation and status.
    An operation the contract has no schema for (documented only) declares nothing to check against."""
    operation = contract.by_id.get(operation_id) if operation_id else None
    if operation is None:
        return
    schema = operation.response_schema(status)
    if schema is None:
        raise UndeclaredField(f"{operation_id} {status} declares no body, so no field {dotted!r} to read")
    place = declarations(contract).place(schema, [part for part in dotted.split(".") if part])
    if not place.declared:
        nearest = difflib.get_close_matches(place.name, place.names, n=3, cutoff=0)
        raise UndeclaredField(
            f"{operation_id} {status} does not declare the field {dotted!r} ({place.name!r} is not a name at "
            f"{place.parent}); nearest declared: {', '.join(nearest)}")


def undeclared_in_usage(contracts: dict, usage: dict) -> dict[str, list[str]]:
    """{"namespace:operationId": ["status /pointer", ...]} for every undeclared property in the answers the
    usage (support.traffic.load_usage) recorded; a property under an undeclared one is not counted again."""
    found: dict[str, set[str]] = {}
    for key, entry in usage["operations"].items():
        namespace, operation_id = key.split(":", 1)
        contract = contracts.get(namespace)
        operation = contract.by_id.get(operation_id) if contract else None
        if operation is None:
            continue
        for shape in entry.get("shapes", ()):
            status, pointer = shape.split(" ", 1)
            schema = operation.response_schema(status)
            if schema is None:  # a body where none is declared is content_type_is_declared's to refuse
                continue
            place = declarations(contract).place(schema, pointer_parts(pointer))
            if not place.declared:
                parent = "" if place.parent == "/" else place.parent
                found.setdefault(key, set()).add(f"{status} {parent}/{place.name}")
    return {key: sorted(pointers) for key, pointers in sorted(found.items())}


def undeclared_in_traffic(contracts: dict, folder: Path) -> dict[str, list[str]]:
    return undeclared_in_usage(contracts, load_usage(folder))


def render_undeclared(found: dict[str, list[str]]) -> str:
    if not found:
        return "Undeclared properties in the run's answers: 0\n"
    lines = [f"Undeclared properties in the run's answers: {sum(map(len, found.values()))} "
             f"in {len(found)} operations", "", "| operation | count | properties (status pointer) |",
             "|---|---|---|"]
    lines += [f"| {key} | {len(pointers)} | {', '.join(pointers)} |" for key, pointers in found.items()]
    return "\n".join(lines) + "\n"


def check_run_traffic(contracts: dict, traffic: Path, out: Path, *, fail: bool) -> tuple[list[str], bool]:
    """The session-end check of a run's traffic: writes `out`/undeclared.md and says (lines for the terminal,
    whether the run fails). `fail` is True against the emulator, which must answer only declared names; against
    the sandbox an undeclared name is a finding to read (Weavr may answer a field its description lacks yet)."""
    found = undeclared_in_traffic(contracts, traffic)
    out.mkdir(parents=True, exist_ok=True)
    (out / "undeclared.md").write_text(render_undeclared(found), encoding="utf-8")
    if not found:
        return [], False
    total = sum(map(len, found.values()))
    head = (f"{'ERROR' if fail else 'WARNING'}: the target answered {total} properties the description does not "
            f"declare ({out / 'undeclared.md'}):")
    return [head, *(f"  {key}: {', '.join(pointers)}" for key, pointers in found.items())], fail
