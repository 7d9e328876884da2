"""Physical cards and the Simulator's card lifecycle in the emulator."""
from __future__ import annotations

from .cards_helpers import DELIVERY, create_card, funded_card, get_card, verified_corporate
from .control_plane import advance, now_ms, outbox


def _post(emu, owner, card_id, action, body=None):
    return emu.call("POST", f"/managed_cards/{card_id}/{action}", body, token=owner["token"])


def _upgraded(emu, owner, card=None, code="123456", **extra):
    card = card or create_card(emu, owner)
    answer = _post(emu, owner, card["id"], "physical", {"deliveryAddress": DELIVERY, "activationCode": code, **extra})
    assert answer.status == 200, answer.body
    return answer.body


def _activated(emu, owner, card=None, **extra):
    card = _upgraded(emu, owner, card, **extra)
    answer = _post(emu, owner, card["id"], "physical/activate", {"activationCode": "123456"})
    assert answer.status == 200, answer.body
    return answer.body


def test_upgrade_leaves_the_card_pending_activation_until_its_code(emu):
    corporate = verified_corporate(emu)
    card = _upgraded(emu, corporate)
    assert card["type"] == "PHYSICAL" and card["state"] == {"state": "ACTIVE"}
    assert card["physicalCardDetails"]["pendingActivation"] is True
    assert card["physicalCardDetails"]["deliveryAddress"] == DELIVERY
    again = _post(emu, corporate, card["id"], "physical", {"deliveryAddress": DELIVERY})
    assert (again.status, again.body) == (409, {"errorCode": "INSTRUMENT_ALREADY_UPGRADED_TO_PHYSICAL"})
    wrong = _post(emu, corporate, card["id"], "physical/activate", {"activationCode": "999999"})
    assert (wrong.status, wrong.body) == (409, {"errorCode": "ACTIVATION_CODE_INVALID"})
    pin = emu.call("GET", f"/managed_cards/{card['id']}/physical/pin", token=corporate["token"])
    assert (pin.status, pin.body) == (409, {"errorCode": "PHYSICAL_CARD_NOT_ACTIVATED"})
    right = _post(emu, corporate, card["id"], "physical/activate", {"activationCode": "123456"})
    assert right.status == 200 and right.body["physicalCardDetails"]["pendingActivation"] is False
    twice = _post(emu, corporate, card["id"], "physical/activate", {"activationCode": "123456"})
    assert (twice.status, twice.body) == (409, {"errorCode": "INSTRUMENT_ALREADY_ACTIVATED"})


def test_a_virtual_card_refuses_the_physical_operations(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    for action, body in (("physical/activate", {"activationCode": "1"}), ("physical/report_lost", None),
                         ("physical/report_stolen", None), ("physical/replace_damaged", {"activationCode": "1"}),
                         ("physical/contactless_limit/reset", None)):
        answer = _post(emu, corporate, card["id"], action, body)
        assert (answer.status, answer.body) == (409, {"errorCode": "INSTRUMENT_NOT_PHYSICAL"}), action


def test_pin_is_answered_as_a_token_and_unblocks(emu):
    corporate = verified_corporate(emu)
    card = _activated(emu, corporate, pin={"value": "4321"})
    pin = emu.call("GET", f"/managed_cards/{card['id']}/physical/pin", token=corporate["token"])
    assert pin.status == 200 and pin.body["pin"]["value"] != "4321"
    record = emu.app.world.area("managed_cards").card(card["id"])
    record.physical.pin_blocked = True  # wrong PINs at a terminal block it; no API call does
    blocked = emu.call("GET", f"/managed_cards/{card['id']}/physical/pin", token=corporate["token"])
    assert (blocked.status, blocked.body) == (409, {"errorCode": "PIN_TRIES_EXCEEDED"})
    unblocked = emu.call("PATCH", f"/managed_cards/{card['id']}/physical/pin/unblock", token=corporate["token"])
    assert unblocked.status == 204
    assert get_card(emu, corporate, card["id"])["physicalCardDetails"]["pinBlocked"] is False


def test_report_lost_needs_no_activation_but_report_stolen_does(emu):
    corporate = verified_corporate(emu)
    pending = _upgraded(emu, corporate)
    stolen = _post(emu, corporate, pending["id"], "physical/report_stolen")
    assert (stolen.status, stolen.body) == (409, {"errorCode": "PHYSICAL_CARD_NOT_ACTIVATED"})
    assert _post(emu, corporate, pending["id"], "physical/report_lost").status == 204
    assert get_card(emu, corporate, pending["id"])["state"] == {"state": "BLOCKED", "blockedReason": "LOST"}
    unblock = _post(emu, corporate, pending["id"], "unblock")
    assert (unblock.status, unblock.body) == (409, {"errorCode": "INSTRUMENT_MARKED_LOST_STOLEN"})
    active = _activated(emu, corporate)
    assert _post(emu, corporate, active["id"], "physical/report_stolen").status == 204
    assert get_card(emu, corporate, active["id"])["state"] == {"state": "DESTROYED", "destroyedReason": "STOLEN"}


def test_replace_damaged_needs_an_activated_card(emu):
    corporate = verified_corporate(emu)
    pending = _upgraded(emu, corporate)
    refused = _post(emu, corporate, pending["id"], "physical/replace_damaged", {"activationCode": "222222"})
    assert (refused.status, refused.body) == (409, {"errorCode": "PHYSICAL_CARD_NOT_ACTIVATED"})
    card = _activated(emu, corporate)
    assert _post(emu, corporate, card["id"], "physical/replace_damaged", {"activationCode": "222222"}).status == 204
    twice = _post(emu, corporate, card["id"], "physical/replace_damaged", {"activationCode": "222222"})
    assert (twice.status, twice.body) == (409, {"errorCode": "INSTRUMENT_ALREADY_PENDING_REPLACEMENT"})
    assert _post(emu, corporate, card["id"], "physical/activate", {"activationCode": "222222"}).status == 200


def test_replace_lost_moves_the_funds_less_pending_holds_to_a_new_card(emu):
    corporate = verified_corporate(emu)
    card = funded_card(emu, corporate, 1000)
    _activated(emu, corporate, card)
    # A pending authorisation, held straight on the ledger.
    world = emu.app.world
    world.instruments.hold(("managed_cards", card["id"]), 300, ("card_payments", world.ids.next()))
    not_marked = emu.call("POST", f"/managed_cards/{card['id']}/physical/replace_lost_stolen",
                          {"activationCode": "333333"})
    assert (not_marked.status, not_marked.body) == (409, {"errorCode": "INSTRUMENT_NOT_MARKED_LOST_OR_STOLEN"})
    assert _post(emu, corporate, card["id"], "physical/report_lost").status == 204
    answer = emu.call("POST", f"/managed_cards/{card['id']}/physical/replace_lost_stolen", {"activationCode": "333333"})
    assert answer.status == 200, answer.body
    new = answer.body
    assert new["id"] != card["id"] and new["state"] == {"state": "NOT_ENABLED"}
    assert "cardNumber" not in new and "cvv" not in new
    assert new["replacement"] == {"id": card["id"], "reason": "LOST_STOLEN"}
    assert new["balances"] == {"availableBalance": 700, "actualBalance": 700}
    old = get_card(emu, corporate, card["id"])
    assert old["state"] == {"state": "DESTROYED", "destroyedReason": "LOST"}
    assert old["balances"] == {"availableBalance": 0, "actualBalance": 300}
    twice = emu.call("POST", f"/managed_cards/{card['id']}/physical/replace_lost_stolen", {"activationCode": "333333"})
    assert (twice.status, twice.body) == (409, {"errorCode": "INSTRUMENT_ALREADY_REPLACED"})
    enabled = _post(emu, corporate, new["id"], "physical/activate", {"activationCode": "333333"})
    assert enabled.status == 200 and enabled.body["state"] == {"state": "ACTIVE"} and "cardNumber" in enabled.body


def test_contactless_reset_only_for_a_wearable(emu):
    corporate = verified_corporate(emu)
    card = _activated(emu, corporate)
    plain = _post(emu, corporate, card["id"], "physical/contactless_limit/reset")
    assert (plain.status, plain.body) == (409, {"errorCode": "PHYSICAL_CARD_TYPE_NOT_SUPPORTED"})
    wearable = _activated(emu, corporate, carrierType="WEARABLE")
    assert _post(emu, corporate, wearable["id"], "physical/contactless_limit/reset").status == 204


# -- the Simulator's lifecycle ---------------------------------------------------------------
def test_expire_destroys_the_card_and_a_second_expire_is_a_409(emu):
    corporate = verified_corporate(emu)
    card = create_card(emu, corporate)
    assert emu.simulate("POST", f"/cards/{card['id']}/expire").status == 204
    assert get_card(emu, corporate, card["id"])["state"] == {"state": "DESTROYED", "destroyedReason": "EXPIRED"}
    again = emu.simulate("POST", f"/cards/{card['id']}/expire")
    assert (again.status, again.body) == (409, {"errorCode": "INSTRUMENT_DESTROYED"})
    renew = emu.simulate("POST", f"/cards/{card['id']}/renew")
    assert (renew.status, renew.body) == (409, {"errorCode": "INSTRUMENT_DESTROYED"})


def test_renew_only_a_card_set_to_renew(emu):
    corporate = verified_corporate(emu)
    plain = create_card(emu, corporate)
    refused = emu.simulate("POST", f"/cards/{plain['id']}/renew")
    assert (refused.status, refused.body) == (409, {"errorCode": "INSTRUMENT_NOT_RENEWABLE"})
    renewing = create_card(emu, corporate, renewalType="RENEW")
    advance(emu, 400 * 24 * 3600)
    assert emu.simulate("POST", f"/cards/{renewing['id']}/about_to_expire").status == 204
    before = now_ms(emu)
    assert emu.simulate("POST", f"/cards/{renewing['id']}/renew").status == 204
    after = now_ms(emu)
    # The token expired while the clock moved a year on: sign in again to read the card.
    login = emu.call("POST", "/login_with_password",
                     {"email": corporate["email"], "password": {"value": corporate["password"]}})
    renewed = get_card(emu, {**corporate, "token": login.body["token"]}, renewing["id"])
    assert before <= renewed["renewalTimestamp"] <= after
    assert renewed["expiryMmyy"] != renewing["expiryMmyy"]
    kinds = [e.payload["eventType"] for e in outbox(emu, "managed_cards_expiries_watch")]
    assert kinds == ["CARD_ABOUT_TO_EXPIRE", "CARD_RENEWED"]


def test_an_unknown_card_is_a_404_for_the_simulator(emu):
    for action in ("expire", "about_to_expire", "renew"):
        assert emu.simulate("POST", f"/cards/1/{action}").status == 404
