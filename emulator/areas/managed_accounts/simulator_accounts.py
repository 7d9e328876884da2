"""Simulator API, Accounts: put funds on a managed account by its id (a simulated incoming wire transfer)."""
from __future__ import annotations

from ...amounts import int64_amount as _int64
from ...ledger import INT64_MAX
from ...registry import handles
from .managed_accounts import managed_accounts_backend

INT64_MIN = -INT64_MAX - 1


@handles("accounts_account_id_deposit", namespace="simulator")
def simulate_deposit(call):
    # The Simulator answers 200 whatever the outcome; `code` says whether the funds arrived.
    body = call.body
    deposit = dict(body["depositAmount"])
    if "amount" in deposit:
        deposit["amount"] = _int64(deposit["amount"], "depositAmount.amount")
    code = managed_accounts_backend(call.world).deposit(str(call.path_params["account_id"]), deposit,
                                                        body.get("txId"))
    return {"code": code}


