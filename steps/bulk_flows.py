"""Bulk process flows: submit a bulk of operations, manage it, wait for its end and read its operations.

Plain functions, so any step module may use them. A bulk named in the scenario becomes a resource of kind
`bulks` whose id is the `bulkId` (`${payroll.id}`); its operations are read in sequence order, and "operation
2" is the second of them, whatever number the target's `sequence` starts from.
"""
from __future__ import annotations

import json
import re
import time

from support.driver import bulks, instrument, sends

from . import flows, transfer_flows, user_flows
from .context import Actor, Resource

KIND = "bulks"
FINAL = ("COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED")
# The emulator runs a bulk in ticks on its clock (emulator/areas/bulks/choices.md); each wait moves it this far.
CLOCK_STEP_SECONDS = 5
# A bulk of 10,000 operations, the most a submission holds, ends within 500 s of the emulator's clock.
CLOCK_LIMIT_SECONDS = 600
# The live sandbox runs a bulk on its own: poll it, within a bound.
POLL_SECONDS, POLL_LIMIT_SECONDS = 2, 300
MAX_PAGE = 100
# `_id_` in a bulk submission's path names the single operation's `{id}`, filled from each item's pathParams.
_PATH_PARAMETER = re.compile(r"/(_\w+_)(?=/|$)")


def submit(ctx, actor: Actor, name: str, method: str, path: str, items: list):
    """Submit the items; on a 201 the bulk is named, its body being the submission's answer, which counts
    one operation per item submitted. The submission is kept: its bulk's reads and operations are checked
    against it."""
    response = bulks.submit(flows.api(ctx), actor.token, path, items, method)
    if response.status == 201:
        assert response.body.get("operationCount") == len(items), (
            f"the bulk {name!r} of {len(items)} items was answered as {response.body.get('operationCount')} operations")
        bulk = ctx.remember_resource(name, KIND, actor, {"id": response.body["bulkId"], **response.body})
        ctx.remember(_submission_key(bulk), {"method": method, "path": path, "items": items,
                                             "answered path": response.body.get("path")})
    return response


def _submission_key(bulk: Resource) -> str:
    return f"submission of the bulk {bulk.name}"


def _submission(ctx, bulk: Resource) -> dict | None:
    return ctx.values.get(_submission_key(bulk))


def single_path(path: str, path_params: dict | None) -> str:
    """The single operation an item of a submission to `path` runs as, its ids filled in:
    /bulks/managed_cards/_id_/block with {"_id_": "7"} runs POST /managed_cards/7/block."""
    return _PATH_PARAMETER.sub(lambda m: "/" + str((path_params or {})[m.group(1)]), path.removeprefix("/bulks"))


def transfer_items(ctx, source: Resource, destination: Resource, amounts: list[int], currency: str) -> list:
    return [{"pathParams": {}, "requestBody": transfer_flows.transfer_body(ctx, source, destination, amount, currency)}
            for amount in amounts]


def card_items(cards: list[Resource], body: dict | None = None) -> list:
    return [{"pathParams": {"_id_": card.id}, **({"requestBody": body} if body is not None else {})} for card in cards]


def user_items(count: int) -> list:
    return [{"pathParams": {}, "requestBody": user_flows.authorised_user_body()} for _ in range(count)]


def manage(ctx, actor: Actor, bulk: Resource, action: str, mode: str | None = None):
    return bulks.manage(flows.api(ctx), actor.token, bulk.id, action, mode)


def read(ctx, bulk: Resource) -> dict:
    body = flows.expect(ctx.call("GET", f"/bulks/{bulk.id}", as_actor=ctx.actor(bulk.owner)), 200,
                        f"reading the bulk {bulk.name!r}").body
    submitted = _submission(ctx, bulk)
    if submitted:
        # both name the single operation the bulk runs as: the submission's answer and the bulk itself.
        assert body.get("operation") == submitted["answered path"], (
            f"the bulk {bulk.name!r} runs {body.get('operation')!r}, its submission answered {submitted['answered path']!r}")
    bulk.body = body
    return body


def run_to_end(ctx, bulk: Resource) -> dict:
    """Wait until the bulk reaches a final state: on the emulator by moving its clock (keeping the owner's
    token alive by the reads between), on the live sandbox by polling."""
    emulator = ctx.target.settings.is_emulator
    deadline, clock_moved = time.monotonic() + POLL_LIMIT_SECONDS, 0
    body = read(ctx, bulk)
    while body["status"] not in FINAL:
        assert body["status"] != "PAUSED", f"the bulk {bulk.name!r} is PAUSED: it cannot end until resumed"
        if emulator:
            # Bounded by the emulator's clock alone: a busy machine runs the same steps, only slower.
            assert clock_moved < CLOCK_LIMIT_SECONDS, (
                f"the bulk {bulk.name!r} did not end within {CLOCK_LIMIT_SECONDS} s of the emulator's clock: {body}")
            ctx.target.control("POST", "/clock", {"advanceSeconds": CLOCK_STEP_SECONDS})
            clock_moved += CLOCK_STEP_SECONDS
        else:
            assert time.monotonic() < deadline, f"the bulk {bulk.name!r} did not end within {POLL_LIMIT_SECONDS} s: {body}"
            time.sleep(POLL_SECONDS)
        body = read(ctx, bulk)
    return body


def operations(ctx, bulk: Resource, status: str | None = None) -> list[dict]:
    """Every operation of the bulk, page by page, in sequence order."""
    found, offset = [], 0
    while True:
        params = {"offset": offset, "limit": MAX_PAGE, **({"status": status} if status else {})}
        page = flows.expect(ctx.call("GET", f"/bulks/{bulk.id}/operations", as_actor=ctx.actor(bulk.owner),
                                     params=params), 200, f"reading the operations of {bulk.name!r}").body
        listed = page.get("operations", [])
        assert page.get("responseCount") == len(listed), (
            f"a page of {bulk.name!r}'s operations answers responseCount {page.get('responseCount')}, lists {len(listed)}")
        found += listed
        offset += MAX_PAGE
        if offset >= page["count"]:
            # count is every operation matching, over all pages: it must equal what the pages returned.
            assert len(found) == page["count"], f"{bulk.name!r} counts {page['count']} operations, lists {len(found)}"
            found.sort(key=lambda o: o["sequence"])
            submission = _submission(ctx, bulk) if status is None else None
            if submission:
                _check_against_submission(bulk, found, submission)
            return found


def _check_against_submission(bulk: Resource, found: list[dict], submitted: dict) -> None:
    """Every operation is an item as submitted, in order: consecutive positions (whatever the first one is),
    the single operation's method and path with the item's ids, and the item's body as its requestPayload."""
    items = submitted["items"]
    assert len(found) == len(items), f"{bulk.name!r} lists {len(found)} operations, {len(items)} were submitted"
    sequences = [o["sequence"] for o in found]
    assert not found or sequences == list(range(sequences[0], sequences[0] + len(found))), (
        f"{bulk.name!r}'s operations are not at consecutive positions: {sequences}")
    for position, (op, item) in enumerate(zip(found, items), start=1):
        wrong = []
        if op.get("method") != submitted["method"]:
            wrong.append(f"method {op.get('method')!r}, expected {submitted['method']!r}")
        try:
            path = single_path(submitted["path"], item.get("pathParams"))
        except KeyError:
            path = None  # an item missing its id fails when it runs; where it would have run is not promised
        if path is not None and op.get("path") != path:
            wrong.append(f"path {op.get('path')!r}, expected {path!r}")
        if isinstance(item.get("requestBody"), dict) and payload(op, "requestPayload") != item["requestBody"]:
            wrong.append(f"requestPayload {op.get('requestPayload')!r}, submitted {item['requestBody']}")
        assert not wrong, f"operation {position} of {bulk.name!r} is not the item submitted: {'; '.join(wrong)}"


def operation(ctx, bulk: Resource, position: int) -> dict:
    listed = operations(ctx, bulk)
    assert 1 <= position <= len(listed), f"the bulk {bulk.name!r} has {len(listed)} operations, not {position}"
    return listed[position - 1]


def payload(op: dict, key: str) -> dict:
    text = op.get(key)
    assert text is not None, f"operation {op.get('sequence')} has no {key}: {op}"
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise AssertionError(f"operation {op.get('sequence')}'s {key} is not JSON: {text!r}") from None


def counts(body: dict) -> dict:
    return {c["status"]: c["count"] for c in body.get("operationStatusCounts", []) if c.get("count")}


def send_body(ctx, source: Resource, destination: Resource, amount: int, currency: str) -> dict:
    return sends.send_body(flows.api(ctx), instrument(source.kind, source.id),
                           instrument(destination.kind, destination.id), amount, currency)


def deprecated_create(ctx, actor: Actor, kind: str, items: list, name: str):
    """POST /<kind>/bulk/create (deprecated; no schema): on a 200 each item answered is named "<name> N"."""
    key = {"sends": "sends", "outgoing_wire_transfers": "outgoingWireTransfers"}[kind]
    response = ctx.call("POST", f"/{kind}/bulk/create", as_actor=actor, json={key: items})
    if response.status == 200:
        for position, made in enumerate(response.body[key], start=1):
            ctx.remember_resource(f"{name} {position}", kind, actor, made)
    return response
