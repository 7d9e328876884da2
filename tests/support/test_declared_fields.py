"""The suite reads only what the description declares: a step reading an undeclared field of an answer fails
with one line naming the operation, the field and the nearest declared names; a run's traffic is searched for
undeclared properties per operation."""
from __future__ import annotations

import json

import pytest

from schemas import load_contract
from schemas.contract import Contract
from schemas.declared import declarations
from support.client import ApiResponse
from support.declared_fields import (
    UndeclaredField,
    check_field_read,
    check_run_traffic,
    render_undeclared,
    undeclared_in_traffic,
    undeclared_in_usage,
)
from support.traffic import TrafficRecorder

from .fakes import response

MULTI = load_contract("multi")
REF = "urn:weavr-suite:toy:components#/$defs/"
TOY_DEFS = {
    "Money": {"type": "object", "properties": {"currency": {"type": "string"}, "amount": {"type": "integer"}}},
    "Card": {"allOf": [{"$ref": REF + "Base"}, {"type": "object", "properties": {"spendRules": {
        "oneOf": [{"$ref": REF + "Limits"}, {"type": "object", "properties": {"blocked": {"type": "boolean"}}}]}}}]},
    "Base": {"type": "object", "properties": {"id": {"type": "string"}, "balance": {"$ref": REF + "Money"}}},
    "Limits": {"type": "object", "properties": {"limits": {"type": "array", "items": {"anyOf": [
        {"$ref": REF + "Money"}, {"type": "object", "properties": {"interval": {"type": "string"}}}]}}}},
}
TOY_OPERATIONS = [
    {"operationId": "cardsList", "method": "GET", "path": "/cards", "responses": {
        "200": {"content": {"application/json": {"type": "object", "properties": {
            "cards": {"type": "array", "items": {"$ref": REF + "Card"}}, "count": {"type": "integer"},
            "notes": {"type": "object"},
            "extra": {"type": "object", "additionalProperties": {"$ref": REF + "Money"}}}}}, "headers": {}},
        "204": {"content": {}, "headers": {}}}},
]


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> Contract:
    folder = tmp_path_factory.mktemp("schemas") / "toy"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"version": "1"}))
    (folder / "components.json").write_text(json.dumps({"$id": REF.split("#")[0], "$defs": TOY_DEFS}))
    operations = [{"kind": "path", "tags": [], "deprecated": False, "security": [], "parameters": [],
                   "requestBody": None, **op} for op in TOY_OPERATIONS]
    (folder / "operations.json").write_text(json.dumps({
        "namespace": "toy", "components": REF.split("#")[0], "securitySchemes": {}, "operations": operations}))
    return Contract("toy", folder.parent)


@pytest.mark.parametrize("dotted", ["cards", "count", "cards.0.id", "cards.0.balance.amount",
                                    "cards.3.spendRules.blocked", "cards.0.spendRules.limits.1.interval",
                                    "cards.0.spendRules.limits.0.currency", "notes.anything.below",
                                    "extra.someKey.currency"])
def test_a_declared_field_is_read(toy, dotted):
    check_field_read(toy, "cardsList", 200, dotted)  # through $ref, allOf, oneOf, anyOf, items, maps, free form


@pytest.mark.parametrize("dotted, name, nearest", [
    ("card", "card", "cards"), ("cards.0.balances", "balances", "balance"),
    ("cards.0.spendRules.limit", "limit", "limits"), ("cards.0.spendRules.limits.0.currencyCode", "currencyCode",
                                                     "currency"), ("extra.k.amounts", "amounts", "amount")])
def test_an_undeclared_field_fails_with_one_line(toy, dotted, name, nearest):
    with pytest.raises(UndeclaredField) as caught:
        check_field_read(toy, "cardsList", 200, dotted)
    line = str(caught.value)
    assert "\n" not in line
    assert line.startswith(f"cardsList 200 does not declare the field {dotted!r} ({name!r} is not a name at ")
    assert line.split("nearest declared: ")[1].split(", ")[0] == nearest


def test_a_status_without_a_body_declares_no_field(toy):
    with pytest.raises(UndeclaredField, match=r"^cardsList 204 declares no body, so no field 'count' to read$"):
        check_field_read(toy, "cardsList", 204, "count")


def test_an_operation_documented_without_a_schema_is_not_checked():
    check_field_read(MULTI, "POST /sends/bulk/create", 200, "anything")


def test_the_linked_accounts_list_is_named_accounts():
    check_field_read(MULTI, "linkedAccountsGet", 200, "accounts.0.id")
    with pytest.raises(UndeclaredField) as caught:
        check_field_read(MULTI, "linkedAccountsGet", 200, "linkedAccounts.0.id")
    assert str(caught.value) == ("linkedAccountsGet 200 does not declare the field 'linkedAccounts.0.id' "
                                 "('linkedAccounts' is not a name at /); nearest declared: accounts, count, "
                                 "responseCount")


def test_an_answer_reads_its_fields_through_the_check():
    answer = ApiResponse(200, {"linkedAccounts": [{"id": "1"}], "count": 1}, {}, "linkedAccountsGet",
                         response(200, {}), MULTI)
    assert answer.field("count") == 1
    with pytest.raises(UndeclaredField, match="linkedAccountsGet 200 does not declare the field 'linkedAccounts'"):
        answer.field("linkedAccounts")


def test_undeclared_properties_are_found_in_an_instance(toy):
    schema = toy.by_id["cardsList"].response_schema(200)
    body = {"cards": [{"id": "1", "spendRules": {"limits": [{"amount": 1}, {"interval": "DAILY", "x": 1}]}},
                      {"id": "2", "nickname": "n"}], "notes": {"free": 1}, "extra": {"k": {"amount": 1}},
            "total": 3}
    assert sorted(declarations(toy).undeclared(schema, body)) == [
        "/cards/0/spendRules/limits/1/x", "/cards/1/nickname", "/total"]


def test_the_traffic_holds_every_name_an_answer_used_and_undeclared_ones_are_counted(tmp_path):
    recorder = TrafficRecorder()
    recorder.record("multi", "linkedAccountsGet", 200, body={"linkedAccounts": [{"id": "1"}, {"id": "2", "zz": 1}],
                                                             "count": 2, "responseCount": 2})
    recorder.record("multi", "linkedAccountsGet", 200, body={"accounts": [{"id": "1", "name": "n"}], "count": 1})
    recorder.record("multi", "linkedAccountGet", 404, body={"code": "NOT_FOUND", "message": "m", "hint": "h"})
    recorder.record("multi", "corporateGet", 200, body={"id": {"type": "CORPORATE", "id": "1"}})
    recorder.save(tmp_path)
    found = undeclared_in_traffic({"multi": MULTI}, tmp_path)
    # An undeclared list counts once, not again for each name inside it; a 4xx answer is walked too.
    assert found == {"multi:linkedAccountGet": ["404 /hint"], "multi:linkedAccountsGet": ["200 /linkedAccounts"]}
    table = render_undeclared(found)
    assert table.startswith("Undeclared properties in the run's answers: 2 in 2 operations")
    assert "| multi:linkedAccountsGet | 1 | 200 /linkedAccounts |" in table


def test_a_clean_run_reports_zero():
    usage = {"operations": {"multi:linkedAccountsGet": {"shapes": ["200 /accounts", "200 /accounts/0/id"]}}}
    assert undeclared_in_usage({"multi": MULTI}, usage) == {}
    assert render_undeclared({}) == "Undeclared properties in the run's answers: 0\n"


def test_the_session_end_check_fails_a_run_against_the_emulator_and_warns_against_the_sandbox(tmp_path):
    traffic = tmp_path / "traffic"
    recorder = TrafficRecorder()
    recorder.record("multi", "linkedAccountsGet", 200, body={"linkedAccounts": [], "count": 0})
    recorder.save(traffic)
    contracts = {"multi": MULTI}
    lines, failed = check_run_traffic(contracts, traffic, tmp_path / "contract", fail=True)
    assert failed and lines[0].startswith("ERROR: the target answered 1 properties the description does not declare")
    assert lines[1:] == ["  multi:linkedAccountsGet: 200 /linkedAccounts"]
    assert "| multi:linkedAccountsGet | 1 | 200 /linkedAccounts |" in (tmp_path / "contract/undeclared.md").read_text()
    lines, failed = check_run_traffic(contracts, traffic, tmp_path / "contract", fail=False)
    assert not failed and lines[0].startswith("WARNING:")


def test_the_session_end_check_passes_a_clean_run(tmp_path):
    recorder = TrafficRecorder()
    recorder.record("multi", "linkedAccountsGet", 200, body={"accounts": [], "count": 0, "responseCount": 0})
    recorder.save(tmp_path / "traffic")
    assert check_run_traffic({"multi": MULTI}, tmp_path / "traffic", tmp_path / "contract", fail=True) == ([], False)
    assert (tmp_path / "contract/undeclared.md").read_text() == "Undeclared properties in the run's answers: 0\n"
