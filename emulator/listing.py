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

A page costs its size, not the history behind it: a handler may give, instead of a list of answer dicts,
a `History` (records kept oldest first as they were written, e.g. an index per identity, made answers
only when a page shows them) or a `Merged` of several (one list across instruments, in one field's
order). A range on a field the records are in order of is found by bisection; the window is taken by
position; only another filter walks the records, as a list would. The answers are those of the list.
Order is decided here alone: oldest first in, `sortOrder` (or the handler's default) reverses.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import islice

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


class History:
    """Records oldest first (a list the writer appends to), answered by `answer(record)` only when shown.
    `ordered` maps an answer's time field to a function reading it off the record, for the fields the
    records never go back on (every record has it): a range on such a field is found by bisection."""

    def __init__(self, records: list, answer, ordered: dict | None = None, start: int = 0, stop: int | None = None):
        self.records, self.answer, self.ordered = records, answer, ordered or {}
        self.start, self.stop = start, len(records) if stop is None else stop

    def __len__(self) -> int:
        return self.stop - self.start

    def narrowed(self, field: str, side: str, wanted):
        """Only the records whose `field` is >= wanted (From) or <= wanted (To); None when not in its order."""
        key = self.ordered.get(field)
        if key is None:
            return None
        if side == "From":
            start = bisect_left(self.records, wanted, self.start, self.stop, key=key)
            return History(self.records, self.answer, self.ordered, start, self.stop)
        stop = bisect_right(self.records, wanted, self.start, self.stop, key=key)
        return History(self.records, self.answer, self.ordered, self.start, stop)

    def answers(self, descending: bool = False):
        """Every answer, lazily, oldest first (or most recent first)."""
        positions = range(self.stop - 1, self.start - 1, -1) if descending else range(self.start, self.stop)
        return (self.answer(self.records[at]) for at in positions)

    def window(self, shown: range, descending: bool) -> list:
        """The answers at these positions of the list in the order asked for."""
        at = (lambda i: self.stop - 1 - i) if descending else (lambda i: self.start + i)
        return [self.answer(self.records[at(i)]) for i in shown]


class Index:
    """Records by key (an identity, an instrument), each list oldest first, appended as records are written,
    so a list reads its own records instead of everyone's. `time_of` reads the time field the lists are in
    order of: a list whose record came earlier than the one before it (a wall clock stepped back) is no
    longer bisected on it."""

    def __init__(self, time_field: str, time_of):
        self.time_field, self.time_of = time_field, time_of
        self.lists: dict = {}
        self.unordered: set = set()

    def add(self, key, record) -> None:
        records = self.lists.setdefault(key, [])
        if records and self.time_of(record) < self.time_of(records[-1]):
            self.unordered.add(key)
        records.append(record)

    def of(self, key) -> list:
        return self.lists.get(key, [])

    def history(self, key, answer) -> History:
        ordered = {} if key in self.unordered else {self.time_field: self.time_of}
        return History(self.of(key), answer, ordered)


class Merged:
    """Several lists as one, in `field`'s order (a stable sort of them one after the other): each part is
    a History or a list of answers already in that order. A window walks only as far as it shows."""

    def __init__(self, parts: list, field: str):
        self.parts = [p if isinstance(p, History) else History(p, _same) for p in parts]
        self.field = field

    def __len__(self) -> int:
        return sum(len(p) for p in self.parts)

    def narrowed(self, field: str, side: str, wanted):
        if field != self.field:
            return None
        parts = [p.narrowed(field, side, wanted) for p in self.parts]
        return None if any(p is None for p in parts) else Merged(parts, field)

    def answers(self, descending: bool = False):
        key = _field(self.field)
        if descending:
            # The stable order reversed: among equals, the later part's and the later record first.
            return heapq.merge(*(p.answers(True) for p in reversed(self.parts)), key=key, reverse=True)
        return heapq.merge(*(p.answers() for p in self.parts), key=key)

    def window(self, shown: range, descending: bool) -> list:
        return list(islice(self.answers(descending), shown.start, shown.stop))


def listed(operation, query: dict, items, *, paths: dict | None = None, skip: tuple = (),
           newest_first: bool = True, max_limit: int | None = None) -> Page:
    """`items`: answer dicts oldest first, or a History or Merged of them."""
    declared = {p["name"]: p["schema"] for p in operation.parameters if p["in"] == "query"}
    paths = paths or {}
    filters = [name for name in declared if name not in WINDOW and name != ORDER and name not in skip
               and query.get(name) is not None]
    view = items if isinstance(items, (History, Merged)) else History(list(items), _same)
    for name in list(filters):
        bound = _range(name) if name not in paths else None
        narrowed = view.narrowed(bound[0], bound[1], query[name]) if bound is not None else None
        if narrowed is not None:
            view = narrowed
            filters.remove(name)
    if filters:
        matching = [item for item in view.answers()
                    if all(_keeps(item, name, declared[name], query[name], paths) for name in filters)]
        view = History(matching, _same)
    if query.get(ORDER) is not None and ORDER in declared:
        descending = query[ORDER] == "DESC"
    else:  # no order asked for: the handler's default, unless a varied emulator answers the other way
        descending = variation.current().descending(getattr(operation, "operation_id", None), newest_first)
    offset = int(query.get("offset") or 0) if "offset" in declared else 0
    limit = query.get("limit") if "limit" in declared else None
    end = None if limit is None else offset + int(limit)
    return windowed(view, offset, end, descending, max_limit)


def windowed(view, offset: int, end: int | None, descending: bool, max_limit: int | None = None) -> Page:
    """The page [offset, end) of the view in the order asked for (oldest first, or reversed): the one
    place a list's order is decided. Only the page's records are made answers."""
    # The positions a slice of the whole list would take, without making the list.
    shown = range(len(view))[offset:end]
    if max_limit is not None:
        shown = shown[:max_limit]
    return Page(view.window(shown, descending), len(view))


def _same(item):
    return item


def _field(name: str):
    return lambda item: item[name]


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
