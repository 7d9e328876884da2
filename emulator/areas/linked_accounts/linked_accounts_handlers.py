"""The Linked Accounts operations: each finds the caller's linked account (another identity's is not found)
and asks the backend in linked_accounts.py."""
from __future__ import annotations

from ...listing import listed
from ...registry import handles
from ...services import Owner


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def _account(call):
    return call.world.area("linked_accounts").owned(_owner(call), call.path_params["id"])


@handles("linkedAccountCreate")
def linked_account_create(call):
    return call.world.area("linked_accounts").create(_owner(call), call.body).answer()


@handles("linkedAccountsGet")
def linked_accounts_get(call):
    accounts = [a.answer() for a in call.world.area("linked_accounts").of_owner(_owner(call))]
    return listed(call.operation, call.query, accounts).answer("accounts")


@handles("linkedAccountGet")
def linked_account_get(call):
    return _account(call).answer()


@handles("linkedAccountUpdate")
def linked_account_update(call):
    return call.world.area("linked_accounts").update(_account(call), call.body or {}).answer()


@handles("linkedAccountBlock")
def linked_account_block(call):
    call.world.area("linked_accounts").block(_account(call))


@handles("linkedAccountUnblock")
def linked_account_unblock(call):
    call.world.area("linked_accounts").unblock(_account(call))


@handles("linkedAccountRemove")
def linked_account_remove(call):
    call.world.area("linked_accounts").remove(_account(call))


@handles("linkedAccountVerificationsGet")
def linked_account_verifications_get(call):
    runs = [run.answer() for run in _account(call).runs]
    return listed(call.operation, call.query, runs, newest_first=False).answer("verificationRuns")
