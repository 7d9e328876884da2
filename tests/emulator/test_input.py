"""Input the way the real platform reads it: every odd request gets a 4xx in a declared shape, never a 500."""
from __future__ import annotations

import json
import re

import pytest

from schemas import load_contract
from support.contract_check import check_response
from tests.support.fakes import response

from .contract_cases import account, verified
from .helpers import unique_email

INT64_MAX = 2**63 - 1


def contract_violations(namespace: str, method: str, path: str, answer) -> list:
    """What the suite's contract check would say of this answer (the strict self-check sees only handlers')."""
    contract = load_contract(namespace)
    operation, _ = contract.match(method, path.split("?")[0])
    raw = json.dumps(answer.body).encode() if isinstance(answer.body, (dict, list)) else (answer.body or b"")
    fake = response(answer.status, raw=raw, content_type="application/json",
                    headers={k: v for k, v in answer.headers.items() if k != "content-type"})
    return [str(v) for v in check_response(contract, operation, fake)]


def invalid(answer) -> dict:
    """The fields a 400 names: Multi's `syntaxErrors`, or the Simulator's own `validation` read the same way."""
    assert answer.status == 400, (answer.status, answer.body)
    if "validation" in answer.body:
        return {f["name"]: {"fieldName": f["name"], "error": f["errors"][0].get("type"),
                            "params": f["errors"][0]["params"]} for f in answer.body["validation"]["fields"]}
    return {f["fieldName"]: f for f in answer.body["syntaxErrors"]["invalidFields"]}


def deposit(emu, amount_json: str):
    raw = (f'{{"depositAmount": {{"currency": "EUR", "amount": {amount_json}}}}}').encode()
    return emu.call("POST", "/accounts/deposit", raw=raw, api_key=None, mount="/simulate/api",
                    headers={"programme-key": emu.programme["programmeKey"]})


# -- integers ---------------------------------------------------------------------------------

def test_amount_beyond_int64_is_a_range_error(emu):
    answer = deposit(emu, str(INT64_MAX + 1))
    field = invalid(answer)["depositAmount.amount"]
    assert field["error"] == "RANGE" and field["params"] == [str(-2**63), str(INT64_MAX)]
    assert not contract_violations("simulator", "POST", "/accounts/deposit", answer)


@pytest.mark.parametrize("amount", ["100.5", "1.5", "1e-3", "1.0000000000000000000001"])
def test_fraction_where_an_integer_is_expected_is_a_type_error(emu, amount):
    assert invalid(deposit(emu, amount))["depositAmount.amount"]["error"] == "REGEX"


def test_integral_float_beyond_int64_is_a_range_error(emu):
    # 1e308 is an integer to JSON Schema, one no Java long holds.
    assert invalid(deposit(emu, "1e308"))["depositAmount.amount"]["error"] == "RANGE"


@pytest.mark.parametrize("amount", ["100.0", "1.0e2", "100.000"])
def test_integral_float_is_the_integer_it_names_and_money_stays_whole(emu, amount):
    """JSON Schema 2020-12 and Jackson read 100.0 as the integer 100: accepted, and kept as the int 100."""
    corporate = verified(emu)
    account_id = account(emu, corporate)
    raw = ('{"depositAmount": {"currency": "EUR", "amount": ' + str(amount) + '}}').encode()
    answer = emu.call("POST", f"/accounts/{account_id}/deposit", raw=raw, api_key=None, mount="/simulate/api",
                      headers={"programme-key": emu.programme["programmeKey"]})
    assert answer.status == 200, (answer.status, answer.body)
    balance = emu.call("GET", f"/managed_accounts/{account_id}", token=corporate["token"]).body["balances"]
    assert balance["availableBalance"] == 100 and type(balance["availableBalance"]) is int, balance
    assert json.dumps(balance["availableBalance"]) == "100"


def test_integral_float_in_a_date_of_birth_is_accepted_and_answered_as_an_int(emu):
    corporate = emu.corporate()
    body = {"name": "Ann", "surname": "Lee", "email": unique_email(),
            "mobile": {"countryCode": "+356", "number": "79111111"},
            "dateOfBirth": {"year": 1990, "month": 1, "day": 1}}
    raw = json.dumps(body).replace('"year": 1990', '"year": 1990.0').encode()
    answer = emu.call("POST", "/users", raw=raw, token=emu.stepped_up(corporate))
    assert answer.status == 200, (answer.status, answer.body)
    read = emu.call("GET", f"/users/{answer.body['id']}", token=corporate["token"]).body
    assert read["dateOfBirth"] == {"year": 1990, "month": 1, "day": 1}
    assert type(read["dateOfBirth"]["year"]) is int


@pytest.mark.parametrize("amount", ["1e999", "NaN", "Infinity", "-Infinity", "9" * 5000])
def test_numbers_json_cannot_hold_are_400(emu, amount):
    answer = deposit(emu, amount)
    assert answer.status == 400 and "message" in answer.body, (answer.status, answer.body)


def test_query_integer_with_no_declared_width_is_read_as_int32(emu):
    corporate = emu.corporate()
    answer = emu.call("GET", "/identities", token=corporate["token"], query=f"offset={2**31}")
    assert invalid(answer)["offset"]["error"] == "RANGE"
    assert emu.call("GET", "/identities", token=corporate["token"], query=f"offset={2**31 - 1}").status != 400


@pytest.mark.parametrize("name, value", [("limit", 2**31), ("offset", 2**31), ("offset", -2**31 - 1),
                                         ("limit", INT64_MAX + 1)])
def test_offset_and_limit_beyond_int32_are_range_errors(emu, name, value):
    corporate = emu.corporate()
    answer = emu.call("GET", "/managed_accounts", token=corporate["token"], query=f"{name}={value}")
    assert invalid(answer)[name]["error"] == "RANGE"
    assert not contract_violations("multi", "GET", "/managed_accounts", answer)


def test_limit_within_int32_is_accepted(emu):
    corporate = emu.corporate()
    answer = emu.call("GET", "/managed_accounts", token=corporate["token"], query="offset=0&limit=10")
    assert answer.status == 200, answer.body


# -- query values -----------------------------------------------------------------------------

@pytest.mark.parametrize("query, name", [("profileId=", "profileId"), ("profileId", "profileId"),
                                         ("limit=", "limit"), ("offset=", "offset")])
def test_blank_query_value_is_a_value_not_an_absent_parameter(emu, query, name):
    corporate = emu.corporate()
    answer = emu.call("GET", "/managed_accounts", token=corporate["token"], query=query)
    assert name in invalid(answer)


@pytest.mark.parametrize("value", [" 5", "5_0", "\u0665", "1.0", "0x10", "nan"])
def test_query_integer_is_read_as_java_reads_it(emu, value):
    from urllib.parse import quote

    corporate = emu.corporate()
    answer = emu.call("GET", "/managed_accounts", token=corporate["token"], query=f"limit={quote(value)}")
    assert invalid(answer)["limit"]["error"] == "REGEX"


def test_repeated_query_values_are_taken_as_given(emu):
    """`tag=D&tag=D%2C` is the list ["D", "D,"]: an encoded comma is part of a value, not a separator."""
    corporate = emu.corporate()
    answer = emu.call("GET", "/beneficiaries/batch", token=corporate["token"], query="tag=D&tag=D%2C")
    assert answer.status == 200, (answer.status, answer.body)


def test_a_literal_comma_still_separates_list_values(emu):
    corporate = emu.corporate()
    # "D,D" is two equal values: the list's uniqueItems refuses it, so the comma was read as a separator.
    answer = emu.call("GET", "/beneficiaries/batch", token=corporate["token"], query="tag=D,D")
    assert "tag" in invalid(answer)
    assert emu.call("GET", "/beneficiaries/batch", token=corporate["token"], query="tag=D,E").status == 200


def test_a_blank_list_value_is_an_empty_list(emu):
    corporate = emu.corporate()
    answer = emu.call("GET", "/card_payments", token=corporate["token"], query="subtype=&limit=1")
    assert answer.status == 200, (answer.status, answer.body)


# -- header parameters ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["managed_cards", "managed_accounts"])
def test_header_parameter_outside_its_schema_is_400_naming_it(emu, kind):
    corporate = verified(emu)
    if kind == "managed_cards":
        from .contract_cases_cards import card
        instrument = card(emu, corporate)
    else:
        instrument = account(emu, corporate)
    path = f"/{kind}/{instrument}/statement"
    answer = emu.call("GET", path, token=corporate["token"], headers={"x-api-version": "AAA"})
    assert invalid(answer)["x-api-version"]["error"] == "IN"
    assert not contract_violations("multi", "GET", path, answer)
    assert emu.call("GET", path, token=corporate["token"], headers={"x-api-version": "LATEST"}).status == 200


# -- content type ------------------------------------------------------------------------------

@pytest.mark.parametrize("content_type", ["text/plain", None, "application/x-www-form-urlencoded", "application/xml"])
def test_json_body_without_json_content_type_is_415_and_creates_nothing(emu, content_type):
    body = emu.corporate_body()
    answer = emu.call("POST", "/corporates", body, headers={"content-type": content_type})
    assert answer.status == 415, (answer.status, answer.body)
    assert answer.body["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert not contract_violations("multi", "POST", "/corporates", answer)
    # Nothing was registered: the same email is still free.
    assert emu.call("POST", "/corporates", body).status == 200


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "APPLICATION/JSON",
                                          "application/merge-patch+json"])
def test_json_content_types_are_read(emu, content_type):
    answer = emu.call("POST", "/corporates", emu.corporate_body(), headers={"content-type": content_type})
    assert answer.status == 200, answer.body


def test_auth_is_checked_before_the_content_type(emu):
    answer = emu.call("POST", "/corporates", emu.corporate_body(), api_key="wrong", headers={"content-type": "text/plain"})
    assert answer.status == 401


def test_operation_that_declares_no_415_answers_its_declared_400(emu):
    corporate = emu.corporate()
    path = "/outgoing_wire_transfers/123/cancel"
    answer = emu.call("POST", path, raw=b'{"cancellationReason": "x"}', token=corporate["token"],
                      headers={"content-type": "text/plain"})
    assert answer.status == 400 and "content type" in answer.body["message"].lower(), (answer.status, answer.body)
    assert not contract_violations("multi", "POST", path, answer)


def test_operation_without_a_body_ignores_what_is_sent(emu):
    corporate = emu.corporate()
    answer = emu.call("GET", "/corporates", raw=b"\xff not json", token=corporate["token"],
                      headers={"content-type": "text/plain"})
    assert answer.status == 200, answer.body


# -- body shape -------------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [101, 1000, 10_000])
def test_deeply_nested_json_is_400(emu, depth):
    body = emu.corporate_body()
    text = json.dumps(body)[:-1] + ', "tag": ' + "[" * depth + "]" * depth + "}"
    answer = emu.call("POST", "/corporates", raw=text.encode())
    assert answer.status == 400 and "deeper" in answer.body["message"], (answer.status, answer.body)


def test_nesting_within_the_limit_is_read(emu):
    body = emu.corporate_body()
    text = json.dumps(body)[:-1] + ', "ignored": ' + "[" * 99 + "]" * 99 + "}"
    assert emu.call("POST", "/corporates", raw=text.encode()).status == 200


@pytest.mark.parametrize("raw", [b"[]", b"[{}]", b'"corporate"', b"42", b"true"])
def test_body_that_is_not_an_object_is_400_naming_no_field(emu, raw):
    answer = emu.call("POST", "/corporates", raw=raw)
    assert answer.status == 400 and answer.body == {"message": "Request body is not a JSON object"}, answer.body
    assert not contract_violations("multi", "POST", "/corporates", answer)


def test_null_where_a_body_is_required_is_400(emu):
    answer = emu.call("POST", "/corporates", raw=b"null")
    assert answer.status == 400 and answer.body == {"message": "Required request body is missing"}, answer.body


@pytest.mark.parametrize("raw", [b'{"profileId": "\xff\xfe"}', "{}".encode("utf-16"), b'{"a": "\xc3"}'])
def test_bytes_that_are_not_utf8_are_400(emu, raw):
    answer = emu.call("POST", "/corporates", raw=raw)
    assert answer.status == 400 and "UTF-8" in answer.body["message"], (answer.status, answer.body)


def test_utf8_byte_order_mark_is_tolerated(emu):
    answer = emu.call("POST", "/corporates", raw=b"\xef\xbb\xbf" + json.dumps(emu.corporate_body()).encode())
    assert answer.status == 200, answer.body


def test_unpaired_surrogate_escape_is_400(emu):
    body = emu.corporate_body()
    body["company"]["name"] = "Acme \ud800"
    answer = emu.call("POST", "/corporates", raw=json.dumps(body).encode())
    assert answer.status == 400 and "surrogate" in answer.body["message"], (answer.status, answer.body)


# -- size -------------------------------------------------------------------------------------

def test_body_over_one_mebibyte_is_413_even_before_authentication(emu):
    body = emu.corporate_body()
    body["padding"] = "x" * (1024 * 1024)
    answer = emu.call("POST", "/corporates", body, api_key="wrong")
    assert answer.status == 413 and answer.body["code"] == "PAYLOAD_TOO_LARGE"
    assert not contract_violations("multi", "POST", "/corporates", answer)


def test_body_just_under_one_mebibyte_is_read(emu):
    body = emu.corporate_body()
    body["padding"] = ""
    body["padding"] = "x" * (1024 * 1024 - len(json.dumps(body)))
    assert emu.call("POST", "/corporates", body).status == 200


def test_bulk_operation_takes_a_larger_body(emu):
    big = json.dumps({"transfers": [{"padding": "x" * 1000}] * 3000}).encode()
    assert emu.call("POST", "/bulks/transfers", raw=big).status == 401
    assert emu.call("POST", "/bulks/transfers", raw=big + b" " * (16 * 1024 * 1024)).status == 413


def test_server_stops_reading_a_body_past_every_limit(emu):
    """Over HTTP a 100 MiB upload is refused after 16 MiB is read, not held in memory whole."""
    import asyncio

    total, chunk, state = 100 * 1024 * 1024, 1024 * 1024, {"sent": 0, "reads": 0}

    async def receive():
        state["reads"] += 1
        size = min(chunk, total - state["sent"])
        state["sent"] += size
        return {"type": "http.request", "body": b"x" * size, "more_body": state["sent"] < total}

    started = []

    async def send(message):
        started.append(message)

    scope = {"type": "http", "method": "POST", "path": "/multi/bulks/transfers", "query_string": b"",
             "headers": [(b"content-type", b"application/json")]}
    asyncio.run(emu.app(scope, receive, send))
    assert started[0]["status"] == 413 and state["reads"] <= 17


# -- the Simulator's refusals ----------------------------------------------------------------------

SIMULATOR = load_contract("simulator")


@pytest.mark.parametrize("programme_key", [None, "wrong"], ids=["missing", "wrong"])
@pytest.mark.parametrize("operation", sorted(SIMULATOR.by_id), ids=str)
def test_simulator_refusal_has_the_json_body_its_default_answer_declares(emu, operation, programme_key):
    """The Simulator description's `default` answer is JSON ({message}); a 401 without a body breaks it."""
    declared = SIMULATOR.by_id[operation]
    path = re.sub(r"\{[^}]+\}", "1", declared.path)
    answer = emu.call(declared.method, path, {}, api_key=None, mount="/simulate/api",
                      headers={"programme-key": programme_key})
    assert answer.status == 401, (answer.status, answer.body)
    assert isinstance(answer.body, dict) and answer.body.get("message"), answer.body
    assert not contract_violations("simulator", declared.method, path, answer)
