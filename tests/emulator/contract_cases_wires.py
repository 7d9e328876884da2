"""Contract cases for outgoing wire transfers, their deprecated challenges and the Simulator's accept and
reject: each handler's success answer and its documented errors, registered in contract_cases.CASES."""
from __future__ import annotations

from emulator.instruments.iban import iban_for

from .contract_cases import account, case, verified
from .helpers import Emu

IBAN_MATCH = "DE89370400440532013000"  # ends "00": verification of payee matches
IBAN_CLOSE = "DE62370400440532013001"  # ends "01": a close match


def funded(emu: Emu, amount: int = 1_000_000) -> tuple[dict, str]:
    corporate = verified(emu)
    source = account(emu, corporate)
    emu.simulate("POST", f"/accounts/{source}/deposit", {"depositAmount": {"currency": "EUR", "amount": amount}})
    return corporate, source


def owt(emu: Emu, corporate: dict, source: str, amount: int = 5000, iban: str = IBAN_MATCH, **extra):
    body = {"profileId": emu.programme["profiles"]["outgoingWireTransfers"],
            "sourceInstrument": {"type": "managed_accounts", "id": source},
            "transferAmount": {"currency": "EUR", "amount": amount}, "description": "rent",
            "destinationBeneficiary": {"name": "Ann Lee", "iban": iban}, **extra}
    return emu.call("POST", "/outgoing_wire_transfers", body, token=corporate["token"])


def created(emu: Emu, state: str = "PENDING_CONFIRMATION", **extra) -> tuple[dict, str]:
    """A corporate and its OWT, driven to `state` (PENDING_CONFIRMATION, PENDING_CHALLENGE, SUBMITTED, COMPLETED)."""
    corporate, source = funded(emu)
    answer = owt(emu, corporate, source, **extra)
    assert answer.status == 200, answer.body
    owt_id = answer.body["id"]
    steps = ["PENDING_CONFIRMATION", "PENDING_CHALLENGE", "SUBMITTED", "COMPLETED"]
    for reached in steps[1:steps.index(state) + 1]:
        if reached == "PENDING_CHALLENGE":
            emu.call("POST", f"/outgoing_wire_transfers/{owt_id}/confirm", token=corporate["token"])
        elif reached == "SUBMITTED":
            for path, body in (("/otp/SMS", None), ("/otp/SMS/verify", {"verificationCode": "123456"})):
                emu.call("POST", f"/outgoing_wire_transfers/{owt_id}/challenges{path}", body, token=corporate["token"])
        else:
            emu.simulate("POST", f"/wiretransfers/outgoing/{owt_id}/accept")
    assert emu.call("GET", f"/outgoing_wire_transfers/{owt_id}", token=corporate["token"]).body["state"] == state
    return corporate, owt_id


def on(emu: Emu, method: str, action: str, body=None, state: str = "PENDING_CONFIRMATION", **extra):
    corporate, owt_id = created(emu, state, **extra)
    return emu.call(method, f"/outgoing_wire_transfers/{owt_id}{action}", body, token=corporate["token"])


@case("outgoingWireTransferCreate", 200)
def _(emu):
    return owt(emu, *funded(emu))


@case("outgoingWireTransferCreate", 400)
def _(emu):
    return owt(emu, *funded(emu), amount="many")


for _code, _change in (("FUNDS_INSUFFICIENT", {"amount": 2_000_000}),
                       ("BENEFICIARY_BANK_DETAILS_INVALID", {"iban": "DE00370400440532013000"}),
                       ("SCHEDULED_TIMESTAMP_INVALID", {"scheduledTimestamp": "1"}),
                       ("PROFILE_INACTIVE", {"profileId": "999"})):
    case("outgoingWireTransferCreate", 409, _code)(lambda emu, change=_change: owt(emu, *funded(emu), **change))


@case("outgoingWireTransferCreate", 409, "SOURCE_NOT_FOUND")
def _(emu):
    corporate, _ = funded(emu)
    return owt(emu, corporate, "999999999")


@case("outgoingWireTransferCreate", 409, "PURPOSE_OF_PAYMENT_REQUIRED")
def _(emu):
    corporate, source = funded(emu)
    swift = {"name": "Ann Lee", "account": "123456789", "address": "1 Main St", "bankCountry": "US"}
    return owt(emu, corporate, source, destinationBeneficiary=swift)


case("outgoingWireTransferGet", 200)(lambda emu: on(emu, "GET", ""))
case("outgoingWireTransferGet", 404)(
    lambda emu: emu.call("GET", "/outgoing_wire_transfers/999999999", token=verified(emu)["token"]))


@case("outgoingWireTransfersGet", 200)
def _(emu):
    corporate, _ = created(emu)
    return emu.call("GET", "/outgoing_wire_transfers", query="state=PENDING_CONFIRMATION", token=corporate["token"])


@case("outgoingWireTransfersGet", 400)
def _(emu):
    return emu.call("GET", "/outgoing_wire_transfers", query="limit=0", token=verified(emu)["token"])


case("outgoingWireTransferUpdateBeneficiaryName", 200)(
    lambda emu: on(emu, "PATCH", "", {"acceptVerifiedName": True}, iban=IBAN_CLOSE))
case("outgoingWireTransferUpdateBeneficiaryName", 409, "NO_NAME_TO_ACCEPT")(
    lambda emu: on(emu, "PATCH", "", {"acceptVerifiedName": True}))
case("outgoingWireTransferUpdateBeneficiaryName", 409, "INVALID_STATE")(
    lambda emu: on(emu, "PATCH", "", {"name": "Ann Lee"}, state="PENDING_CHALLENGE"))
case("outgoingWireTransferConfirm", 200)(lambda emu: on(emu, "POST", "/confirm"))
case("outgoingWireTransferConfirm", 409, "INVALID_STATE")(
    lambda emu: on(emu, "POST", "/confirm", state="PENDING_CHALLENGE"))
case("outgoingWireTransferConfirm", 404)(
    lambda emu: emu.call("POST", "/outgoing_wire_transfers/999999999/confirm", token=verified(emu)["token"]))
case("outgoingWireTransferSingleCancel", 200)(lambda emu: on(emu, "POST", "/cancel", {"cancellationReason": "no"}))
case("outgoingWireTransferSingleCancel", 409, "INVALID_STATE")(
    lambda emu: on(emu, "POST", "/cancel", state="SUBMITTED"))
case("outgoingWireTransferSingleCancel", 404)(
    lambda emu: emu.call("POST", "/outgoing_wire_transfers/999999999/cancel", token=verified(emu)["token"]))
case("outgoingWireTransferPaymentConfirmation", 200)(
    lambda emu: on(emu, "GET", "/payment_confirmation", state="COMPLETED"))
case("outgoingWireTransferPaymentConfirmation", 409, "TRANSFER_NOT_COMPLETED")(
    lambda emu: on(emu, "GET", "/payment_confirmation", state="SUBMITTED"))
case("outgoingWireTransferSCAChallenge", 204)(
    lambda emu: on(emu, "POST", "/challenges/otp/SMS", state="PENDING_CHALLENGE"))
case("outgoingWireTransferSCAChallenge", 409, "STATE_INVALID")(lambda emu: on(emu, "POST", "/challenges/otp/SMS"))
case("outgoingWireTransferSCAVerify", 409, "STATE_INVALID")(
    lambda emu: on(emu, "POST", "/challenges/otp/SMS/verify", {"verificationCode": "123456"},
                   state="PENDING_CHALLENGE"))
case("outgoingWireTransferSCAChallengePush", 409, "CHANNEL_NOT_REGISTERED")(
    lambda emu: on(emu, "POST", "/challenges/push/AUTHY", state="PENDING_CHALLENGE"))


@case("outgoingWireTransferSCAVerify", 204)
def _(emu):
    corporate, owt_id = created(emu, "PENDING_CHALLENGE")
    emu.call("POST", f"/outgoing_wire_transfers/{owt_id}/challenges/otp/SMS", token=corporate["token"])
    return emu.call("POST", f"/outgoing_wire_transfers/{owt_id}/challenges/otp/SMS/verify",
                    {"verificationCode": "123456"}, token=corporate["token"])


@case("outgoingWireTransferSCAChallengePush", 204)
def _(emu):
    corporate, owt_id = created(emu, "PENDING_CHALLENGE")
    assert emu.call("POST", "/authentication_factors/push/AUTHY", token=corporate["token"]).status == 204
    return emu.call("POST", f"/outgoing_wire_transfers/{owt_id}/challenges/push/AUTHY", token=corporate["token"])


# -- the Simulator ------------------------------------------------------------------------------------
for _operation, _verb in (("wiretransfers_outgoing_outgoing_wire_transfer_id_accept", "accept"),
                          ("wiretransfers_outgoing_outgoing_wire_transfer_id_reject", "reject")):
    case(_operation, 200, namespace="simulator")(
        lambda emu, verb=_verb: emu.simulate("POST", f"/wiretransfers/outgoing/{created(emu, 'SUBMITTED')[1]}/{verb}"))
    case(_operation, 400, namespace="simulator")(
        lambda emu, verb=_verb: emu.simulate("POST", f"/wiretransfers/outgoing/abc/{verb}"))
case("outgoingWireTransferUpdateBeneficiaryName", 409, "MODEL_CONSTRAINTS_VIOLATED")(
    lambda emu: on(emu, "PATCH", "", {"name": ""}))


# -- incoming wire transfers ----------------------------------------------------------------------------
def arrived(emu: Emu, upgrade: bool = True, **extra):
    """A corporate's EUR account and a deposit to its IBAN through the Simulator's full path."""
    corporate = verified(emu)
    account_id = account(emu, corporate)
    if upgrade:
        emu.call("POST", f"/managed_accounts/{account_id}/iban", token=corporate["token"])
    details = emu.call("GET", f"/managed_accounts/{account_id}/iban", token=corporate["token"]).body["bankAccountDetails"]
    body = {"depositAmount": {"currency": "EUR", "amount": 700}, "senderName": "Bo Ray",
            "destinationIbanDetails": {"iban": details[0]["details"]["iban"] if details else iban_for(account_id)},
            **extra}
    return corporate, emu.simulate("POST", "/accounts/deposit", body)


case("accounts_deposit", 200, namespace="simulator")(lambda emu: arrived(emu)[1])
case("accounts_deposit", 400, namespace="simulator")(lambda emu: arrived(emu, depositAmount={"amount": 5})[1])


@case("incomingWireTransfersGet", 200)
def _(emu):
    corporate, answer = arrived(emu)
    assert answer.body["code"] == "COMPLETED", answer.body
    return emu.call("GET", "/incoming_wire_transfers", query="state=COMPLETED", token=corporate["token"])


case("incomingWireTransfersGet", 400)(
    lambda emu: emu.call("GET", "/incoming_wire_transfers", query="limit=-1", token=verified(emu)["token"]))


@case("incomingWireTransferGet", 200)
def _(emu):
    corporate, _ = arrived(emu)
    listed_ = emu.call("GET", "/incoming_wire_transfers", token=corporate["token"]).body
    return emu.call("GET", f"/incoming_wire_transfers/{listed_['incomingWireTransfers'][0]['id']}",
                    token=corporate["token"])


case("incomingWireTransferGet", 404)(
    lambda emu: emu.call("GET", "/incoming_wire_transfers/999999999", token=verified(emu)["token"]))


@case("outgoingWireTransferCreate", 409, "BENEFICIARY_NOT_FOUND")
def _(emu):
    return owt(emu, *funded(emu), destinationBeneficiary={"beneficiaryId": "999999999"})


# -- correspondent bank transfers ---------------------------------------------------------------------
ORIGINATOR = {"name": "Bo Ray", "address": "2 High St, Valletta", "country": "MT",
              "bankAccountDetails": {"account": "12345678", "financialInstitution": "WEAVMTMT"}}


def cbt(emu: Emu, corporate: dict, source: str, amount: int = 5000, **extra):
    body = {"profileId": emu.programme["profiles"]["outgoingWireTransfers"],
            "sourceInstrument": {"type": "managed_accounts", "id": source},
            "amount": {"currency": "EUR", "amount": amount}, "originator": ORIGINATOR, "purpose": "invoice 7",
            "beneficiary": {"name": "Ann Lee", "iban": IBAN_MATCH, "address": "1 Main St"}, **extra}
    return emu.call("POST", "/correspondent_bank_transfers", body, token=corporate["token"])


def cbt_on(emu: Emu, method: str, action: str, confirmed: bool = False):
    corporate, source = funded(emu)
    cbt_id = cbt(emu, corporate, source).body["id"]
    if confirmed:
        emu.call("POST", f"/correspondent_bank_transfers/{cbt_id}/confirm", token=corporate["token"])
    return emu.call(method, f"/correspondent_bank_transfers/{cbt_id}{action}", token=corporate["token"])


case("correspondentBankTransferCreate", 200)(lambda emu: cbt(emu, *funded(emu)))
case("correspondentBankTransferCreate", 400)(lambda emu: cbt(emu, *funded(emu), purpose=None))
case("correspondentBankTransferCreate", 409, "FUNDS_INSUFFICIENT")(lambda emu: cbt(emu, *funded(emu), amount=2_000_000))
case("correspondentBankTransferGet", 200)(lambda emu: cbt_on(emu, "GET", ""))
case("correspondentBankTransferGet", 404)(
    lambda emu: emu.call("GET", "/correspondent_bank_transfers/999999999", token=verified(emu)["token"]))


@case("correspondentBankTransfersGet", 200)
def _(emu):
    corporate, source = funded(emu)
    cbt(emu, corporate, source)
    return emu.call("GET", "/correspondent_bank_transfers", query="state=PENDING_CONFIRMATION", token=corporate["token"])


case("correspondentBankTransfersGet", 400)(
    lambda emu: emu.call("GET", "/correspondent_bank_transfers", query="limit=0", token=verified(emu)["token"]))
case("correspondentBankTransferConfirm", 200)(lambda emu: cbt_on(emu, "POST", "/confirm"))
case("correspondentBankTransferConfirm", 409, "INVALID_STATE")(lambda emu: cbt_on(emu, "POST", "/confirm", True))
case("correspondentBankTransferCancel", 200)(lambda emu: cbt_on(emu, "POST", "/cancel"))
case("correspondentBankTransferCancel", 409, "INVALID_STATE")(lambda emu: cbt_on(emu, "POST", "/cancel", True))
