"""Contract cases for the managed cards operations and the Simulator's card lifecycle: one driver per
(operation, outcome), registered in contract_cases.CASES (imported at the end of contract_cases.py)."""
from __future__ import annotations

from .cards_helpers import DELIVERY, card_body, funded_card
from .contract_cases import account, case, verified
from .helpers import Emu

UNKNOWN = "999999999"


def card(emu: Emu, corporate: dict, mode: str = "PREPAID_MODE", **overrides) -> str:
    answer = emu.call("POST", "/managed_cards", card_body(emu, mode, **overrides), token=corporate["token"])
    assert answer.status == 200, answer.body
    return answer.body["id"]


def physical(emu: Emu, corporate: dict, activated: bool = True, **extra) -> str:
    card_id = card(emu, corporate)
    answer = emu.call("POST", f"/managed_cards/{card_id}/physical",
                      {"deliveryAddress": DELIVERY, "activationCode": "123456", **extra}, token=corporate["token"])
    assert answer.status == 200, answer.body
    if activated:
        answer = emu.call("POST", f"/managed_cards/{card_id}/physical/activate", {"activationCode": "123456"},
                          token=corporate["token"])
        assert answer.status == 200, answer.body
    return card_id


def _post(emu, corporate, card_id, action, body=None):
    return emu.call("POST", f"/managed_cards/{card_id}/{action}", body, token=corporate["token"])


# -- create, read, list, update ------------------------------------------------------------------------
@case("managedCardCreate", 200)
def _(emu):
    return emu.call("POST", "/managed_cards", card_body(emu), token=verified(emu)["token"])


@case("managedCardCreate", 409, "PARENT_MANAGED_ACCOUNT_NOT_FOUND")
def _(emu):
    return emu.call("POST", "/managed_cards", card_body(emu, "DEBIT_MODE", parentManagedAccountId=UNKNOWN),
                    token=verified(emu)["token"])


@case("managedCardGet", 200)
def _(emu):
    corporate = verified(emu)
    card_id = card(emu, corporate, "DEBIT_MODE", parentManagedAccountId=account(emu, corporate))
    return emu.call("GET", f"/managed_cards/{card_id}", token=corporate["token"])


@case("managedCardGet", 404)
def _(emu):
    return emu.call("GET", f"/managed_cards/{UNKNOWN}", token=verified(emu)["token"])


@case("managedCardsGet", 200)
def _(emu):
    corporate = verified(emu)
    card(emu, corporate)
    return emu.call("GET", "/managed_cards", token=corporate["token"], query="mode=PREPAID_MODE&state=ACTIVE")


@case("managedCardsGet", 401)
def _(emu):
    return emu.call("GET", "/managed_cards")


@case("managedCardUpdate", 200)
def _(emu):
    corporate = verified(emu)
    return emu.call("PATCH", f"/managed_cards/{card(emu, corporate)}", {"friendlyName": "Renamed"},
                    token=corporate["token"])


@case("managedCardUpdate", 409, "INSTRUMENT_NOT_PHYSICAL")
def _(emu):
    corporate = verified(emu)
    return emu.call("PATCH", f"/managed_cards/{card(emu, corporate)}", {"deliveryMethod": "COURIER"},
                    token=corporate["token"])


# -- block, unblock, remove ----------------------------------------------------------------------------
@case("managedCardBlock", 204)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, card(emu, corporate), "block")


@case("managedCardBlock", 409, "INSTRUMENT_ALREADY_BLOCKED")
def _(emu):
    corporate = verified(emu)
    card_id = card(emu, corporate)
    _post(emu, corporate, card_id, "block")
    return _post(emu, corporate, card_id, "block")


@case("managedCardUnblock", 204)
def _(emu):
    corporate = verified(emu)
    card_id = card(emu, corporate)
    _post(emu, corporate, card_id, "block")
    return _post(emu, corporate, card_id, "unblock")


@case("managedCardUnblock", 409, "INSTRUMENT_NOT_BLOCKED")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, card(emu, corporate), "unblock")


@case("managedCardRemove", 204)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, card(emu, corporate), "remove")


@case("managedCardRemove", 409, "BALANCE_NOT_ZERO")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, funded_card(emu, corporate, 100)["id"], "remove")


# -- statements and transactions -----------------------------------------------------------------------
for _operation_id, _path in (("managedCardStatement", "/managed_cards/{}/statement"),
                             ("managedCardStatementDeprecated", "/deprecated/managed_cards/{}/statement"),
                             ("managedCardTransactionsGet", "/managed_cards/{}/transactions")):
    @case(_operation_id, 200)
    def _(emu, path=_path):
        corporate = verified(emu)
        return emu.call("GET", path.format(funded_card(emu, corporate, 100)["id"]), token=corporate["token"])

    @case(_operation_id, 404)
    def _(emu, path=_path):
        return emu.call("GET", path.format(UNKNOWN), token=verified(emu)["token"])


@case("managedCardTransactionGet", 200)
def _(emu):
    corporate = verified(emu)
    card_id = funded_card(emu, corporate, 100)["id"]
    (item,) = emu.call("GET", f"/managed_cards/{card_id}/transactions", token=corporate["token"]).body["transactions"]
    return emu.call("GET", f"/managed_cards/{card_id}/transactions/{item['id']}", token=corporate["token"])


@case("managedCardTransactionGet", 404)
def _(emu):
    corporate = verified(emu)
    return emu.call("GET", f"/managed_cards/{card(emu, corporate)}/transactions/{UNKNOWN}", token=corporate["token"])


# -- physical cards ------------------------------------------------------------------------------------
@case("managedCardPhysicalUpgrade", 200)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, card(emu, corporate), "physical", {"deliveryAddress": DELIVERY})


@case("managedCardPhysicalUpgrade", 409, "INSTRUMENT_ALREADY_UPGRADED_TO_PHYSICAL")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate, activated=False), "physical", {"deliveryAddress": DELIVERY})


@case("managedCardPhysicalActivate", 200)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate, activated=False), "physical/activate",
                 {"activationCode": "123456"})


@case("managedCardPhysicalActivate", 409, "ACTIVATION_CODE_INVALID")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate, activated=False), "physical/activate",
                 {"activationCode": "999999"})


@case("managedCardPhysicalPinGet", 200)
def _(emu):
    corporate = verified(emu)
    return emu.call("GET", f"/managed_cards/{physical(emu, corporate)}/physical/pin", token=corporate["token"])


@case("managedCardPhysicalPinGet", 409, "PHYSICAL_CARD_NOT_ACTIVATED")
def _(emu):
    corporate = verified(emu)
    return emu.call("GET", f"/managed_cards/{physical(emu, corporate, activated=False)}/physical/pin",
                    token=corporate["token"])


@case("managedCardPhysicalPinUnBlock", 204)
def _(emu):
    corporate = verified(emu)
    return emu.call("PATCH", f"/managed_cards/{physical(emu, corporate)}/physical/pin/unblock",
                    token=corporate["token"])


@case("managedCardPhysicalPinUnBlock", 409, "INSTRUMENT_NOT_PHYSICAL")
def _(emu):
    corporate = verified(emu)
    return emu.call("PATCH", f"/managed_cards/{card(emu, corporate)}/physical/pin/unblock", token=corporate["token"])


@case("managedCardPhysicalContactlessLimitReset", 204)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate, carrierType="WEARABLE"), "physical/contactless_limit/reset")


@case("managedCardPhysicalContactlessLimitReset", 409, "PHYSICAL_CARD_TYPE_NOT_SUPPORTED")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate), "physical/contactless_limit/reset")


@case("managedCardPhysicalReplaceDamaged", 204)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate), "physical/replace_damaged", {"activationCode": "222222"})


@case("managedCardPhysicalReplaceDamaged", 409, "PHYSICAL_CARD_NOT_ACTIVATED")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate, activated=False), "physical/replace_damaged",
                 {"activationCode": "222222"})


@case("managedCardPhysicalReportLost", 204)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate, activated=False), "physical/report_lost")


@case("managedCardPhysicalReportLost", 409, "INSTRUMENT_NOT_PHYSICAL")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, card(emu, corporate), "physical/report_lost")


@case("managedCardPhysicalReportStolen", 204)
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate), "physical/report_stolen")


@case("managedCardPhysicalReportStolen", 409, "PHYSICAL_CARD_NOT_ACTIVATED")
def _(emu):
    corporate = verified(emu)
    return _post(emu, corporate, physical(emu, corporate, activated=False), "physical/report_stolen")


@case("managedCardPhysicalReplaceLostOrStolen", 200)
def _(emu):
    corporate = verified(emu)
    card_id = physical(emu, corporate)
    _post(emu, corporate, card_id, "physical/report_lost")
    return emu.call("POST", f"/managed_cards/{card_id}/physical/replace_lost_stolen", {"activationCode": "333333"})


@case("managedCardPhysicalReplaceLostOrStolen", 409, "INSTRUMENT_NOT_MARKED_LOST_OR_STOLEN")
def _(emu):
    corporate = verified(emu)
    return emu.call("POST", f"/managed_cards/{physical(emu, corporate)}/physical/replace_lost_stolen",
                    {"activationCode": "333333"})


# -- the Simulator's lifecycle -------------------------------------------------------------------------
@case("cards_card_id_expire", 204, namespace="simulator")
def _(emu):
    return emu.simulate("POST", f"/cards/{card(emu, verified(emu))}/expire")


@case("cards_card_id_expire", 409, "INSTRUMENT_DESTROYED", namespace="simulator")
def _(emu):
    card_id = card(emu, verified(emu))
    emu.simulate("POST", f"/cards/{card_id}/expire")
    return emu.simulate("POST", f"/cards/{card_id}/expire")


@case("cards_card_id_about_to_expire", 204, namespace="simulator")
def _(emu):
    return emu.simulate("POST", f"/cards/{card(emu, verified(emu))}/about_to_expire")


@case("cards_card_id_about_to_expire", 404, namespace="simulator")
def _(emu):
    # Not declared by the Simulator; its `default` error covers it.
    return emu.simulate("POST", f"/cards/{UNKNOWN}/about_to_expire")


@case("cards_card_id_renew", 204, namespace="simulator")
def _(emu):
    return emu.simulate("POST", f"/cards/{card(emu, verified(emu), renewalType='RENEW')}/renew")


@case("cards_card_id_renew", 409, "INSTRUMENT_NOT_RENEWABLE", namespace="simulator")
def _(emu):
    return emu.simulate("POST", f"/cards/{card(emu, verified(emu))}/renew")
