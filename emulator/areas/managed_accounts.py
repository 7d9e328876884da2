"""Managed accounts: an identity's accounts holding funds, their creation, reading and list, and the
balance movements other areas make on them (fee charges; deposits through the Simulator).

An account belongs to the identity whose user created it; every user of that identity sees it,
no one else does (another identity's account is not found). Only an identity whose due diligence
(KYB/KYC) is approved may create one. Balances are in the account's currency, in minor units.
"""
from __future__ import annotations

import copy

from ..errors import conflict, not_found
from ..registry import backend, handles

ACTIVE = "ACTIVE"
# Simulator deposit outcomes (DepositResponse0.code).
COMPLETED = "COMPLETED"
DENIED_ACCOUNT_NOT_FOUND = "DENIED_ACCOUNT_NOT_FOUND"
DENIED_AMOUNT_NOT_POSITIVE = "DENIED_AMOUNT_NOT_POSITIVE"
DENIED_CURRENCY = "DENIED_CURRENCY_NOT_ACCOUNT_CURRENCY"
DENIED_ACCOUNT_INACTIVE = "DENIED_ACCOUNT_INACTIVE"
DENIED_INVALID_TX_ID = "DENIED_INVALID_TX_ID"


@backend("managed_accounts")
class ManagedAccountsBackend:
    def __init__(self, world):
        self.world = world
        # account id -> {"account": ManagedAccount as answered, "owner": {"type", "id"}, "ledger": [...]}
        self.by_id: dict[str, dict] = {}
        self.deposit_tx_ids: set[str] = set()

    # -- rules -------------------------------------------------------------------------------
    def create(self, owner: dict, request: dict) -> dict:
        world = self.world
        programme = world.programme
        if request["profileId"] != programme["profiles"].get("managedAccounts"):
            raise conflict("PROFILE_NOT_FOUND")
        if request["currency"] not in programme["currencies"]:
            raise conflict("CURRENCY_NOT_SUPPORTED_BY_PROFILE")
        # "Corporates need to complete due diligence (KYB) before they can create instruments".
        if not world.due_diligence.is_approved(owner["id"]):
            raise conflict("OWNER_IDENTITY_NOT_VERIFIED")
        account_id = world.ids.next()
        account = {
            "id": account_id,
            "profileId": request["profileId"],
            "friendlyName": request["friendlyName"],
            "currency": request["currency"],
            "balances": {"availableBalance": 0, "actualBalance": 0},
            "state": {"state": ACTIVE},
            "creationTimestamp": world.now_ms(),
            **{k: request[k] for k in ("tag", "lowBalanceThreshold") if k in request},
        }
        self.by_id[account_id] = {"account": account, "owner": dict(owner), "ledger": []}
        return account

    def owned(self, owner: dict, account_id: str) -> dict:
        """The owner's account; another identity's account is as unknown as a missing one."""
        record = self.by_id.get(str(account_id))
        if record is None or record["owner"] != owner:
            raise not_found("Managed account not found")
        return record["account"]

    def of_owner(self, owner: dict, query: dict) -> list[dict]:
        def keep(account: dict) -> bool:
            created = account["creationTimestamp"]
            return ((query.get("profileId") is None or account["profileId"] == query["profileId"])
                    and (query.get("friendlyName") is None or account["friendlyName"] == query["friendlyName"])
                    and (not query.get("state") or account["state"]["state"] in query["state"])
                    and (not query.get("state.blockedReason")
                         or account["state"].get("blockedReason") in query["state.blockedReason"])
                    and (not query.get("state.destroyedReason")
                         or account["state"].get("destroyedReason") in query["state.destroyedReason"])
                    and (query.get("currency") is None or account["currency"] == query["currency"])
                    and (query.get("createdFrom") is None or created >= query["createdFrom"])
                    and (query.get("createdTo") is None or created <= query["createdTo"])
                    and (query.get("tag") is None or account.get("tag") == query["tag"]))
        accounts = [r["account"] for r in self.by_id.values() if r["owner"] == owner and keep(r["account"])]
        # Most recent first.
        return list(reversed(accounts))

    def move(self, account_id: str, amount: int, kind: str, transaction_id: str) -> None:
        """Credit (positive) or debit (negative) both balances, and note the movement."""
        record = self.by_id[str(account_id)]
        balances = record["account"]["balances"]
        balances["availableBalance"] += amount
        balances["actualBalance"] += amount
        record["ledger"].append({"type": kind, "id": transaction_id, "amount": amount,
                                 "timestamp": self.world.now_ms()})

    def deposit(self, account_id: str, deposit: dict, tx_id) -> str:
        """The Simulator's incoming wire transfer: its outcome code."""
        record = self.by_id.get(str(account_id))
        if record is None:
            return DENIED_ACCOUNT_NOT_FOUND
        account = record["account"]
        if account["state"]["state"] != ACTIVE:
            return DENIED_ACCOUNT_INACTIVE
        amount = deposit.get("amount")
        if amount is None or amount <= 0:
            return DENIED_AMOUNT_NOT_POSITIVE
        if deposit["currency"] != account["currency"]:
            return DENIED_CURRENCY
        if tx_id is not None and str(tx_id) in self.deposit_tx_ids:
            return DENIED_INVALID_TX_ID
        transaction_id = str(tx_id) if tx_id is not None else self.world.ids.next()
        self.deposit_tx_ids.add(transaction_id)
        self.move(account_id, amount, "DEPOSIT", transaction_id)
        return COMPLETED

    # -- what fees.py asks of an instrument area ------------------------------------------------
    def fee_source(self, instrument_id: str) -> dict | None:
        record = self.by_id.get(str(instrument_id))
        if record is None:
            return None
        account = record["account"]
        return {"owner": dict(record["owner"]), "currency": account["currency"],
                "availableBalance": account["balances"]["availableBalance"]}

    def debit_fee(self, instrument_id: str, amount: int, transaction_id: str) -> None:
        self.move(instrument_id, -amount, "CHARGE_FEE", transaction_id)

    def dump(self) -> dict:
        return {"managedAccounts": list(self.by_id.values())}


def _owner(call) -> dict:
    return call.require_session().identity


@handles("managedAccountCreate")
def managed_account_create(call):
    # Copies: an answer (and its idempotent replay) shows the account as it was then.
    return copy.deepcopy(call.world.managed_accounts.create(_owner(call), call.body))


@handles("managedAccountGet")
def managed_account_get(call):
    return copy.deepcopy(call.world.managed_accounts.owned(_owner(call), call.path_params["id"]))


@handles("managedAccountsGet")
def managed_accounts_get(call):
    matching = call.world.managed_accounts.of_owner(_owner(call), call.query)
    page = copy.deepcopy(call.page(matching))
    return {"accounts": page, "count": len(matching), "responseCount": len(page)}
