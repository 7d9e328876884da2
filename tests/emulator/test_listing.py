"""The list helper: filters, order and window read from the parameters the operation declares."""
from __future__ import annotations

from dataclasses import dataclass

from emulator.listing import listed


@dataclass
class FakeOperation:
    parameters: list


def operation(*names: str, arrays: tuple = (), email: tuple = ()) -> FakeOperation:
    params = []
    for name in names:
        schema = {"type": "array", "items": {"type": "string"}} if name in arrays else \
            {"type": "string", "format": "email"} if name in email else {"type": "string"}
        params.append({"name": name, "in": "query", "schema": schema})
    return FakeOperation(params + [{"name": "id", "in": "path", "schema": {"type": "string"}}])


ITEMS = [{"id": str(i), "tag": "even" if i % 2 == 0 else "odd", "creationTimestamp": 1000 + i,
          "state": {"state": "ACTIVE" if i < 4 else "BLOCKED"}, "roles": ["A"] if i == 1 else ["B"]}
         for i in range(6)]


def ids(page) -> list[str]:
    return [item["id"] for item in page.items]


def test_offset_and_limit_window_the_matching_items_and_count_them_all():
    page = listed(operation("offset", "limit"), {"offset": 1, "limit": 2}, ITEMS)
    assert ids(page) == ["4", "3"] and page.count == 6
    assert page.answer("things") == {"things": page.items, "count": 6, "responseCount": 2}


def test_a_window_the_operation_does_not_declare_is_ignored():
    assert ids(listed(operation("tag"), {"offset": 1, "limit": 1}, ITEMS)) == ["5", "4", "3", "2", "1", "0"]


def test_sort_order_and_the_handlers_default():
    op = operation("sortOrder")
    assert ids(listed(op, {"sortOrder": "ASC"}, ITEMS))[:2] == ["0", "1"]
    assert ids(listed(op, {}, ITEMS))[:2] == ["5", "4"]
    assert ids(listed(operation("tag"), {}, ITEMS, newest_first=False))[:2] == ["0", "1"]


def test_equality_array_and_dotted_filters():
    op = operation("tag", "state", "roles", arrays=("state", "roles"))
    assert ids(listed(op, {"tag": "even"}, ITEMS)) == ["4", "2", "0"]
    assert ids(listed(op, {"state": ["BLOCKED"]}, ITEMS, paths={"state": "state.state"})) == ["5", "4"]
    assert ids(listed(op, {"roles": ["A", "C"]}, ITEMS)) == ["1"]
    assert ids(listed(operation("state.state"), {"state.state": "ACTIVE"}, ITEMS)) == ["3", "2", "1", "0"]


def test_a_filter_the_operation_does_not_declare_is_not_applied():
    assert listed(operation("offset"), {"tag": "even"}, ITEMS).count == 6


def test_an_item_without_the_field_does_not_match():
    assert listed(operation("friendlyName"), {"friendlyName": "x"}, ITEMS).count == 0


def test_time_ranges_are_inclusive():
    op = operation("createdFrom", "createdTo", "creationTimestampFrom", "startPeriod")
    assert ids(listed(op, {"createdFrom": 1002, "createdTo": 1003}, ITEMS)) == ["3", "2"]
    assert ids(listed(op, {"creationTimestampFrom": 1005}, ITEMS)) == ["5"]
    assert listed(op, {"startPeriod": 1}, [{"id": "t", "timestamp": 1}]).count == 1


def test_emails_match_ignoring_case():
    users = [{"id": "1", "email": "Ann@Example.com"}]
    assert listed(operation("email", email=("email",)), {"email": "ann@example.com"}, users).count == 1


def test_skipped_parameters_are_left_to_the_handler():
    assert listed(operation("tag"), {"tag": "even"}, ITEMS, skip=("tag",)).count == 6


def test_max_limit_caps_a_page():
    assert len(listed(operation("limit"), {"limit": 500}, ITEMS, max_limit=3).items) == 3
