"""The outbox: state changes become events, named as Weavr's webhooks are, shown read-only by the
control plane."""
from __future__ import annotations

from .test_managed_accounts import charge, create_account, deposit, verified_corporate


def events(emu) -> list[dict]:
    answer = emu.call("GET", "", mount="/_emulator/events")
    assert answer.status == 200
    return answer.body["events"]


def test_money_and_onboarding_changes_are_events_in_order(emu):
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    deposit(emu, account["id"], 500)
    assert charge(emu, corporate, account["id"]).status == 200
    listed = events(emu)
    assert [e["type"] for e in listed] == ["corporates_kyb_watch", "corporates_kyb_beneficiaries_watch",
                                           "managed_accounts_watch", "managed_accounts_deposits_watch", "fees_watch"]
    kyb, director, created, deposited, fee = (e["payload"] for e in listed)
    assert (kyb["corporateId"], kyb["status"]) == (corporate["id"], "APPROVED")
    assert director["additionalInformation"]["beneficiary"]["status"] == "APPROVED"
    assert created["account"]["id"] == {"type": "managed_accounts", "id": account["id"]}
    assert deposited["transactionAmount"] == {"currency": "EUR", "amount": "500"}
    assert fee["chargeFee"]["source"] == {"type": "managed_accounts", "id": account["id"]}
    assert [e["timestamp"] for e in listed] == sorted(e["timestamp"] for e in listed)
    assert len({e["id"] for e in listed}) == 5


def test_logins_and_step_ups_are_events(emu):
    corporate = emu.corporate()
    emu.call("POST", "/login_with_password", {"email": corporate["email"], "password": {"value": "wrong"}})
    emu.call("POST", "/login_with_password",
             {"email": corporate["email"], "password": {"value": corporate["password"]}})
    emu.stepped_up(corporate)
    logins = [e["payload"]["status"] for e in events(emu) if e["type"] == "login_watch"]
    assert logins == ["DECLINED", "VERIFIED"]
    (stepup,) = [e["payload"] for e in events(emu) if e["type"] == "stepup_watch"]
    assert stepup["status"] == "VERIFIED" and stepup["identity"] == {"type": "CORPORATE", "id": corporate["id"]}


def test_a_refused_change_is_no_event_and_the_outbox_is_read_only(emu):
    corporate = verified_corporate(emu)
    before = events(emu)
    answer = emu.call("POST", "/managed_accounts", {"profileId": "0", "friendlyName": "x", "currency": "EUR"},
                      token=corporate["token"])
    assert answer.status == 409
    assert events(emu) == before
    assert emu.call("POST", "", mount="/_emulator/events").status == 405
    emu.call("POST", "", mount="/_emulator/reset")
    assert events(emu) == []


def test_events_of_work_that_fell_due_are_shown_without_another_api_request(emu):
    world = emu.app.world
    world.scheduler.at(world.now_ms() - 1, lambda: world.outbox.emit("bulk_process_end", {"status": "COMPLETED"}))
    assert [e["type"] for e in events(emu)] == ["bulk_process_end"]
