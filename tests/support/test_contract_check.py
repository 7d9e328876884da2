"""The contract check catches what the description does not allow, and passes what it does."""
from __future__ import annotations

import pytest

from schemas import load_contract
from support.contract_check import ContractViolation, check_response

from .fakes import response

CONTRACT = load_contract("multi")
LOGIN = CONTRACT.by_id["loginWithPassword"]
CORPORATE_GET = CONTRACT.by_id["corporateGet"]
CREATE = CONTRACT.by_id["corporateCreate"]


def corporate(**changes) -> dict:
    body = {"id": {"type": "CORPORATE", "id": "1001"}, "profileId": "1", "ipAddress": "127.0.0.1",
            "baseCurrency": "EUR", "creationTimestamp": 1700000000000,
            "company": {"name": "Acme", "type": "LLC", "countryOfRegistration": "MT"},
            "rootUser": {"id": {"type": "CORPORATE", "id": "1001"}, "name": "A", "surname": "B",
                         "email": "a@example.com", "mobile": {"countryCode": "+356", "number": "79000000"},
                         "companyPosition": "DIRECTOR", "active": True, "emailVerified": False,
                         "mobileNumberVerified": False}}
    body.update(changes)
    return body


def checks(operation, answer):
    return [(v.check, v.pointer) for v in check_response(CONTRACT, operation, answer)]


def test_a_valid_answer_passes():
    assert checks(CORPORATE_GET, response(200, corporate())) == []


def test_undeclared_status_is_caught():
    op = CONTRACT.by_id["corporateGet"]
    stripped = type(op)(**{**op.__dict__, "responses": {k: v for k, v in op.responses.items() if k != "default"}})
    assert ("status_is_declared", "") in checks(stripped, response(418, {"x": 1}))


def test_default_does_not_cover_an_undeclared_success_code():
    assert ("status_is_declared", "") in checks(CREATE, response(201, corporate()))
    assert ("status_is_declared", "") not in checks(CREATE, response(418, {"code": "X", "message": "y"}))


def test_missing_required_field_is_caught_with_its_pointer():
    body = corporate()
    del body["baseCurrency"]
    violations = check_response(CONTRACT, CORPORATE_GET, response(200, body))
    assert [(v.check, v.pointer) for v in violations] == [("body_matches_schema", "/baseCurrency")]
    assert violations[0].expected == "a required field"


def test_wrong_type_is_caught():
    assert ("body_matches_schema", "/creationTimestamp") in checks(
        CORPORATE_GET, response(200, corporate(creationTimestamp="yesterday")))


def test_value_outside_enum_is_caught():
    body = corporate()
    body["company"]["type"] = "PIRATE_SHIP"
    violations = check_response(CONTRACT, CORPORATE_GET, response(200, body))
    assert [(v.pointer, v.check) for v in violations] == [("/company/type", "body_matches_schema")]
    assert "LLC" in violations[0].expected


def test_body_where_none_is_declared_is_caught():
    assert ("content_type_is_declared", "") in checks(LOGIN, response(403, {"errorCode": "X"}))


def test_no_body_where_json_is_declared_is_caught():
    assert ("content_type_is_declared", "") in checks(CORPORATE_GET, response(200, None))


def test_wrong_content_type_is_caught():
    assert ("content_type_is_declared", "") in checks(
        CORPORATE_GET, response(200, corporate(), content_type="text/html"))


def test_unparseable_json_is_caught():
    assert ("body_matches_schema", "") in checks(CORPORATE_GET, response(200, raw=b"{oops"))


def test_missing_required_header_is_caught():
    answer = response(200, corporate())
    del answer.headers["request-ref"]
    assert ("required_headers_present", "header request-ref") in checks(CORPORATE_GET, answer)


def test_conflict_code_outside_the_operations_enum_is_caught():
    assert checks(CREATE, response(409, {"errorCode": "ROOT_EMAIL_NOT_UNIQUE"})) == []
    assert ("body_matches_schema", "/errorCode") in checks(CREATE, response(409, {"errorCode": "MADE_UP"}))


def test_violation_message_is_readable():
    body = corporate()
    del body["baseCurrency"]
    error = ContractViolation(check_response(CONTRACT, CORPORATE_GET, response(200, body)))
    assert "corporateGet answered 200 at /baseCurrency: expected a required field, got nothing" in str(error)


@pytest.mark.parametrize("status", [401, 204])
def test_statuses_without_content_accept_an_empty_body(status):
    op = CONTRACT.by_id["corporateRootUserEmailVerify"]
    assert checks(op, response(status, None)) == []
