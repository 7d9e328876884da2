"""The Linked Accounts operations: each finds the caller's linked account (another identity's is not found)
and asks the backend in linked_accounts.py."""
from __future__ import annotations

from ...listing import listed
from ...registry import handles
from ...services import Owner
from .linked_accounts import linked_accounts_backend


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


def _account(call):
    return linked_accounts_backend(call.world).owned(_owner(call), call.path_params["id"])


@handles("linkedAccountCreate")
def linked_account_create(call):
    return linked_accounts_backend(call.world).create(_owner(call), call.body).answer()


@handles("linkedAccountsGet")
def linked_accounts_get(call):
    accounts = [a.answer() for a in linked_accounts_backend(call.world).of_owner(_owner(call))]
    return listed(call.operation, call.query, accounts).answer("accounts")


@handles("linkedAccountGet")
def linked_account_get(call):
    return _account(call).answer()


@handles("linkedAccountUpdate")
def linked_account_update(call):
    return linked_accounts_backend(call.world).update(_account(call), call.body or {}).answer()


@handles("linkedAccountBlock")
def linked_account_block(call):
    linked_accounts_backend(call.world).block(_account(call))


@handles("linkedAccountUnblock")
def linked_account_unblock(call):
    linked_accounts_backend(call.world).unblock(_account(call))


@handles("linkedAccountRemove")
def linked_account_remove(call):
    linked_accounts_backend(call.world).remove(_account(call))


@handles("linkedAccountVerificationsGet")
def linked_account_verifications_get(call):
    runs = [run.answer() for run in _account(call).runs]
    return listed(call.operation, call.query, runs, newest_first=False).answer("verificationRuns")
