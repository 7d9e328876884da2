"""Shared set-up for the sends and payees tests: a funded corporate sender, a consumer receiver, and an
SMS factor for the challenges."""
from __future__ import annotations

from support.driver import auth, beneficiaries, confirmations, instrument, sends

from .helpers import Emu, create_account, deposit, verified_consumer, verified_corporate

CODE = "123456"


def enrol_sms(emu: Emu, token: str) -> None:
    auth.enrol_sms(emu.api, token)


def parties(emu: Emu, funds: int = 10000) -> tuple[dict, str, dict, str]:
    """(sender, sender's account with `funds`, receiver, receiver's empty account), the sender's SMS enrolled."""
    sender, receiver = verified_corporate(emu), verified_consumer(emu)
    savings = create_account(emu, sender, friendlyName="savings")["id"]
    wallet = create_account(emu, receiver, friendlyName="wallet")["id"]
    if funds:
        deposit(emu, savings, funds)
    enrol_sms(emu, sender["token"])
    return sender, savings, receiver, wallet


def send_body(emu: Emu, source: str, destination, amount: int, currency: str = "EUR", **extra) -> dict:
    if isinstance(destination, str):
        destination = instrument("managed_accounts", destination)
    return sends.send_body(emu.api, instrument("managed_accounts", source), destination, amount, currency, **extra)


def send(emu: Emu, owner: dict, source: str, destination, amount: int, headers: dict | None = None, **extra):
    return sends.create(emu.api, owner["token"], send_body(emu, source, destination, amount, **extra),
                        headers=headers)


def confirm(emu: Emu, owner: dict, *send_ids: str, code: str = CODE):
    return confirmations.confirm(emu.api, owner["token"], "sends", list(send_ids), code)


def payee(instrument_id: str | None = None, iban: str | None = None, name: str = "Mia Vella") -> dict:
    if instrument_id:
        return beneficiaries.instrument_payee(instrument("managed_accounts", instrument_id), name)
    return beneficiaries.bank_payee(iban, name)


def trusted(emu: Emu, owner: dict, *payees: dict, code: str = CODE) -> tuple[str, list]:
    """A batch of payees created and its challenge verified: (batch id, beneficiary ids)."""
    api, token = emu.api, owner["token"]
    batch = beneficiaries.create_batch(api, token, list(payees))
    assert batch.status == 200, batch.body
    batch_id = batch.body["operationBatchId"]["batchId"]
    if batch.body["state"] == "PENDING_CHALLENGE":
        assert beneficiaries.challenge_batch(api, token, batch_id).status == 204
        beneficiaries.verify_batch(api, token, batch_id, code)
    listed = beneficiaries.of_batch(api, token, batch_id).body
    return batch_id, [b["id"] for b in sorted(listed["beneficiaries"], key=lambda b: int(b["id"]))]
