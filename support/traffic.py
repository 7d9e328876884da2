"""What the suite actually sent: (namespace, operation, status) counts, saved per worker, and for the
strength report which scenario called which operation, the answers it saw and which of their fields
echo what the suite itself sent.

A field of an answer counts as *sent* (`echoed`) when, in the same scenario, a request body held the
same value at the same JSON pointer, list indexes aside: corporateCreate sent `/rootUser/surname`
"Smith", so corporateGet's `/rootUser/surname` "Smith" is a field the suite sent. A field name alone is
not enough (every resource has a `/name` or an `/id`), nor a value alone (`EUR` is everywhere)."""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

# A long list's items look alike: the first stands for them all, and the usage file stays small.
ITEMS_KEPT = 1


class TrafficRecorder:
    def __init__(self):
        self.counts: Counter = Counter()
        self.scenario: str | None = None
        self.usage: dict[str, dict] = {}
        self.failed: set[str] = set()
        self.scenarios: set[str] = set()
        # What the current scenario has sent so far: pointer without list indexes -> values (as JSON).
        self._sent: dict[str, set[str]] = {}
        self._sent_by: str | None = None
        # support.parity.record.ExchangeLog when the run records its exchanges for parity, else None.
        self.exchanges = None

    def record(self, namespace: str, operation_id: str, status: int, sent=None, body=None, call=None) -> None:
        self.counts[(namespace, operation_id, int(status))] += 1
        if self.exchanges is not None and call is not None:
            self.exchanges.add(self.scenario, namespace, operation_id, *call, sent, status, body)
        entry = self.usage.setdefault(f"{namespace}:{operation_id}", {
            "scenarios": set(), "statuses": set(), "errorCodes": set(), "answered": set(), "echoed": set(),
            "shapes": set()})
        if self.scenario:
            entry["scenarios"].add(self.scenario)
        if self._sent_by != self.scenario:
            self._sent, self._sent_by = {}, self.scenario
        if sent is not None:
            for pointer, value in leaves(sent, kept=None):
                self._sent.setdefault(without_items(pointer), set()).add(value)
        entry["statuses"].add(int(status))
        if isinstance(body, dict) and isinstance(body.get("errorCode"), str):
            entry["errorCodes"].add(f"{int(status)}:{body['errorCode']}")
        if body is not None:
            entry["shapes"].update(f"{int(status)} {pointer}" for pointer in shapes(body))
        if 200 <= status < 300 and body is not None:
            entry["answered"].update(pointers(body))
            entry["echoed"].update(pointer for pointer, value in leaves(body)
                                   if value in self._sent.get(without_items(pointer), ()))

    def outcome(self, scenario: str, failed: bool) -> None:
        self.scenarios.add(scenario)
        if failed:
            self.failed.add(scenario)

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        path = folder / f"traffic-{worker}-{os.getpid()}.json"
        rows = [{"namespace": ns, "operationId": op, "status": status, "count": n}
                for (ns, op, status), n in sorted(self.counts.items())]
        path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        usage = {"operations": {key: {name: sorted(values) for name, values in entry.items()}
                                for key, entry in sorted(self.usage.items())},
                 "scenarios": sorted(self.scenarios), "failed": sorted(self.failed)}
        (folder / f"usage-{worker}-{os.getpid()}.json").write_text(json.dumps(usage, indent=1) + "\n",
                                                                   encoding="utf-8")
        return path


def shapes(value, prefix: str = ""):
    """JSON pointers of every property of a body, every list item walked and written as item 0: each name
    the answer used, at each place, once (the undeclared-properties check reads them)."""
    if isinstance(value, dict):
        for key, child in value.items():
            here = f"{prefix}/{str(key).replace('~', '~0').replace('/', '~1')}"
            yield here
            yield from shapes(child, here)
    elif isinstance(value, list):
        for child in value:
            yield from shapes(child, f"{prefix}/0")


def pointers(value, prefix: str = ""):
    """JSON pointers of a body's leaves and lists (a list is a value a fault can shorten)."""
    yield from (pointer for pointer, _ in _walk(value, prefix, ITEMS_KEPT))


def leaves(value, prefix: str = "", kept: int | None = ITEMS_KEPT):
    """(pointer, value as canonical JSON) for each pointer `pointers` gives; `kept=None` walks every item."""
    yield from ((p, json.dumps(v, sort_keys=True)) for p, v in _walk(value, prefix, kept))


def _walk(value, prefix, kept):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, f"{prefix}/{str(key).replace('~', '~0').replace('/', '~1')}", kept)
    elif isinstance(value, list):
        if prefix:
            yield prefix, value
        for index, child in enumerate(value if kept is None else value[:kept]):
            yield from _walk(child, f"{prefix}/{index}", kept)
    elif prefix:
        yield prefix, value


def without_items(pointer: str) -> str:
    return "/".join(part for part in pointer.split("/") if not part.isdigit())


def load_traffic(folder: Path) -> Counter:
    counts: Counter = Counter()
    for path in sorted(folder.glob("traffic-*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            counts[(row["namespace"], row["operationId"], row["status"])] += row["count"]
    return counts


def load_usage(folder: Path) -> dict:
    """The usage files of every worker of the last run, merged."""
    operations: dict[str, dict] = {}
    scenarios, failed = set(), set()
    for path in sorted(folder.glob("usage-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        scenarios.update(data["scenarios"])
        failed.update(data["failed"])
        for key, entry in data["operations"].items():
            merged = operations.setdefault(key, {})
            for name, values in entry.items():
                merged.setdefault(name, set()).update(values)
    return {"operations": {key: {name: sorted(values, key=str) for name, values in entry.items()}
                           for key, entry in operations.items()},
            "scenarios": sorted(scenarios), "failed": sorted(failed)}
