"""Contract cases for the managed cards operations and the Simulator's card lifecycle: one driver per
(operation, outcome), registered in contract_cases.CASES (imported at the end of contract_cases.py)."""
from __future__ import annotations

from support.driver import managed_cards

from .cards_helpers import DELIVERY, card_body, funded_card
from .contract_cases import account, case, verified
from .helpers import Emu

UNKNOWN = "999999999"


def card(emu: Emu, corporate: dict, mode: str = "PREPAID_MODE", **overrides) -> str:
    answer = managed_cards.create(emu.api, corporate["token"], card_body(emu, mode, **overrides))
    assert answer.status == 200, answer.body
    return answer.body["id"]


def physical(emu: Emu, corporate: dict, activated: bool = True, **extra) -> str:
    card_id = card(emu, corporate)
    answer = managed_cards.upgrade_to_physical(emu.api, corporate["token"], card_id, **extra)
    assert answer.status == 200, answer.body
    if activated:
        answer = managed_cards.activate(emu.api, corporate["token"], card_id)
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
def on_card(emu: Emu, action: str, body=None, *, method: str = "POST", virtual: bool = False,
            activated: bool = True, before: tuple = (), by_programme: bool = False, **extra):
    """`action` (a path under the card) on a new card of a verified corporate: a physical one (`activated` or
    not, upgraded with `extra`) unless `virtual`, after the POST actions `before`; `by_programme` calls with
    the api-key only."""
    corporate = verified(emu)
    card_id = card(emu, corporate) if virtual else physical(emu, corporate, activated, **extra)
    for earlier in before:
        assert _post(emu, corporate, card_id, earlier).status in (200, 204)
    token = None if by_programme else corporate["token"]
    return emu.call(method, f"/managed_cards/{card_id}/{action}", body, token=token)


UPGRADE, ACTIVATION, REPLACEMENT = {"deliveryAddress": DELIVERY}, {"activationCode": "123456"}, \
    {"activationCode": "222222"}
for _key, _kwargs in (
        (("managedCardPhysicalUpgrade", 200, None), dict(action="physical", body=UPGRADE, virtual=True)),
        (("managedCardPhysicalUpgrade", 409, "INSTRUMENT_ALREADY_UPGRADED_TO_PHYSICAL"),
         dict(action="physical", body=UPGRADE, activated=False)),
        (("managedCardPhysicalUpgrade", 409, "INSTRUMENT_BLOCKED"),
         dict(action="physical", body=UPGRADE, virtual=True, before=("block",))),
        (("managedCardPhysicalActivate", 200, None), dict(action="physical/activate", body=ACTIVATION,
                                                           activated=False)),
        (("managedCardPhysicalActivate", 409, "ACTIVATION_CODE_INVALID"),
         dict(action="physical/activate", body={"activationCode": "999999"}, activated=False)),
        (("managedCardPhysicalActivate", 409, "INSTRUMENT_BLOCKED"),
         dict(action="physical/activate", body=ACTIVATION, activated=False, before=("block",))),
        (("managedCardPhysicalPinGet", 200, None), dict(action="physical/pin", method="GET")),
        (("managedCardPhysicalPinGet", 409, "PHYSICAL_CARD_NOT_ACTIVATED"),
         dict(action="physical/pin", method="GET", activated=False)),
        (("managedCardPhysicalPinGet", 409, "INSTRUMENT_BLOCKED"),
         dict(action="physical/pin", method="GET", before=("block",))),
        (("managedCardPhysicalPinUnBlock", 204, None), dict(action="physical/pin/unblock", method="PATCH")),
        (("managedCardPhysicalPinUnBlock", 409, "INSTRUMENT_NOT_PHYSICAL"),
         dict(action="physical/pin/unblock", method="PATCH", virtual=True)),
        (("managedCardPhysicalContactlessLimitReset", 204, None),
         dict(action="physical/contactless_limit/reset", carrierType="WEARABLE")),
        (("managedCardPhysicalContactlessLimitReset", 409, "PHYSICAL_CARD_TYPE_NOT_SUPPORTED"),
         dict(action="physical/contactless_limit/reset")),
        (("managedCardPhysicalReplaceDamaged", 204, None), dict(action="physical/replace_damaged", body=REPLACEMENT)),
        (("managedCardPhysicalReplaceDamaged", 409, "PHYSICAL_CARD_NOT_ACTIVATED"),
         dict(action="physical/replace_damaged", body=REPLACEMENT, activated=False)),
        (("managedCardPhysicalReportLost", 204, None), dict(action="physical/report_lost", activated=False)),
        (("managedCardPhysicalReportLost", 409, "INSTRUMENT_NOT_PHYSICAL"),
         dict(action="physical/report_lost", virtual=True)),
        (("managedCardPhysicalReportLost", 409, "INSTRUMENT_ALREADY_MARKED_LOST"),
         dict(action="physical/report_lost", before=("physical/report_lost",))),
        (("managedCardPhysicalReportStolen", 204, None), dict(action="physical/report_stolen")),
        (("managedCardPhysicalReportStolen", 409, "PHYSICAL_CARD_NOT_ACTIVATED"),
         dict(action="physical/report_stolen", activated=False)),
        (("managedCardPhysicalReportStolen", 409, "INSTRUMENT_ALREADY_MARKED_LOST"),
         dict(action="physical/report_stolen", before=("physical/report_lost",))),
        (("managedCardPhysicalReplaceLostOrStolen", 200, None),
         dict(action="physical/replace_lost_stolen", body={"activationCode": "333333"}, by_programme=True,
              before=("physical/report_lost",))),
        (("managedCardPhysicalReplaceLostOrStolen", 409, "INSTRUMENT_NOT_MARKED_LOST_OR_STOLEN"),
         dict(action="physical/replace_lost_stolen", body={"activationCode": "333333"}, by_programme=True))):
    case(*_key)(lambda emu, kwargs=_kwargs: on_card(emu, **kwargs))


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
