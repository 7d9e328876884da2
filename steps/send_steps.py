"""Domain steps for sends: money from an instrument of one identity to another identity's instrument,
directly or through a trusted payee, at once, after a confirmation challenge, or scheduled; cancel; state.

Amounts are minor units ("2000 EUR" is EUR 20.00). `as "rent"` names the send; later steps say
`the send "rent"` or `${rent.id}`. The destination may read `to the consumer's account "wallet"` or just
`to "wallet"`: the name alone picks the instrument.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from support.grounding import assumed

from . import flows, send_flows, transfer_flows
from .grammar import AS, MONEY, ROLE

FROM_TO = r'from "(?P<source>[\w -]+)" to (?:the [\w ]+?\'s (?:account|card) )?"(?P<destination>[\w -]+)"'
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
STATES = "INVALID|INITIALISED|COMPLETED|REJECTED|FAILED|PENDING_CHALLENGE|PENDING|APPROVED|RETURNED|SCHEDULED|CANCELLED"


def _send(ctx, role, source, destination, amount, currency, name, **extra):
    return send_flows.send(ctx, ctx.actor(role), ctx.resource(source),
                           send_flows.instrument(ctx.resource(destination)), int(amount), currency, name, **extra)


@when(parsers.re(rf"the {ROLE} sends {MONEY} {FROM_TO}{AS}$"))
def sends(ctx, role, amount, currency, source, destination, name):
    """When the corporate sends 2000 EUR from "savings" to the consumer's account "wallet" as "rent"

    Creates a send from the role's named instrument to another identity's named instrument; the answer is kept and, on a 200, named.
    """
    _send(ctx, role, source, destination, amount, currency, name)


@when(parsers.re(rf'the {ROLE} sends {MONEY} {FROM_TO} tagged "(?P<tag>[\w-]+)" with the description '
                 rf'"(?P<description>[^"]*)"{AS}$'))
def sends_described(ctx, role, amount, currency, source, destination, tag, description, name):
    """When the corporate sends 2000 EUR from "savings" to the consumer's account "wallet" tagged "rent" with the description "March rent" as "rent"

    As the plain send, with a tag and a description.
    """
    _send(ctx, role, source, destination, amount, currency, name, tag=tag, description=description)


@when(parsers.re(rf'the {ROLE} sends {MONEY} {FROM_TO} with the idempotency reference "(?P<ref>[\w-]+)"{AS}$'))
def sends_idempotently(ctx, role, amount, currency, source, destination, ref, name):
    """When the corporate sends 500 EUR from "savings" to "wallet" with the idempotency reference "r1" as "tip"

    Sends header `idempotency-ref`: the scenario's name for it stands for a value unique to this run.
    """
    _send(ctx, role, source, destination, amount, currency, name,
          idempotency_ref=transfer_flows.idempotency_ref(ctx, ref))


@when(parsers.re(rf"the {ROLE} schedules a send of {MONEY} {FROM_TO} (?P<count>-?\d+) "
                 rf"(?P<unit>second|minute|hour|day)s? from now{AS}$"))
def schedules_send(ctx, role, amount, currency, source, destination, count, unit, name):
    """When the corporate schedules a send of 500 EUR from "savings" to "wallet" 2 minutes from now as "later"

    Sends `scheduledTimestamp` that far from the target's clock (a negative count is in the past).
    """
    at = transfer_flows.target_now_ms(ctx) + int(count) * UNIT_SECONDS[unit] * 1000
    _send(ctx, role, source, destination, amount, currency, name, scheduledTimestamp=str(at))


@when(parsers.re(rf'the {ROLE} sends {MONEY} from "(?P<source>[\w -]+)" to the payee "(?P<payee>[\w -]+)"{AS}$'))
def sends_to_payee(ctx, role, amount, currency, source, payee, name):
    """When the corporate sends 5000 EUR from "savings" to the payee "mia" as "gift"

    Names the destination by the payee's id (`{"beneficiaryId": ...}`).
    """
    beneficiary = ctx.resource(payee, "beneficiaries")
    send_flows.send(ctx, ctx.actor(role), ctx.resource(source), {"beneficiaryId": beneficiary.id}, int(amount),
                    currency, name)


@when(parsers.re(rf'the {ROLE} cancels the send "(?P<name>[\w -]+)"(?: because "(?P<reason>[\w -]+)")?$'))
def cancels_send(ctx, role, name, reason):
    """When the corporate cancels the send "later" because "changed plans"

    POST /sends/{id}/cancel, with the reason when one is given; the answer is kept.
    """
    body = {"cancellationReason": reason} if reason else None
    ctx.call("POST", f"/sends/{ctx.resource(name, 'sends').id}/cancel", as_actor=ctx.actor(role), json=body)


@then(parsers.re(rf'the send "(?P<name>[\w -]+)" is (?P<state>{STATES})$'))
def send_is(ctx, name, state):
    """Then the send "rent" is PENDING_CHALLENGE

    Reads the named send back as its owner and checks its state (an executed one carries its execution time, a
    waiting one none) and that it keeps what it was made with (amount, instruments, tag, description, times).
    """
    resource = ctx.resource(name, "sends")
    before = resource.body
    body = flows.expect(flows.read_resource(ctx, resource), 200, f"reading the send {name!r}").body
    transfer_flows.read_back_as_made(before, body, f"the send {name!r}")
    assert body["state"] == state, f"the send {name!r} is {body['state']}, expected {state}: {body}"
    if state == "COMPLETED":
        assert int(body["executionTimestamp"]) >= body["creationTimestamp"], body
    if state in ("PENDING_CHALLENGE", "SCHEDULED", "CANCELLED"):
        assert "executionTimestamp" not in body, f"a send that has not run carries an execution time: {body}"


@then(parsers.re(r'the send "(?P<name>[\w -]+)" (?:is exempt from the challenge as (?P<reason>LOW_VALUE|TRUSTED_BENEFICIARY)'
                 r'|(?P<needs>needs a challenge))$'))
def send_exemption(ctx, name, reason, needs):
    """Then the send "tip" is exempt from the challenge as LOW_VALUE

    Reads the send: its `challengeExemptionReason` is the one named, or absent (`the send "rent" needs a challenge`).
    """
    resource = ctx.resource(name, "sends")
    body = flows.expect(flows.read_resource(ctx, resource), 200, f"reading the send {name!r}").body
    check = f"the send {name!r} has exemption {body.get('challengeExemptionReason')!r}, expected {reason!r}: {body}"
    if reason == "TRUSTED_BENEFICIARY":
        assert body.get("challengeExemptionReason") == reason, check
        return
    # Whether an amount is low enough to skip the challenge is the programme's threshold.
    with assumed("sends.md#challenge-threshold", what=f"the challenge exemption of the send {name!r}",
                 expected=reason, observed=body.get("challengeExemptionReason")):
        assert body.get("challengeExemptionReason") == reason, check


@then(parsers.re(rf'the send "(?P<name>[\w -]+)" moved {MONEY} with fees of (?P<source_fee>\d+) and '
                 rf'(?P<destination_fee>\d+)$'))
def send_amounts(ctx, name, amount, currency, source_fee, destination_fee):
    """Then the send "rent" moved 2000 EUR with fees of 0 and 0

    The send's destinationAmount and transactionAmount are the amount, sourceFee and destinationFee the two fees.
    """
    body = flows.expect(flows.read_resource(ctx, ctx.resource(name, "sends")), 200, f"reading the send {name!r}").body
    money = lambda value: {"currency": currency, "amount": int(value)}  # noqa: E731
    moved = {"destinationAmount": money(amount)}
    assert {k: body.get(k) for k in moved} == moved, body
    # The fees are the send profile's (set in the portal), and the transaction amount follows from them.
    fees = {"transactionAmount": money(amount), "sourceFee": money(source_fee), "destinationFee": money(destination_fee)}
    with assumed("sends.md#fees", what=f"the fees of the send {name!r}", expected=fees,
                 observed={k: body.get(k) for k in fees}):
        assert {k: body.get(k) for k in fees} == fees, body
