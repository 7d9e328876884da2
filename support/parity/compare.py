"""Pairing a recording's exchanges with a replay's, and the fields where the two answered otherwise.

Exchanges pair by scenario, then by operation and its occurrence within the scenario (the third
`managedAccountGet` of a scenario with the third), so one extra call elsewhere does not shift every pair.

Two runs never share ids, tokens, times or the names a scenario made up, so each body is first normalised
against its own run: a value the scenario sent in a request body becomes where it was sent
(`<sent corporateCreate#1 /rootUser/email>`), a time its type, a string its shape (`<digits>`, `<hex>`,
`WEAVR-#`), a masked secret the shape it kept. Amounts and balances stay values. What still differs is a
divergence: another status, a field missing or extra, another value, another type, a list of another length,
or the same items in another order.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from .shapes import is_money_key, is_time_key, shape

# Kinds, as render names them.
STATUS, MISSING, EXTRA, VALUE, TYPE, LENGTH, ORDER = "status", "missing", "extra", "value", "type", "length", "order"


@dataclass
class Divergence:
    namespace: str
    operation_id: str
    status: int          # the recorded status
    pointer: str         # JSON pointer, list indexes written `*`
    kind: str
    recorded: object
    observed: object
    scenario: str


@dataclass
class Comparison:
    divergences: list = field(default_factory=list)
    paired: int = 0
    # (scenario, operation, side) for calls one run made and the other did not (a scenario that failed early).
    unpaired: list = field(default_factory=list)
    scenarios: int = 0


def compare(recorded: list[dict], replayed: list[dict]) -> Comparison:
    result = Comparison()
    mine, theirs = _by_scenario(recorded), _by_scenario(replayed)
    result.scenarios = len(mine)
    for scenario, exchanges in mine.items():
        others = theirs.get(scenario, [])
        sent = {**_sent_so_far(exchanges), **_sent_so_far(others)}
        pairs, left, right = _pair(exchanges, others)
        result.unpaired += [(scenario, e["operationId"], "recorded only") for e in left]
        result.unpaired += [(scenario, e["operationId"], "replayed only") for e in right]
        for one, other in pairs:
            result.paired += 1
            result.divergences += compare_exchange(one, other, sent[id(one)], sent[id(other)])
    return result


def compare_exchange(one: dict, other: dict, sent_here: dict, sent_there: dict) -> list[Divergence]:
    def divergence(pointer, kind, recorded, observed):
        return Divergence(one.get("namespace", "multi"), one["operationId"], one["status"], _starred(pointer), kind,
                          recorded, observed, one["scenario"])

    if one["status"] != other["status"]:
        found = [divergence("", STATUS, one["status"], other["status"])]
        code, other_code = _error_code(one), _error_code(other)
        if code and other_code is None:
            found.append(divergence("/errorCode", MISSING, code, None))
        return found
    out: list[Divergence] = []
    _diff(normalise(one.get("response"), sent_here), normalise(other.get("response"), sent_there),
          one.get("response"), other.get("response"), "", out, divergence)
    return out


def normalise(value, sent: dict, key: str = ""):
    """The body as compared: see the module's docstring."""
    if isinstance(value, dict):
        return {k: normalise(v, sent, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, sent, key) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if is_time_key(key) and isinstance(value, (int, str)) and str(value).isdigit():
        return "<time>"
    if isinstance(value, str) and value.startswith("***"):
        return value  # a masked secret: its kept shape is what counts
    if is_money_key(key):
        return value
    # A string is distinctive enough to be an echo wherever it comes back; a number only under the key it was
    # sent as (a day of birth, not every 1 of a count).
    where = sent.get(_canonical(value) if isinstance(value, str) else (key, _canonical(value)))
    if where is not None:
        return where
    if isinstance(value, str):
        return shape(value)
    return value


def _diff(a, b, raw_a, raw_b, pointer, out, divergence):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            child = f"{pointer}/{_escape(key)}"
            if key not in b:
                out.append(divergence(child, MISSING, _raw(raw_a, key), None))
            else:
                _diff(a[key], b[key], _raw(raw_a, key), _raw(raw_b, key), child, out, divergence)
        for key in b:
            if key not in a:
                out.append(divergence(f"{pointer}/{_escape(key)}", EXTRA, None, _raw(raw_b, key)))
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(divergence(pointer, LENGTH, len(a), len(b)))
        elif a != b and (sorted(map(_canonical, a)) == sorted(map(_canonical, b)) or _closer_reversed(a, b)):
            # The same items (or nearer to them) the other way round: one order divergence, then each item
            # against its counterpart, so an amount that also differs still shows where it differs.
            out.append(divergence(pointer, ORDER, "recorded order", "another order"))
            b, raw_b = list(reversed(b)), list(reversed(raw_b)) if isinstance(raw_b, list) else raw_b
        for index, (x, y) in enumerate(zip(a, b)):
            _diff(x, y, _raw(raw_a, index), _raw(raw_b, index), f"{pointer}/{index}", out, divergence)
    elif type(a) is not type(b) and not (_is_number(a) and _is_number(b)):
        out.append(divergence(pointer, TYPE, raw_a, raw_b))
    elif a != b:
        out.append(divergence(pointer, VALUE, raw_a, raw_b))


def _closer_reversed(a: list, b: list) -> bool:
    """More items match their counterpart when `b` is read backwards (a list answered the other way round)."""
    if len(a) < 2:
        return False
    same = sum(x == y for x, y in zip(a, b))
    backwards = sum(x == y for x, y in zip(a, reversed(b)))
    if backwards == same:  # no item matches either way (each differs in an amount or a field left out):
        same = sum(_alike(x, y) for x, y in zip(a, b))  # compare what both hold, amounts aside
        backwards = sum(_alike(x, y) for x, y in zip(a, reversed(b)))
    return backwards > same


def _alike(x, y) -> bool:
    if isinstance(x, dict) and isinstance(y, dict):
        return all(_alike(x[k], y[k]) for k in x.keys() & y.keys() if not is_money_key(k))
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(_alike(i, j) for i, j in zip(x, y))
    return x == y


def _by_scenario(exchanges: list[dict]) -> dict:
    grouped = defaultdict(list)
    for exchange in sorted(exchanges, key=lambda e: e.get("sequence", 0)):
        grouped[exchange["scenario"]].append(exchange)
    return dict(grouped)


def _pair(mine: list, theirs: list):
    """(pairs, recorded only, replayed only), pairing the k-th call of an operation with the k-th."""
    queues = defaultdict(list)
    for exchange in theirs:
        queues[exchange["operationId"]].append(exchange)
    pairs, left = [], []
    for exchange in mine:
        queue = queues.get(exchange["operationId"])
        if queue:
            pairs.append((exchange, queue.pop(0)))
        else:
            left.append(exchange)
    right = [exchange for queue in queues.values() for exchange in queue]
    return pairs, left, right


def _sent_so_far(exchanges: list) -> dict:
    """For each exchange (by id), the values the scenario had sent in request bodies up to and including it ->
    where it last sent each (as canonical JSON: a string alone, a number with its key). The latest place wins,
    so two corporates that happen to share a month of birth still read back as their own."""
    index, seen, snapshots = {}, defaultdict(int), {}
    for exchange in exchanges:
        seen[exchange["operationId"]] += 1
        where = f"{exchange['operationId']}#{seen[exchange['operationId']]}"
        for pointer, value in _leaves(exchange.get("request"), ""):
            if isinstance(value, bool) or value is None or (isinstance(value, str) and value.startswith("***")):
                continue
            key = pointer.rsplit("/", 1)[-1]
            index[_canonical(value) if isinstance(value, str) else (key, _canonical(value))] = \
                f"<sent {where} {_starred(pointer)}>"
        snapshots[id(exchange)] = dict(index)
    return snapshots


def _leaves(value, pointer):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, f"{pointer}/{_escape(key)}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, f"{pointer}/{index}")
    else:
        yield pointer, value


def _canonical(value) -> str:
    if isinstance(value, str):
        value = value.lower()  # an email comes back in another case
    return json.dumps(value, sort_keys=True)


def _error_code(exchange):
    body = exchange.get("response")
    return body.get("errorCode") if isinstance(body, dict) else None


def _raw(value, key):
    try:
        return value[key]
    except (KeyError, IndexError, TypeError):
        return None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _escape(key) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def _starred(pointer: str) -> str:
    return "/".join("*" if part.isdigit() else part for part in pointer.split("/"))
