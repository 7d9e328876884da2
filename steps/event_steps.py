"""Steps for the events Weavr posts as webhooks, taken by this worker's receiver (support/receiver.py).

An event is named by its webhook's operationId in the webhooks description, with or without `_watch`
("transfers", "managed_cards_state_change", "login", "bulk_process_end"). It is "for" a named resource when
that resource's id is the value of an `id` (or `...Id`) field anywhere in the event, and "for" an actor when
the actor's identity id, user id or email is. Its state is any `state`, `status`, `eventType` or `type`
value in it. Only events accepted since the scenario's `events are delivered to the receiver` count: verified
signatures, a body matching the event's schema, no duplicate. A refused delivery fails the next event step.

The programme's webhook URL is set by the suite only on the emulator: scenarios using these steps are
@emulator_only (the live sandbox's URL is set in its portal; see README).
"""
from __future__ import annotations

import json
import os
import time

import pytest
from pytest_bdd import given, parsers, then, when

from support.client import dig

EVENT = r'"(?P<event>[\w ]+)"'
SUBJECT = r'"(?P<subject>[\w -]+)"'
STATE_KEYS = ("state", "status", "eventType", "type")
# Loopback delivery takes milliseconds; this is the patience for a loaded machine.
WAIT_SECONDS = float(os.environ.get("WEAVR_EVENT_WAIT_SECONDS", "30"))


# -- where events go -----------------------------------------------------------------------------------------
@given("events are delivered to the receiver")
def events_to_receiver(ctx, receiver, request):
    """Given events are delivered to the receiver

    Points the emulator programme's webhook URL at this worker's receiver until the scenario ends; events of
    state changes from then on are posted to it, signed with the api-key. Put it first: earlier events are
    never delivered.
    """
    settings = ctx.target.settings
    # The suite starts one emulator per worker; only one started by hand is shared by the workers.
    if ctx.target.process is None and os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("one emulator shared by several workers has one webhook URL; run event scenarios without -n")
    receiver.api_key = settings.api_key
    ctx.target.control("POST", "/webhooks", {"url": receiver.url})
    ctx.events_since = time.monotonic()
    request.addfinalizer(lambda: ctx.target.control("POST", "/webhooks", {"url": None}))


@given(parsers.re(r"the receiver fails the next (?P<count>\d+) event deliver(?:y|ies)(?: with (?P<status>\d{3}))?$"))
def receiver_fails(ctx, receiver, count, status):
    """Given the receiver fails the next 2 event deliveries with 503

    The receiver answers that status (503 unless given) to the next deliveries instead of taking them, as a
    programme's server that is down; Weavr retries them later. Events of the steps before are delivered first.
    """
    _settle(ctx)
    receiver.fail_next(int(count), int(status or 503))


@when(parsers.re(rf"the emulator redelivers the last {EVENT} event for {SUBJECT}$"))
def redeliver(ctx, receiver, event, subject):
    """When the emulator redelivers the last "login" event for "corporate"

    Asks the emulator's control plane to post that event again (the real portal cannot); it carries the same
    request-ref, so the receiver must drop it as a duplicate.
    """
    found = _wait_for(ctx, receiver, lambda: _matching(ctx, receiver, event, subject), f"a {event} event")[-1]
    deliveries = ctx.target.control("GET", "/webhooks/deliveries")["deliveries"]
    (delivery,) = [d for d in deliveries if d["requestRef"] == found.request_ref]
    ctx.redelivered = found.request_ref
    ctx.target.control("POST", "/webhooks/redeliver", {"eventId": delivery["eventId"]})


# -- what Weavr's back office does (only the emulator's control plane can stand in for it) ---------------------
@when(parsers.re(r"the back office (?P<action>deactivates|reactivates) the (?P<role>[\w ]+?)"
                 r"(?: for (?P<reason>[A-Z_]+))?$"))
def back_office_identity(ctx, action, role, reason):
    """When the back office deactivates the corporate for ACCOUNT_REVIEW

    What Weavr's staff do from the back office (the API cannot): the identity and all its users become
    inactive (or active again); the reason is one of the webhook's IdentityDeactivatedReasonCode.
    """
    body = {"identityId": ctx.actor(role).identity_id, "active": action == "reactivates"}
    if reason:
        body["reasonCode"] = reason
    ctx.target.control("POST", "/identities/active", body)


@when(parsers.re(r'the back office credits (?P<amount>\d+) (?P<currency>[A-Z]{3}) to the managed account '
                 r'"(?P<name>[\w -]+)"$'))
def back_office_credit(ctx, amount, currency, name):
    """When the back office credits 700 EUR to the managed account "savings"

    A manual transaction by Weavr's back office: the amount (minor units) is credited to the account.
    """
    account = ctx.resource(name, "managed_accounts")
    assert account.body.get("currency") == currency, f"{name!r} holds {account.body.get('currency')}, not {currency}"
    ctx.target.control("POST", "/manual_transactions", {"managedAccountId": account.id, "amount": int(amount)})


# -- what arrives --------------------------------------------------------------------------------------------
@then(parsers.re(rf"an? {EVENT} event arrives for {SUBJECT}(?: with state (?P<state>[A-Z_]+))?$"))
def event_arrives(ctx, receiver, event, subject, state):
    """Then a "transfers" event arrives for "rent" with state COMPLETED

    Waits (up to WEAVR_EVENT_WAIT_SECONDS, 30 s) for an accepted event of that type naming the resource or
    actor, in that state when one is given.
    """
    _wait_for(ctx, receiver, lambda: [e for e in _matching(ctx, receiver, event, subject)
                                      if state is None or state in _states(e.body)],
              f"a {event} event for {subject!r}" + (f" with state {state}" if state else ""))


@then(parsers.re(rf"the events for {SUBJECT} arrive in this order: (?P<expected>.+)$"))
def events_in_order(ctx, receiver, subject, expected):
    """Then the events for "travel" arrive in this order: managed_cards_state_change BLOCKED, managed_cards_state_change ACTIVE

    Every accepted event naming the resource or actor, of the types the list names, oldest first: each item is
    an event name, optionally followed by the state it must carry. No other event of those types may come.
    """
    wanted = [item.strip().split() for item in expected.split(",")]
    types = {_type(ctx, receiver, parts[0]) for parts in wanted}

    def arrived():
        found = [e for e in _matching(ctx, receiver, None, subject) if e.type in types]
        return found if len(found) >= len(wanted) else []
    _wait_for(ctx, receiver, arrived, f"{len(wanted)} events for {subject!r}")
    # Once enough have come, the rest of what the emulator has to send is delivered too: an extra event still
    # on its way would otherwise pass unseen.
    _settle(ctx)
    found = arrived()
    shown = [f"{e.type} {sorted(_states(e.body))}" for e in found]
    assert len(found) == len(wanted), f"more events than expected for {subject!r}: {shown}"
    for event, parts in zip(found, wanted):
        assert event.type == _type(ctx, receiver, parts[0]) and all(s in _states(event.body) for s in parts[1:]), \
            f"the events for {subject!r} came as {shown}, not {expected}"


@then(parsers.re(rf"no (?:{EVENT} )?event arrives for {SUBJECT}$"))
def no_event(ctx, receiver, event, subject):
    """Then no "transfers" event arrives for "rent"

    Waits until the emulator has attempted every delivery it has, then checks that no accepted event (of that
    type, when named) names the resource or actor.
    """
    _settle(ctx)
    found = _matching(ctx, receiver, event, subject)
    assert not found, f"events arrived for {subject!r}: {[(e.type, e.body) for e in found]}"
    _no_refusals(ctx, receiver)


@then(parsers.re(rf"the last {EVENT} event for {SUBJECT} has:$"))
def last_event_has(ctx, receiver, event, subject, datatable):
    """Then the last "transfers" event for "rent" has:
        | field                      | value                 |
        | transfer.destination.id    | ${spending.id}        |
        | transfer.transactionAmount | {"currency": "EUR", "amount": "200"} |

    Each dotted field of the newest such event equals the value: JSON when it is an object, a list, a quoted
    string, true, false or null, or when the field holds a number; else text (webhooks carry most numbers as
    strings). Placeholders are filled first.
    """
    found = _wait_for(ctx, receiver, lambda: _matching(ctx, receiver, event, subject), f"a {event} event")[-1]
    for field, raw in datatable[1:]:
        actual = dig(found.body, field)
        expected = _value(ctx.fill(raw), number=isinstance(actual, (int, float)) and not isinstance(actual, bool))
        assert actual == expected, f"{found.type} field {field!r} is {actual!r}, not {expected!r}: {found.body}"


@then(parsers.re(r"the receiver dropped (?P<count>\d+) duplicates? of it$"))
def dropped_duplicates(ctx, receiver, count):
    """Then the receiver dropped 1 duplicate of it

    After a redelivery: the receiver acknowledged the event again but kept it once.
    """
    ref = ctx.redelivered
    assert ref is not None, 'no event was redelivered in this scenario: "When the emulator redelivers ..." first'
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and len(_duplicates(receiver, ref)) < int(count):
        time.sleep(0.05)
    assert len(_duplicates(receiver, ref)) == int(count), f"{len(_duplicates(receiver, ref))} duplicates dropped"
    assert len([e for e in receiver.events if e.request_ref == ref]) == 1


# -- helpers -------------------------------------------------------------------------------------------------
def _type(ctx, receiver, name: str) -> str:
    name = name.strip().replace(" ", "_")
    known = receiver.events_contract.by_id
    for candidate in (name, f"{name}_watch"):
        if candidate in known:
            return candidate
    raise AssertionError(f"no event {name!r} in the webhooks description; events: {', '.join(sorted(known))}")


def _ids(ctx, subject: str) -> set:
    if subject in ctx.resources:
        return {ctx.resources[subject].id}
    actor = ctx.actor(subject)
    return {v for v in (actor.identity_id, actor.user_id, actor.email) if v}


def _names(body, ids: set) -> bool:
    if isinstance(body, dict):
        for key, value in body.items():
            is_id = key == "id" or key.endswith("Id") or "email" in key.lower()
            if (is_id and isinstance(value, str) and value in ids) or _names(value, ids):
                return True
    elif isinstance(body, list):
        return any(_names(value, ids) for value in body)
    return False


def _states(body) -> set:
    found = set()
    if isinstance(body, dict):
        for key, value in body.items():
            if key in STATE_KEYS and isinstance(value, str):
                found.add(value)
            found |= _states(value)
    elif isinstance(body, list):
        for value in body:
            found |= _states(value)
    return found


def _matching(ctx, receiver, event, subject) -> list:
    since = ctx.events_since
    if since is None:
        raise AssertionError('no event is delivered in this scenario: start it with "Given events are delivered '
                             'to the receiver"')
    event_type = _type(ctx, receiver, event) if event else None
    ids = _ids(ctx, subject)
    return [e for e in receiver.events_of(event_type, since) if _names(e.body, ids)]


def _no_refusals(ctx, receiver) -> None:
    refused = receiver.refused(ctx.events_since or 0.0)
    assert not refused, "the receiver refused deliveries: " + "; ".join(
        f"{d.path}: {d.problems}" for d in refused[:3])


def _wait_for(ctx, receiver, find, what: str) -> list:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        _no_refusals(ctx, receiver)
        found = find()
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if not found:
        got = [(e.type, sorted(_states(e.body))) for e in receiver.events_of(None, ctx.events_since)]
        raise AssertionError(f"{what} did not arrive within {WAIT_SECONDS} s; this scenario's events: {got}")
    return found


def _settle(ctx) -> None:
    """Until the emulator has made every pending attempt, so that 'no event' is not just 'not yet'."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        deliveries = ctx.target.control("GET", "/webhooks/deliveries")["deliveries"]
        if not any(d["state"] == "PENDING" for d in deliveries):
            return
        time.sleep(0.05)


def _duplicates(receiver, ref: str) -> list:
    return [d for d in receiver.duplicates if d.headers.get("request-ref") == ref]


def _value(text: str, number: bool = False):
    # Webhook bodies carry ids and amounts mostly as strings, so a bare number stays text unless the field
    # holds a number; an object, a list, a quoted string, true, false or null is read as JSON.
    if text[:1] in "{[\"" or text in ("true", "false", "null") or number:
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text
