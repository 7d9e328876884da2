"""One list helper for every list operation: filters, order and the offset/limit window, driven by the
query parameters the operation declares (operation.parameters), not a filter chain per area.

Items are answer dicts, oldest first. Each declared query parameter the request sent is read by its name:
- `offset`, `limit`: the window; `count` is the number matching, `responseCount` the number in the page.
- `sortOrder`: `ASC` oldest first, `DESC` most recent first; without it, the handler's default order.
- `<x>From` / `<x>To` (and `startPeriod` / `endPeriod`): an inclusive range on a time field
  (`created` and `creationTimestamp` -> `creationTimestamp`, `executed` -> `executionTimestamp`,
  `lastUpdatedTimestamp` -> itself).
- an array parameter (`state`, `roles`): the item's value is any of those sent (for an item field that is
  itself a list, any in common);
- any other parameter: equality with the item's field at that dotted path (`state.blockedReason`),
  ignoring case for emails. An item without the field does not match.
A handler may point a parameter elsewhere (`paths={"state": "state.state"}`) or leave it to itself
(`skip=("instrumentId",)`).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import variation

WINDOW = ("offset", "limit")
ORDER = "sortOrder"
# Range parameter prefix -> the time field it bounds.
TIME_FIELDS = {"created": "creationTimestamp", "creationTimestamp": "creationTimestamp",
               "lastUpdatedTimestamp": "lastUpdatedTimestamp", "executed": "executionTimestamp",
               "period": "timestamp"}
PERIOD = {"startPeriod": ("period", "From"), "endPeriod": ("period", "To")}
MISSING = object()


@dataclass
class Page:
    items: list
    count: int

    def answer(self, key: str) -> dict:
        return {key: self.items, "count": self.count, "responseCount": len(self.items)}


def listed(operation, query: dict, items: list, *, paths: dict | None = None, skip: tuple = (),
           newest_first: bool = True, max_limit: int | None = None) -> Page:
    declared = {p["name"]: p["schema"] for p in operation.parameters if p["in"] == "query"}
    paths = paths or {}
    matching = list(items)
    for name, schema in declared.items():
        if name in WINDOW or name == ORDER or name in skip or query.get(name) is None:
            continue
        matching = [item for item in matching if _keeps(item, name, schema, query[name], paths)]
    if query.get(ORDER) is not None and ORDER in declared:
        descending = query[ORDER] == "DESC"
    else:  # no order asked for: the handler's default, unless a varied emulator answers the other way
        descending = variation.current().descending(getattr(operation, "operation_id", None), newest_first)
    if descending:
        matching.reverse()
    offset = int(query.get("offset") or 0) if "offset" in declared else 0
    limit = query.get("limit") if "limit" in declared else None
    end = None if limit is None else offset + int(limit)
    window = matching[offset:end]
    if max_limit is not None:
        window = window[:max_limit]
    return Page(window, len(matching))


def _keeps(item: dict, name: str, schema: dict, wanted, paths: dict) -> bool:
    bound = _range(name)
    if bound is not None and name not in paths:
        field, side = bound
        value = item.get(field)
        if value is None:
            return False
        return value >= wanted if side == "From" else value <= wanted
    value = _at(item, paths.get(name, name))
    if value is MISSING:
        return False
    if isinstance(wanted, list):
        if isinstance(value, list):
            return bool(set(map(str, value)) & set(map(str, wanted)))
        return str(value) in map(str, wanted)
    if _is_email(name, schema) and isinstance(value, str) and isinstance(wanted, str):
        return value.lower() == wanted.lower()
    return value == wanted


def _range(name: str):
    if name in PERIOD:
        prefix, side = PERIOD[name]
        return TIME_FIELDS[prefix], side
    for side in ("From", "To"):
        prefix = name[:-len(side)]
        if name.endswith(side) and prefix in TIME_FIELDS:
            return TIME_FIELDS[prefix], side
    return None


def _at(item, path: str):
    value = item
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


def _is_email(name: str, schema: dict) -> bool:
    return name == "email" or schema.get("format") == "email" or str(schema.get("$ref", "")).endswith("/Email")
