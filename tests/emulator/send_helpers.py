"""Shared set-up for the sends and payees tests: a funded corporate sender, a consumer receiver, and an
SMS factor for the challenges."""
from __future__ import annotations

from .helpers import Emu
from .test_managed_accounts import create_account, deposit, verified_consumer, verified_corporate

CODE = "123456"


def enrol_sms(emu: Emu, token: str) -> None:
    for path, body in (("/authentication_factors/otp/SMS", None),
                       ("/authentication_factors/otp/SMS/verify", {"verificationCode": CODE})):
        answer = emu.call("POST", path, body, token=token)
        assert answer.status == 204, answer.body


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
        destination = {"type": "managed_accounts", "id": destination}
    return {"profileId": emu.programme["profiles"]["sends"], "source": {"type": "managed_accounts", "id": source},
            "destination": destination, "destinationAmount": {"currency": currency, "amount": amount}, **extra}


def send(emu: Emu, owner: dict, source: str, destination, amount: int, headers: dict | None = None, **extra):
    return emu.call("POST", "/sends", send_body(emu, source, destination, amount, **extra), token=owner["token"],
                    headers=headers)


def confirm(emu: Emu, owner: dict, *send_ids: str, code: str = CODE):
    challenge = emu.call("POST", "/challenges/otp/SMS", {"resourceType": "sends", "resourceIds": list(send_ids)},
                         token=owner["token"])
    assert challenge.status == 200, challenge.body
    return emu.call("POST", f"/challenges/{challenge.body['scaChallengeId']}/otp/SMS/verify",
                    {"resourceType": "sends", "verificationCode": code}, token=owner["token"])


def payee(instrument_id: str | None = None, iban: str | None = None, name: str = "Mia Vella") -> dict:
    details = ({"instrument": {"type": "managed_accounts", "id": instrument_id}} if instrument_id
               else {"bankAccountDetails": {"iban": iban, "bankIdentifierCode": "DEUTDEFF"}})
    return {"trustLevel": "TRUSTED", "beneficiaryInformation": {"fullName": name}, "beneficiaryDetails": details}


def trusted(emu: Emu, owner: dict, *payees: dict, code: str = CODE) -> tuple[str, list]:
    """A batch of payees created and its challenge verified: (batch id, beneficiary ids)."""
    token = owner["token"]
    batch = emu.call("POST", "/beneficiaries", {"beneficiaries": list(payees)}, token=token)
    assert batch.status == 200, batch.body
    batch_id = batch.body["operationBatchId"]["batchId"]
    if batch.body["state"] == "PENDING_CHALLENGE":
        assert emu.call("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS", token=token).status == 204
        emu.call("POST", f"/beneficiaries/batch/{batch_id}/challenges/otp/SMS/verify", {"verificationCode": code},
                 token=token)
    listed = emu.call("GET", "/beneficiaries", token=token, query=f"batchId={batch_id}").body
    return batch_id, [b["id"] for b in sorted(listed["beneficiaries"], key=lambda b: int(b["id"]))]
