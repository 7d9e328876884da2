"""Steps for the four deprecated bulk operations Weavr documents without a schema (POST /sends/bulk/create,
/sends/bulk/cancel, /outgoing_wire_transfers/bulk/create, /outgoing_wire_transfers/bulk/cancel). With no schema
to check them against, the steps check what can be: the status, a JSON answer (the client's check), and that
each id answered reads back through the single operation with what was sent.

Each send or wire transfer a deprecated create answers is named "<name> 1", "<name> 2", ... in order.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from . import bulk_flows, flows, wire_transfer_flows
from .grammar import NAME, NAMES, ROLE, split_names

AMOUNTS = r"(?P<amounts>\d+(?:, \d+)*) (?P<currency>[A-Z]{3})"
DEFAULT_BENEFICIARY = "Ann Lee"
# What a read-back must repeat of what the deprecated create answered for each item.
READ_BACK = {"sends": ("id", "destinationAmount", "source", "destination", "profileId"),
             wire_transfer_flows.KIND: ("id", "transferAmount", "sourceInstrument", "profileId", "description", "type")}
KINDS = {"sends": "sends", "wire transfers": wire_transfer_flows.KIND}
ANSWER_KEYS = {"sends": "sends", wire_transfer_flows.KIND: "outgoingWireTransfers"}


@when(parsers.re(rf'the {ROLE} creates sends of {AMOUNTS} from "(?P<source>[\w -]+)" to the '
                 rf'(?P<other>[\w ]+?)\'s account "(?P<destination>[\w -]+)" in a deprecated bulk as {NAME}$'))
def creates_sends(ctx, role, amounts, currency, source, other, destination, name):
    """When the corporate creates sends of 2000, 3000 EUR from "savings" to the consumer's account "wallet" in a deprecated bulk as "legacy"

    POST /sends/bulk/create with one send per amount; on a 200 each send answered is named "<name> 1", "<name> 2", ...
    """
    items = [bulk_flows.send_body(ctx, ctx.resource(source), ctx.resource(destination), int(a), currency)
             for a in amounts.split(", ")]
    bulk_flows.deprecated_create(ctx, ctx.actor(role), "sends", items, name)


@when(parsers.re(rf'the {ROLE} creates wire transfers of {AMOUNTS} from "(?P<source>[\w -]+)" to IBAN '
                 rf'"(?P<iban>[A-Z0-9]+)" in a deprecated bulk as {NAME}$'))
def creates_wire_transfers(ctx, role, amounts, currency, source, iban, name):
    """When the corporate creates wire transfers of 3000, 2000 EUR from "savings" to IBAN "DE89370400440532013000" in a deprecated bulk as "legacy"

    POST /outgoing_wire_transfers/bulk/create with one wire transfer per amount to "Ann Lee", each described
    "<name> N"; on a 200 each one answered is named "<name> N", and what was sent is kept for reading it back.
    """
    source = ctx.resource(source, "managed_accounts")
    items = [{"profileId": ctx.target.settings.profile("outgoingWireTransfers"),
              "sourceInstrument": {"type": source.kind, "id": source.id},
              "transferAmount": {"currency": currency, "amount": int(amount)}, "description": f"{name} {position}",
              "destinationBeneficiary": {"name": DEFAULT_BENEFICIARY, "iban": iban}}
             for position, amount in enumerate(amounts.split(", "), start=1)]
    for position, item in enumerate(items, start=1):
        wire_transfer_flows.remember_request(ctx, f"{name} {position}", item)
    bulk_flows.deprecated_create(ctx, ctx.actor(role), wire_transfer_flows.KIND, items, name)


@when(parsers.re(rf'the {ROLE} cancels the (?P<kind>sends|wire transfers) {NAMES} in a deprecated bulk$'))
def cancels(ctx, role, kind, names):
    """When the corporate cancels the wire transfers "legacy 1", "legacy 2" in a deprecated bulk

    POST /sends/bulk/cancel (or /outgoing_wire_transfers/bulk/cancel) with the named ones, in that order; the
    answer is kept.
    """
    kind = KINDS[kind]
    ids = [ctx.resource(n, kind).id for n in split_names(names)]
    ctx.call("POST", f"/{kind}/bulk/cancel", as_actor=ctx.actor(role),
             json={"cancellations": [{"id": i, "cancellationReason": "changed plans"} for i in ids]})


@then(parsers.re(rf'the deprecated bulk answer holds the (?P<kind>sends|wire transfers) {NAMES} as they read back$'))
def answer_reads_back(ctx, kind, names):
    """Then the deprecated bulk answer holds the sends "legacy 1", "legacy 2" as they read back

    The last answer is JSON with one item per named send (or wire transfer), in order; each reads back by id
    through the single operation (GET /sends/{id}, GET /outgoing_wire_transfers/{id}) with what it answered.
    """
    kind = KINDS[kind]
    body = flows.expect(ctx.response(), 200, "the deprecated bulk create").body
    made = [ctx.resource(n, kind) for n in split_names(names)]
    answered = body[ANSWER_KEYS[kind]]
    assert [str(item["id"]) for item in answered] == [r.id for r in made], body
    for item, resource in zip(answered, made):
        read = flows.expect(flows.read_resource(ctx, resource), 200, f"reading {resource.name!r}").body
        for key in READ_BACK[kind]:
            assert read.get(key) == item.get(key), f"{resource.name!r} reads back {key} {read.get(key)}, answered {item.get(key)}"


@then(parsers.re(r'the deprecated cancellation of "(?P<name>[\w -]+)" is (?P<state>SUCCESS|ERROR)$'))
def cancellation_is(ctx, name, state):
    """Then the deprecated cancellation of "legacy 1" is ERROR

    Finds the named send's (or wire transfer's) item in the last deprecated bulk cancel answer (JSON, no schema
    published) and checks its state.
    """
    body = flows.expect(ctx.response(), 200, "the deprecated bulk cancel").body
    named = ctx.resource(name)
    found = [c for c in body["cancellations"] if str(c["id"]) == named.id]
    assert len(found) == 1 and found[0]["state"] == state, f"{name!r} in {body['cancellations']}"
