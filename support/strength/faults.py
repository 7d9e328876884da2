"""Candidate faults, from the contract and the last run's traffic (reports/traffic/usage-*.json).

Every operation the suite called with a success answer gets, for each field of those answers, a fault
that drops it and one that changes it; for each status it answered, one fault answering another
declared status (or another documented error code of the same status); and, when it changes state, one
fault that leaves the state as it was. Latency and throttling are planted by hand: the client retries
them by design, so they are not faults a scenario should notice.
"""
from __future__ import annotations

import random

# Errors a scenario can tell apart by status and body; 5xx and 429 are the client's business (retries).
ERROR_PREFERENCE = (409, 403, 404, 400, 401)
# Answered before the emulator's handler (authentication, request validation), where no fault reaches:
# a fault from them would always be unreached.
BEFORE_HANDLER = (400, 401)
STATE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def area_of(namespace: str, operation) -> str:
    return operation.tag if namespace == "multi" else f"Simulator {operation.tag}".strip()


def enumerate_faults(contracts: dict, usage: dict) -> list[dict]:
    failed = set(usage["failed"])
    # A field the suite sent, wherever: the answer of one operation (corporateGet) holds what another,
    # often of another tag (corporateCreate), was sent.
    sent_pointers = set()
    called = []
    for key, entry in usage["operations"].items():
        namespace, operation_id = key.split(":", 1)
        operation = contracts[namespace].by_id.get(operation_id)
        if operation is None:
            continue
        area = area_of(namespace, operation)
        sent_pointers.update(pointer_without_items(p) for p in entry["sent"])
        scenarios = [s for s in entry["scenarios"] if s not in failed]
        if scenarios:
            called.append((namespace, operation, area, entry, scenarios))
    faults = []
    for namespace, operation, area, entry, scenarios in called:
        base = {"namespace": namespace, "operationId": operation.operation_id, "area": area,
                "scenarios": scenarios}
        successes = [s for s in entry["statuses"] if 200 <= s < 300]
        if successes:
            for pointer in entry["answered"]:
                sent = pointer_without_items(pointer) in sent_pointers
                faults.append({**base, "kind": "drop", "pointer": pointer, "sentField": sent})
                faults.append({**base, "kind": "change", "pointer": pointer, "sentField": sent})
            if operation.method in STATE_METHODS:
                faults.append({**base, "kind": "state", "sentField": False})
        codes = {}
        for code in entry["errorCodes"]:
            status, error_code = code.split(":", 1)
            codes.setdefault(int(status), error_code)
        for status in (s for s in entry["statuses"] if s not in BEFORE_HANDLER):
            if status in codes:
                faults.append({**base, "kind": "status", "fromStatus": status, "status": status,
                               "answered": codes[status], "sentField": False})
            other = next((s for s in ERROR_PREFERENCE if s != status and str(s) in operation.responses), None)
            if other is not None:
                faults.append({**base, "kind": "status", "fromStatus": status, "status": other, "sentField": False})
    for fault in faults:
        fault["id"] = fault_id(fault)
    return faults


def pointer_without_items(pointer: str) -> str:
    return "/".join(part for part in pointer.split("/") if not part.isdigit())


def fault_id(fault: dict) -> str:
    kind = fault["kind"]
    if kind in ("drop", "change"):
        what = f"{fault['pointer']} {'dropped' if kind == 'drop' else 'changed'}"
    elif kind == "state":
        what = "state change not made"
    elif fault["status"] == fault["fromStatus"]:
        what = f"{fault['status']} {fault['answered']} answered with another error code"
    else:
        what = f"{fault['fromStatus']} answered as {fault['status']}"
    return f"{fault['operationId']}: {what}"


def select(faults: list[dict], max_faults: int | None, seed: int) -> list[dict]:
    """A seeded random sample: the same seed and budget choose the same faults; each area's score
    is then an unbiased estimate of its score over every fault."""
    ordered = sorted(faults, key=lambda f: f["id"])
    if max_faults is None or max_faults >= len(ordered):
        return ordered
    return sorted(random.Random(seed).sample(ordered, max_faults), key=lambda f: f["id"])


def control_spec(fault: dict) -> dict:
    """What the emulator's control plane is told to plant for a fault."""
    spec = {"namespace": fault["namespace"], "operationId": fault["operationId"], "kind": fault["kind"]}
    for name in ("pointer", "status", "fromStatus"):
        if name in fault:
            spec[name] = fault[name]
    return spec
