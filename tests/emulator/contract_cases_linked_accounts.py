"""Contract cases for linked accounts and the Simulator's set and verify: each handler's success answer and
its documented errors, registered in contract_cases.CASES."""
from __future__ import annotations

from support.driver import linked_accounts

from .contract_cases import case, verified
from .helpers import Emu

IBAN = "MT84MALT011000012345MTLCAST001S"


def declaration(**extra) -> dict:
    return linked_accounts.declaration(IBAN, **extra)


def linked(emu: Emu, state: str = "PENDING_VERIFICATION") -> tuple[dict, str]:
    """A verified corporate and its linked account, brought to `state` the way a user and the Simulator would."""
    corporate = verified(emu)
    api, token = emu.api, corporate["token"]
    answer = linked_accounts.declare(api, token, declaration())
    assert answer.status == 200, answer.body
    account_id = answer.body["id"]
    if state == "REJECTED":
        assert linked_accounts.simulate_state(api, account_id, "REJECTED").status == 204
    elif state != "PENDING_VERIFICATION":
        assert linked_accounts.simulate_verification(api, account_id).status == 204
    if state in ("BLOCKED", "REMOVED"):
        assert linked_accounts.act(api, token, account_id, "block" if state == "BLOCKED" else "remove").status == 204
    return corporate, account_id


def linked_call(emu: Emu, method: str, action: str, body=None, state: str = "ACTIVE"):
    corporate, account_id = linked(emu, state)
    return emu.call(method, f"/linked_accounts/{account_id}{action}", body, token=corporate["token"])


@case("linkedAccountCreate", 200)
def _(emu):
    return emu.call("POST", "/linked_accounts", declaration(), token=verified(emu)["token"])


case("linkedAccountCreate", 400)(
    lambda emu: emu.call("POST", "/linked_accounts", declaration(type="SHARED"), token=verified(emu)["token"]))
case("linkedAccountCreate", 401)(lambda emu: emu.call("POST", "/linked_accounts", declaration()))
case("linkedAccountCreate", 409, "PROFILE_NOT_FOUND")(
    lambda emu: emu.call("POST", "/linked_accounts", declaration(profileId="999"), token=verified(emu)["token"]))
case("linkedAccountCreate", 409, "CURRENCY_NOT_SUPPORTED_BY_PROFILE")(
    lambda emu: emu.call("POST", "/linked_accounts", declaration(currency="JPY"), token=verified(emu)["token"]))
case("linkedAccountCreate", 409, "COUNTRY_NOT_SUPPORTED_BY_PROFILE")(
    lambda emu: emu.call("POST", "/linked_accounts", declaration(country="ZZ"), token=verified(emu)["token"]))


@case("linkedAccountCreate", 409, "LINKED_ACCOUNT_ALREADY_ADDED")
def _(emu):
    corporate, _ = linked(emu)
    return emu.call("POST", "/linked_accounts", declaration(), token=corporate["token"])


@case("linkedAccountCreate", 409, "THIS_IS_A_MANAGED_ACCOUNT")
def _(emu):
    corporate = verified(emu)
    account = emu.call("POST", "/managed_accounts", {"profileId": emu.programme["profiles"]["managedAccounts"],
                                                     "friendlyName": "main", "currency": "EUR"},
                       token=corporate["token"]).body["id"]
    iban = emu.call("POST", f"/managed_accounts/{account}/iban", token=corporate["token"]).body
    reference = {"iban": iban["bankAccountDetails"][0]["details"]["iban"]}
    return emu.call("POST", "/linked_accounts", declaration(accountReference=reference), token=corporate["token"])


case("linkedAccountsGet", 200)(lambda emu: linked_call(emu, "GET", "", state="ACTIVE") and
                               emu.call("GET", "/linked_accounts", token=verified(emu)["token"]))
case("linkedAccountsGet", 400)(lambda emu: emu.call("GET", "/linked_accounts", token=verified(emu)["token"],
                                                    query="limit=0"))
case("linkedAccountGet", 200)(lambda emu: linked_call(emu, "GET", ""))
case("linkedAccountGet", 404)(lambda emu: emu.call("GET", "/linked_accounts/999999999", token=verified(emu)["token"]))
case("linkedAccountUpdate", 200)(lambda emu: linked_call(emu, "PATCH", "", {"friendlyName": "renamed", "tag": "t"}))
case("linkedAccountUpdate", 400)(lambda emu: linked_call(emu, "PATCH", "", {"friendlyName": ""}))
case("linkedAccountUpdate", 404)(
    lambda emu: emu.call("PATCH", "/linked_accounts/999999999", {"tag": "t"}, token=verified(emu)["token"]))
case("linkedAccountBlock", 204)(lambda emu: linked_call(emu, "POST", "/block"))
case("linkedAccountBlock", 404)(
    lambda emu: emu.call("POST", "/linked_accounts/999999999/block", token=verified(emu)["token"]))
case("linkedAccountBlock", 409, "LINKED_ACCOUNT_ALREADY_BLOCKED")(
    lambda emu: linked_call(emu, "POST", "/block", state="BLOCKED"))
case("linkedAccountBlock", 409, "LINKED_ACCOUNT_INACTIVE")(
    lambda emu: linked_call(emu, "POST", "/block", state="PENDING_VERIFICATION"))
case("linkedAccountBlock", 409, "LINKED_ACCOUNT_REMOVED")(
    lambda emu: linked_call(emu, "POST", "/block", state="REMOVED"))
case("linkedAccountUnblock", 204)(lambda emu: linked_call(emu, "POST", "/unblock", state="BLOCKED"))
case("linkedAccountUnblock", 409, "LINKED_ACCOUNT_NOT_BLOCKED")(lambda emu: linked_call(emu, "POST", "/unblock"))
case("linkedAccountUnblock", 409, "LINKED_ACCOUNT_INACTIVE")(
    lambda emu: linked_call(emu, "POST", "/unblock", state="REJECTED"))
case("linkedAccountUnblock", 409, "LINKED_ACCOUNT_REMOVED")(
    lambda emu: linked_call(emu, "POST", "/unblock", state="REMOVED"))
case("linkedAccountRemove", 204)(lambda emu: linked_call(emu, "POST", "/remove"))
case("linkedAccountRemove", 404)(
    lambda emu: emu.call("POST", "/linked_accounts/999999999/remove", token=verified(emu)["token"]))
case("linkedAccountRemove", 409, "LINKED_ACCOUNT_ALREADY_REMOVED")(
    lambda emu: linked_call(emu, "POST", "/remove", state="REMOVED"))
case("linkedAccountRemove", 409, "LINKED_ACCOUNT_REJECTED")(
    lambda emu: linked_call(emu, "POST", "/remove", state="REJECTED"))
case("linkedAccountRemove", 409, "LINKED_ACCOUNT_HAS_PENDING_ACTIONS")(
    lambda emu: linked_call(emu, "POST", "/remove", state="PENDING_VERIFICATION"))
case("linkedAccountVerificationsGet", 200)(lambda emu: linked_call(emu, "GET", "/verifications"))


@case("linkedAccountVerificationsGet", 400)
def _(emu):
    corporate, account_id = linked(emu)
    return emu.call("GET", f"/linked_accounts/{account_id}/verifications", token=corporate["token"], query="limit=0")


case("linkedAccountVerificationsGet", 401)(lambda emu: emu.call("GET", "/linked_accounts/1/verifications"))


def simulate(emu: Emu, action: str, body: dict, state: str = "PENDING_VERIFICATION"):
    _, account_id = linked(emu, state)
    return emu.simulate("POST", f"/linked_accounts/{account_id}/{action}", body)


case("linked_accounts_account_id_set", 204, namespace="simulator")(
    lambda emu: simulate(emu, "set", {"state": "VERIFIED"}))
case("linked_accounts_account_id_set", 400, namespace="simulator")(
    lambda emu: simulate(emu, "set", {"state": "MAYBE"}))
case("linked_accounts_account_id_verify", 204, namespace="simulator")(
    lambda emu: simulate(emu, "verify", {"result": "COMPLETED", "steps": ["INTERNAL_CHECKS"]}))
case("linked_accounts_account_id_verify", 400, namespace="simulator")(
    lambda emu: simulate(emu, "verify", {"result": "DONE"}))
case("linked_accounts_account_id_verify", 409, "ALREADY_COMPLETED", namespace="simulator")(
    lambda emu: simulate(emu, "verify", {"result": "REJECTED"}, state="ACTIVE"))
case("linked_accounts_account_id_verify", 409, "ALREADY_REJECTED", namespace="simulator")(
    lambda emu: simulate(emu, "verify", {"result": "COMPLETED"}, state="REJECTED"))
