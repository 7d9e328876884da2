"""Managed accounts: open one, read it, put money on it through the Simulator (a deposit, or a wire by its
IBAN), its IBAN, block it, charge a custom fee from it."""
from __future__ import annotations

from typing import Any

from .api import Api, instrument, money

KIND = "managed_accounts"
SENDER_IBAN = "DE89370400440532013000"


def account_body(api: Api, name: str = "Main", currency: str = "EUR", **overrides: Any) -> dict:
    body = {"profileId": api.profile("managedAccounts"), "friendlyName": name, "currency": currency}
    body.update(overrides)
    return body


def create(api: Api, token: str | None, body: dict) -> Any:
    return api.multi("POST", f"/{KIND}", body, token=token)


def open_account(api: Api, token: str | None, name: str = "Main", currency: str = "EUR", **overrides: Any) -> dict:
    """A new account, which must be made: its body as answered."""
    return api.expect(create(api, token, account_body(api, name, currency, **overrides)), 200,
                      f"opening the managed account {name!r}").body


def read(api: Api, token: str | None, account_id: str) -> Any:
    return api.multi("GET", f"/{KIND}/{account_id}", token=token)


def deposit(api: Api, account_id: str, amount: Any, currency: str = "EUR", **extra: Any) -> Any:
    """The Simulator's incoming wire transfer to the account, straight onto it."""
    return api.simulator("POST", f"/accounts/{account_id}/deposit", {"depositAmount": money(amount, currency), **extra})


def fund(api: Api, account_id: str, amount: int, currency: str = "EUR") -> str:
    """A deposit that must be taken: the Simulator's `code` for it (COMPLETED when it landed at once)."""
    return api.expect(deposit(api, account_id, amount, currency), 200,
                      f"depositing to the managed account {account_id}").body["code"]


def upgrade_to_iban(api: Api, token: str | None, account_id: str) -> Any:
    return api.multi("POST", f"/{KIND}/{account_id}/iban", token=token)


def iban_details(api: Api, token: str | None, account_id: str) -> Any:
    return api.multi("GET", f"/{KIND}/{account_id}/iban", token=token)


def iban_of(answer_body: dict) -> str:
    """The IBAN in an answer about the account's bank details."""
    return answer_body["bankAccountDetails"][0]["details"]["iban"]


def wire_in(api: Api, iban: str, amount: int, currency: str = "EUR", sender: str = "Tom Borg",
            sender_iban: str | None = SENDER_IBAN) -> Any:
    """The Simulator's incoming wire by the full path: to whichever account holds the IBAN."""
    body = {"depositAmount": money(amount, currency), "destinationIbanDetails": {"iban": iban}, "senderName": sender}
    if sender_iban:
        body["senderIbanDetails"] = {"iban": sender_iban}
    return api.simulator("POST", "/accounts/deposit", body)


def block(api: Api, token: str | None, account_id: str) -> Any:
    return api.multi("POST", f"/{KIND}/{account_id}/block", token=token)


def charge_fee(api: Api, token: str | None, identity_area: str, fee_type: str, source: dict, **transport: Any) -> Any:
    """A custom fee charged to the identity (`corporates` or `consumers`), taken from the instrument `source`."""
    return api.multi("POST", f"/{identity_area}/fees/charge", {"feeType": fee_type, "source": source},
                     token=token, **transport)


__all__ = ["KIND", "account_body", "create", "open_account", "read", "deposit", "fund", "upgrade_to_iban",
           "iban_details", "iban_of", "wire_in", "block", "charge_fee", "instrument"]
