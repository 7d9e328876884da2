"""The Managed Accounts operations: each finds the caller's account (another identity's is not found)
and asks the backend in managed_accounts.py; statements and transactions are views of the ledger."""
from __future__ import annotations

from ...errors import not_found
from ...instruments import activity, legacy_statement
from ...listing import listed
from ...registry import handles
from ...services import Owner
from .managed_accounts import managed_accounts_backend


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


@handles("managedAccountCreate")
def managed_account_create(call):
    backend_ = managed_accounts_backend(call.world)
    return backend_.answer(backend_.create(_owner(call), call.body))


@handles("managedAccountGet")
def managed_account_get(call):
    backend_ = managed_accounts_backend(call.world)
    return backend_.answer(backend_.owned(_owner(call), call.path_params["id"]))


@handles("managedAccountsGet")
def managed_accounts_get(call):
    accounts = managed_accounts_backend(call.world).of_owner(_owner(call))
    # Most recent first; `state` filters on the state's name inside the answer's state object.
    return listed(call.operation, call.query, accounts, paths={"state": "state.state"}).answer("accounts")


def _account(call):
    return managed_accounts_backend(call.world).owned(_owner(call), call.path_params["id"])


@handles("managedAccountUpdate")
def managed_account_update(call):
    backend_ = managed_accounts_backend(call.world)
    return backend_.answer(backend_.update(_account(call), call.body or {}))


@handles("managedAccountBlock")
def managed_account_block(call):
    managed_accounts_backend(call.world).block(_account(call))


@handles("managedAccountUnblock")
def managed_account_unblock(call):
    managed_accounts_backend(call.world).unblock(_account(call))


@handles("managedAccountRemove")
def managed_account_remove(call):
    managed_accounts_backend(call.world).remove(_account(call))


@handles("managedAccountsIBANUpgrade")
def managed_account_iban_upgrade(call):
    return managed_accounts_backend(call.world).upgrade_iban(_account(call))


@handles("managedAccountIBANGet")
def managed_account_iban_get(call):
    return managed_accounts_backend(call.world).iban_answer(_account(call))


@handles("managedAccountStatementDeprecated")
def managed_account_statement_deprecated(call):
    account = _account(call)
    return legacy_statement.answer(call, account.instrument, account.currency)


@handles("managedAccountTransactionGet")
def managed_account_transaction_get(call):
    account = _account(call)
    item = activity.transaction_item(call, account.instrument, call.path_params["transactionId"])
    if item is None:
        raise not_found("Transaction not found")
    return item


@handles("managedAccountStatement")
def managed_account_statement(call):
    account = managed_accounts_backend(call.world).owned(_owner(call), call.path_params["id"])
    return activity.statement_answer(call, account.instrument, account.currency)


@handles("managedAccountTransactionsGet")
def managed_account_transactions(call):
    account = managed_accounts_backend(call.world).owned(_owner(call), call.path_params["id"])
    return activity.transactions_answer(call, account.instrument)
