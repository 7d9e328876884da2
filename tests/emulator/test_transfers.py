"""Transfers in the emulator: money between two instruments of one identity, one ledger posting, the
409 rules, scheduled transfers on the clock, cancel, read and list."""
from __future__ import annotations

import pytest

from .control_plane import advance, now_ms, outbox
from .helpers import Emu
from .test_managed_accounts import balances, create_account, deposit, verified_corporate


def transfer_body(emu: Emu, source: str, destination: str, amount: int, currency: str = "EUR", **extra) -> dict:
    return {"profileId": emu.programme["profiles"]["transfers"],
            "source": {"type": "managed_accounts", "id": source},
            "destination": {"type": "managed_accounts", "id": destination},
            "destinationAmount": {"currency": currency, "amount": amount}, **extra}


def transfer(emu: Emu, owner: dict, source: str, destination: str, amount: int, headers: dict | None = None,
             **extra):
    return emu.call("POST", "/transfers", transfer_body(emu, source, destination, amount, **extra),
                    token=owner["token"], headers=headers)


@pytest.fixture
def two_accounts(emu):
    owner = verified_corporate(emu)
    savings = create_account(emu, owner, friendlyName="savings")["id"]
    spending = create_account(emu, owner, friendlyName="spending")["id"]
    deposit(emu, savings, 500)
    return owner, savings, spending


def test_a_transfer_moves_money_between_two_accounts_of_one_identity(emu, two_accounts):
    owner, savings, spending = two_accounts
    answer = transfer(emu, owner, savings, spending, 200, tag="rent", description="March rent")
    assert answer.status == 200, answer.body
    body = answer.body
    assert body["state"] == "COMPLETED" and body["id"].isdigit()
    assert body["source"] == {"type": "managed_accounts", "id": savings}
    assert body["destination"] == {"type": "managed_accounts", "id": spending}
    assert body["destinationAmount"] == {"currency": "EUR", "amount": 200}
    assert body["tag"] == "rent" and body["description"] == "March rent"
    assert int(body["executionTimestamp"]) >= body["creationTimestamp"]
    assert balances(emu, owner, savings) == {"availableBalance": 300, "actualBalance": 300}
    assert balances(emu, owner, spending) == {"availableBalance": 200, "actualBalance": 200}
    # One posting: both entries carry the transfer's id.
    ledger = emu.app.world.ledger
    debit = ledger.statement(("managed_accounts", savings))[-1]
    credit = ledger.statement(("managed_accounts", spending))[-1]
    assert debit.transaction == credit.transaction == ("transfers", body["id"])
    assert (debit.actual, credit.actual) == (-200, 200)
    assert emu.call("GET", f"/transfers/{body['id']}", token=owner["token"]).body == body


@pytest.mark.parametrize("amount, code", [(501, "FUNDS_INSUFFICIENT"), (0, "AMOUNT_INVALID"), (-5, "AMOUNT_INVALID")])
def test_a_refused_transfer_moves_nothing_and_is_not_kept(emu, two_accounts, amount, code):
    owner, savings, spending = two_accounts
    answer = transfer(emu, owner, savings, spending, amount)
    assert (answer.status, answer.body) == (409, {"errorCode": code})
    assert balances(emu, owner, savings)["actualBalance"] == 500
    assert emu.call("GET", "/transfers", token=owner["token"]).body["count"] == 0


def test_the_whole_balance_can_be_transferred(emu, two_accounts):
    owner, savings, spending = two_accounts
    assert transfer(emu, owner, savings, spending, 500).body["state"] == "COMPLETED"
    assert balances(emu, owner, savings)["actualBalance"] == 0


def test_source_and_destination_must_differ(emu, two_accounts):
    owner, savings, _ = two_accounts
    answer = transfer(emu, owner, savings, savings, 100)
    assert answer.body == {"errorCode": "SOURCE_AND_DESTINATION_MUST_BE_DIFFERENT"}


def test_another_identitys_instrument_is_not_found(emu, two_accounts):
    owner, savings, spending = two_accounts
    other = verified_corporate(emu)
    theirs = create_account(emu, other)["id"]
    deposit(emu, theirs, 100)
    assert transfer(emu, owner, savings, theirs, 100).body == {"errorCode": "DESTINATION_NOT_FOUND"}
    assert transfer(emu, owner, theirs, spending, 100).body == {"errorCode": "SOURCE_NOT_FOUND"}
    assert transfer(emu, owner, "999999", spending, 100).body == {"errorCode": "SOURCE_NOT_FOUND"}
    assert balances(emu, other, theirs)["actualBalance"] == 100


def test_currencies_must_match(emu, two_accounts):
    owner, savings, _ = two_accounts
    pounds = create_account(emu, owner, currency="GBP")["id"]
    assert transfer(emu, owner, savings, pounds, 100).body == {"errorCode": "CURRENCY_MISMATCH"}
    answer = emu.call("POST", "/transfers", transfer_body(emu, savings, pounds, 100, currency="GBP"),
                      token=owner["token"])
    assert answer.body == {"errorCode": "CURRENCY_MISMATCH"}


def test_blocked_and_destroyed_instruments_take_no_part(emu, two_accounts):
    owner, savings, spending = two_accounts
    accounts = emu.app.world.area("managed_accounts").by_id
    accounts[spending].state = "BLOCKED"
    assert transfer(emu, owner, savings, spending, 100).body == {"errorCode": "DESTINATION_INSTRUMENT_BLOCKED"}
    accounts[savings].state = "DESTROYED"
    assert transfer(emu, owner, savings, spending, 100).body == {"errorCode": "SOURCE_INSTRUMENT_DESTROYED"}


def test_a_debit_mode_card_is_never_source_nor_destination(emu, two_accounts):
    """Any registered instrument area answering mode_of takes part; a stand-in card area shows the rule."""
    owner, savings, _ = two_accounts
    world = emu.app.world

    class Cards:
        def owner_of(self, card_id):
            return world.area("managed_accounts").owner_of(savings) if card_id == "77" else None

        def state_of(self, card_id):
            return "ACTIVE"

        def mode_of(self, card_id):
            return "DEBIT_MODE"

    world.instruments.register("managed_cards", Cards())
    world.ledger.open(("managed_cards", "77"), "EUR")
    body = transfer_body(emu, savings, "77", 100)
    body["destination"]["type"] = "managed_cards"
    answer = emu.call("POST", "/transfers", body, token=owner["token"])
    assert answer.body == {"errorCode": "DESTINATION_CANNOT_BE_DEBIT_MODE_CARD"}
    body["source"], body["destination"] = body["destination"], body["source"]
    answer = emu.call("POST", "/transfers", body, token=owner["token"])
    assert answer.body == {"errorCode": "SOURCE_CANNOT_BE_DEBIT_MODE_CARD"}


def test_an_unknown_profile_is_refused(emu, two_accounts):
    owner, savings, spending = two_accounts
    body = transfer_body(emu, savings, spending, 100)
    body["profileId"] = emu.programme["profiles"]["sends"]
    assert emu.call("POST", "/transfers", body, token=owner["token"]).body == {"errorCode": "PROFILE_INACTIVE"}


def test_one_idempotency_ref_with_one_payload_moves_money_once(emu, two_accounts):
    owner, savings, spending = two_accounts
    headers = {"idempotency-ref": "rent-march"}
    first = transfer(emu, owner, savings, spending, 100, headers=headers)
    again = transfer(emu, owner, savings, spending, 100, headers=headers)
    assert first.status == again.status == 200
    assert again.body == first.body
    assert balances(emu, owner, savings)["actualBalance"] == 400
    other_payload = transfer(emu, owner, savings, spending, 150, headers=headers)
    assert other_payload.body["id"] != first.body["id"]
    assert balances(emu, owner, savings)["actualBalance"] == 250


def test_a_transfer_needs_a_token_and_a_valid_body(emu, two_accounts):
    owner, savings, spending = two_accounts
    assert emu.call("POST", "/transfers", transfer_body(emu, savings, spending, 100)).status == 401
    body = transfer_body(emu, savings, spending, 100)
    del body["destinationAmount"]
    answer = emu.call("POST", "/transfers", body, token=owner["token"])
    assert answer.status == 400
    assert answer.body["syntaxErrors"]["invalidFields"][0]["fieldName"] == "destinationAmount"


# -- scheduled transfers and cancel -----------------------------------------------------------------
def scheduled(emu: Emu, seconds: int) -> str:
    return str(now_ms(emu) + seconds * 1000)


def test_a_scheduled_transfer_waits_then_runs_when_the_clock_passes(emu, two_accounts):
    owner, savings, spending = two_accounts
    at = scheduled(emu, 120)
    body = transfer(emu, owner, savings, spending, 200, scheduledTimestamp=at).body
    assert body["state"] == "SCHEDULED" and body["scheduledTimestamp"] == at
    assert "executionTimestamp" not in body
    assert balances(emu, owner, savings)["actualBalance"] == 500
    advance(emu, 119)
    assert emu.call("GET", f"/transfers/{body['id']}", token=owner["token"]).body["state"] == "SCHEDULED"
    advance(emu, 2)
    ran = emu.call("GET", f"/transfers/{body['id']}", token=owner["token"]).body
    assert ran["state"] == "COMPLETED" and int(ran["executionTimestamp"]) >= int(at)
    assert balances(emu, owner, savings)["actualBalance"] == 300
    assert balances(emu, owner, spending)["actualBalance"] == 200


def test_a_scheduled_transfer_without_funds_when_it_runs_fails_and_moves_nothing(emu, two_accounts):
    owner, savings, spending = two_accounts
    body = transfer(emu, owner, savings, spending, 800, scheduledTimestamp=scheduled(emu, 60)).body
    assert body["state"] == "SCHEDULED"
    advance(emu, 61)
    assert emu.call("GET", f"/transfers/{body['id']}", token=owner["token"]).body["state"] == "FAILED"
    assert balances(emu, owner, savings)["actualBalance"] == 500


def test_a_scheduled_timestamp_not_in_the_future_is_invalid(emu, two_accounts):
    owner, savings, spending = two_accounts
    for at in (scheduled(emu, -1), "9" * 25):
        answer = transfer(emu, owner, savings, spending, 100, scheduledTimestamp=at)
        assert answer.body == {"errorCode": "SCHEDULED_TIMESTAMP_INVALID"}


def cancel(emu, owner, *ids, reason=None):
    items = [{"id": i, **({"cancellationReason": reason} if reason else {})} for i in ids]
    answer = emu.call("POST", "/transfers/bulk/cancel", {"cancellations": items}, token=owner["token"])
    assert answer.status == 200, answer.body
    return answer.body["cancellations"]


def test_a_scheduled_transfer_is_cancelled_and_never_runs(emu, two_accounts):
    owner, savings, spending = two_accounts
    body = transfer(emu, owner, savings, spending, 200, scheduledTimestamp=scheduled(emu, 60)).body
    assert cancel(emu, owner, body["id"], reason="changed my mind") == [{"id": body["id"], "state": "SUCCESS"}]
    advance(emu, 120)
    read = emu.call("GET", f"/transfers/{body['id']}", token=owner["token"]).body
    assert read["state"] == "CANCELLED" and read["cancellationReason"] == "changed my mind"
    assert balances(emu, owner, savings)["actualBalance"] == 500
    # Terminal: cancelled once, never again.
    assert cancel(emu, owner, body["id"]) == [
        {"id": body["id"], "state": "ERROR", "errorCode": "TRANSACTION_NOT_SCHEDULED"}]


def test_cancel_answers_each_item_on_its_own(emu, two_accounts):
    owner, savings, spending = two_accounts
    done = transfer(emu, owner, savings, spending, 100).body["id"]
    waiting = transfer(emu, owner, savings, spending, 100, scheduledTimestamp=scheduled(emu, 60)).body["id"]
    other = verified_corporate(emu)
    assert cancel(emu, other, waiting) == [{"id": waiting, "state": "ERROR", "errorCode": "NOT_FOUND"}]
    assert cancel(emu, owner, done, waiting, "987654") == [
        {"id": done, "state": "ERROR", "errorCode": "TRANSACTION_NOT_SCHEDULED"},
        {"id": waiting, "state": "SUCCESS"},
        {"id": "987654", "state": "ERROR", "errorCode": "NOT_FOUND"}]


# -- read and list ----------------------------------------------------------------------------------
def test_another_identitys_transfer_is_not_found(emu, two_accounts):
    owner, savings, spending = two_accounts
    made = transfer(emu, owner, savings, spending, 100).body["id"]
    other = verified_corporate(emu)
    assert emu.call("GET", f"/transfers/{made}", token=other["token"]).status == 404
    assert emu.call("GET", "/transfers/123456789", token=owner["token"]).status == 404
    assert emu.call("GET", "/transfers", token=other["token"]).body["count"] == 0


def test_the_list_filters_by_state_tag_and_execution_time(emu, two_accounts):
    owner, savings, spending = two_accounts
    first = transfer(emu, owner, savings, spending, 100, tag="rent").body
    waiting = transfer(emu, owner, savings, spending, 100, scheduledTimestamp=scheduled(emu, 60)).body
    listed = emu.call("GET", "/transfers", token=owner["token"]).body
    assert listed["count"] == 2 and [t["id"] for t in listed["transfer"]] == [waiting["id"], first["id"]]

    def ids(query):
        return [t["id"] for t in emu.call("GET", "/transfers", token=owner["token"], query=query).body["transfer"]]

    assert ids("state=SCHEDULED") == [waiting["id"]]
    assert ids("tag=rent") == [first["id"]]
    assert ids(f"executedFrom={first['executionTimestamp']}") == [first["id"]]
    assert ids(f"executedTo={int(first['executionTimestamp']) - 1}") == []
    assert ids("offset=1&limit=1") == [first["id"]]


def test_each_change_of_state_is_a_transfers_watch_event(emu, two_accounts):
    owner, savings, spending = two_accounts
    done = transfer(emu, owner, savings, spending, 100).body["id"]
    later = transfer(emu, owner, savings, spending, 100, scheduledTimestamp=scheduled(emu, 60)).body["id"]
    cancel(emu, owner, later)
    events = [e.payload for e in outbox(emu, "transfers_watch")]
    assert [(e["transfer"]["id"]["id"], e["eventType"], e["transfer"]["state"]) for e in events] == [
        (done, "COMPLETED", "COMPLETED"), (later, "SCHEDULED", "SCHEDULED"), (later, "CANCELLED", "CANCELLED")]
    assert events[0]["transfer"]["destinationAmount"] == {"currency": "EUR", "amount": "100"}
    assert events[0]["transfer"]["source"] == {"type": "managed_accounts", "id": savings}
    # A refused transfer announces nothing.
    transfer(emu, owner, savings, spending, 10_000)
    assert len(outbox(emu, "transfers_watch")) == 3


def test_the_list_filters_by_an_instrument_given_as_an_exploded_query_object(emu, two_accounts):
    owner, savings, spending = two_accounts
    other = create_account(emu, owner, friendlyName="other")["id"]
    deposit(emu, other, 100)
    first = transfer(emu, owner, savings, spending, 10).body["id"]
    transfer(emu, owner, other, savings, 5)
    # OpenAPI's default for a query object: one pair per property (id=…&type=…).
    spent = emu.call("GET", "/transfers", token=owner["token"], query=f"id={spending}&type=managed_accounts")
    assert spent.status == 200 and [t["id"] for t in spent.body["transfer"]] == [first]
    both = emu.call("GET", "/transfers", token=owner["token"], query=f"id={savings}&type=managed_accounts")
    assert both.body["count"] == 2


@pytest.mark.parametrize("query, field", [("id=abc&type=managed_accounts", "instrumentId.id"),
                                          ("id=1&type=nonsense", "instrumentId.type"),
                                          ("id=1", "instrumentId.type")])
def test_a_malformed_instrument_filter_is_refused_naming_its_property(emu, two_accounts, query, field):
    owner = two_accounts[0]
    answer = emu.call("GET", "/transfers", token=owner["token"], query=query)
    assert answer.status == 400, answer.body
    assert field in [f["fieldName"] for f in answer.body["syntaxErrors"]["invalidFields"]]
