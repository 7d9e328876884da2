"""Bulk process flows: submit a bulk of operations, manage it, wait for its end and read its operations.

Plain functions, so any step module may use them. A bulk named in the scenario becomes a resource of kind
`bulks` whose id is the `bulkId` (`${payroll.id}`); its operations are read in sequence order, and "operation
2" is the second of them, whatever number the target's `sequence` starts from.
"""
from __future__ import annotations

import json
import time

from . import flows, transfer_flows, user_flows
from .context import Actor, Resource

KIND = "bulks"
FINAL = ("COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED")
# The emulator runs a bulk in ticks on its clock (emulator/choices/bulks.md); each wait moves it this far.
CLOCK_STEP_SECONDS = 5
# The live sandbox runs a bulk on its own: poll it, within a bound.
POLL_SECONDS, POLL_LIMIT_SECONDS = 2, 300
MAX_PAGE = 100


def submit(ctx, actor: Actor, name: str, method: str, path: str, items: list):
    """Submit the items; on a 201 the bulk is named, its body being the submission's answer, which counts
    one operation per item submitted."""
    response = ctx.call(method, path, as_actor=actor, json=items)
    if response.status == 201:
        assert response.body.get("operationCount") == len(items), (
            f"the bulk {name!r} of {len(items)} items was answered as {response.body.get('operationCount')} operations")
        ctx.remember_resource(name, KIND, actor, {"id": response.body["bulkId"], **response.body})
    return response


def transfer_items(ctx, source: Resource, destination: Resource, amounts: list[int], currency: str) -> list:
    return [{"pathParams": {}, "requestBody": transfer_flows.transfer_body(ctx, source, destination, amount, currency)}
            for amount in amounts]


def card_items(cards: list[Resource], body: dict | None = None) -> list:
    return [{"pathParams": {"_id_": card.id}, **({"requestBody": body} if body is not None else {})} for card in cards]


def user_items(count: int) -> list:
    return [{"pathParams": {}, "requestBody": user_flows.authorised_user_body()} for _ in range(count)]


def manage(ctx, actor: Actor, bulk: Resource, action: str, mode: str | None = None):
    body = ({"mode": mode} if mode else {}) if action == "execute" else None
    return ctx.call("POST", f"/bulks/{bulk.id}/{action}", as_actor=actor, json=body)


def read(ctx, bulk: Resource) -> dict:
    body = flows.expect(ctx.call("GET", f"/bulks/{bulk.id}", as_actor=ctx.actor(bulk.owner)), 200,
                        f"reading the bulk {bulk.name!r}").body
    bulk.body = body
    return body


def run_to_end(ctx, bulk: Resource) -> dict:
    """Wait until the bulk reaches a final state: on the emulator by moving its clock (keeping the owner's
    token alive by the reads between), on the live sandbox by polling."""
    emulator = ctx.target.settings.is_emulator
    deadline = time.monotonic() + POLL_LIMIT_SECONDS
    body = read(ctx, bulk)
    while body["status"] not in FINAL:
        assert body["status"] != "PAUSED", f"the bulk {bulk.name!r} is PAUSED: it cannot end until resumed"
        assert time.monotonic() < deadline, f"the bulk {bulk.name!r} did not end within {POLL_LIMIT_SECONDS} s: {body}"
        if emulator:
            ctx.target.control("POST", "/clock", {"advanceSeconds": CLOCK_STEP_SECONDS})
        else:
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
        found += page.get("operations", [])
        offset += MAX_PAGE
        if offset >= page["count"]:
            # count is every operation matching, over all pages: it must equal what the pages returned.
            assert len(found) == page["count"], f"{bulk.name!r} counts {page['count']} operations, lists {len(found)}"
            return sorted(found, key=lambda o: o["sequence"])


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
    return {"profileId": ctx.target.settings.profile("sends"), "source": {"type": source.kind, "id": source.id},
            "destination": {"type": destination.kind, "id": destination.id},
            "destinationAmount": {"currency": currency, "amount": amount}}


def deprecated_create(ctx, actor: Actor, kind: str, items: list, name: str):
    """POST /<kind>/bulk/create (deprecated; no schema): on a 200 each item answered is named "<name> N"."""
    key = {"sends": "sends", "outgoing_wire_transfers": "outgoingWireTransfers"}[kind]
    response = ctx.call("POST", f"/{kind}/bulk/create", as_actor=actor, json={key: items})
    if response.status == 200:
        for position, made in enumerate(response.body[key], start=1):
            ctx.remember_resource(f"{name} {position}", kind, actor, made)
    return response
