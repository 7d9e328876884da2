"""Simulator API, Accounts: put funds on a managed account by its id (a simulated incoming wire transfer)."""
from __future__ import annotations

from ..registry import handles


@handles("accounts_account_id_deposit", namespace="simulator")
def simulate_deposit(call):
    # The Simulator answers 200 whatever the outcome; `code` says whether the funds arrived.
    body = call.body
    code = call.world.managed_accounts.deposit(str(call.path_params["account_id"]), body["depositAmount"],
                                               body.get("txId"))
    return {"code": code}
