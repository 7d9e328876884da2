"""Lists and statements answered from indexes (a page costs its size) answer exactly what a walk of the
whole history answers: the same items in the same order, the same count, under every filter, offset,
limit and order. Hypothesis draws the queries (budgeted by examples); the naive walks here are the
reference."""
from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from emulator.ledger import COMPLETED, COUNTED
from emulator.listing import History, Merged, listed

from .helpers import Emu
from .test_managed_accounts import create_account, deposit, verified_corporate

EXAMPLES = settings(max_examples=80, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@dataclass
class FakeOperation:
    parameters: list


def _operation(*names: str, arrays: tuple = ()) -> FakeOperation:
    return FakeOperation([{"name": n, "in": "query",
                           "schema": {"type": "array", "items": {"type": "string"}} if n in arrays else {"type": "string"}}
                          for n in names])


def _window(items: list, query: dict, newest_first: bool = True) -> tuple[list, int]:
    """The reference: every matching item, reversed for DESC, sliced."""
    if (query.get("sortOrder") or ("DESC" if newest_first else "ASC")) == "DESC":
        items = items[::-1]
    offset, limit = query.get("offset") or 0, query.get("limit")
    return items[offset:None if limit is None else offset + limit], len(items)


def _maybe(strategy):
    return st.one_of(st.none(), strategy)


# -- the list helper over a History and a Merged ------------------------------------------------------
records_st = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["A", "B", "C"]), st.sampled_from(["x", "y"])),
                      max_size=30)


def _records(drawn) -> list[dict]:
    time, records = 1000, []
    for number, (step, state, tag) in enumerate(drawn):
        time += step  # steps of 0 make equal times, which bisection must keep together
        records.append({"id": str(number), "creationTimestamp": time, "state": state, "tag": tag})
    return records


def _query_st(times: st.SearchStrategy):
    return st.fixed_dictionaries({"offset": _maybe(st.integers(0, 35)), "limit": _maybe(st.integers(0, 12)),
                                  "sortOrder": _maybe(st.sampled_from(["ASC", "DESC"])),
                                  "createdFrom": _maybe(times), "createdTo": _maybe(times),
                                  "state": _maybe(st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=2)),
                                  "tag": _maybe(st.sampled_from(["x", "y"]))}).map(_sent)


def _sent(query: dict) -> dict:
    """A request carries only the parameters sent."""
    return {name: value for name, value in query.items() if value is not None}


LIST_OPERATION = _operation("offset", "limit", "sortOrder", "createdFrom", "createdTo", "state", "tag", arrays=("state",))


def _naive(records: list, query: dict, field: str = "creationTimestamp") -> list:
    low, high = query.get("createdFrom"), query.get("createdTo")
    return [r for r in records if (low is None or r[field] >= low) and (high is None or r[field] <= high)
            and (query.get("state") is None or r["state"] in query["state"])
            and (query.get("tag") is None or r["tag"] == query["tag"])]


@EXAMPLES
@given(drawn=records_st, query=_query_st(st.integers(995, 1100)), newest_first=st.booleans())
def test_a_history_lists_what_a_walk_of_its_records_lists(drawn, query, newest_first):
    records = _records(drawn)
    made = []

    def answer(record):
        made.append(record["id"])
        return dict(record)

    history = History(records, answer, {"creationTimestamp": lambda r: r["creationTimestamp"]})
    page = listed(LIST_OPERATION, query, history, newest_first=newest_first)
    expected, count = _window(_naive(records, query), query, newest_first)
    assert (page.items, page.count) == (expected, count)
    if "state" not in query and "tag" not in query:
        # Without a filter that must read the answers, only the page's records are made answers.
        assert len(made) == len(expected)


@EXAMPLES
@given(parts=st.lists(records_st, min_size=1, max_size=4), query=_query_st(st.integers(995, 1100)))
def test_a_merge_lists_what_a_stable_sort_of_its_parts_lists(parts, query):
    drawn_parts = [_records(drawn) for drawn in parts]
    for number, part in enumerate(drawn_parts):
        for record in part:
            record["id"] = f"{number}.{record['id']}"
    # The last part is a plain list of answers, as the areas' additions are.
    merged = Merged([History(p, dict, {"creationTimestamp": lambda r: r["creationTimestamp"]})
                     for p in drawn_parts[:-1]] + [drawn_parts[-1]], "creationTimestamp")
    everything = sorted((r for p in drawn_parts for r in p), key=lambda r: r["creationTimestamp"])
    page = listed(LIST_OPERATION, query, merged)
    assert (page.items, page.count) == _window(_naive(everything, query), query)


# -- the emulator's lists, statements and activity over a random history ----------------------------------
@pytest.fixture(scope="module")
def history():
    """Two corporates; one with three accounts and a seeded mix of transfers (at once, scheduled and run,
    scheduled and cancelled), fees and deposits, on a clock that often stands still (equal times)."""
    emu = Emu()
    world = emu.app.world
    now = [1_700_000_000_000]
    world.clock.now_ms = lambda: now[0]
    rng = random.Random(21)
    owner, other = verified_corporate(emu), verified_corporate(emu)
    accounts = [create_account(emu, owner, friendlyName=f"a{i}")["id"] for i in range(3)]
    theirs = [create_account(emu, other, friendlyName=f"b{i}")["id"] for i in range(2)]
    for account in accounts + theirs:
        deposit(emu, account, 100_000)
    waiting = []
    for _ in range(120):
        now[0] += rng.choice([0, 0, 1, 2, 5])
        who, pool = (owner, accounts) if rng.random() < 0.85 else (other, theirs)
        source, destination = rng.sample(pool, 2)
        body = {"profileId": emu.programme["profiles"]["transfers"],
                "source": {"type": "managed_accounts", "id": source},
                "destination": {"type": "managed_accounts", "id": destination},
                "destinationAmount": {"currency": "EUR", "amount": rng.randint(1, 300)},
                "tag": rng.choice(["rent", "food"])}
        roll = rng.random()
        if roll < 0.2:
            body["scheduledTimestamp"] = str(now[0] + rng.randint(1, 40))
        elif roll < 0.3:
            emu.call("POST", "/corporates/fees/charge", {"feeType": "SETUP_FEE",
                                                         "source": {"type": "managed_accounts", "id": source}},
                     token=who["token"])
            continue
        elif roll < 0.35:
            deposit(emu, source, rng.randint(1, 500))
            continue
        made = emu.call("POST", "/transfers", body, token=who["token"])
        assert made.status == 200, made.body
        if "scheduledTimestamp" in body and who is owner:
            waiting.append(made.body["id"])
        if waiting and rng.random() < 0.1:
            cancelled = emu.call("POST", "/transfers/bulk/cancel", {"cancellations": [{"id": waiting.pop()}]},
                                 token=owner["token"])
            assert cancelled.status == 200
    world.ledger.check()
    times = sorted({e.timestamp for a in world.ledger.accounts.values() for e in a.entries})
    return emu, owner, accounts, times


def _get(emu, owner, path: str, query: dict) -> dict:
    text = "&".join(f"{k}={v}" for k, v in query.items() if v is not None)
    answer = emu.call("GET", path, token=owner["token"], query=text)
    assert answer.status == 200, answer.body
    return answer.body


def _window_st(times, extra: dict):
    spread = st.one_of(st.sampled_from(times), st.integers(times[0] - 2, times[-1] + 2))
    return st.fixed_dictionaries({"offset": _maybe(st.integers(0, 130)), "limit": _maybe(st.integers(1, 15)),
                                  **{name: _maybe(spread) if value is None else _maybe(value)
                                     for name, value in extra.items()}})


@EXAMPLES
@given(data=st.data())
def test_the_transfer_list_is_a_walk_of_the_owners_transfers(history, data):
    emu, owner, accounts, times = history
    query = data.draw(_window_st(times, {"createdFrom": None, "createdTo": None,
                                         "state": st.sampled_from(["COMPLETED", "SCHEDULED", "CANCELLED"]),
                                         "tag": st.sampled_from(["rent", "food"])}))
    instrument = data.draw(_maybe(st.sampled_from(accounts)))
    sent = dict(query)
    if instrument is not None:
        sent.update({"type": "managed_accounts", "id": instrument})  # the object, exploded
    body = _get(emu, owner, "/transfers", sent)
    area = emu.app.world.area("transfers")
    walked = [t.answer() for t in area.by_id.values() if t.owner.id == owner["id"]]
    walked = [t for t in walked
              if (instrument is None or instrument in (t["source"]["id"], t["destination"]["id"]))
              and (query["state"] is None or t["state"] == query["state"])
              and (query["tag"] is None or t["tag"] == query["tag"])
              and (query["createdFrom"] is None or t["creationTimestamp"] >= query["createdFrom"])
              and (query["createdTo"] is None or t["creationTimestamp"] <= query["createdTo"])]
    expected, count = _window(walked, query)
    assert (body["transfer"], body["count"]) == (expected, count)


@EXAMPLES
@given(data=st.data())
def test_the_statement_is_a_walk_of_the_accounts_completed_entries(history, data):
    emu, owner, accounts, times = history
    account = data.draw(st.sampled_from(accounts))
    query = data.draw(_window_st(times, {"startPeriod": None, "endPeriod": None,
                                         "sortOrder": st.sampled_from(["ASC", "DESC"])}))
    body = _get(emu, owner, f"/managed_accounts/{account}/statement", query)
    entries = [e for e in emu.app.world.ledger.accounts[("managed_accounts", account)].entries if e.state == COMPLETED]
    start, end = query["startPeriod"], query["endPeriod"]
    before = [e for e in entries if start is not None and e.timestamp < start]
    within = [e for e in entries if (start is None or e.timestamp >= start) and (end is None or e.timestamp <= end)]
    opening = before[-1].actual_after if before else 0
    assert body["openingBalance"]["amount"] == opening
    assert body["closingBalance"]["amount"] == (within[-1].actual_after if within else opening)
    expected, count = _window([e.id for e in within], query, newest_first=False)
    assert ([e["entryId"] for e in body["entries"]], body["count"]) == (expected, count)


@EXAMPLES
@given(data=st.data())
def test_the_activity_is_a_stable_sort_of_every_entry_and_waiting_transfer(history, data):
    emu, owner, accounts, times = history
    sort_by = data.draw(_maybe(st.sampled_from(["creationTimestamp", "lastUpdatedTimestamp"])))
    query = data.draw(_window_st(times, {"creationTimestampFrom": None, "lastUpdatedTimestampTo": None,
                                         "sortOrder": st.sampled_from(["ASC", "DESC"]),
                                         "direction": st.sampled_from(["CREDIT", "DEBIT"])}))
    body = _get(emu, owner, "/transactions", {**query, "sortBy": sort_by})
    world = emu.app.world
    walked = []
    for (_kind, number), account in world.ledger.accounts.items():
        if number in accounts:
            walked += [(e.transaction[1], "CREDIT" if e.available > 0 else "DEBIT", number, e.timestamp, e.timestamp)
                       for e in account.entries if e.state in COUNTED]
    for transfer in world.area("transfers").by_id.values():
        if transfer.owner.id == owner["id"] and transfer.state in ("SCHEDULED", "CANCELLED"):
            walked += [(transfer.id, direction, side["id"], transfer.creation_timestamp, transfer.updated_timestamp)
                       for side, direction in ((transfer.source, "DEBIT"), (transfer.destination, "CREDIT"))]
    field = 4 if sort_by == "lastUpdatedTimestamp" else 3
    walked.sort(key=lambda item: item[field])
    walked = [w for w in walked if (query["direction"] is None or w[1] == query["direction"])
              and (query["creationTimestampFrom"] is None or w[3] >= query["creationTimestampFrom"])
              and (query["lastUpdatedTimestampTo"] is None or w[4] <= query["lastUpdatedTimestampTo"])]
    expected, count = _window(walked, query)
    shown = [(i["id"], i["direction"], i["instrument"]["id"], i["creationTimestamp"], i["lastUpdatedTimestamp"])
             for i in body["transactions"]]
    assert (shown, body["count"]) == (expected, count)
