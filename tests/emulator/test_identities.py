"""Identities in the emulator: consumers, corporate and consumer updates, KYB/KYC, the Simulator's
verification, and custom fee charges (against a stand-in instrument area)."""
from __future__ import annotations

import pytest

from emulator.services import Owner
from support.driver import identities

from .control_plane import advance, now_ms
from .helpers import Emu, unique_email

CODE = "123456"


def consumer_body(emu: Emu, email: str | None = None, **overrides) -> dict:
    return identities.consumer_body(emu.api, email, **overrides)


def consumer(emu: Emu, verified_email: bool = True) -> dict:
    """A registered consumer with a password, its root email verified first unless told otherwise."""
    return identities.onboard(emu.api, "consumers", verify_email_first=verified_email).as_dict()


def verify_email(emu: Emu, area: str, email: str) -> None:
    assert emu.call("POST", f"/{area}/verification/email/send", {"email": email}).status == 204
    assert emu.call("POST", f"/{area}/verification/email/verify",
                    {"email": email, "verificationCode": CODE}).status == 204


# -- consumers -------------------------------------------------------------------------------
def test_a_consumer_registers_and_reads_itself_back(emu):
    body = consumer_body(emu, tag="t1")
    created = emu.call("POST", "/consumers", body)
    assert created.status == 200
    assert created.body["rootUser"]["email"] == body["rootUser"]["email"]
    assert created.body["rootUser"]["emailVerified"] is False
    assert created.body["rootUser"]["address"]["country"] == "MT"
    assert created.body["tag"] == "t1"
    mine = consumer(emu)
    got = emu.call("GET", "/consumers", token=mine["token"])
    assert got.status == 200 and got.body["id"] == {"type": "CONSUMER", "id": mine["id"]}
    assert got.body["rootUser"]["emailVerified"] is True


@pytest.mark.parametrize("change, code", [
    ({"profileId": "999"}, "PROFILE_NOT_FOUND"),
    ({"baseCurrency": "JPY"}, "CURRENCY_UNSUPPORTED"),
    ({"feeGroup": "NO_SUCH_GROUP"}, "FEE_GROUP_INVALID"),
])
def test_a_consumer_registration_conflicts(emu, change, code):
    answer = emu.call("POST", "/consumers", consumer_body(emu, **change))
    assert (answer.status, answer.body) == (409, {"errorCode": code})


def test_a_consumer_cannot_reuse_any_root_email(emu):
    corporate = emu.corporate()
    answer = emu.call("POST", "/consumers", consumer_body(emu, email=corporate["email"].upper()))
    assert (answer.status, answer.body) == (409, {"errorCode": "ROOT_EMAIL_NOT_UNIQUE"})


def test_a_consumer_registration_without_an_address_names_the_field(emu):
    body = consumer_body(emu)
    del body["rootUser"]["address"]
    answer = emu.call("POST", "/consumers", body)
    assert answer.status == 400
    assert {"fieldName": "rootUser.address", "error": "REQUIRED", "params": []} in \
        answer.body["syntaxErrors"]["invalidFields"]


def test_consumer_email_verification_is_separate_from_corporates(emu):
    corporate = emu.corporate()
    answer = emu.call("POST", "/consumers/verification/email/send", {"email": corporate["email"]})
    assert (answer.status, answer.body) == (409, {"errorCode": "EMAIL_NOT_FOUND"})
    mine = consumer(emu)
    answer = emu.call("POST", "/consumers/verification/email/send", {"email": mine["email"]})
    assert (answer.status, answer.body) == (409, {"errorCode": "ALREADY_VERIFIED"})


def test_a_wrong_email_code_is_refused(emu):
    body = consumer_body(emu)
    emu.call("POST", "/consumers", body)
    email = body["rootUser"]["email"]
    assert emu.call("POST", "/consumers/verification/email/send", {"email": email}).status == 204
    answer = emu.call("POST", "/consumers/verification/email/verify", {"email": email, "verificationCode": "000000"})
    assert (answer.status, answer.body) == (409, {"errorCode": "VERIFICATION_CODE_INVALID"})


def test_a_corporate_token_cannot_read_a_consumer(emu):
    corporate = emu.corporate()
    answer = emu.call("GET", "/consumers", token=corporate["token"])
    assert (answer.status, answer.body) == (403, {"errorCode": "INSUFFICIENT_PERMISSIONS"})


# -- updates -----------------------------------------------------------------------------------
def test_a_consumer_update_changes_details_and_an_email_change_unverifies_it(emu):
    mine = consumer(emu)
    new_email = unique_email()
    answer = emu.call("PATCH", "/consumers", {"surname": "Borg", "email": new_email, "occupation": "STUDENT",
                                              "userTag": "rt"}, token=mine["token"])
    assert answer.status == 200
    root = answer.body["rootUser"]
    assert (root["surname"], root["email"], root["emailVerified"], root["occupation"], root["tag"]) == \
        ("Borg", new_email, False, "STUDENT", "rt")
    # The new email is the one that logs in and is verified.
    assert emu.call("POST", "/login_with_password",
                    {"email": new_email, "password": {"value": "Passw0rd!"}}).status == 200
    verify_email(emu, "consumers", new_email)


def test_an_email_change_to_a_taken_email_is_refused_and_changes_nothing(emu):
    mine, other = consumer(emu), consumer(emu)
    answer = emu.call("PATCH", "/consumers", {"name": "Zed", "email": other["email"]}, token=mine["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "EMAIL_NOT_UNIQUE"})
    assert emu.call("GET", "/consumers", token=mine["token"]).body["rootUser"]["name"] == "Mia"


def test_a_mobile_change_unverifies_the_mobile(emu):
    corporate = emu.corporate()
    # Before due diligence locks it; the mobile is verified as the Simulator or an SMS check would.
    emu.app.world.ports.users.require(corporate["id"]).mobile_number_verified = True  # no API verifies it alone
    answer = emu.call("PATCH", "/corporates", {"mobile": {"countryCode": "+44", "number": "7700900000"}},
                      token=corporate["token"])
    assert answer.status == 200
    assert answer.body["rootUser"]["mobile"] == {"countryCode": "+44", "number": "7700900000"}
    assert answer.body["rootUser"]["mobileNumberVerified"] is False


def test_a_corporate_update_changes_company_and_root_user_details(emu):
    corporate = emu.corporate()
    address = {"addressLine1": "2 Bay St", "city": "Sliema", "postCode": "SLM 1000", "country": "MT"}
    answer = emu.call("PATCH", "/corporates", {"tag": "renamed", "industry": "ACCOUNTING", "baseCurrency": "GBP",
                                               "feeGroup": "PREMIUM", "companyBusinessAddress": address,
                                               "name": "Zoe", "locale": "en-GB"}, token=corporate["token"])
    assert answer.status == 200
    body = answer.body
    assert (body["tag"], body["industry"], body["baseCurrency"], body["feeGroup"]) == \
        ("renamed", "ACCOUNTING", "GBP", "PREMIUM")
    assert body["company"]["businessAddress"] == address
    assert (body["rootUser"]["name"], body["rootUser"]["locale"]) == ("Zoe", "en-GB")


@pytest.mark.parametrize("change, status, expected", [
    ({"baseCurrency": "JPY"}, 409, {"errorCode": "UNSUPPORTED_CURRENCY"}),
    ({"feeGroup": "NOPE"}, 409, {"errorCode": "FEE_GROUP_INVALID"}),
])
def test_corporate_update_conflicts(emu, change, status, expected):
    corporate = emu.corporate()
    answer = emu.call("PATCH", "/corporates", change, token=corporate["token"])
    assert (answer.status, answer.body) == (status, expected)


def test_a_consumer_update_to_a_currency_outside_the_programme_is_kept(emu):
    # The consumer update documents no currency conflict, so the emulator invents no refusal for it.
    mine = consumer(emu)
    answer = emu.call("PATCH", "/consumers", {"baseCurrency": "JPY"}, token=mine["token"])
    assert answer.status == 200 and answer.body["baseCurrency"] == "JPY"


@pytest.mark.parametrize("change", [
    {"name": "Other"}, {"surname": "Other"}, {"email": "x@weavr-suite.example.com"},
    {"mobile": {"countryCode": "+44", "number": "7700900001"}}, {"dateOfBirth": {"year": 1980, "month": 1, "day": 1}},
    {"address": {"country": "GB"}},
])
def test_kyc_approval_locks_the_consumers_verified_details(emu, change):
    mine = consumer(emu)
    assert emu.simulate("POST", f"/consumers/{mine['id']}/verify").status == 204
    answer = emu.call("PATCH", "/consumers", change, token=mine["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "CONSUMER_VERIFIED"})


def test_after_kyc_unlocked_fields_and_unchanged_values_still_update(emu):
    mine = consumer(emu)
    emu.simulate("POST", f"/consumers/{mine['id']}/verify")
    answer = emu.call("PATCH", "/consumers", {"tag": "later", "name": "Mia", "occupation": "RETIRED"},
                      token=mine["token"])
    assert answer.status == 200 and answer.body["tag"] == "later"


@pytest.mark.parametrize("change", [
    {"name": "Other"}, {"surname": "Other"}, {"email": "y@weavr-suite.example.com"},
    {"mobile": {"countryCode": "+44", "number": "7700900001"}}, {"dateOfBirth": {"year": 1980, "month": 1, "day": 1}},
    {"companyBusinessAddress": {"addressLine1": "3 Bay St", "city": "Sliema", "postCode": "SLM 1", "country": "MT"}},
])
def test_kyb_approval_locks_the_corporates_verified_details(emu, change):
    corporate = emu.corporate()
    emu.simulate("POST", f"/corporates/{corporate['id']}/verify")
    answer = emu.call("PATCH", "/corporates", change, token=corporate["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "ROOT_USER_ALREADY_VERIFIED"})
    assert emu.call("PATCH", "/corporates", {"tag": "ok"}, token=corporate["token"]).status == 200


# -- due diligence -------------------------------------------------------------------------------
def test_kyb_starts_once_the_root_email_is_verified_and_is_approved_by_the_simulator(emu):
    corporate = emu.corporate()
    token = corporate["token"]
    assert emu.call("GET", "/corporates/kyb", token=token).body == {"kybStatus": "NOT_STARTED",
                                                                     "ongoingKybStatus": "NOT_STARTED"}
    answer = emu.call("POST", "/corporates/kyb", token=token)
    assert (answer.status, answer.body) == (409, {"errorCode": "EMAIL_UNVERIFIED"})
    verify_email(emu, "corporates", corporate["email"])
    first = emu.call("POST", "/corporates/kyb", token=token)
    assert first.status == 200 and first.body["reference"].isdigit()
    assert emu.call("POST", "/corporates/kyb", token=token).body == first.body
    assert emu.call("GET", "/corporates/kyb", token=token).body["kybStatus"] == "INITIATED"
    assert emu.simulate("POST", f"/corporates/{corporate['id']}/verify").status == 204
    assert emu.call("GET", "/corporates/kyb", token=token).body == {"kybStatus": "APPROVED",
                                                                     "ongoingKybStatus": "APPROVED"}
    answer = emu.call("POST", "/corporates/kyb", token=token)
    assert (answer.status, answer.body) == (409, {"errorCode": "KYB_ALREADY_APPROVED"})


def test_kyc_starts_at_the_level_asked_and_the_simulator_approves_it(emu):
    mine = consumer(emu, verified_email=False)
    token = mine["token"]
    assert emu.call("GET", "/consumers/kyc", token=token).body == {"fullDueDiligence": "NOT_STARTED",
                                                                    "ongoingFullDueDiligence": "NOT_STARTED"}
    answer = emu.call("POST", "/consumers/kyc", {"kycLevel": "KYC_LEVEL_1"}, token=token)
    assert (answer.status, answer.body) == (409, {"errorCode": "EMAIL_UNVERIFIED"})
    verify_email(emu, "consumers", mine["email"])
    answer = emu.call("POST", "/consumers/kyc", {"kycLevel": "KYC_LEVEL_1"}, token=token)
    assert answer.status == 200 and answer.body["kycLevel"] == "KYC_LEVEL_1"
    assert emu.call("GET", "/consumers/kyc", token=token).body["fullDueDiligence"] == "INITIATED"
    emu.simulate("POST", f"/consumers/{mine['id']}/verify")
    got = emu.call("GET", "/consumers/kyc", token=token).body
    assert (got["fullDueDiligence"], got["kycLevel"]) == ("APPROVED", "KYC_LEVEL_1")
    answer = emu.call("POST", "/consumers/kyc", token=token)
    assert (answer.status, answer.body) == (409, {"errorCode": "KYC_ALREADY_APPROVED"})


def test_kyc_without_a_body_starts_at_full_due_diligence(emu):
    mine = consumer(emu)
    answer = emu.call("POST", "/consumers/kyc", token=mine["token"])
    assert answer.status == 200 and answer.body["kycLevel"] == "KYC_LEVEL_2"


def test_the_simulator_verifies_email_and_mobile_too(emu):
    mine = consumer(emu, verified_email=False)
    emu.simulate("POST", f"/consumers/{mine['id']}/verify")
    root = emu.call("GET", "/consumers", token=mine["token"]).body["rootUser"]
    assert root["emailVerified"] and root["mobileNumberVerified"]


def test_the_simulator_refuses_unknown_identities_and_a_wrong_programme_key(emu):
    mine = consumer(emu)
    assert emu.simulate("POST", "/consumers/1/verify").status == 404
    assert emu.simulate("POST", f"/corporates/{mine['id']}/verify").status == 404
    answer = emu.call("POST", f"/consumers/{mine['id']}/verify", api_key=None, mount="/simulate/api",
                      headers={"programme-key": "wrong"})
    assert answer.status == 401


def test_kyb_operations_are_for_corporates_only(emu):
    mine = consumer(emu)
    for method, path in (("GET", "/corporates/kyb"), ("POST", "/corporates/kyb")):
        answer = emu.call(method, path, token=mine["token"])
        assert (answer.status, answer.body) == (403, {"errorCode": "INSUFFICIENT_PERMISSIONS"})


# -- fees -----------------------------------------------------------------------------------------
class StandInAccounts:
    """An instrument area as the instruments service sees one: owners by id, money on the ledger."""

    def __init__(self, world):
        self.world = world
        self.owners: dict[str, Owner] = {}
        world.instruments.register("managed_accounts", self)

    def owner_of(self, account_id):
        return self.owners.get(account_id)

    def state_of(self, account_id):
        return "ACTIVE"

    def open(self, owner: dict, currency: str, balance: int, account_id: str) -> None:
        self.owners[account_id] = Owner(owner["type"], owner["id"])
        self.world.instruments.open(("managed_accounts", account_id), currency)
        self.world.instruments.credit(("managed_accounts", account_id), balance,
                                      ("incoming_wire_transfers", "d" + account_id))

    def available(self, account_id: str) -> int:
        return self.world.instruments.balance(("managed_accounts", account_id)).available


@pytest.fixture
def accounts(emu):
    return StandInAccounts(emu.app.world)


def charge(emu, token, fee_type, account_id, area="corporates"):
    return emu.call("POST", f"/{area}/fees/charge",
                    {"feeType": fee_type, "source": {"type": "managed_accounts", "id": account_id}}, token=token)


def test_a_fee_is_deducted_from_the_source_and_listed(emu, accounts):
    corporate = emu.corporate()
    accounts.open({"type": "CORPORATE", "id": corporate["id"]}, "EUR", 1000, "11")
    answer = charge(emu, corporate["token"], "SETUP_FEE", "11")
    assert answer.status == 200
    assert answer.body["availableBalanceAdjustment"] == {"currency": "EUR", "amount": -100}
    assert answer.body["transactionId"]["type"] == "CHARGE_FEE" and answer.body["state"] == "COMPLETED"
    assert accounts.available("11") == 900
    assert charge(emu, corporate["token"], "MONTHLY_FEE", "11").status == 200
    listed = emu.call("GET", "/fees", token=corporate["token"]).body
    assert (listed["count"], listed["responseCount"]) == (2, 2)
    assert [f["amount"]["amount"] for f in listed["fees"]] == [250, 100]  # most recent first
    assert listed["fees"][0]["instrument"] == {"type": "managed_accounts", "id": "11"}
    page = emu.call("GET", "/fees", token=corporate["token"], query="offset=1&limit=1&sortOrder=ASC").body
    assert (page["count"], page["responseCount"], page["fees"][0]["amount"]["amount"]) == (2, 1, 250)


def test_the_fee_list_filters_by_creation_time_and_is_per_identity(emu, accounts):
    corporate = emu.corporate()
    accounts.open({"type": "CORPORATE", "id": corporate["id"]}, "EUR", 1000, "12")
    charge(emu, corporate["token"], "SETUP_FEE", "12")
    advance(emu, 60)
    after = now_ms(emu)
    charge(emu, corporate["token"], "MONTHLY_FEE", "12")
    listed = emu.call("GET", "/fees", token=corporate["token"], query=f"creationTimestampFrom={after}").body
    assert [f["amount"]["amount"] for f in listed["fees"]] == [250]
    other = emu.corporate()
    assert emu.call("GET", "/fees", token=other["token"]).body == {"fees": [], "count": 0, "responseCount": 0}


def test_a_consumer_is_charged_a_fee_in_its_instrument_currency(emu, accounts):
    mine = consumer(emu)
    accounts.open({"type": "CONSUMER", "id": mine["id"]}, "GBP", 500, "21")
    answer = charge(emu, mine["token"], "SETUP_FEE", "21", area="consumers")
    assert answer.status == 200 and answer.body["availableBalanceAdjustment"] == {"currency": "GBP", "amount": -90}


@pytest.mark.parametrize("fee_type, account, code", [
    ("NO_SUCH_FEE", "31", "UNRESOLVED_FEE_TYPE"),
    ("UNPRICED_FEE", "31", "FEE_AMOUNT_NOT_SET"),
    ("SETUP_FEE", "99", "UNRESOLVED_INSTRUMENT"),
    ("SETUP_FEE", "32", "IDENTITY_NOT_OWNER_OF_INSTRUMENT"),
    ("MONTHLY_FEE", "33", "UNRESOLVED_CURRENCY"),
    ("MONTHLY_FEE", "31", "FUNDS_INSUFFICIENT"),
])
def test_fee_charge_conflicts(emu, accounts, fee_type, account, code):
    corporate, other = emu.corporate(), emu.corporate()
    accounts.open({"type": "CORPORATE", "id": corporate["id"]}, "EUR", 200, "31")
    accounts.open({"type": "CORPORATE", "id": other["id"]}, "EUR", 1000, "32")
    accounts.open({"type": "CORPORATE", "id": corporate["id"]}, "USD", 1000, "33")
    answer = charge(emu, corporate["token"], fee_type, account)
    assert (answer.status, answer.body) == (409, {"errorCode": code})
    assert accounts.available("31") == 200


def test_without_an_instrument_area_every_instrument_is_unresolved(emu):
    corporate = emu.corporate()
    answer = emu.call("POST", "/corporates/fees/charge",
                      {"feeType": "SETUP_FEE", "source": {"type": "managed_cards", "id": "1"}}, token=corporate["token"])
    assert (answer.status, answer.body) == (409, {"errorCode": "UNRESOLVED_INSTRUMENT"})


def test_a_consumer_cannot_use_the_corporate_fee_charge(emu):
    mine = consumer(emu)
    answer = charge(emu, mine["token"], "SETUP_FEE", "1")
    assert (answer.status, answer.body) == (403, {"errorCode": "INSUFFICIENT_PERMISSIONS"})
