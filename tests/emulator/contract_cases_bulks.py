"""Contract cases for the bulk operations, registered in contract_cases.CASES: each submission's 201 (the
description declares no error for them) and each Manage operation's success and documented errors."""
from __future__ import annotations

import json

from support.driver import bulks, instrument, transfers

from .contract_cases import account, case, user, verified
from .contract_cases_cards import card
from .helpers import Emu, deposit


def submitted(emu: Emu, path: str, items: list, method: str = "POST") -> tuple[dict, object]:
    corporate = verified(emu)
    return corporate, bulks.submit(emu.api, corporate["token"], path, items, method)


def a_bulk(emu: Emu, *, executed: bool = False, ran: bool = False) -> tuple[dict, str]:
    """A bulk of one transfer, submitted, executed, or run to its end."""
    corporate = verified(emu)
    source, destination = account(emu, corporate), account(emu, corporate)
    deposit(emu, source, 10)
    body = transfers.transfer_body(emu.api, instrument("managed_accounts", source),
                                   instrument("managed_accounts", destination), 5)
    bulk_id = bulks.submit(emu.api, corporate["token"], "/bulks/transfers", [{"requestBody": body}]).body["bulkId"]
    if executed or ran:
        assert bulks.manage(emu.api, corporate["token"], bulk_id, "execute").status == 204
    if ran:
        emu.app.handle("POST", "/_emulator/clock", "", {}, json.dumps({"advanceSeconds": 60}).encode())
    return corporate, bulk_id


def manage(emu: Emu, action: str, **state):
    corporate, bulk_id = a_bulk(emu, **state)
    return bulks.manage(emu.api, corporate["token"], bulk_id, action)


# -- submissions: 201 is all the description declares ----------------------------------------------------
case("bulksUserCreate", 201)(lambda emu: submitted(emu, "/bulks/users", [
    {"requestBody": {"name": "Ann", "surname": "Lee", "email": "bulk.user@weavr-suite.example.com"}}])[1])
case("bulksTransferCreate", 201)(lambda emu: submitted(emu, "/bulks/transfers", [{"requestBody": {
    "profileId": emu.programme["profiles"]["transfers"], "source": {"type": "managed_accounts", "id": "1"},
    "destination": {"type": "managed_accounts", "id": "2"}, "destinationAmount": {"currency": "EUR", "amount": 1}}}])[1])
case("bulksSendCreate", 201)(lambda emu: submitted(emu, "/bulks/sends", [{"requestBody": {
    "profileId": "1", "source": {"type": "managed_accounts", "id": "1"},
    "destination": {"type": "managed_accounts", "id": "2"}, "destinationAmount": {"currency": "EUR", "amount": 1}}}])[1])
OWT = {"profileId": "1", "sourceInstrument": {"type": "managed_accounts", "id": "1"},
       "transferAmount": {"currency": "EUR", "amount": 100},
       "destinationBeneficiary": {"name": "Rent Ltd", "bankAccountDetails": {
           "iban": "MT84MALT011000012345MTLCAST001S", "bankIdentifierCode": "MALTMTMT"}}}
case("bulksOutgoingWireTransferCreate", 201)(lambda emu: submitted(emu, "/bulks/outgoing_wire_transfers",
                                                                    [{"requestBody": OWT}])[1])


@case("bulksUserInviteSend", 201)
def _(emu):
    corporate = verified(emu)
    invited = user(emu, corporate)
    return emu.call("POST", "/bulks/users/_user_id_/invite", [{"pathParams": {"_user_id_": invited["id"]}}],
                    token=corporate["token"])


for _operation_id, _path, _method, _body in (
        ("bulksManagedCardBlock", "block", "POST", None), ("bulksManagedCardUnblock", "unblock", "POST", None),
        ("bulksManagedCardRemove", "remove", "POST", None),
        ("bulksManagedCardSpendRulesUpdate", "spend_rules", "PATCH", {"allowedMerchantCategories": ["5411"]})):
    @case(_operation_id, 201)
    def _(emu, path=_path, method=_method, body=_body):
        corporate = verified(emu)
        item = {"pathParams": {"_id_": card(emu, corporate)}, **({"requestBody": body} if body else {})}
        return emu.call(method, f"/bulks/managed_cards/_id_/{path}", [item], token=corporate["token"])


# -- manage ---------------------------------------------------------------------------------------------
case("bulks", 200)(lambda emu: emu.call("GET", "/bulks", token=a_bulk(emu)[0]["token"]))
case("bulks", 400)(lambda emu: emu.call("GET", "/bulks", token=a_bulk(emu)[0]["token"], query="status=DONE"))
case("bulks", 401)(lambda emu: emu.call("GET", "/bulks"))


@case("bulkId", 200)
def _(emu):
    corporate, bulk_id = a_bulk(emu, ran=True)
    return emu.call("GET", f"/bulks/{bulk_id}", token=corporate["token"])


case("bulkId", 404)(lambda emu: emu.call("GET", "/bulks/999999", token=a_bulk(emu)[0]["token"]))


@case("bulkIdOperations", 200)
def _(emu):
    corporate, bulk_id = a_bulk(emu, ran=True)
    return emu.call("GET", f"/bulks/{bulk_id}/operations", token=corporate["token"], query="status=COMPLETED")


case("bulkIdOperations", 404)(lambda emu: emu.call("GET", "/bulks/999999/operations", token=a_bulk(emu)[0]["token"]))
case("bulkIdExecute", 204)(lambda emu: manage(emu, "execute"))
case("bulkIdExecute", 409, "INVALID_STATE")(lambda emu: manage(emu, "execute", executed=True))
case("bulkIdExecute", 404)(lambda emu: emu.call("POST", "/bulks/999999/execute", {}, token=a_bulk(emu)[0]["token"]))
case("bulkIdPause", 204)(lambda emu: manage(emu, "pause", executed=True))
case("bulkIdPause", 409, "INVALID_STATE")(lambda emu: manage(emu, "pause"))
case("bulkIdResume", 409, "INVALID_STATE")(lambda emu: manage(emu, "resume", executed=True))
case("bulkIdCancel", 204)(lambda emu: manage(emu, "cancel", executed=True))
case("bulkIdCancel", 409, "INVALID_STATE")(lambda emu: manage(emu, "cancel", ran=True))


@case("bulkIdResume", 204)
def _(emu):
    corporate, bulk_id = a_bulk(emu, executed=True)
    assert emu.call("POST", f"/bulks/{bulk_id}/pause", token=corporate["token"]).status == 204
    return emu.call("POST", f"/bulks/{bulk_id}/resume", token=corporate["token"])
