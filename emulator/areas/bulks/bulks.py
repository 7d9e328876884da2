"""Bulk processes: a list of operations submitted at once, then executed, paused, resumed or cancelled
as one process, each operation run by the rules of its single counterpart.

A bulk never copies a rule. Each of its operations is the single operation's request (path parameters
and body) checked against that operation's own contract and answered by that operation's own handler,
re-entered through the registry with a synthetic Call; a 4xx or 5xx answer fails the operation. The
handlers are in bulks_handlers.py.

Execution is asynchronous and paced by the emulator's clock (emulator/areas/bulks/choices.md): a running
bulk runs up to BATCH operations per tick, one tick every TICK_MS of the clock, the first one TICK_MS
after execute or resume. Ticks are due at fixed times, so moving the clock far ahead runs every tick
that fell due, in one pass.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field, replace

from schemas import load_contract
from schemas.contract import Operation

from ...call import Call
from ...errors import ApiError, conflict, invalid_field, not_found
from ...registry import HANDLERS, backend
from ...services import Owner
from ...validation import check_request

log = logging.getLogger("emulator.bulks")

# Each bulk submission's single counterpart: the operation every item runs as.
SINGLE = {
    "bulksUserCreate": "userCreate",
    "bulksUserInviteSend": "userInviteSend",
    "bulksManagedCardBlock": "managedCardBlock",
    "bulksManagedCardUnblock": "managedCardUnblock",
    "bulksManagedCardRemove": "managedCardRemove",
    "bulksManagedCardSpendRulesUpdate": "managedCardSpendRulesUpdate",
    "bulksTransferCreate": "transferCreate",
    "bulksSendCreate": "sendCreate",
    "bulksOutgoingWireTransferCreate": "outgoingWireTransferCreate",
}
TICK_MS = 5000
BATCH = 100
SUBMITTED, RUNNING, PAUSED, CANCELLED = "SUBMITTED", "RUNNING", "PAUSED", "CANCELLED"
COMPLETED, PARTIALLY_COMPLETED, FAILED = "COMPLETED", "PARTIALLY_COMPLETED", "FAILED"
FINAL = {COMPLETED, PARTIALLY_COMPLETED, FAILED, CANCELLED}
ON_FAILURE_STOP, ON_FAILURE_CONTINUE = "ON_FAILURE_STOP", "ON_FAILURE_CONTINUE"
OPERATION_STATES = (SUBMITTED, RUNNING, COMPLETED, FAILED, CANCELLED)
_PARAMETER = re.compile(r"\{([^}]+)\}")


@dataclass
class BulkOperation:
    id: str
    sequence: int
    method: str
    path: str
    path_params: dict
    body: object
    body_checked: bool = True  # the submission's check of the body is the single operation's too
    status: str = SUBMITTED
    response_status: int | None = None
    response_body: object = None

    def answer(self) -> dict:
        answer = {"operationId": self.id, "sequence": self.sequence, "method": self.method, "path": self.path,
                  "status": self.status, "requestPayload": json.dumps(self.body if self.body is not None else {})}
        if self.response_status is not None:
            answer["responsePayload"] = json.dumps(self.response_body if self.response_body is not None else {})
        return answer


@dataclass
class Bulk:
    id: str
    owner: Owner
    single: Operation  # the single counterpart's contract Operation
    operations: list
    creation_timestamp: int
    status: str = SUBMITTED
    mode: str | None = None
    session: object = None  # who runs the operations: the executing user, as at execute
    execution_start: int | None = None
    execution_finish: int | None = None
    next_index: int = 0
    job: object = None
    counts: dict = field(default_factory=dict)

    def answer(self) -> dict:
        answer = {"bulkId": self.id, "status": self.status, "submittedItemsCount": len(self.operations),
                  "operation": self.single.path}
        for key, value in (("executionStart", self.execution_start), ("executionFinish", self.execution_finish),
                           ("mode", self.mode)):
            if value is not None:
                answer[key] = value
        return answer

    def details(self) -> dict:
        return self.answer() | {"operationStatusCounts": self.status_counts()}

    def status_counts(self) -> list[dict]:
        return [{"status": status, "count": self.counts[status]} for status in OPERATION_STATES
                if self.counts.get(status)]

    def mark(self, operation: BulkOperation, status: str) -> None:
        self.counts[operation.status] -= 1
        operation.status = status
        self.counts[status] = self.counts.get(status, 0) + 1


@backend("bulks")
class BulksBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, Bulk] = {}

    # -- submission and management -------------------------------------------------------------
    def submit(self, owner: Owner, bulk_operation_id: str, items: list) -> Bulk:
        """A bulk in SUBMITTED: its items are kept as sent; each is checked only when it runs."""
        world = self.world
        single = load_contract("multi").by_id[SINGLE[bulk_operation_id]]
        operations = []
        # The description makes the body optional and declares only 201: no body is a bulk of nothing.
        for sequence, item in enumerate(items or [], start=1):
            path_params = {_single_name(k): str(v) for k, v in (item.get("pathParams") or {}).items()}
            body = item.get("requestBody")
            operations.append(BulkOperation(id=world.ids.next(), sequence=sequence, method=single.method,
                                            path=_concrete(single.path, path_params), path_params=path_params,
                                            body=body, body_checked=not _holds_whole_float(body)))
        bulk = Bulk(id=world.ids.next(), owner=owner, single=single, operations=operations,
                    creation_timestamp=world.now_ms(), counts={SUBMITTED: len(operations)})
        self.by_id[bulk.id] = bulk
        return bulk

    def owned(self, owner: Owner, bulk_id: str) -> Bulk:
        bulk = self.by_id.get(str(bulk_id))
        if bulk is None or bulk.owner != owner:
            raise not_found("Bulk process not found")
        return bulk

    def of_owner(self, owner: Owner) -> list[Bulk]:
        return [b for b in self.by_id.values() if b.owner == owner]

    def execute(self, bulk: Bulk, session, mode: str | None) -> None:
        if bulk.status != SUBMITTED:
            raise conflict("INVALID_STATE")
        bulk.status, bulk.mode = RUNNING, mode or ON_FAILURE_CONTINUE
        # A copy: the operations run as this user was at execute, whatever later happens to the token.
        bulk.session = replace(session)
        bulk.execution_start = self.world.now_ms()
        self._schedule(bulk, bulk.execution_start + TICK_MS)

    def pause(self, bulk: Bulk) -> None:
        if bulk.status != RUNNING:
            raise conflict("INVALID_STATE")
        bulk.status = PAUSED
        self.world.scheduler.cancel(bulk.job)

    def resume(self, bulk: Bulk) -> None:
        if bulk.status != PAUSED:
            raise conflict("INVALID_STATE")
        bulk.status = RUNNING
        self._schedule(bulk, self.world.now_ms() + TICK_MS)

    def cancel(self, bulk: Bulk) -> None:
        if bulk.status in FINAL:
            raise conflict("INVALID_STATE")
        if bulk.job is not None:
            self.world.scheduler.cancel(bulk.job)
        for operation in bulk.operations[bulk.next_index:]:
            bulk.mark(operation, CANCELLED)
        bulk.next_index = len(bulk.operations)
        bulk.status = CANCELLED
        bulk.execution_finish = self.world.now_ms()

    # -- execution ---------------------------------------------------------------------------------
    def _schedule(self, bulk: Bulk, due_ms: int) -> None:
        bulk.job = self.world.scheduler.at(due_ms, lambda: self._tick(bulk, due_ms), name=f"bulk {bulk.id}")

    def _tick(self, bulk: Bulk, due_ms: int) -> None:
        if bulk.status != RUNNING:
            return
        end = min(bulk.next_index + BATCH, len(bulk.operations))
        while bulk.next_index < end:
            operation = bulk.operations[bulk.next_index]
            bulk.next_index += 1
            self._run(bulk, operation)
            if operation.status == FAILED and bulk.mode == ON_FAILURE_STOP:
                for rest in bulk.operations[bulk.next_index:]:
                    bulk.mark(rest, CANCELLED)
                bulk.next_index = len(bulk.operations)
        if bulk.next_index < len(bulk.operations):
            self._schedule(bulk, due_ms + TICK_MS)
        else:
            self._finish(bulk)

    def _run(self, bulk: Bulk, operation: BulkOperation) -> None:
        """One operation through its single counterpart's checks and handler, as the executing user."""
        bulk.mark(operation, RUNNING)
        status, body = self._answer_of(bulk, operation)
        operation.response_status, operation.response_body = status, body
        bulk.mark(operation, COMPLETED if status < 400 else FAILED)

    def _answer_of(self, bulk: Bulk, operation: BulkOperation) -> tuple[int, object]:
        for name in _PARAMETER.findall(bulk.single.path):
            if name not in operation.path_params:
                error = invalid_field(f"pathParams._{name}_", "REQUIRED")
                return error.status, error.body
        # The submission checked each body against the item schema, which repeats the single operation's
        # body; only where the two readings differ (a whole-number float) is the body checked again.
        return run_single(self.world, bulk.single.operation_id, operation.path_params, operation.body,
                          bulk.session, check_body=not operation.body_checked)

    def _finish(self, bulk: Bulk) -> None:
        completed = bulk.counts.get(COMPLETED, 0)
        failed = len(bulk.operations) - completed
        bulk.status = COMPLETED if not failed else FAILED if not completed else PARTIALLY_COMPLETED
        bulk.execution_finish = self.world.now_ms()
        bulk.job = None
        self.world.outbox.emit("bulk_process_end", {"bulkId": bulk.id, "status": bulk.status,
                                                    "submittedItemsCount": len(bulk.operations),
                                                    "operationStatusCounts": bulk.status_counts()})

    def dump(self) -> dict:
        return {"bulks": [b.details() | {"owner": b.owner.answer()} for b in self.by_id.values()]}


def bulks_backend(world) -> BulksBackend:
    return world.area("bulks")


def run_single(world, operation_id: str, path_params: dict, body, session, check_body: bool = True):
    """(status, body) of one single operation, as the app would answer it: its contract's checks on the path
    parameters (and the body), then its own handler, as the session's user. Never raises."""
    contract = load_contract("multi")
    single = contract.by_id[operation_id]
    checked = single if check_body else replace(single, request_body=None)
    try:
        matched = {re.sub(r"[^A-Za-z0-9_]", "_", k): v for k, v in path_params.items()}
        typed, query = check_request(contract, checked, matched, [], body if check_body else None)
        # Every single operation a bulk names has a handler (tests/emulator/test_bulks.py holds to it).
        handler = HANDLERS[("multi", operation_id)]
        return _status_and_body(handler(Call(world=world, operation=single, path_params=typed, query=query,
                                             headers={}, body=body, session=session)))
    except ApiError as error:
        return error.status, error.body
    except Exception:  # a bug in a handler fails its operation, never the whole bulk
        log.exception("operation %s failed in the emulator", operation_id)
        return 500, {"code": "EMULATOR_ERROR", "message": "The emulator failed; see its log"}


def as_json_schema_reads(value):
    """The body as JSON Schema reads the description: a whole-number float (452401.0) is an integer.

    The description declares no 400 for a bulk submission, so its front door refuses only what the item
    schema forbids; the emulator's stricter reading of a long (no floats, as elsewhere) applies when the
    item runs through its single operation (emulator/areas/bulks/choices.md)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 63:
        return int(value)
    if isinstance(value, list):
        return [as_json_schema_reads(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json_schema_reads(v) for k, v in value.items()}
    return value


def _holds_whole_float(value) -> bool:
    """Whether the two readings of a body differ: it holds a float JSON Schema counts as an integer."""
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, list):
        return any(_holds_whole_float(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_whole_float(v) for v in value.values())
    return False


def _single_name(name: str) -> str:
    """`_user_id_` in a bulk item names the single operation's `{user_id}`."""
    return name[1:-1] if len(name) > 2 and name.startswith("_") and name.endswith("_") else name


def _concrete(template: str, path_params: dict) -> str:
    return _PARAMETER.sub(lambda m: str(path_params.get(m.group(1), m.group(0))), template)


def _status_and_body(result) -> tuple[int, object]:
    """A handler's result as the app reads it: an answer object, a (status, body) tuple, None or a body."""
    if hasattr(result, "status") and hasattr(result, "body"):
        return result.status, result.body
    if isinstance(result, tuple):
        return result[0], result[1] if len(result) > 1 else None
    if result is None:
        return 204, None
    return 200, result
