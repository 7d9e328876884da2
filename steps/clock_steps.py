"""Steps that move the emulator's clock (token, challenge and invite expiry).

Only the emulator has a clock to move: scenarios using these are tagged @emulator_only @expiry,
and a live-sandbox run skips them with that reason.
"""
from __future__ import annotations

from pytest_bdd import parsers, when

from . import flows

UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
# A token lives 5 minutes from its last use; keep-alive calls come well inside that.
KEEP_ALIVE_SECONDS = 120


def _advance(ctx, seconds: int) -> None:
    ctx.target.control("POST", "/clock", {"advanceSeconds": seconds})


@when(parsers.re(r"(?P<count>\d+) (?P<unit>second|minute|hour|day)s? pass(?:es)?$"))
def time_passes(ctx, count, unit):
    """When 301 seconds pass

    Moves the emulator's clock forward by seconds, minutes, hours or days.
    """
    _advance(ctx, int(count) * UNIT_SECONDS[unit])


@when(parsers.re(r"(?P<seconds>\d+) seconds pass while the (?P<role>[\w ]+?) stays active$"))
def seconds_pass_active(ctx, seconds, role):
    """When 301 seconds pass while the corporate stays active

    Moves the clock forward in steps, reading the actor's factors between them so their token stays alive.
    The scenario's other signed-in actors are kept alive the same way, so whether their tokens outlive the
    step never depends on how long this machine took to run the steps before it (the clock is real time
    plus what scenarios moved it by).
    """
    actor, left = ctx.actor(role), int(seconds)
    while left > 0:
        step = min(left, KEEP_ALIVE_SECONDS)
        _advance(ctx, step)
        left -= step
        flows.expect(ctx.call("GET", "/authentication_factors", as_actor=actor), 200,
                     f"keeping the {role}'s token alive")
        _keep_bystanders_alive(ctx, actor)


def _keep_bystanders_alive(ctx, active) -> None:
    """Best effort: a bystander that logged out (or never had a token) is left as it is."""
    with ctx.aside():
        for other in list(ctx.actors.values()):
            if other is not active and other.token:
                ctx.call("GET", "/authentication_factors", as_actor=other)
