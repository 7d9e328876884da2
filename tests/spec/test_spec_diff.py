"""How the diff treats components, cycles, unions and additive changes."""
from __future__ import annotations

import time

import pytest
from spec_helpers import diff_docs, fixture_doc

RB = "/requestBody/content/application~1json"
R200 = "/responses/200/content/application~1json"


def schemas(doc):
    return doc["components"]["schemas"]


def summary(found):
    return sorted((f.rule, f.level, f.operation_id, f.pointer) for f in found)


def test_identical_descriptions_have_no_findings():
    assert diff_docs(fixture_doc(), fixture_doc()) == []


def test_additive_changes_are_not_breaking():
    old, new = fixture_doc(), fixture_doc()
    schemas(new)["Card"]["properties"]["expiry"] = {"type": "string"}          # optional response field
    schemas(new)["CardCreate"]["properties"]["colour"] = {"type": "string"}    # optional request field
    schemas(new)["CardCreate"]["properties"]["friendlyName"]["maxLength"] = 80  # loosened request bound
    new["paths"]["/cards/{id}/unblock"] = {"post": {"operationId": "cardUnblock",
                                                    "responses": {"204": {"description": "x"}}}}
    found = diff_docs(old, new)
    assert {f.level for f in found} == {"INFO"}
    assert {f.rule for f in found} == {"response-property-added", "new-optional-request-property",
                                       "request-property-constraint-loosened", "api-added"}


def test_a_component_change_shows_once_under_each_operation_using_it():
    old, new = fixture_doc(), fixture_doc()
    schemas(new)["Money"]["properties"]["currency"]["enum"].append("USD")
    found = summary(diff_docs(old, new))
    # Money is answered by three operations and accepted by one.
    assert found == sorted([
        ("response-property-enum-value-added", "WARN", "cardCreate", R200 + "/properties/balance/properties/currency"),
        ("response-property-enum-value-added", "WARN", "cardsGet",
         R200 + "/properties/cards/items/properties/balance/properties/currency"),
        ("response-property-enum-value-added", "WARN", "cardGet", R200 + "/properties/balance/properties/currency"),
        ("request-property-enum-value-added", "INFO", "cardCreate", RB + "/properties/limit/properties/currency"),
    ])


def test_a_component_reached_twice_in_one_operation_counts_once():
    old, new = fixture_doc(), fixture_doc()
    for doc in (old, new):
        schemas(doc)["Card"]["properties"]["available"] = {"$ref": "#/components/schemas/Money"}
    schemas(new)["Money"]["properties"]["amount"]["type"] = "string"
    found = [f for f in diff_docs(old, new) if f.operation_id == "cardGet"]
    assert summary(found) == [("response-property-type-changed", "ERR", "cardGet",
                               R200 + "/properties/available/properties/amount")]


def test_a_change_shared_by_one_of_branches_is_not_multiplied():
    old, new = fixture_doc(), fixture_doc()
    schemas(new)["Common"]["properties"]["colour"]["maxLength"] = 10
    assert summary(diff_docs(old, new)) == [
        ("request-property-constraint-tightened", "ERR", "shapeCreate", RB + "/oneOf/0/properties/colour")]


def test_branch_specific_changes_are_reported_per_branch():
    old, new = fixture_doc(), fixture_doc()
    schemas(new)["Circle"]["allOf"][1]["required"] = ["radius"]
    schemas(new)["Square"]["allOf"][1]["required"] = ["side"]
    assert summary(diff_docs(old, new)) == [
        ("request-property-became-required", "ERR", "shapeCreate", RB + "/oneOf/0/properties/radius"),
        ("request-property-became-required", "ERR", "shapeCreate", RB + "/oneOf/1/properties/side"),
    ]


def test_renamed_path_parameters_match_the_same_operation():
    old, new = fixture_doc(), fixture_doc()
    item = new["paths"].pop("/cards/{id}")
    item["get"]["parameters"][0]["name"] = "card_id"
    new["paths"]["/cards/{card_id}"] = item
    assert diff_docs(old, new) == []


def test_a_shape_that_becomes_a_union_is_compared_branch_by_branch():
    old, new = fixture_doc(), fixture_doc()
    schemas(new)["Card"]["properties"]["balance"] = {"oneOf": [{"$ref": "#/components/schemas/Money"},
                                                               {"$ref": "#/components/schemas/Common"}]}
    found = diff_docs(old, new)
    # Not "currency and amount were removed": Money is still one of the shapes.
    assert {f.rule for f in found} == {"response-property-one-of-added"}
    assert all("Common" in f.message for f in found)


@pytest.mark.parametrize("prop, keyword, before, after, rule", [
    ("friendlyName", "maxLength", 50, 40, "request-property-constraint-tightened"),
    ("friendlyName", "maxLength", 50, None, "request-property-constraint-loosened"),
    ("friendlyName", "minLength", 1, 3, "request-property-constraint-tightened"),
    ("friendlyName", "minLength", 1, 0, "request-property-constraint-loosened"),
    ("nickname", "maxLength", None, 20, "request-property-constraint-tightened"),
    ("nickname", "pattern", None, "^[A-Z]", "request-property-constraint-tightened"),
    ("profileId", "pattern", "^[0-9]+$", None, "request-property-constraint-loosened"),
    ("amount", "minimum", 1, 5, "request-property-constraint-tightened"),
    ("amount", "maximum", 10, 9, "request-property-constraint-tightened"),
    ("amount", "maximum", 10, 11, "request-property-constraint-loosened"),
    ("amount", "exclusiveMaximum", None, 10, "request-property-constraint-tightened"),
    ("amount", "multipleOf", None, 5, "request-property-constraint-tightened"),
    ("tags", "maxItems", 5, 3, "request-property-constraint-tightened"),
    ("tags", "minItems", None, 1, "request-property-constraint-tightened"),
    ("tags", "uniqueItems", None, True, "request-property-constraint-tightened"),
    ("nickname", "enum", None, ["A", "B"], "request-property-constraint-tightened"),
    ("mode", "enum", ["PREPAID", "DEBIT"], None, "request-property-constraint-loosened"),
])
def test_request_constraints(prop, keyword, before, after, rule):
    old, new = fixture_doc(), fixture_doc()
    for doc, value in ((old, before), (new, after)):
        target = schemas(doc)["CardCreate"]["properties"][prop]
        target.pop(keyword, None)
        if value is not None:
            target[keyword] = value
    found = diff_docs(old, new)
    assert summary(found) == [(rule, "ERR" if rule.endswith("tightened") else "INFO", "cardCreate",
                               RB + f"/properties/{prop}")]
    assert keyword in found[0].message


def test_response_constraints_do_not_break_clients():
    old, new = fixture_doc(), fixture_doc()
    schemas(new)["Card"]["properties"]["friendlyName"]["maxLength"] = 10
    assert diff_docs(old, new) == []


def test_read_only_fields_are_not_request_fields():
    old, new = fixture_doc(), fixture_doc()
    schemas(new)["CardCreate"]["properties"]["id"] = {"type": "string", "readOnly": True}
    schemas(new)["CardCreate"]["required"].append("id")
    assert diff_docs(old, new) == []


def test_cyclic_components_end():
    old, new = fixture_doc("cyclic"), fixture_doc("cyclic")
    new["components"]["schemas"]["Node"]["properties"]["name"]["maxLength"] = 20
    new["components"]["schemas"]["Owner"]["properties"]["since"] = {"type": "integer"}
    # CPU time, not wall time: a cycle followed without end would spin, however busy the machine is.
    started = time.process_time()
    found = summary(diff_docs(old, new))
    assert time.process_time() - started < 2
    assert ("request-property-constraint-tightened", "ERR", "treeCreate", RB + "/properties/name") in found
    assert ("new-optional-request-property", "INFO", "treeCreate", RB + "/properties/owner/properties/since") in found
    assert ("response-property-added", "INFO", "treeCreate", R200 + "/properties/owner/properties/since") in found
    assert len(found) == 3


def test_cyclic_description_against_itself_is_clean():
    assert diff_docs(fixture_doc("cyclic"), fixture_doc("cyclic")) == []
