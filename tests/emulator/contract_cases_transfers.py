"""Contract cases for managed accounts after creation, transfers and transaction activity: each handler's
success answer and its documented errors, registered in contract_cases.CASES."""
from __future__ import annotations

from support.driver import instrument, transfers

from .contract_cases import account, case, verified
from .control_plane import now_ms
from .helpers import Emu, deposit


def funded(emu: Emu, amount: int = 500) -> tuple[dict, str, str]:
    """A verified corporate with two EUR accounts, the first holding `amount`."""
    corporate = verified(emu)
    source, destination = account(emu, corporate), account(emu, corporate)
    deposit(emu, source, amount)
    return corporate, source, destination


def transfer(emu: Emu, corporate: dict, source: str, destination: str, amount: int = 100, **extra):
    body = transfers.transfer_body(emu.api, instrument("managed_accounts", source),
                                   instrument("managed_accounts", destination), amount, **extra)
    return transfers.create(emu.api, corporate["token"], body)


def account_call(emu: Emu, method: str, action: str, body=None, *, blocked=False, balance=0):
    corporate = verified(emu)
    account_id = account(emu, corporate)
    if balance:
        emu.simulate("POST", f"/accounts/{account_id}/deposit", {"depositAmount": {"currency": "EUR", "amount": balance}})
    if blocked:
        emu.call("POST", f"/managed_accounts/{account_id}/block", token=corporate["token"])
    return emu.call(method, f"/managed_accounts/{account_id}{action}", body, token=corporate["token"])


# -- managed accounts ---------------------------------------------------------------------------------
case("managedAccountUpdate", 200)(lambda emu: account_call(emu, "PATCH", "", {"friendlyName": "renamed"}))
case("managedAccountUpdate", 400)(lambda emu: account_call(emu, "PATCH", "", {"friendlyName": ""}))
case("managedAccountBlock", 204)(lambda emu: account_call(emu, "POST", "/block"))
case("managedAccountBlock", 409, "INSTRUMENT_ALREADY_BLOCKED")(
    lambda emu: account_call(emu, "POST", "/block", blocked=True))
case("managedAccountUnblock", 204)(lambda emu: account_call(emu, "POST", "/unblock", blocked=True))
case("managedAccountUnblock", 409, "INSTRUMENT_NOT_BLOCKED")(lambda emu: account_call(emu, "POST", "/unblock"))
case("managedAccountRemove", 204)(lambda emu: account_call(emu, "POST", "/remove"))
case("managedAccountRemove", 409, "BALANCE_NOT_ZERO")(lambda emu: account_call(emu, "POST", "/remove", balance=100))
case("managedAccountsIBANUpgrade", 200)(lambda emu: account_call(emu, "POST", "/iban"))
case("managedAccountsIBANUpgrade", 409, "INSTRUMENT_IS_NOT_ACTIVE")(
    lambda emu: account_call(emu, "POST", "/iban", blocked=True))
case("managedAccountIBANGet", 200)(lambda emu: account_call(emu, "GET", "/iban"))
case("managedAccountTransactionGet", 404)(lambda emu: account_call(emu, "GET", "/transactions/999999999"))


@case("managedAccountStatementDeprecated", 200)
def _(emu):
    corporate, source, destination = funded(emu)
    transfer(emu, corporate, source, destination)
    return emu.call("GET", f"/deprecated/managed_accounts/{source}/statement", token=corporate["token"])


for _operation_id, _path in (("managedAccountIBANGet", "/managed_accounts/999999999/iban"),
                             ("managedAccountStatementDeprecated", "/deprecated/managed_accounts/999999999/statement")):
    case(_operation_id, 404)(lambda emu, path=_path: emu.call("GET", path, token=verified(emu)["token"]))


@case("managedAccountTransactionGet", 200)
def _(emu):
    corporate, source, destination = funded(emu)
    moved = transfer(emu, corporate, source, destination).body["id"]
    return emu.call("GET", f"/managed_accounts/{destination}/transactions/{moved}", token=corporate["token"])


# -- transfers ----------------------------------------------------------------------------------------
@case("transferCreate", 200)
def _(emu):
    return transfer(emu, *funded(emu))


@case("transferCreate", 409, "FUNDS_INSUFFICIENT")
def _(emu):
    return transfer(emu, *funded(emu), amount=501)


@case("transferCreate", 409, "SOURCE_AND_DESTINATION_MUST_BE_DIFFERENT")
def _(emu):
    corporate, source, _ = funded(emu)
    return transfer(emu, corporate, source, source)


@case("transferGet", 200)
def _(emu):
    corporate, source, destination = funded(emu)
    moved = transfer(emu, corporate, source, destination).body["id"]
    return emu.call("GET", f"/transfers/{moved}", token=corporate["token"])


@case("transferGet", 404)
def _(emu):
    return emu.call("GET", "/transfers/999999999", token=verified(emu)["token"])


@case("transfersGet", 200)
def _(emu):
    corporate, source, destination = funded(emu)
    transfer(emu, corporate, source, destination)
    return emu.call("GET", "/transfers", token=corporate["token"])


@case("transfersGet", 400)
def _(emu):
    return emu.call("GET", "/transfers", token=verified(emu)["token"], query="limit=0")


@case("transferCancel", 200)
def _(emu):
    corporate, source, destination = funded(emu)
    later = str(now_ms(emu) + 60_000)
    moved = transfer(emu, corporate, source, destination, scheduledTimestamp=later).body["id"]
    return emu.call("POST", "/transfers/bulk/cancel", {"cancellations": [{"id": moved}]}, token=corporate["token"])


@case("transferCancel", 400)
def _(emu):
    return emu.call("POST", "/transfers/bulk/cancel", {"cancellations": [{}]}, token=verified(emu)["token"])


# -- transaction activity -----------------------------------------------------------------------------
@case("transactionsGet", 200)
def _(emu):
    corporate, source, destination = funded(emu)
    transfer(emu, corporate, source, destination)
    return emu.call("GET", "/transactions", token=corporate["token"])


@case("transactionsGet", 400)
def _(emu):
    return emu.call("GET", "/transactions", token=verified(emu)["token"], query="limit=0")
