"""Domain steps for the user's declaration of a linked account: the step USER_DECLARATION_SCA_CHALLENGE of
its verification, confirmed by the root user with the shared confirmation challenge (`POST /challenges/otp/SMS`
or `/challenges/push/AUTHY` with resourceType `linked_account_declaration`, the linked account's id as the
resource id).

A challenge started here is remembered by name; a push one is decided with the auth steps' `the simulator
answers the corporate's push challenge "name" with verify_success`. Every answer is kept for the generic Then
steps (`the response status is 403`, `the error code is ...`).
"""
from __future__ import annotations

from pytest_bdd import parsers, when

from . import send_flows
from .grammar import NAMES, ROLE
from .send_flows import CODE, code_or_sandbox, named_ids

RESOURCE_TYPE = "linked_account_declaration"
CHALLENGE = r'"(?P<challenge>[\w .-]+)"'


@when(parsers.re(rf"the {ROLE} confirms the declarations? of the linked accounts? {NAMES} with an OTP{CODE}$"))
def confirms_declarations(ctx, role, names, code):
    """When the corporate confirms the declaration of the linked account "bank" with an OTP

    One OTP challenge for the named linked accounts' declarations, verified with the sandbox code (or the code
    given); the verify answer is kept.
    """
    send_flows.confirm(ctx, ctx.actor(role), RESOURCE_TYPE, named_ids(ctx, names, "linked_accounts"),
                       code_or_sandbox(ctx, code))


@when(parsers.re(rf"the {ROLE} starts an? (?P<kind>OTP|push) challenge for the declarations? of the linked "
                 rf"accounts? {NAMES} as {CHALLENGE}$"))
def starts_declaration_challenge(ctx, role, kind, names, challenge):
    """When the corporate starts an OTP challenge for the declaration of the linked account "bank" as "declaration"

    `POST /challenges/otp/SMS` (or `/challenges/push/AUTHY`) for the named declarations; the answer is kept and,
    on a 200, its scaChallengeId remembered under the name.
    """
    response = send_flows.challenge(ctx, ctx.actor(role), RESOURCE_TYPE, named_ids(ctx, names, "linked_accounts"),
                                    kind=kind.lower())
    if response.status == 200:
        ctx.remember(challenge, response.body["scaChallengeId"])


@when(parsers.re(rf"the {ROLE} answers the declaration challenge {CHALLENGE}{CODE}$"))
def answers_declaration_challenge(ctx, role, challenge, code):
    """When the corporate answers the declaration challenge "declaration" with the code "000000"

    Verifies the remembered declaration challenge with the sandbox code (or the code given); the answer is kept.
    """
    send_flows.verify(ctx, ctx.actor(role), RESOURCE_TYPE, ctx.lookup(challenge), code_or_sandbox(ctx, code))
