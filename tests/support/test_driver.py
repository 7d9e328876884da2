"""The API driver (support/driver) against the in-process emulator: each business act does what it says, and a
refused step of a composite act stops it with the caller's words."""
from __future__ import annotations

import dataclasses

import pytest

from support.driver import (
    Api,
    Refused,
    auth,
    confirmations,
    identities,
    instrument,
    managed_accounts,
    managed_cards,
    sends,
    transfers,
    users,
)
from tests.emulator.helpers import Emu


@pytest.fixture
def emu():
    return Emu()


def test_onboarding_a_corporate_makes_a_verified_stepped_up_identity(emu):
    api = emu.api
    corporate = identities.onboard(api, "corporates", step_up=True, verified=True)
    read = identities.read(api, "CORPORATE", corporate.token)
    assert read.status == 200 and read.body["id"] == {"type": "CORPORATE", "id": corporate.id}
    assert read.body["rootUser"]["emailVerified"] is True
    assert emu.call("GET", "/corporates/kyb", token=corporate.token).body["kybStatus"] == "APPROVED"
    # a stepped-up token creates users, which only a stepped-up token may do
    assert users.create(api, corporate.token, users.user_body()).status == 200


def test_onboarding_observes_each_step_in_order_and_signs_in_when_asked(emu):
    seen = []
    consumer = identities.onboard(emu.api, "CONSUMER", verify_email_first=True, sign_in=True,
                                  observe=lambda step, answer: seen.append((step, answer.status)))
    assert seen == [("registered", 200), ("password", 200), ("signed in", 200)]
    assert consumer.type == "CONSUMER" and consumer.token


def test_a_refused_step_stops_the_act_in_the_callers_words(emu):
    said = []

    def expect(answer, status, what):
        said.append(what)
        raise RuntimeError(f"set-up: {what} answered {answer.status}")

    api = dataclasses.replace(emu.api, expect=expect)
    corporate = identities.onboard(emu.api, "corporates")
    with pytest.raises(RuntimeError, match="registering the corporate answered 409"):
        identities.onboard(api, "corporates", identities.corporate_body(api, corporate.email))
    assert said == ["registering the corporate"]
    with pytest.raises(Refused, match="issuing the corporate's step-up: answered 409"):
        auth.step_up(emu.api, corporate.token, "corporate")  # no device enrolled yet


def test_money_moves_through_the_driver(emu):
    api = emu.api
    sender = identities.onboard(api, "corporates", step_up=True, verified=True)
    receiver = identities.onboard(api, "consumers", verified=True)
    account = managed_accounts.open_account(api, sender.token)["id"]
    assert managed_accounts.fund(api, account, 10_000) == "COMPLETED"
    card = managed_cards.issue(api, sender.token, currency="EUR")["id"]
    moved = transfers.create(api, sender.token, transfers.transfer_body(
        api, instrument("managed_accounts", account), instrument("managed_cards", card), 2500))
    assert moved.status == 200 and moved.body["state"] == "COMPLETED"
    wallet = managed_accounts.open_account(api, receiver.token, "wallet")["id"]
    sent = sends.create(api, sender.token, sends.send_body(
        api, instrument("managed_accounts", account), instrument("managed_accounts", wallet), 5000))
    assert sent.status == 200 and sent.body["state"] == "PENDING_CHALLENGE"
    assert confirmations.confirm(api, sender.token, "sends", [sent.body["id"]]).status == 204
    balances = managed_accounts.read(api, sender.token, account).body["balances"]
    assert balances["availableBalance"] == 10_000 - 2500 - 5000


def test_an_api_reads_the_programme_it_is_given():
    api = Api.of_programme(print, print, {"profiles": {"corporate": "7"}, "sandboxCodes": {"otp": "123456"}})
    assert (api.profile("corporate"), api.code) == ("7", "123456")
