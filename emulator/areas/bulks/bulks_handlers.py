"""The bulk operations: nine submissions (one per single counterpart, answered 201 with the bulk's id) and
the seven Manage operations (list, get, operations of a bulk, execute, pause, resume, cancel). Every
authorised user of the identity that submitted a bulk may manage it; the rules are in bulks.py."""
from __future__ import annotations

from ...errors import bad_request
from ...listing import listed
from ...registry import handles
from ...services import Owner
from .bulks import SINGLE, as_json_schema_reads, bulks_backend

# Weavr caps every page at 100 items ("Limit is always capped at 100").
MAX_PAGE = 100


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def _submission(bulk_operation_id: str):
    def submit(call):
        bulk = bulks_backend(call.world).submit(_owner(call), bulk_operation_id, call.body)
        return 201, {"bulkId": bulk.id, "operationCount": len(bulk.operations), "path": bulk.single.path}
    submit.__name__ = f"submit_{bulk_operation_id}"
    submit.reads_body = _read_items  # type: ignore[attr-defined]  # the app looks for it on the handler
    return submit


def _read_items(body, raw: bytes):
    # No body is a bulk of nothing (the body is optional); a JSON null sent as the body is not a list.
    if body is None and raw.strip():
        raise bad_request(message="A bulk submission is a JSON array of operations, not null")
    return as_json_schema_reads(body)


for _bulk_operation_id in SINGLE:
    handles(_bulk_operation_id)(_submission(_bulk_operation_id))


def _bulk(call):
    return bulks_backend(call.world).owned(_owner(call), call.path_params["bulk_id"])


@handles("bulks")
def bulks_list(call):
    items = [b.answer() for b in bulks_backend(call.world).of_owner(_owner(call))]
    return listed(call.operation, call.query, items, max_limit=MAX_PAGE).answer("bulkProcesses")


@handles("bulkId")
def bulk_get(call):
    return _bulk(call).details()


@handles("bulkIdOperations")
def bulk_operations(call):
    items = [o.answer() for o in _bulk(call).operations]
    return listed(call.operation, call.query, items, newest_first=False, max_limit=MAX_PAGE).answer("operations")


@handles("bulkIdExecute")
def bulk_execute(call):
    bulk = _bulk(call)
    bulks_backend(call.world).execute(bulk, call.require_session(), (call.body or {}).get("mode"))


@handles("bulkIdPause")
def bulk_pause(call):
    bulks_backend(call.world).pause(_bulk(call))


@handles("bulkIdResume")
def bulk_resume(call):
    bulks_backend(call.world).resume(_bulk(call))


@handles("bulkIdCancel")
def bulk_cancel(call):
    bulks_backend(call.world).cancel(_bulk(call))
