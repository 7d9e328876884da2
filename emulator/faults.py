"""Faults planted through the control plane, so the suite can measure whether it notices a wrong answer.

A fault belongs to one operation and changes that operation's answers and nothing else:

- `drop`      the field at `pointer` is left out of a success answer;
- `change`    the value at `pointer` changes: a string is altered (a numeric id becomes its neighbour in
              the id sequence, i.e. another id the emulator issued), a number is off by one, a boolean
              flips, an enum takes another of its values, a list loses its last item;
- `status`    answers of `fromStatus` (any 2xx when not given) become `status`, with `errorCode` (another
              documented code of that status when not given) in the body that status declares;
- `state`     the answer is the one the handler gave, but the state is left as it was before the call;
- `latency`   each answer is `delayMs` late;
- `throttle`  the next `calls` calls answer `status` (429 or 503) with `Retry-After: retryAfter`; the
              first call after them is timed (`retriedAfter`, seconds since the last throttled answer), so a
              client that retries too soon, or not at all, is told apart from one that honours Retry-After.

Each fault counts its applications, so a run in which no answer was changed is told apart (unreached)
from one in which the suite saw a wrong answer and said nothing (survived).
"""
from __future__ import annotations

import copy
import itertools
import logging
import time

from .control import control_body
from .errors import ApiError, bad_request

log = logging.getLogger("emulator.faults")

KINDS = ("drop", "change", "status", "state", "latency", "throttle")
THROTTLE_STATUSES = (429, 503)
# A value no schema accepts as an enum member; validating a body holding it names the enum's values.
PROBE = "\u0000fault-probe"


class Fault:
    def __init__(self, fault_id: str, spec: dict):
        self.id = fault_id
        self.spec = spec
        self.namespace = spec.get("namespace", "multi")
        self.operation_id = spec["operationId"]
        self.kind = spec["kind"]
        self.applied = 0
        self.remaining = spec.get("calls", 1) if self.kind == "throttle" else None
        self.throttled_at: float | None = None
        self.retried_after: float | None = None

    def view(self) -> dict:
        view = {"id": self.id, **self.spec, "namespace": self.namespace, "applied": self.applied}
        if self.remaining is not None:
            view["remaining"] = self.remaining
        if self.retried_after is not None:
            view["retriedAfter"] = self.retried_after
        return view


class Faults:
    def __init__(self, contracts: dict):
        self.contracts = contracts
        self.planted: list[Fault] = []
        self._ids = itertools.count(1)

    # -- the control plane -----------------------------------------------------------
    def plant(self, raw_body: bytes) -> dict:
        spec = self._checked(raw_body)
        fault = Fault(f"f{next(self._ids)}", spec)
        self.planted.append(fault)
        return fault.view()

    def list(self) -> dict:
        return {"faults": [fault.view() for fault in self.planted]}

    def clear(self) -> None:
        self.planted = []

    def active(self, namespace: str, operation_id: str) -> bool:
        return any(f.namespace == namespace and f.operation_id == operation_id for f in self.planted)

    # -- the one hook around a handler ---------------------------------------------------
    def run(self, namespace: str, operation, world, handler):
        """The handler's answer with this operation's faults applied; an error answer stays an ApiError,
        so the app treats a faulted error exactly as a real one (no replay record, same headers)."""
        faults = [f for f in self.planted if f.namespace == namespace and f.operation_id == operation.operation_id]
        if not faults:
            return handler()
        for fault in faults:
            if fault.kind == "throttle" and fault.remaining:
                fault.remaining -= 1
                fault.applied += 1
                fault.throttled_at = time.monotonic()
                raise ApiError(fault.spec["status"], None, _throttle_headers(fault))
            if fault.kind == "throttle" and fault.throttled_at is not None and fault.retried_after is None:
                fault.retried_after = round(time.monotonic() - fault.throttled_at, 3)
            if fault.kind == "latency":
                fault.applied += 1
                time.sleep(fault.spec["delayMs"] / 1000)
        keep_state = [f for f in faults if f.kind == "state"]
        snapshot = _snapshot(world) if keep_state else None
        from .app import Answer  # the app imports this module

        changed = False
        try:
            answer = handler()
        except ApiError as error:
            answer = Answer(error.status, error.body, error.headers)
        finally:
            if snapshot is not None:
                changed = not _same_state(snapshot, _unshared(world))
                vars(world).update(snapshot)
        # A handler that changed nothing (a validation) leaves nothing to undo: the fault did not
        # take effect, so it is not counted, and the strength report says unreached, not survived.
        if 200 <= answer.status < 300 and changed:
            for fault in keep_state:
                fault.applied += 1
        contract = self.contracts[namespace]
        for fault in faults:
            answer = _apply(fault, contract, operation, answer, Answer)
        if answer.status >= 400:
            raise ApiError(answer.status, answer.body, answer.headers)
        return answer

    # -- checking what is planted ---------------------------------------------------------
    def _checked(self, raw_body: bytes) -> dict:
        spec = control_body(raw_body)
        if not isinstance(spec, dict):
            raise bad_request(message="The body must be a JSON object naming operationId and kind")
        namespace = spec.get("namespace", "multi")
        contract = self.contracts.get(namespace)
        if contract is None:
            raise _invalid("namespace", "IN", sorted(self.contracts))
        operation = contract.by_id.get(spec.get("operationId")) if isinstance(spec.get("operationId"), str) else None
        if operation is None:
            raise _invalid("operationId", "NOT_FOUND", [], f"no operation {spec.get('operationId')!r} in {namespace}")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise _invalid("kind", "IN", KINDS)
        if kind in ("drop", "change"):
            pointer = spec.get("pointer")
            if not isinstance(pointer, str) or not pointer.startswith("/"):
                raise _invalid("pointer", "REQUIRED", [], "a JSON pointer into the answer, e.g. /rootUser/name")
        if kind == "status":
            status = spec.get("status")
            if not _is_int(status) or str(status) not in operation.responses:
                raise _invalid("status", "IN", sorted(operation.responses), "a status the operation declares")
            if "fromStatus" in spec and not _is_int(spec["fromStatus"]):
                raise _invalid("fromStatus", "TYPE", ["integer"])
            if "errorCode" in spec and not isinstance(spec["errorCode"], str):
                raise _invalid("errorCode", "TYPE", ["string"])
        if kind == "latency" and not (_is_number(spec.get("delayMs")) and 0 <= spec["delayMs"] <= 30000):
            raise _invalid("delayMs", "RANGE", [0, 30000])
        if kind == "throttle":
            spec.setdefault("status", 429)
            spec.setdefault("calls", 1)
            spec.setdefault("retryAfter", 0)
            if spec["status"] not in THROTTLE_STATUSES:
                raise _invalid("status", "IN", THROTTLE_STATUSES)
            if not _is_int(spec["calls"]) or spec["calls"] < 1:
                raise _invalid("calls", "RANGE", [1])
            if not _is_int(spec["retryAfter"]) or not 0 <= spec["retryAfter"] <= 60:
                raise _invalid("retryAfter", "RANGE", [0, 60])
        return spec


def _apply(fault, contract, operation, answer, Answer):
    kind, spec = fault.kind, fault.spec
    if kind == "status":
        wanted = spec.get("fromStatus")
        matches = answer.status == wanted if wanted is not None else 200 <= answer.status < 300
        if not matches:
            return answer
        body = _status_body(contract, operation, spec["status"], spec.get("errorCode"), answer.body)
        if body == answer.body and spec["status"] == answer.status:
            return answer
        fault.applied += 1
        return Answer(spec["status"], body, {})
    if kind not in ("drop", "change") or not 200 <= answer.status < 300 or not isinstance(answer.body, (dict, list)):
        return answer
    body = copy.deepcopy(answer.body)
    parts = _parts(spec["pointer"])
    parent = _resolve(body, parts[:-1])
    key = _key(parent, parts[-1]) if parts else None
    if key is None:
        return answer
    if kind == "drop":
        del parent[key]
    else:
        changed = _changed(contract, operation.response_schema(answer.status), body, parent, key, spec["pointer"])
        if changed is _UNCHANGED:
            return answer
        parent[key] = changed
    fault.applied += 1
    return Answer(answer.status, body, answer.headers)


_UNCHANGED = object()


def _changed(contract, schema, body, parent, key, pointer):
    """Another value for parent[key], one the response schema still accepts whenever there is one:
    a fault that breaks the contract is caught by the suite's contract check whatever the scenario asserts."""
    value = parent[key]
    if isinstance(value, bool):
        return not value
    if isinstance(value, list):
        return value[:-1] if value else _UNCHANGED
    if isinstance(value, (int, float)):
        candidates = [value + 1, value - 1]
    elif isinstance(value, str):
        candidates = [*_enum_others(contract, schema, body, parent, key, pointer), *_altered(value)]
    else:
        return _UNCHANGED
    for candidate in candidates:
        parent[key] = candidate
        if not contract.validate(schema, body):
            parent[key] = value
            return candidate
    parent[key] = value
    return candidates[0] if candidates else _UNCHANGED


def _enum_others(contract, schema, body, parent, key, pointer):
    value = parent[key]
    parent[key] = PROBE
    try:
        values = [v for error in contract.validate(schema, body)
                  if error.pointer == pointer and error.keyword == "enum" for v in error.params]
    finally:
        parent[key] = value
    return [v for v in values if v != value]


def _altered(value: str) -> list[str]:
    if value.isdigit():
        # Ids are numeric strings issued in sequence: the neighbour is another id of this emulator.
        return [str(int(value) + 1).zfill(len(value)), str(int(value) - 1).zfill(len(value))]
    candidates = []
    for index in range(len(value) - 1, -1, -1):
        char = value[index]
        if char.isalpha() or char.isdigit():
            replacement = _neighbour(char)
            candidates.append(value[:index] + replacement + value[index + 1:])
            break
    candidates.append(value + "x")
    candidates.append(value[:-1] if len(value) > 1 else "x")
    return [c for c in candidates if c != value]


def _neighbour(char: str) -> str:
    if char.isdigit():
        return str((int(char) + 1) % 10)
    if char in "zZ":
        return chr(ord(char) - 1)
    if char.isascii():
        return chr(ord(char) + 1)
    return "a"


def _status_body(contract, operation, status: int, error_code, old_body):
    schema = operation.response_schema(status)
    if schema is None or status in (204, 401):
        return None
    if status == 400:
        return {"message": "Request is invalid"}
    if status in (404, 405):
        return {"code": "NOT_FOUND" if status == 404 else "METHOD_NOT_ALLOWED", "message": "Not found"}
    if status >= 500:
        return {"code": "INTERNAL_SERVER_ERROR", "message": "Internal error"}
    if error_code is None:
        probe = {"errorCode": PROBE}
        codes = [v for error in contract.validate(schema, probe) if error.keyword == "enum" for v in error.params]
        old = old_body.get("errorCode") if isinstance(old_body, dict) else None
        others = [code for code in codes if code != old]
        error_code = others[0] if others else "FAULT_PLANTED"
    return {"errorCode": error_code}


def _throttle_headers(fault) -> dict:
    retry_after = str(fault.spec["retryAfter"])
    headers = {"retry-after": retry_after}
    if fault.spec["status"] == 429:
        headers.update({"x-ratelimit-limit": "1", "x-ratelimit-reset": retry_after})
    return headers


def _snapshot(world) -> dict:
    """A deep copy of the world's state; putting it back undoes whatever the handler did.

    One memo for every attribute keeps the references between areas (a session's clock, a backend's
    world) pointing into the same copy; the lock, the programme and the webhook deliverer are
    shared, not state."""
    memo = {id(world): world, id(world.lock): world.lock, id(world.programme): world.programme}
    memo.update({id(vars(world)[name]): vars(world)[name] for name in _SHARED if name in vars(world)})
    return {name: copy.deepcopy(value, memo) for name, value in _unshared(world).items()}


# The webhook deliverer holds threads and sockets: it is machinery, not state, and stays as it is.
_SHARED = {"lock", "programme", "webhooks"}


def _unshared(world) -> dict:
    return {name: value for name, value in vars(world).items() if name not in _SHARED}


def _same_state(before, after, seen=None) -> bool:
    """Whether two states hold the same values, object by object: the snapshot is a deep copy, so
    identity says nothing and most of the world's objects compare by identity."""
    seen = set() if seen is None else seen
    if before is after:
        return True
    if type(before) is not type(after):
        return False
    if isinstance(before, (str, bytes, int, float, bool, type(None), set, frozenset)):
        return before == after
    pair = (id(before), id(after))
    if pair in seen:
        return True
    seen.add(pair)
    if isinstance(before, dict):
        return before.keys() == after.keys() and all(_same_state(before[k], after[k], seen) for k in before)
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(_same_state(a, b, seen) for a, b in zip(before, after))
    if hasattr(before, "__dict__"):
        return _same_state(vars(before), vars(after), seen)
    return before == after or repr(before) == repr(after)


def _parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _resolve(node, parts):
    for part in parts:
        key = _key(node, part)
        if key is None:
            return None
        node = node[key]
    return node


def _key(node, part):
    if isinstance(node, dict):
        return part if part in node else None
    if isinstance(node, list) and part.isdigit() and int(part) < len(node):
        return int(part)
    return None


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _invalid(field: str, error: str, params, message: str | None = None) -> ApiError:
    return bad_request([{"fieldName": field, "error": error, "params": [str(p) for p in params]}],
                       message or f"{field} is invalid")
