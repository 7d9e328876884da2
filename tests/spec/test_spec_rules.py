"""One planted change per case, for every rule: the rule id, level, operation and pointer must be exact."""
from __future__ import annotations

import pytest
from spec_helpers import diff_docs, fixture_doc

from support.spec.rules import RULES

RB = "/requestBody/content/application~1json"
R200 = "/responses/200/content/application~1json"
R409 = "/responses/409/content/application~1json"
OPS = {
    "cardCreate": ("POST", "/cards"), "cardsGet": ("GET", "/cards"), "cardGet": ("GET", "/cards/{id}"),
    "cardBlock": ("POST", "/cards/{id}/block"), "login": ("POST", "/login"), "shapeCreate": ("POST", "/shapes"),
    "cardUnblock": ("POST", "/cards/{card_id}/unblock"), "cardsBlock": ("POST", "/cards/{id}/block"), "": ("", ""),
}
CARD_OPS = [("cardCreate", R200), ("cardsGet", R200 + "/properties/cards/items"), ("cardGet", R200)]


def schemas(doc):
    return doc["components"]["schemas"]


def op(doc, path, method):
    return doc["paths"][path][method]


def param(doc, name):
    return next(p for p in op(doc, "/cards", "get")["parameters"] if p["name"] == name)


def on_card(prop):
    """A change inside the Card component: reported under each of the three operations answering a Card."""
    return [(operation, f"{base}/properties/{prop}") for operation, base in CARD_OPS]


def _set(target, key, value):
    target[key] = value


def _rename_component(doc, old_name, new_name):
    """The same schema under another name, and every $ref to it moved."""
    schemas(doc)[new_name] = schemas(doc).pop(old_name)
    for branch in op(doc, "/shapes", "post")["requestBody"]["content"]["application/json"]["schema"]["oneOf"]:
        if branch["$ref"].endswith("/" + old_name):
            branch["$ref"] = "#/components/schemas/" + new_name


def _deprecate_block(doc):
    doc["paths"]["/cards/{id}/block"]["post"]["deprecated"] = True


# (rule, level, change to the new side, expected [(operationId, pointer)], change to the old side only)
CASES = [
    # operations
    ("api-removed", "ERR", lambda d: d["paths"].pop("/cards/{id}/block"), [("cardBlock", "")], None),
    ("deprecated-api-removed", "WARN", lambda d: d["paths"].pop("/cards/{id}/block"), [("cardBlock", "")],
     _deprecate_block),
    ("api-added", "INFO", lambda d: _set(d["paths"], "/cards/{card_id}/unblock", {"post": {
        "operationId": "cardUnblock", "responses": {"204": {"description": "x"}}}}), [("cardUnblock", "")], None),
    ("api-deprecated", "INFO", _deprecate_block, [("cardBlock", "")], None),
    ("api-reactivated", "INFO", lambda d: None, [("cardBlock", "")], _deprecate_block),
    ("api-operation-id-changed", "INFO", lambda d: _set(op(d, "/cards/{id}/block", "post"), "operationId",
                                                        "cardsBlock"), [("cardsBlock", "")], None),
    # security
    ("api-security-added", "ERR", lambda d: _set(op(d, "/login", "post"), "security",
                                                 [{"api-key": [], "auth_token": []}]), [("login", "/security")], None),
    ("api-security-removed", "INFO", lambda d: _set(op(d, "/cards/{id}/block", "post"), "security",
                                                    [{"api-key": []}]), [("cardBlock", "/security")], None),
    ("security-scheme-changed", "ERR", lambda d: _set(d["components"]["securitySchemes"]["api-key"], "name",
                                                      "x-api-key"), [("", "/securitySchemes/api-key")], None),
    ("security-scheme-added", "INFO", lambda d: _set(d["components"]["securitySchemes"], "webhooks_key", {
        "type": "apiKey", "in": "header", "name": "webhooks-key"}), [("", "/securitySchemes/webhooks_key")], None),
    ("security-scheme-removed", "INFO", lambda d: None, [("", "/securitySchemes/legacy")],
     lambda d: _set(d["components"]["securitySchemes"], "legacy", {"type": "apiKey", "in": "query", "name": "k"})),
    # parameters
    ("new-required-request-parameter", "ERR", lambda d: op(d, "/cards", "get")["parameters"].append(
        {"name": "programme", "in": "query", "required": True, "schema": {"type": "string"}}),
     [("cardsGet", "/parameters/query/programme")], None),
    ("new-optional-request-parameter", "INFO", lambda d: op(d, "/cards", "get")["parameters"].append(
        {"name": "sort", "in": "query", "schema": {"type": "string"}}), [("cardsGet", "/parameters/query/sort")], None),
    ("request-parameter-removed", "WARN", lambda d: op(d, "/cards", "get")["parameters"].remove(param(d, "tag")),
     [("cardsGet", "/parameters/query/tag")], None),
    ("request-parameter-became-required", "ERR", lambda d: _set(param(d, "limit"), "required", True),
     [("cardsGet", "/parameters/query/limit")], None),
    ("request-parameter-became-optional", "INFO", lambda d: None, [("cardsGet", "/parameters/query/limit")],
     lambda d: _set(param(d, "limit"), "required", True)),
    ("request-parameter-type-changed", "ERR", lambda d: _set(param(d, "offset")["schema"], "type", "string"),
     [("cardsGet", "/parameters/query/offset/schema")], None),
    ("request-parameter-type-widened", "INFO", lambda d: _set(param(d, "offset")["schema"], "type", "number"),
     [("cardsGet", "/parameters/query/offset/schema")], None),
    ("request-parameter-enum-value-removed", "ERR", lambda d: param(d, "state")["schema"]["enum"].remove("BLOCKED"),
     [("cardsGet", "/parameters/query/state/schema")], None),
    ("request-parameter-enum-value-added", "INFO", lambda d: param(d, "state")["schema"]["enum"].append("DESTROYED"),
     [("cardsGet", "/parameters/query/state/schema")], None),
    ("request-parameter-constraint-tightened", "ERR", lambda d: _set(param(d, "limit")["schema"], "maximum", 50),
     [("cardsGet", "/parameters/query/limit/schema")], None),
    ("request-parameter-constraint-loosened", "INFO", lambda d: _set(param(d, "limit")["schema"], "maximum", 500),
     [("cardsGet", "/parameters/query/limit/schema")], None),
    # a lookahead is outside what the pattern comparison decides
    ("request-parameter-pattern-changed", "WARN", lambda d: _set(param(d, "tag")["schema"], "pattern",
                                                                 "^(?=[a-z])[a-z0-9]+$"),
     [("cardsGet", "/parameters/query/tag/schema")], None),
    ("request-parameter-pattern-reescaped", "INFO", lambda d: _set(param(d, "tag")["schema"], "pattern", r"^\+[a-z]+$"),
     [("cardsGet", "/parameters/query/tag/schema")],
     lambda d: _set(param(d, "tag")["schema"], "pattern", r"^\\+[a-z]+$")),
    # request bodies
    ("request-body-became-required", "ERR", lambda d: _set(op(d, "/login", "post")["requestBody"], "required", True),
     [("login", "/requestBody")], None),
    ("request-body-became-optional", "INFO", lambda d: _set(op(d, "/cards", "post")["requestBody"], "required", False),
     [("cardCreate", "/requestBody")], None),
    ("new-required-request-body", "ERR", lambda d: _set(op(d, "/cards/{id}/block", "post"), "requestBody", {
        "required": True, "content": {"application/json": {"schema": {"type": "object"}}}}),
     [("cardBlock", "/requestBody")], None),
    ("new-optional-request-body", "INFO", lambda d: _set(op(d, "/cards/{id}/block", "post"), "requestBody", {
        "content": {"application/json": {"schema": {"type": "object"}}}}), [("cardBlock", "/requestBody")], None),
    ("request-body-removed", "WARN", lambda d: op(d, "/login", "post").pop("requestBody"), [("login", "/requestBody")],
     None),
    ("request-body-media-type-removed", "ERR", lambda d: None,
     [("cardCreate", "/requestBody/content/application~1x-www-form-urlencoded")],
     lambda d: _set(op(d, "/cards", "post")["requestBody"]["content"], "application/x-www-form-urlencoded",
                    {"schema": {"type": "object"}})),
    ("request-body-media-type-added", "INFO", lambda d: _set(op(d, "/cards", "post")["requestBody"]["content"],
                                                             "text/plain", {"schema": {"type": "string"}}),
     [("cardCreate", "/requestBody/content/text~1plain")], None),
    ("new-required-request-property", "ERR", lambda d: (
        _set(schemas(d)["CardCreate"]["properties"], "currency", {"type": "string"}),
        schemas(d)["CardCreate"]["required"].append("currency")), [("cardCreate", RB + "/properties/currency")], None),
    ("new-optional-request-property", "INFO", lambda d: _set(schemas(d)["CardCreate"]["properties"], "colour",
                                                             {"type": "string"}),
     [("cardCreate", RB + "/properties/colour")], None),
    ("request-property-removed", "WARN", lambda d: schemas(d)["CardCreate"]["properties"].pop("nickname"),
     [("cardCreate", RB + "/properties/nickname")], None),
    ("request-property-became-required", "ERR", lambda d: schemas(d)["CardCreate"]["required"].append("nickname"),
     [("cardCreate", RB + "/properties/nickname")], None),
    ("request-property-became-optional", "INFO", lambda d: schemas(d)["CardCreate"]["required"].remove("friendlyName"),
     [("cardCreate", RB + "/properties/friendlyName")], None),
    ("request-property-type-changed", "ERR", lambda d: _set(schemas(d)["CardCreate"]["properties"]["amount"], "type",
                                                            "string"), [("cardCreate", RB + "/properties/amount")], None),
    ("request-property-type-widened", "INFO", lambda d: _set(schemas(d)["CardCreate"]["properties"]["amount"], "type",
                                                             ["integer", "null"]),
     [("cardCreate", RB + "/properties/amount")], None),
    ("request-property-enum-value-removed", "ERR", lambda d: schemas(d)["CardCreate"]["properties"]["mode"]["enum"]
     .remove("DEBIT"), [("cardCreate", RB + "/properties/mode")], None),
    ("request-property-enum-value-added", "INFO", lambda d: schemas(d)["CardCreate"]["properties"]["mode"]["enum"]
     .append("CREDIT"), [("cardCreate", RB + "/properties/mode")], None),
    ("request-property-constraint-tightened", "ERR", lambda d: _set(schemas(d)["CardCreate"]["properties"]
                                                                    ["friendlyName"], "maxLength", 30),
     [("cardCreate", RB + "/properties/friendlyName")], None),
    ("request-property-constraint-loosened", "INFO", lambda d: _set(schemas(d)["CardCreate"]["properties"]
                                                                    ["friendlyName"], "maxLength", 100),
     [("cardCreate", RB + "/properties/friendlyName")], None),
    ("request-property-pattern-changed", "WARN", lambda d: _set(schemas(d)["CardCreate"]["properties"]["profileId"],
                                                                "pattern", "^(?!0)[0-9]+$"),
     [("cardCreate", RB + "/properties/profileId")], None),
    ("request-property-pattern-reescaped", "INFO", lambda d: _set(schemas(d)["CardCreate"]["properties"]["profileId"],
                                                                  "pattern", r"^[0-9\/]+$"),
     [("cardCreate", RB + "/properties/profileId")],
     lambda d: _set(schemas(d)["CardCreate"]["properties"]["profileId"], "pattern", r"^[0-9\\/]+$")),
    ("request-property-one-of-removed", "ERR", lambda d: op(d, "/shapes", "post")["requestBody"]["content"]
     ["application/json"]["schema"]["oneOf"].pop(), [("shapeCreate", RB)], None),
    ("request-property-one-of-added", "INFO", lambda d: op(d, "/shapes", "post")["requestBody"]["content"]
     ["application/json"]["schema"]["oneOf"].append({"type": "object", "properties": {"points": {"type": "integer"}}}),
     [("shapeCreate", RB)], None),
    ("request-property-one-of-renamed", "INFO", lambda d: _rename_component(d, "Square", "Quadrilateral"),
     [("shapeCreate", RB + "/oneOf/1")], None),
    # responses
    ("response-success-status-removed", "ERR", lambda d: op(d, "/cards", "post")["responses"].pop("200"),
     [("cardCreate", "/responses/200")], None),
    ("response-non-success-status-removed", "INFO", lambda d: op(d, "/cards", "post")["responses"].pop("409"),
     [("cardCreate", "/responses/409")], None),
    ("response-success-status-added", "INFO", lambda d: _set(op(d, "/cards", "post")["responses"], "201",
                                                             {"description": "x"}),
     [("cardCreate", "/responses/201")], None),
    ("response-non-success-status-added", "INFO", lambda d: _set(op(d, "/cards/{id}", "get")["responses"], "403",
                                                                 {"description": "x"}),
     [("cardGet", "/responses/403")], None),
    ("response-media-type-removed", "ERR", lambda d: None, [("cardGet", "/responses/200/content/text~1csv")],
     lambda d: _set(op(d, "/cards/{id}", "get")["responses"]["200"]["content"], "text/csv",
                    {"schema": {"type": "string"}})),
    ("response-media-type-added", "INFO", lambda d: _set(op(d, "/cards/{id}", "get")["responses"]["200"]["content"],
                                                         "application/pdf", {"schema": {"type": "string"}}),
     [("cardGet", "/responses/200/content/application~1pdf")], None),
    ("response-property-removed", "ERR", lambda d: (schemas(d)["Card"]["properties"].pop("friendlyName"),
                                                    schemas(d)["Card"]["required"].remove("friendlyName")),
     on_card("friendlyName"), None),
    ("response-optional-property-removed", "WARN", lambda d: schemas(d)["Card"]["properties"].pop("nickname"),
     on_card("nickname"), None),
    ("response-property-became-optional", "ERR", lambda d: schemas(d)["Card"]["required"].remove("state"),
     on_card("state"), None),
    ("response-property-became-required", "INFO", lambda d: schemas(d)["Card"]["required"].append("nickname"),
     on_card("nickname"), None),
    ("response-property-added", "INFO", lambda d: _set(schemas(d)["Card"]["properties"], "expiry", {"type": "string"}),
     on_card("expiry"), None),
    ("response-property-type-changed", "ERR", lambda d: _set(schemas(d)["Conflict"]["properties"]["errorCode"], "type",
                                                             ["string", "null"]),
     [("cardCreate", R409 + "/properties/errorCode")], None),
    ("response-property-type-narrowed", "INFO", lambda d: None, [("cardsGet", R200 + "/properties/count")],
     lambda d: _set(op(d, "/cards", "get")["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
                    ["count"], "type", "number")),
    ("response-property-enum-value-added", "WARN", lambda d: schemas(d)["Conflict"]["properties"]["errorCode"]["enum"]
     .append("CARD_LIMIT_REACHED"), [("cardCreate", R409 + "/properties/errorCode")], None),
    ("response-property-enum-value-removed", "INFO", lambda d: schemas(d)["Card"]["properties"]["state"]["enum"]
     .remove("BLOCKED"), on_card("state"), None),
    ("response-property-one-of-added", "WARN", lambda d: _set(schemas(d)["Card"]["properties"], "balance", {"oneOf": [
        {"$ref": "#/components/schemas/Money"}, {"type": "object", "properties": {"points": {"type": "integer"}}}]}),
     on_card("balance"), None),
    ("response-property-one-of-removed", "INFO", lambda d: None, on_card("balance"),
     lambda d: _set(schemas(d)["Card"]["properties"], "balance", {"oneOf": [
         {"$ref": "#/components/schemas/Money"}, {"type": "object", "properties": {"points": {"type": "integer"}}}]})),
    ("response-property-one-of-renamed", "INFO", lambda d: _set(schemas(d)["Card"]["properties"], "balance", {"oneOf": [
        {"$ref": "#/components/schemas/Cash"}, {"type": "object", "properties": {"points": {"type": "integer"}}}]})
     or _set(schemas(d), "Cash", schemas(d)["Money"]),
     [(operation, f"{pointer}/oneOf/0") for operation, pointer in on_card("balance")],
     lambda d: _set(schemas(d)["Card"]["properties"], "balance", {"oneOf": [
         {"$ref": "#/components/schemas/Money"}, {"type": "object", "properties": {"points": {"type": "integer"}}}]})),
    ("response-required-header-removed", "ERR", lambda d: op(d, "/cards", "get")["responses"]["200"].pop("headers"),
     [("cardsGet", "/responses/200/headers/x-rate-limit")], None),
]


def _run(new_change, old_change=None):
    old, new = fixture_doc(), fixture_doc()
    if old_change:
        old_change(old)
    new_change(new)
    return diff_docs(old, new)


def _rename_api_key(doc):
    schemes = doc["components"]["securitySchemes"]
    schemes["api_key"] = schemes.pop("api-key")
    for requirement in doc["security"] + op(doc, "/login", "post")["security"]:
        requirement["api_key"] = requirement.pop("api-key")


@pytest.mark.parametrize("rule, level, change, expected, old_change", CASES, ids=[c[0] for c in CASES])
def test_rule(rule, level, change, expected, old_change):
    found = _run(change, old_change)
    got = [(f.rule, f.level, f.operation_id, f.method, f.path, f.pointer) for f in found]
    want = [(rule, level, operation, *OPS[operation], pointer) for operation, pointer in expected]
    assert sorted(got) == sorted(want), "\n".join(f"{f.level} {f.rule} {f.operation} {f.pointer}: {f.message}"
                                                  for f in found)


def test_security_scheme_rename_is_one_finding_not_a_change_per_operation():
    old, new = fixture_doc(), fixture_doc()
    _rename_api_key(new)
    found = diff_docs(old, new)
    assert [(f.rule, f.level, f.pointer) for f in found] == [
        ("security-scheme-renamed", "INFO", "/securitySchemes/api_key")]
    assert "'api-key' is now 'api_key'" in found[0].message


def test_every_rule_has_a_case():
    covered = {case[0] for case in CASES} | {"security-scheme-renamed"}
    assert covered == set(RULES)


def test_every_rule_level_is_known():
    assert {level for level, _ in RULES.values()} <= {"ERR", "WARN", "INFO"}
