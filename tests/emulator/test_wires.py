"""Outgoing and incoming wire transfers in the emulator: the way an OWT goes (payee verification, confirmation,
SCA, scheduling), where its money is at each step, the bank's accept and reject, and deposits arriving by an
account's bank details."""
from __future__ import annotations

import pytest

from .contract_cases_wires import IBAN_CLOSE, arrived, cbt, created, funded, owt
from .control_plane import advance, now_ms, outbox
from .helpers import Emu
from .test_managed_accounts import balances as balances_of


def balances(emu: Emu, corporate: dict, account_id: str) -> tuple[int, int]:
    answer = balances_of(emu, corporate, account_id)
    return answer["availableBalance"], answer["actualBalance"]


def get(emu: Emu, corporate: dict, owt_id: str) -> dict:
    return emu.call("GET", f"/outgoing_wire_transfers/{owt_id}", token=corporate["token"]).body


def submitted(emu: Emu) -> tuple[dict, str, str]:
    corporate, owt_id = created(emu, "SUBMITTED")
    return corporate, owt_id, get(emu, corporate, owt_id)["sourceInstrument"]["id"]


def test_a_sepa_transfer_verifies_its_payee_and_waits_for_confirmation(emu):
    corporate, source = funded(emu)
    answer = owt(emu, corporate, source).body
    assert answer["state"] == "PENDING_CONFIRMATION" and answer["type"] == "SEPA"
    assert answer["validationOutcomes"] == [{"category": "SEPA_VERIFICATION_OF_PAYEE",
                                             "categoryResult": {"match": "MATCH"}}]
    assert balances(emu, corporate, source) == (1_000_000, 1_000_000)  # nothing moved yet


def test_renaming_to_the_verified_name_reruns_the_check(emu):
    corporate, owt_id = created(emu, iban=IBAN_CLOSE)
    before = get(emu, corporate, owt_id)["validationOutcomes"][0]["categoryResult"]
    assert before == {"match": "CLOSE_MATCH", "accountName": "Ann Lee Ltd"}
    renamed = emu.call("PATCH", f"/outgoing_wire_transfers/{owt_id}", {"acceptVerifiedName": True},
                       token=corporate["token"]).body
    assert renamed["destination"]["name"] == "Ann Lee Ltd"
    assert renamed["validationOutcomes"][0]["categoryResult"] == {"match": "MATCH"}


def test_confirming_leads_to_the_challenge_and_a_verified_challenge_holds_the_money(emu):
    corporate, owt_id, source = submitted(emu)
    answer = get(emu, corporate, owt_id)
    assert answer["fee"] == {"currency": "EUR", "amount": 100}
    # Held: the available balance drops by amount and fee, the actual one when the bank accepts.
    assert balances(emu, corporate, source) == (1_000_000 - 5000 - 100, 1_000_000)


def test_the_banks_accept_completes_and_the_money_leaves(emu):
    corporate, owt_id, source = submitted(emu)
    assert emu.simulate("POST", f"/wiretransfers/outgoing/{owt_id}/accept").body == {"code": "COMPLETED"}
    assert get(emu, corporate, owt_id)["state"] == "COMPLETED"
    assert balances(emu, corporate, source) == (1_000_000 - 5100, 1_000_000 - 5100)
    pdf = emu.call("GET", f"/outgoing_wire_transfers/{owt_id}/payment_confirmation", token=corporate["token"])
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF-")


def test_the_banks_reject_gives_the_money_back_and_stays_rejected(emu):
    corporate, owt_id, source = submitted(emu)
    assert emu.simulate("POST", f"/wiretransfers/outgoing/{owt_id}/reject").body == {"code": "COMPLETED"}
    assert get(emu, corporate, owt_id)["state"] == "REJECTED"
    assert balances(emu, corporate, source) == (1_000_000, 1_000_000)
    assert emu.simulate("POST", f"/wiretransfers/outgoing/{owt_id}/accept").body == {"code": "DENIED"}
    assert get(emu, corporate, owt_id)["state"] == "REJECTED"


@pytest.mark.parametrize("verb", ["accept", "reject"])
def test_the_bank_cannot_decide_an_unknown_or_completed_transfer_and_nothing_moves(emu, verb):
    # A numeric id (the path declares an integer) that no transfer has.
    assert emu.simulate("POST", f"/wiretransfers/outgoing/999999999/{verb}").body == {
        "code": "DENIED_WIRE_TRANSFER_NOT_FOUND"}
    corporate, owt_id = created(emu, "COMPLETED")
    source = get(emu, corporate, owt_id)["sourceInstrument"]["id"]
    assert emu.simulate("POST", f"/wiretransfers/outgoing/{owt_id}/{verb}").body == {
        "code": "DENIED_WIRE_TRANSFER_ALREADY_COMPLETED"}
    assert get(emu, corporate, owt_id)["state"] == "COMPLETED"
    assert balances(emu, corporate, source) == (1_000_000 - 5100, 1_000_000 - 5100)


def test_a_low_value_transfer_is_exempt_from_the_challenge(emu):
    corporate, owt_id = created(emu, amount=1000)
    answer = emu.call("POST", f"/outgoing_wire_transfers/{owt_id}/confirm", token=corporate["token"]).body
    assert answer["state"] == "SUBMITTED" and answer["challengeExemptionReason"] == "LOW_VALUE"


def test_a_scheduled_transfer_runs_when_the_clock_passes_and_can_be_cancelled_until_then(emu):
    corporate, source = funded(emu)
    at = str(now_ms(emu) + 60_000)
    first = owt(emu, corporate, source, amount=1000, scheduledTimestamp=at).body["id"]
    second = owt(emu, corporate, source, amount=1000, scheduledTimestamp=at).body["id"]
    for owt_id in (first, second):
        emu.call("POST", f"/outgoing_wire_transfers/{owt_id}/confirm", token=corporate["token"])
        assert get(emu, corporate, owt_id)["state"] == "SCHEDULED"
    assert emu.call("POST", f"/outgoing_wire_transfers/{second}/cancel", token=corporate["token"]).status == 200
    advance(emu, 61)
    assert get(emu, corporate, first)["state"] == "SUBMITTED"
    assert get(emu, corporate, second)["state"] == "CANCELLED"
    assert balances(emu, corporate, source)[0] == 1_000_000 - 1100


def test_a_faster_payments_transfer_with_an_exact_match_goes_straight_to_the_challenge(emu):
    corporate = funded(emu)[0]
    gbp = emu.call("POST", "/managed_accounts", {"profileId": emu.programme["profiles"]["managedAccounts"],
                                                 "friendlyName": "pounds", "currency": "GBP"},
                   token=corporate["token"]).body["id"]
    emu.simulate("POST", f"/accounts/{gbp}/deposit", {"depositAmount": {"currency": "GBP", "amount": 90_000}})
    body = {"profileId": emu.programme["profiles"]["outgoingWireTransfers"],
            "sourceInstrument": {"type": "managed_accounts", "id": gbp},
            "transferAmount": {"currency": "GBP", "amount": 50_000},
            "destinationBeneficiary": {"name": "Ann Lee", "type": "PERSONAL", "accountNumber": "12345600",
                                       "sortCode": "040075"}}
    answer = emu.call("POST", "/outgoing_wire_transfers", body, token=corporate["token"]).body
    assert answer["state"] == "PENDING_CHALLENGE" and answer["type"] == "FASTER_PAYMENTS"
    assert answer["validationOutcomes"][0]["categoryResult"] == {"match": "EXACT_MATCH"}


def test_correspondent_transfers_are_listed_by_when_they_were_executed(emu):
    corporate, source = funded(emu)
    executed = cbt(emu, corporate, source, amount=1000).body["id"]
    # Low value: confirming it skips the challenge and executes it now; the other one is never executed.
    before = now_ms(emu)
    emu.call("POST", f"/correspondent_bank_transfers/{executed}/confirm", token=corporate["token"])
    after = now_ms(emu)
    cbt(emu, corporate, source)

    def listed(query: str) -> list[str]:
        answer = emu.call("GET", "/correspondent_bank_transfers", query=query, token=corporate["token"]).body
        return [t["id"] for t in answer["transfer"]]

    assert len(listed("")) == 2
    assert listed(f"executedFrom={before}") == [executed] == listed(f"executedTo={after}")
    assert listed(f"executedFrom={after + 1}") == [] == listed(f"executedTo={before - 1}")


def test_a_deposit_by_iban_arrives_as_an_incoming_wire_transfer(emu):
    corporate, answer = arrived(emu)
    assert answer.body == {"code": "COMPLETED"}
    (incoming,) = emu.call("GET", "/incoming_wire_transfers", token=corporate["token"]).body["incomingWireTransfers"]
    assert incoming["amount"] == {"currency": "EUR", "amount": 700} and incoming["state"] == "COMPLETED"
    assert incoming["senderName"] == "Bo Ray" and incoming["paymentNetwork"] == "SEPA"
    account_id = incoming["destinationInstrument"]["id"]
    assert balances(emu, corporate, account_id) == (700, 700)


def test_an_account_without_an_iban_cannot_be_found_by_its_would_be_details(emu):
    assert arrived(emu, upgrade=False)[1].body == {"code": "DENIED_ACCOUNT_NOT_FOUND"}


def test_the_confirmation_challenge_of_a_list_moves_the_transfers_on_and_too_many_wrong_codes_fail_them(emu):
    corporate, first = created(emu, "PENDING_CHALLENGE")
    source = get(emu, corporate, first)["sourceInstrument"]["id"]
    second = owt(emu, corporate, source).body["id"]
    emu.call("POST", f"/outgoing_wire_transfers/{second}/confirm", token=corporate["token"])
    body = {"resourceType": "outgoing_wire_transfers", "resourceIds": [first, second]}
    challenge = emu.call("POST", "/challenges/otp/SMS", body, token=corporate["token"]).body["scaChallengeId"]
    verify = {"resourceType": "outgoing_wire_transfers", "verificationCode": "123456"}
    assert emu.call("POST", f"/challenges/{challenge}/otp/SMS/verify", verify, token=corporate["token"]).status == 204
    assert [get(emu, corporate, i)["state"] for i in (first, second)] == ["SUBMITTED", "SUBMITTED"]

    third = owt(emu, corporate, source).body["id"]
    emu.call("POST", f"/outgoing_wire_transfers/{third}/confirm", token=corporate["token"])
    emu.call("POST", f"/outgoing_wire_transfers/{third}/challenges/otp/SMS", token=corporate["token"])
    for _ in range(3):
        emu.call("POST", f"/outgoing_wire_transfers/{third}/challenges/otp/SMS/verify", {"verificationCode": "000000"},
                 token=corporate["token"])
    assert get(emu, corporate, third)["state"] == "FAILED"
    assert balances(emu, corporate, source)[0] == 1_000_000 - 2 * 5100  # the failed one holds nothing


def test_a_correspondent_bank_transfer_follows_the_wire_rules_and_is_announced(emu):
    from .contract_cases_wires import ORIGINATOR, cbt
    corporate, source = funded(emu)
    created_ = cbt(emu, corporate, source, amount=5000).body
    assert created_["state"] == "PENDING_CONFIRMATION" and created_["originator"] == ORIGINATOR
    cbt_id = created_["id"]
    assert emu.call("POST", f"/correspondent_bank_transfers/{cbt_id}/confirm", token=corporate["token"]).body[
        "state"] == "PENDING_CHALLENGE"
    body = {"resourceType": "correspondent_bank_transfers", "resourceIds": [cbt_id]}
    challenge = emu.call("POST", "/challenges/otp/SMS", body, token=corporate["token"]).body["scaChallengeId"]
    emu.call("POST", f"/challenges/{challenge}/otp/SMS/verify",
             {"resourceType": "correspondent_bank_transfers", "verificationCode": "123456"}, token=corporate["token"])
    assert emu.simulate("POST", f"/wiretransfers/outgoing/{cbt_id}/accept").body == {"code": "COMPLETED"}
    answer = emu.call("GET", f"/correspondent_bank_transfers/{cbt_id}", token=corporate["token"]).body
    assert answer["state"] == "COMPLETED" and "fee" not in answer
    assert balances(emu, corporate, source) == (1_000_000 - 5000, 1_000_000 - 5000)
    # Not an outgoing wire transfer of the caller's, and announced as its own kind.
    assert emu.call("GET", f"/outgoing_wire_transfers/{cbt_id}", token=corporate["token"]).status == 404
    events = [e.payload["eventType"] for e in outbox(emu, "correspondent_bank_transfers_watch")]
    assert events == ["PENDING_CHALLENGE", "SUBMITTED", "COMPLETED"]
