"""Candidate faults, from the contract and the last run's traffic (reports/traffic/usage-*.json).

Every operation the suite called with a success answer gets, for each field of those answers, a fault
that drops it and one that changes it; for each status it answered, one fault answering another
declared status (or another documented error code of the same status); and, when it changes state, one
fault that leaves the state as it was; and one latency and two throttle faults (429 and 503 with
Retry-After), which the suite's client is meant to absorb (see TOLERABLE and plugin.run_fault).

`sentField` marks a field the suite itself sent: the recorder saw the same value at the same pointer
in a request body of the same scenario (support/traffic.py, `echoed`).
"""
from __future__ import annotations

import random

# Errors a scenario can tell apart by status and body; 5xx and 429 are the client's business (retries).
ERROR_PREFERENCE = (409, 403, 404, 400, 401)
# Answered before the emulator's handler (authentication, request validation), where no fault reaches:
# a fault from them would always be unreached.
BEFORE_HANDLER = (400, 401)
STATE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# Faults the client should absorb: passing with them applied is "tolerated", not "survived".
TOLERABLE = ("latency", "throttle")
LATENCY_MS = 500
# Long enough that a client retrying at once is told apart from one that waits, short enough to be cheap.
RETRY_AFTER_SECONDS = 1


def area_of(namespace: str, operation) -> str:
    return operation.tag if namespace == "multi" else f"Simulator {operation.tag}".strip()


def enumerate_faults(contracts: dict, usage: dict) -> list[dict]:
    failed = set(usage["failed"])
    called = []
    for key, entry in usage["operations"].items():
        namespace, operation_id = key.split(":", 1)
        operation = contracts[namespace].by_id.get(operation_id) if namespace in contracts else None
        if operation is None:
            continue  # webhook events the receiver answered: not the emulator's answers
        area = area_of(namespace, operation)
        scenarios = [s for s in entry["scenarios"] if s not in failed]
        if scenarios:
            called.append((namespace, operation, area, entry, scenarios))
    faults = []
    for namespace, operation, area, entry, scenarios in called:
        base = {"namespace": namespace, "operationId": operation.operation_id, "area": area,
                "scenarios": scenarios}
        successes = [s for s in entry["statuses"] if 200 <= s < 300]
        if successes:
            echoed = set(entry.get("echoed", ()))
            for pointer in entry["answered"]:
                sent = pointer in echoed
                faults.append({**base, "kind": "drop", "pointer": pointer, "sentField": sent})
                faults.append({**base, "kind": "change", "pointer": pointer, "sentField": sent})
            if operation.method in STATE_METHODS:
                faults.append({**base, "kind": "state", "sentField": False})
            faults.append({**base, "kind": "latency", "delayMs": LATENCY_MS, "sentField": False})
            for status in (429, 503):
                faults.append({**base, "kind": "throttle", "status": status, "calls": 1,
                               "retryAfter": RETRY_AFTER_SECONDS, "sentField": False})
        codes: dict[int, str] = {}
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


def fault_id(fault: dict) -> str:
    kind = fault["kind"]
    if kind in ("drop", "change"):
        what = f"{fault['pointer']} {'dropped' if kind == 'drop' else 'changed'}"
    elif kind == "state":
        what = "state change not made"
    elif kind == "latency":
        what = f"answers {fault['delayMs']} ms late"
    elif kind == "throttle":
        what = f"{fault['status']} with Retry-After {fault['retryAfter']} s once"
    elif fault["status"] == fault["fromStatus"]:
        what = f"{fault['status']} {fault['answered']} answered with another error code"
    else:
        what = f"{fault['fromStatus']} answered as {fault['status']}"
    return f"{fault['operationId']}: {what}"


def select(faults: list[dict], max_faults: int | None, seed: int) -> list[dict]:
    """A seeded sample stratified by area, in the order to run it.

    Each area gets a share of the budget proportional to its faults (at least one), drawn at random
    within it, so each area's score is an unbiased estimate of its score over every fault. The order
    deals the areas out in turn, so a run the time limit cuts short has still sampled every area
    alike rather than finished some and never started others. Same seed and budget, same plan."""
    rng = random.Random(seed)
    by_area: dict[str, list[dict]] = {}
    for fault in sorted(faults, key=lambda f: f["id"]):
        by_area.setdefault(fault["area"], []).append(fault)
    shares = _shares({area: len(rows) for area, rows in by_area.items()}, max_faults)
    queues = [rng.sample(rows, shares[area]) for area, rows in sorted(by_area.items())]
    plan = []
    for round_ in range(max((len(q) for q in queues), default=0)):
        plan += [queue[round_] for queue in queues if round_ < len(queue)]
    return plan


def _shares(sizes: dict[str, int], budget: int | None) -> dict[str, int]:
    total = sum(sizes.values())
    if budget is None or budget >= total:
        return dict(sizes)
    shares = {area: min(size, max(1, budget * size // total)) for area, size in sizes.items()}
    # Largest areas take what rounding left; the floor of one per area may overshoot a tiny budget.
    for area in sorted(sizes, key=lambda a: -sizes[a]):
        if sum(shares.values()) >= budget:
            break
        shares[area] += min(sizes[area] - shares[area], budget - sum(shares.values()))
    return shares


def control_spec(fault: dict) -> dict:
    """What the emulator's control plane is told to plant for a fault."""
    spec = {"namespace": fault["namespace"], "operationId": fault["operationId"], "kind": fault["kind"]}
    for name in ("pointer", "status", "fromStatus", "delayMs", "calls", "retryAfter"):
        if name in fault:
            spec[name] = fault[name]
    return spec
