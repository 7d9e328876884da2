"""Simulator API, Linked Accounts: decide a linked account's verification, by overriding its run (`set`)
or by completing or rejecting its steps (`verify`)."""
from __future__ import annotations

from ...errors import ApiError
from ...registry import handles
from .linked_accounts import REMOVED, linked_accounts_backend


def _account(call):
    account = linked_accounts_backend(call.world).by_id.get(str(call.path_params["account_id"]))
    if account is None:
        # The Simulator declares no 404; its `default` error carries the message.
        raise ApiError(404, {"message": "Linked account not found"})
    return account


@handles("linked_accounts_account_id_set", namespace="simulator")
def simulate_linked_account_set(call):
    account = _account(call)
    if account.state == REMOVED:
        # Nothing brings a removed account back; the Simulator's `default` error says so.
        raise ApiError(409, {"message": "The linked account is removed"})
    linked_accounts_backend(call.world).set_state(account, (call.body or {}).get("state", "VERIFIED"))


@handles("linked_accounts_account_id_verify", namespace="simulator")
def simulate_linked_account_verify(call):
    body = call.body or {}
    linked_accounts_backend(call.world).verify(_account(call), body.get("result", "COMPLETED"), body.get("steps"))
