"""Domain steps for linked accounts: declare an external bank account (by IBAN or by UK account number and
sort code), decide its verification through the Simulator, block, unblock and remove it, and read its
state and verification runs back.

`as "bank"` names the linked account; later steps say `the linked account "bank"` or `${bank.id}`. Every
answer is kept for the generic Then steps (`the response status is 409`, `the error code is ...`).
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from support.grounding import assumed

from . import flows
from .grammar import NAME, ROLE

HOLDER = r'held by "(?P<holder>[^"]+)"'
ALIAS = r' as "(?P<alias>[\w -]+)"'
ACTIONS = {"blocks": "block", "unblocks": "unblock", "removes": "remove"}
STATES = "PENDING_VERIFICATION|ACTIVE|BLOCKED|REJECTED|REMOVED"
STEPS = "INTERNAL_CHECKS|TRANSFER_INSTRUCTION|USER_DECLARATION_SCA_CHALLENGE|MICRO_DEPOSIT"
# A valid German IBAN, distinct from any managed account the emulator or the sandbox allocates.
DEFAULT_IBAN = "DE89370400440532013000"
# What a declaration fixes for good: an update changes only the friendly name and the tag, and blocking,
# removing or verifying only the state.
DECLARED = ("id", "name", "type", "country", "currency", "accountReference", "profileId", "owner",
            "creationTimestamp")
# Where each scenario keeps its linked accounts' create answers (a read-back overwrites the resource's body).
AS_DECLARED = "@linked accounts as declared"


def declaration(holder: str, reference: dict, country: str, currency: str = "EUR", **extra) -> dict:
    body = {"name": holder, "type": "PERSONAL", "country": country, "currency": currency,
            "accountReference": reference, "friendlyName": holder[:50]}
    body.update(extra)
    return body


def link(ctx, role: str, body: dict, alias: str | None):
    """POST /linked_accounts as the role; on a 200 the answer becomes the named linked account, and must
    hold every field declared."""
    actor = ctx.actor(role)
    response = ctx.call("POST", "/linked_accounts", as_actor=actor, json=body)
    if alias and response.status == 200:
        flows.expect_echo(response.body, body, f"declaring the linked account {alias!r}")
        ctx.remember_resource(alias, "linked_accounts", actor, response.body)
        ctx.values.setdefault(AS_DECLARED, {})[alias] = response.body
    return response


def read_linked_account(ctx, name: str) -> dict:
    """Reads the named linked account as its owner; what its declaration fixed must read back as declared."""
    account = ctx.resource(name, "linked_accounts")
    body = flows.expect(flows.read_resource(ctx, account), 200, f"reading the linked account {name!r}").body
    declared = ctx.values.get(AS_DECLARED, {}).get(name, {})
    changed = [f"{field}: declared {declared.get(field)!r}, read back {body.get(field)!r}"
               for field in DECLARED if declared.get(field) != body.get(field)]
    assert not changed, f"the linked account {name!r} reads back otherwise than declared: " + "; ".join(changed)
    return body


@when(parsers.re(rf'the {ROLE} links the account with IBAN "(?P<iban>[^"]+)" {HOLDER}{ALIAS}$'))
def links_iban(ctx, role, iban, holder, alias):
    """When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" as "bank"

    Declares the external account in EUR, country from the IBAN's first two letters, friendly name the holder's.
    The IBAN may be a placeholder (`"${own iban}"`).
    """
    iban = ctx.fill(iban)
    link(ctx, role, declaration(holder, {"iban": iban}, iban[:2]), alias)


@when(parsers.re(rf'the {ROLE} links the account number "(?P<number>\d+)" with sort code "(?P<sort_code>\d+)" '
                 rf'{HOLDER}{ALIAS}$'))
def links_account_number(ctx, role, number, sort_code, holder, alias):
    """When the corporate links the account number "31926819" with sort code "601613" held by "Ann Lee" as "uk bank"

    Declares a UK account in GBP by its Faster Payments details.
    """
    link(ctx, role, declaration(holder, {"accountNumber": number, "sortCode": sort_code}, "GB", "GBP"), alias)


@when(parsers.re(rf'the {ROLE} links the account with IBAN "(?P<iban>[^"]+)" {HOLDER} in (?P<currency>[A-Z]{{3}}) '
                 rf'from (?P<country>[A-Z]{{2}})(?: under the profile "(?P<profile>[0-9]+)")?(?:{ALIAS})?$'))
def links_iban_with(ctx, role, iban, holder, currency, country, profile, alias):
    """When the corporate links the account with IBAN "DE89370400440532013000" held by "Ann Lee" in XXX from DE

    As the plain declaration with the currency and country given (and a profile id when named), to reach the
    refusals the description names.
    """
    extra = {"profileId": profile} if profile else {}
    link(ctx, role, declaration(holder, {"iban": ctx.fill(iban)}, country, currency, **extra), alias)


@given(parsers.re(rf'the {ROLE} has a (?P<verified>verified |rejected )?linked account {NAME}$'))
def has_linked_account(ctx, role, verified, name):
    """Given the corporate has a verified linked account "bank"

    Declares one by IBAN (held by the role's name); `verified` completes its verification through the
    Simulator (ACTIVE), `rejected` rejects it (REJECTED); without either it stays PENDING_VERIFICATION.
    """
    flows.expect(link(ctx, role, declaration("Ann Lee", {"iban": DEFAULT_IBAN}, "DE"), name), 200,
                 f"declaring the linked account {name!r}")
    if verified:
        outcome = "COMPLETED" if verified.strip() == "verified" else "REJECTED"
        flows.expect(_verify(ctx, name, {"result": outcome}), 204, f"deciding the verification of {name!r}")


def _verify(ctx, name: str, body: dict):
    return ctx.simulate("POST", f"/linked_accounts/{ctx.resource(name, 'linked_accounts').id}/verify", json=body)


@when(parsers.re(rf'the Simulator (?P<outcome>completes|rejects) the verification of the linked account {NAME}$'))
def simulator_verifies(ctx, outcome, name):
    """When the Simulator completes the verification of the linked account "bank"

    Completes (or rejects) every step of the account's verification run (`POST /linked_accounts/{id}/verify`).
    """
    _verify(ctx, name, {"result": "COMPLETED" if outcome == "completes" else "REJECTED"})


@when(parsers.re(rf'the Simulator (?P<outcome>completes|rejects) the (?P<step>{STEPS}) step of the linked account '
                 rf'{NAME}$'))
def simulator_verifies_step(ctx, outcome, step, name):
    """When the Simulator completes the INTERNAL_CHECKS step of the linked account "bank"

    Completes (or rejects) one step of the verification run; the others keep waiting.
    """
    _verify(ctx, name, {"result": "COMPLETED" if outcome == "completes" else "REJECTED", "steps": [step]})


@when(parsers.re(rf'the Simulator sets the linked account {NAME} to (?P<state>VERIFIED|REJECTED)$'))
def simulator_sets(ctx, name, state):
    """When the Simulator sets the linked account "bank" to VERIFIED

    Overrides the verification's outcome (`POST /linked_accounts/{id}/set`).
    """
    ctx.simulate("POST", f"/linked_accounts/{ctx.resource(name, 'linked_accounts').id}/set", json={"state": state})


@when(parsers.re(rf"the {ROLE} (?P<action>blocks|unblocks|removes) the linked account {NAME}$"))
def linked_account_action(ctx, role, action, name):
    """When the corporate blocks the linked account "bank"

    Blocks, unblocks or removes the named linked account as the role; the answer is kept.
    """
    account = ctx.resource(name, "linked_accounts")
    ctx.call("POST", f"{account.path}/{ACTIONS[action]}", as_actor=ctx.actor(role))


@then(parsers.re(rf"the linked account {NAME} is (?P<state>{STATES})$"))
def linked_account_is(ctx, name, state):
    """Then the linked account "bank" is ACTIVE

    Reads the linked account as its owner and checks its state, and that what its declaration fixed (holder,
    type, country, currency, account reference, profile, owner, creation time) reads back as declared.
    """
    body = read_linked_account(ctx, name)
    assert body["state"] == state, f"the linked account {name!r} is {body['state']}, not {state}"


@then(parsers.re(rf"the (?P<which>latest|first) verification of the linked account {NAME} is "
                 rf"(?P<state>PENDING|VERIFIED|REJECTED)(?: with (?P<step>{STEPS}) (?P<status>[A-Z_]+))?$"))
def verification_is(ctx, which, name, state, step, status):
    """Then the latest verification of the linked account "bank" is PENDING with INTERNAL_CHECKS COMPLETED

    Reads the account's verification runs (oldest first) as its owner: the run's state and, when named, one
    step's status; a decided run and a COMPLETED step say when they completed, not before the account was
    declared. The list is unpaged, so its count and responseCount both count the runs it holds.
    """
    account = ctx.resource(name, "linked_accounts")
    body = flows.expect(ctx.call("GET", f"{account.path}/verifications", as_actor=ctx.actor(account.owner)),
                        200, f"reading the verifications of {name!r}").body
    runs = body.get("verificationRuns") or []
    assert runs, f"the linked account {name!r} has no verification run"
    counts = (body.get("count"), body.get("responseCount"))
    assert counts == (len(runs), len(runs)), (
        f"the verifications of {name!r} hold {len(runs)} runs, counted as (count, responseCount) {counts}")
    in_order = runs[::-1] if which == "latest" else runs
    run = in_order[0]
    other = next((r for r in in_order if r["state"] == state), None)
    if run["state"] != state and other is not None:
        # Which run is the latest rests on the list's order (oldest first), which the description does not state.
        with assumed("core.md#list-order", what=f"which verification of {name!r} is the {which}",
                     expected=state, observed=run["state"]):
            raise AssertionError(f"the {which} verification of {name!r} is {run['state']}; another run is {state}")
        run = other
    assert run["state"] == state, f"the {which} verification of {name!r} is {run['state']}, not {state}: {run}"
    declared = ctx.values.get(AS_DECLARED, {}).get(name, {}).get("creationTimestamp", 0)
    if state != "PENDING":
        completed = run.get("completedTimestamp")
        assert completed is not None and completed >= declared, (
            f"the {which} verification of {name!r} completed at {completed!r}, the account was declared at "
            f"{declared}: {run}")
    if step:
        found = {s.get("step"): s for s in run.get("verificationSteps", [])}.get(step, {})
        assert found.get("status") == status, f"step {step} is {found.get('status')}, not {status}: {run}"
        if status == "COMPLETED":
            completed = found.get("completedTimestamp")
            assert completed is not None and completed >= declared, (
                f"step {step} completed at {completed!r}, the account was declared at {declared}: {run}")
