"""Domain steps for a managed account's life after creation: block, unblock, remove, IBAN upgrade, and
reading its state and bank details back.

The account is named by the step that created it (`"savings"`); the answer of each action is kept for
the generic Then steps (`the response status is 204`, `the error code is ...`).
"""
from __future__ import annotations

import time

from pytest_bdd import parsers, then, when

from . import flows, managed_account_flows
from .grammar import NAME, ROLE

ACTIONS = {"blocks": "block", "unblocks": "unblock", "removes": "remove"}
# The sandbox may allocate an IBAN a moment after the upgrade answers (PENDING_ALLOCATION).
IBAN_WAIT_SECONDS = 30


@when(parsers.re(rf"the {ROLE} (?P<action>blocks|unblocks|removes) the managed account {NAME}$"))
def account_action(ctx, role, action, name):
    """When the corporate blocks the managed account "savings"

    Blocks, unblocks or removes the named account as the role (`POST /managed_accounts/{id}/block`); the answer is kept.
    """
    account = ctx.resource(name, "managed_accounts")
    ctx.call("POST", f"{account.path}/{ACTIONS[action]}", as_actor=ctx.actor(role))


@when(parsers.re(rf"the {ROLE} upgrades the managed account {NAME} with an IBAN$"))
def upgrades_iban(ctx, role, name):
    """When the corporate upgrades the managed account "savings" with an IBAN

    Calls the IBAN upgrade on the named account as the role; the answer is kept.
    """
    account = ctx.resource(name, "managed_accounts")
    ctx.call("POST", f"{account.path}/iban", as_actor=ctx.actor(role))


@then(parsers.re(rf'the managed account {NAME} is (?P<state>ACTIVE|BLOCKED|DESTROYED)'
                 rf'(?: with reason "(?P<reason>[A-Z_]+)")?$'))
def account_is(ctx, name, state, reason):
    """Then the managed account "savings" is BLOCKED with reason "USER"

    Reads the account back as its owner: its state and, when given, its blocked or destroyed reason.
    """
    account = ctx.resource(name, "managed_accounts")
    body = flows.expect(flows.read_resource(ctx, account), 200, f"reading the managed account {name!r}").body
    expected = {"state": state}
    if reason:
        expected[{"BLOCKED": "blockedReason", "DESTROYED": "destroyedReason"}.get(state, "reason")] = reason
    found = {key: body["state"].get(key) for key in expected}
    assert found == expected, f"the managed account {name!r} is {body['state']}, expected {expected}"


@then(parsers.re(rf'the managed account {NAME} reads back as the response(?: field "(?P<field>[\w.]+)")?$'))
def account_reads_back_as_answer(ctx, name, field):
    """Then the managed account "savings" reads back as the response field "accounts.0"

    The last answer (an update, or an item of a list) is the account as its owner reads it now, field for field.
    """
    answer = flows.expect(ctx.response(), 200, f"the answer about the managed account {name!r}")
    managed_account_flows.expect_reads_back(ctx, ctx.resource(name, "managed_accounts"), answer,
                                       answer.field(field) if field else None)


@then(parsers.re(rf"the managed account {NAME} has no IBAN$"))
def has_no_iban(ctx, name):
    """Then the managed account "savings" has no IBAN

    Reads the account's IBAN: UNALLOCATED, with no bank details.
    """
    body = _read_iban(ctx, name)
    assert body == {"state": "UNALLOCATED", "bankAccountDetails": []}, f"{name!r} has IBAN details: {body}"


@then(parsers.re(rf"the managed account {NAME} has an IBAN$"))
def has_iban(ctx, name):
    """Then the managed account "savings" has an IBAN

    Reads the account's IBAN until it is ALLOCATED (bounded wait): bank details naming the bank and beneficiary, and for EUR a well-formed IBAN whose check digits hold. Right after an upgrade: it answered PENDING_ALLOCATION without details or ALLOCATED with the details read back.
    """
    upgraded = ctx.last
    deadline = time.monotonic() + IBAN_WAIT_SECONDS
    body = _read_iban(ctx, name)
    while body["state"] == "PENDING_ALLOCATION" and time.monotonic() < deadline:
        time.sleep(1)
        body = _read_iban(ctx, name)
    assert body["state"] == "ALLOCATED", f"the IBAN of {name!r} is {body['state']}: {body}"
    assert body["bankAccountDetails"], f"the IBAN of {name!r} is allocated without bank details: {body}"
    account = ctx.resource(name, "managed_accounts")
    for details in body["bankAccountDetails"]:
        assert details["beneficiaryBank"] and details["beneficiaryNameAndSurname"], details
        iban = details["details"].get("iban")
        if account.body.get("currency") == "EUR" or iban:
            assert iban and _iban_checks(iban), f"the IBAN {iban!r} of {name!r} fails its check digits"
    if upgraded is None or upgraded.operation_id != "managedAccountsIBANUpgrade" or upgraded.status != 200:
        return
    # The upgrade assigns an IBAN, at once or asynchronously (PENDING_ALLOCATION until the details are ready).
    answered = upgraded.body.get("state")
    assert answered in ("PENDING_ALLOCATION", "ALLOCATED"), f"the IBAN upgrade of {name!r} answered {answered}"
    assert answered == "ALLOCATED" or not upgraded.body.get("bankAccountDetails"), (
        f"the IBAN upgrade of {name!r} answered {answered} with bank details ready: {upgraded.body}")
    if answered == "ALLOCATED":
        assert body["bankAccountDetails"] == upgraded.body["bankAccountDetails"], (
            f"the IBAN of {name!r} reads back {body['bankAccountDetails']}, "
            f"the upgrade answered {upgraded.body['bankAccountDetails']}")


def _read_iban(ctx, name: str) -> dict:
    account = ctx.resource(name, "managed_accounts")
    return flows.expect(ctx.call("GET", f"{account.path}/iban", as_actor=ctx.actor(account.owner)), 200,
                        f"reading the IBAN of {name!r}").body


def _iban_checks(iban: str) -> bool:
    """ISO 13616: the IBAN, its first four characters moved to the end and letters as numbers, is 1 mod 97."""
    rearranged = (iban[4:] + iban[:4]).upper()
    return rearranged.isalnum() and int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1
