"""Domain steps for bulk processes: submit a named bulk (transfers, card actions, authorised users, or any
submission written out), execute, pause, resume and cancel it, let it run to its end, and check its state,
its counts and each operation's own outcome.

`"payroll"` names the bulk; `${payroll.id}` is its bulkId. "operation 2 of "payroll"" is the second
operation in sequence order.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from . import bulk_flows, flows, wire_transfer_flows
from .grammar import NAME, NAMES, ROLE, split_names

BULK = r'the bulk "(?P<name>[\w -]+)"'
BULK_STATES = "SUBMITTED|RUNNING|PAUSED|COMPLETED|PARTIALLY_COMPLETED|FAILED|CANCELLED"
# A bulk in one of these no longer changes, so two reads of it agree.
FINAL_STATES = ("COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED")
OPERATION_STATES = "SUBMITTED|RUNNING|COMPLETED|FAILED|CANCELLED"
CARD_ACTIONS = {"block": "block", "unblock": "unblock", "remove": "remove"}


def _bulk(ctx, name):
    return ctx.resource(name, bulk_flows.KIND)


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} of transfers of (?P<amounts>\d+(?:, \d+)*) '
                 rf'(?P<currency>[A-Z]{{3}}) from "(?P<source>[\w -]+)" to "(?P<destination>[\w -]+)"$'))
def submits_transfers(ctx, role, name, amounts, currency, source, destination):
    """When the corporate submits a bulk "payroll" of transfers of 100, 600, 50 EUR from "savings" to "spending"

    POST /bulks/transfers with one transfer per amount, in that order; the answer is kept and, on a 201, the bulk named.
    """
    items = bulk_flows.transfer_items(ctx, ctx.resource(source), ctx.resource(destination),
                                      [int(a) for a in amounts.split(", ")], currency)
    bulk_flows.submit(ctx, ctx.actor(role), name, "POST", "/bulks/transfers", items)


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} of (?P<count>\d+) transfers of (?P<amount>\d+) '
                 rf'(?P<currency>[A-Z]{{3}}) from "(?P<source>[\w -]+)" to "(?P<destination>[\w -]+)"$'))
def submits_many_transfers(ctx, role, name, count, amount, currency, source, destination):
    """When the corporate submits a bulk "payroll" of 150 transfers of 1 EUR from "savings" to "spending"

    POST /bulks/transfers with that many equal transfers; the answer is kept and, on a 201, the bulk named.
    """
    items = bulk_flows.transfer_items(ctx, ctx.resource(source), ctx.resource(destination),
                                      [int(amount)] * int(count), currency)
    bulk_flows.submit(ctx, ctx.actor(role), name, "POST", "/bulks/transfers", items)


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} of sends of (?P<amounts>\d+(?:, \d+)*) '
                 rf'(?P<currency>[A-Z]{{3}}) from "(?P<source>[\w -]+)" to "(?P<destination>[\w -]+)"$'))
def submits_sends(ctx, role, name, amounts, currency, source, destination):
    """When the corporate submits a bulk "payouts" of sends of 2000, 500 EUR from "savings" to "wallet"

    POST /bulks/sends with one send per amount, in that order, from the actor's instrument to another identity's
    (the sends profile); the answer is kept and, on a 201, the bulk named.
    """
    items = [{"requestBody": bulk_flows.send_body(ctx, ctx.resource(source), ctx.resource(destination), int(a), currency)}
             for a in amounts.split(", ")]
    bulk_flows.submit(ctx, ctx.actor(role), name, "POST", "/bulks/sends", items)


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} to (?P<action>block|unblock|remove) the cards {NAMES}$'))
def submits_card_actions(ctx, role, name, action, names):
    """When the corporate submits a bulk "freeze" to block the cards "travel", "fuel"

    POST /bulks/managed_cards/_id_/block (or unblock, remove) with one item per named card, in that order.
    """
    cards = [ctx.resource(n, "managed_cards") for n in split_names(names)]
    bulk_flows.submit(ctx, ctx.actor(role), name, "POST", f"/bulks/managed_cards/_id_/{CARD_ACTIONS[action]}",
                      bulk_flows.card_items(cards))


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} of spend rules on the cards {NAMES} with:$'))
def submits_spend_rules(ctx, role, name, names, docstring):
    """When the corporate submits a bulk "rules" of spend rules on the cards "travel", "fuel" with:
        {"allowedMerchantCategories": ["5411"]}

    PATCH /bulks/managed_cards/_id_/spend_rules: the same spend rules (JSON, placeholders filled) for each named card.
    """
    cards = [ctx.resource(n, "managed_cards") for n in split_names(names)]
    bulk_flows.submit(ctx, ctx.actor(role), name, "PATCH", "/bulks/managed_cards/_id_/spend_rules",
                      bulk_flows.card_items(cards, ctx.fill_json(docstring)))


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} of (?P<count>\d+) new authorised users$'))
def submits_users(ctx, role, name, count):
    """When the corporate submits a bulk "team" of 3 new authorised users

    POST /bulks/users with that many fresh users (unique emails); the answer is kept and, on a 201, the bulk named.
    """
    bulk_flows.submit(ctx, ctx.actor(role), name, "POST", "/bulks/users", bulk_flows.user_items(int(count)))


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} inviting the (?P<users>[\w ]+?(?:, the [\w ]+?)*)$'))
def submits_invites(ctx, role, name, users):
    """When the corporate submits a bulk "invites" inviting the first user, the second user

    POST /bulks/users/_user_id_/invite with one item per authorised user named (actors created earlier).
    """
    items = [{"pathParams": {"_user_id_": ctx.actor(u).user_id}} for u in users.split(", the ")]
    bulk_flows.submit(ctx, ctx.actor(role), name, "POST", "/bulks/users/_user_id_/invite", items)


@when(parsers.re(rf'the {ROLE} submits a bulk {NAME} to (?P<method>POST|PATCH) "(?P<path>/bulks/[^"]+)" with:$'))
def submits_written(ctx, role, name, method, path, docstring):
    """When the corporate submits a bulk "sends" to POST "/bulks/sends" with:
        [{"requestBody": {"profileId": "${profile.sends}", ...}}]

    Any bulk submission, its items written out as JSON (placeholders filled); on a 201 the bulk is named.
    """
    bulk_flows.submit(ctx, ctx.actor(role), name, method, path, ctx.fill_json(docstring))


def _mode_key(name: str) -> str:
    return f"execution mode of the bulk {name}"


@when(parsers.re(rf'the {ROLE} executes {BULK}(?: (?P<mode>stopping at the first failure|continuing past failures))?$'))
def executes(ctx, role, name, mode):
    """When the corporate executes the bulk "payroll" stopping at the first failure

    POST /bulks/{id}/execute, with mode ON_FAILURE_STOP ("stopping at the first failure"), ON_FAILURE_CONTINUE ("continuing past failures") or none.
    """
    modes = {"stopping at the first failure": "ON_FAILURE_STOP", "continuing past failures": "ON_FAILURE_CONTINUE"}
    answer = bulk_flows.manage(ctx, ctx.actor(role), _bulk(ctx, name), "execute", modes.get(mode))
    if mode and answer.status == 204:
        # The mode sent is read back with the bulk's state (`the bulk ... is COMPLETED`).
        ctx.remember(_mode_key(name), modes[mode])


@when(parsers.re(rf'the {ROLE} (?P<action>pauses|resumes|cancels) {BULK}$'))
def manages(ctx, role, action, name):
    """When the corporate pauses the bulk "payroll"

    POST /bulks/{id}/pause (or resume, cancel) as the role; the answer is kept for Then steps.
    """
    bulk_flows.manage(ctx, ctx.actor(role), _bulk(ctx, name), {"pauses": "pause", "resumes": "resume",
                                                               "cancels": "cancel"}[action])


@when(parsers.re(rf'{BULK} runs to its end$'))
def runs_to_end(ctx, name):
    """When the bulk "payroll" runs to its end

    Waits for a final state: the emulator's clock is moved on in small steps (its bulks run on that clock); the live sandbox is polled, up to 5 minutes.
    """
    bulk_flows.run_to_end(ctx, _bulk(ctx, name))


@when(parsers.re(rf'the {ROLE} reads the bulks(?: that are (?P<status>{BULK_STATES}))?$'))
def reads_bulks(ctx, role, status):
    """When the corporate reads the bulks that are COMPLETED

    GET /bulks (filtered by status when one is given); the answer is kept for Then steps.
    """
    ctx.call("GET", "/bulks", as_actor=ctx.actor(role), params={"status": status} if status else None)


@when(parsers.re(rf'the {ROLE} reads {BULK}$'))
def reads_bulk(ctx, role, name):
    """When the corporate B reads the bulk "payroll"

    GET /bulks/{id} as the role (another identity's bulk is not theirs to read); the answer is kept.
    """
    ctx.call("GET", f"/bulks/{_bulk(ctx, name).id}", as_actor=ctx.actor(role))


@then(parsers.re(rf'{BULK} is (?P<status>{BULK_STATES})$'))
def bulk_is(ctx, name, status):
    """Then the bulk "payroll" is COMPLETED

    Reads the bulk back as its owner: its status, the mode it was executed with when a step named one; a final
    one carries its execution times, a SUBMITTED one none.
    """
    body = bulk_flows.read(ctx, _bulk(ctx, name))
    assert body["status"] == status, f"the bulk {name!r} is {body['status']}, expected {status}: {body}"
    if _mode_key(name) in ctx.values:
        assert body.get("mode") == ctx.values[_mode_key(name)], f"the bulk {name!r} runs in {body.get('mode')!r}, " \
                                                                f"executed with {ctx.values[_mode_key(name)]}"
    assert body["bulkId"] == _bulk(ctx, name).id, body
    if status in ("COMPLETED", "PARTIALLY_COMPLETED", "FAILED"):
        assert body["executionFinish"] >= body["executionStart"], body
    if status == "SUBMITTED":
        assert "executionStart" not in body, f"a submitted bulk has started: {body}"


@then(parsers.re(rf'{BULK} holds (?P<count>\d+) operations? of "(?P<path>[^"]+)"$'))
def bulk_holds(ctx, name, count, path):
    """Then the bulk "payroll" holds 3 operations of "/transfers"

    The bulk as read back: how many operations were submitted, and the single operation they run as.
    """
    body = bulk_flows.read(ctx, _bulk(ctx, name))
    assert body["submittedItemsCount"] == int(count), body
    assert body["operation"] == path, f"the bulk {name!r} runs {body['operation']!r}, expected {path!r}"


@then(parsers.re(rf'{BULK} counts (?P<expected>\d+ (?:{OPERATION_STATES})(?:, \d+ (?:{OPERATION_STATES}))*)$'))
def bulk_counts(ctx, name, expected):
    """Then the bulk "payroll" counts 2 COMPLETED, 1 FAILED

    The bulk's operationStatusCounts, exactly: every status named with its count, and no other status.
    """
    wanted = {status: int(count) for count, status in (part.split(" ") for part in expected.split(", "))}
    body = bulk_flows.read(ctx, _bulk(ctx, name))
    assert bulk_flows.counts(body) == wanted, f"the bulk {name!r} counts {body.get('operationStatusCounts')}"


@then(parsers.re(rf'operation (?P<position>\d+) of "(?P<name>[\w -]+)" (?:is|was) (?P<status>{OPERATION_STATES})'
                 r'(?: with "?(?P<code>[A-Z_]+)"?)?$'))
def operation_is(ctx, position, name, status, code):
    """Then operation 2 of "payroll" was FAILED with FUNDS_INSUFFICIENT

    The bulk's operation at that position in sequence order: its status and, with a code, the errorCode of its response.
    """
    op = bulk_flows.operation(ctx, _bulk(ctx, name), int(position))
    assert op["status"] == status, f"operation {position} of {name!r} is {op['status']}, expected {status}: {op}"
    if code:
        answer = bulk_flows.payload(op, "responsePayload")
        assert answer.get("errorCode") == code, f"operation {position} of {name!r} answered {answer}, expected {code}"


@then(parsers.re(r'operation (?P<position>\d+) of "(?P<name>[\w -]+)" made the '
                 r'(?P<kind>transfer|send|user|wire transfer) "(?P<made>[\w -]+)"$'))
def operation_made(ctx, position, name, kind, made):
    """Then operation 1 of "payroll" made the transfer "salary 1"

    The operation COMPLETED, and its response names what it made (a transfer, send, user or wire transfer): kept
    under the new name, so the single operation's steps can read it (`the transfer "salary 1" is COMPLETED`).
    """
    bulk = _bulk(ctx, name)
    op = bulk_flows.operation(ctx, bulk, int(position))
    assert op["status"] == "COMPLETED", f"operation {position} of {name!r} is {op['status']}: {op}"
    answer = bulk_flows.payload(op, "responsePayload")
    assert answer.get("id"), f"operation {position} of {name!r} answered no id: {answer}"
    kind = {"transfer": "transfers", "send": "sends", "user": "users", "wire transfer": wire_transfer_flows.KIND}[kind]
    ctx.remember_resource(made, kind, ctx.actor(bulk.owner), answer)
    if kind == wire_transfer_flows.KIND:
        wire_transfer_flows.remember_request(ctx, made, bulk_flows.payload(op, "requestPayload"))


@then(parsers.re(rf'the operations of "(?P<name>[\w -]+)" that are (?P<status>{OPERATION_STATES}) are '
                 r'(?P<positions>\d+(?:, \d+)*)$'))
def operations_with_status(ctx, name, status, positions):
    """Then the operations of "payroll" that are FAILED are 2, 4

    Reads the operations filtered by status: exactly those positions (in sequence order) come back.
    """
    bulk = _bulk(ctx, name)
    every = bulk_flows.operations(ctx, bulk)
    picked = {o["operationId"] for o in bulk_flows.operations(ctx, bulk, status)}
    found = [i for i, o in enumerate(every, start=1) if o["operationId"] in picked]
    assert found == [int(p) for p in positions.split(", ")], f"{status} operations of {name!r}: {found}"


@then(parsers.re(r'the bulks read (?P<negated>do not )?include "(?P<name>[\w -]+)"$'))
def bulks_include(ctx, negated, name):
    """Then the bulks read do not include "payroll"

    The last GET /bulks answer lists the named bulk (or, with `do not`, does not), its responseCount being the
    bulks it lists. A bulk listed is the same bulk as read on its own right after (GET /bulks/{id}): its status
    (only a RUNNING bulk may have ended in between) and, once final, its operation, counts and execution times.
    """
    body = flows.expect(ctx.response(), 200, "reading the bulks").body
    bulk = _bulk(ctx, name)
    processes = body.get("bulkProcesses", [])
    assert body.get("responseCount") == len(processes), f"responseCount {body.get('responseCount')}, lists {len(processes)}"
    listed = {b["bulkId"]: b for b in processes}
    assert (bulk.id in listed) != bool(negated), f"bulks read: {list(listed)}"
    if negated:
        return
    with ctx.aside():  # later steps still read the list's answer
        single = bulk_flows.read(ctx, bulk)
    status = listed[bulk.id]["status"]
    # A bulk changes state on its own only from RUNNING to a final state; any other change needs a call.
    assert status == single["status"] or (status == "RUNNING" and single["status"] in FINAL_STATES), (
        f"the bulk {name!r} is listed {status}, read on its own {single['status']}")
    if status in FINAL_STATES:
        # the list's items carry no operationStatusCounts: every other field of the bulk is compared
        differ = {k: (listed[bulk.id].get(k), v) for k, v in single.items()
                  if k != "operationStatusCounts" and listed[bulk.id].get(k) != v}
        assert not differ, f"the bulk {name!r} listed and read on its own differs (listed, read): {differ}"
