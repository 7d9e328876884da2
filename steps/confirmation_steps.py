"""Domain steps for confirmation challenges: one OTP or push challenge for a list of named sends (the
multiple-SCA endpoints), and the deprecated per-send challenges.

The sandbox's OTP is `${code}` (123456); `with the code "000000"` answers a wrong one. A push challenge
named here is answered by the Simulator with the auth steps' `the simulator answers the corporate's push
challenge "name" with verify_success`.
"""
from __future__ import annotations

from pytest_bdd import parsers, when

from . import flows, send_flows
from .grammar import NAMES, ROLE
from .send_flows import CODE, code_or_sandbox, named_ids


@when(parsers.re(rf"the {ROLE} confirms the sends? {NAMES} with an OTP{CODE}$"))
def confirms_sends(ctx, role, names, code):
    """When the corporate confirms the sends "rent", "rates" with an OTP

    One challenge (`POST /challenges/otp/SMS`) for all the named sends, verified with the sandbox code (or the code given); the verify answer is kept.
    """
    send_flows.confirm(ctx, ctx.actor(role), "sends", named_ids(ctx, names, "sends"), code_or_sandbox(ctx, code))


@when(parsers.re(rf'the {ROLE} starts an OTP challenge for the sends? {NAMES} as "(?P<name>[\w .-]+)"$'))
def starts_otp(ctx, role, names, name):
    """When the corporate starts an OTP challenge for the send "rent" as "rent challenge"

    `POST /challenges/otp/SMS`; the answer is kept and, on a 200, its scaChallengeId remembered under the name.
    """
    response = send_flows.challenge(ctx, ctx.actor(role), "sends", named_ids(ctx, names, "sends"))
    if response.status == 200:
        ctx.remember(name, response.body["scaChallengeId"])


@when(parsers.re(rf'the {ROLE} answers the challenge "(?P<name>[\w .-]+)"{CODE}$'))
def answers_challenge(ctx, role, name, code):
    """When the corporate answers the challenge "rent challenge" with the code "000000"

    Verifies the remembered confirmation challenge of sends with the sandbox code (or the code given); the answer is kept.
    """
    send_flows.verify(ctx, ctx.actor(role), "sends", ctx.lookup(name), code_or_sandbox(ctx, code))


@when(parsers.re(rf'the {ROLE} starts a push challenge for the sends? {NAMES} as "(?P<name>[\w .-]+)"$'))
def starts_push(ctx, role, names, name):
    """When the corporate starts a push challenge for the send "rent" as "rent push"

    `POST /challenges/push/AUTHY`; on a 200 its scaChallengeId is remembered for the Simulator step.
    """
    response = send_flows.challenge(ctx, ctx.actor(role), "sends", named_ids(ctx, names, "sends"), kind="push")
    if response.status == 200:
        ctx.remember(name, response.body["scaChallengeId"])


@when(parsers.re(rf'the {ROLE} confirms the send "(?P<name>[\w -]+)" on its own with an OTP{CODE}$'))
def confirms_one_send(ctx, role, name, code):
    """When the corporate confirms the send "rent" on its own with an OTP

    The deprecated per-send challenge: `POST /sends/{id}/challenges/otp/SMS`, then its verify; the verify answer is kept.
    """
    actor, send_id = ctx.actor(role), ctx.resource(name, "sends").id
    started = ctx.call("POST", f"/sends/{send_id}/challenges/otp/SMS", as_actor=actor)
    if started.status != 204:
        return
    ctx.call("POST", f"/sends/{send_id}/challenges/otp/SMS/verify", as_actor=actor,
             json={"verificationCode": code_or_sandbox(ctx, code)})


@when(parsers.re(rf'the {ROLE} starts a push challenge on the send "(?P<name>[\w -]+)" on its own$'))
def starts_one_push(ctx, role, name):
    """When the corporate starts a push challenge on the send "rent" on its own

    The deprecated per-send push (`POST /sends/{id}/challenges/push/AUTHY`, 204 without an id); the answer is kept.
    On the emulator the challenge takes the send's id, so the Simulator step names the send (@emulator_only).
    """
    send_id = ctx.resource(name, "sends").id
    ctx.call("POST", f"/sends/{send_id}/challenges/push/{send_flows.PUSH_CHANNEL}", as_actor=ctx.actor(role))
    flows.expect(ctx.response(), 204, f"starting a push challenge on the send {name!r}")
