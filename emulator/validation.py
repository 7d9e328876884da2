"""Checking a request against its operation, answering 400 in Weavr's shape.

Weavr names each invalid field with one of its error words; the mapping from JSON
Schema keywords to those words is the emulator's choice where the description is
silent, and is written down in emulator/README.md.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from urllib.parse import unquote_plus

from schemas.contract import INTEGER_RANGES

from .errors import ApiError, bad_request
from .variation import current

ERROR_WORDS = {
    "required": "REQUIRED",
    "minLength": "SIZE", "maxLength": "SIZE", "minItems": "SIZE", "maxItems": "SIZE",
    "minProperties": "SIZE", "maxProperties": "SIZE",
    "minimum": "RANGE", "maximum": "RANGE", "exclusiveMinimum": "RANGE", "exclusiveMaximum": "RANGE",
    "enum": "IN", "const": "IN", "oneOf": "IN", "anyOf": "IN",
    "pattern": "REGEX", "format": "REGEX", "type": "REGEX",
    "additionalProperties": "NOT_IN", "uniqueItems": "NOT_IN",
}


def field_name(pointer: str) -> str:
    name = ""
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        name += f"[{part}]" if part.isdigit() else (f".{part}" if name else part)
    return name


def invalid_fields(errors, prefix: str = "") -> list:
    fields = []
    for error in errors:
        # The word for this keyword; a varied emulator may use another word of the description's list.
        name, word = field_name(error.pointer), current().error_word(error.keyword, ERROR_WORDS.get(error.keyword, "REGEX"))
        if error.keyword == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            name = f"{name}.{missing}" if name else missing
            params = []
        elif error.keyword == "additionalProperties":
            params = []
        elif error.keyword == "format" and error.params and error.params[0] in INTEGER_RANGES:
            word, params = "RANGE", [str(bound) for bound in INTEGER_RANGES[error.params[0]]]
        else:
            params = list(error.params)
        name = f"{prefix}.{name}" if prefix and name else (prefix or name)
        entry = {"fieldName": name, "error": word, "params": params}
        if entry not in fields:
            fields.append(entry)
    return fields


# A body's limits, as a Spring service behind a proxy plausibly sets them (emulator/choices/input.md).
MAX_BODY_BYTES = 1024 * 1024
MAX_BULK_BODY_BYTES = 16 * 1024 * 1024  # a bulk takes up to 10,000 items of a few hundred bytes each
MAX_DEPTH = 100
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]", re.ASCII)


def body_limit(operation) -> int:
    return MAX_BULK_BODY_BYTES if operation.path.startswith("/bulks/") else MAX_BODY_BYTES


def check_size(operation, raw: bytes) -> None:
    """413 before anything else looks at the request, as the proxy in front of the platform would."""
    limit = body_limit(operation)
    if len(raw) > limit:
        raise refusal(operation, 413, "PAYLOAD_TOO_LARGE", f"Request body is larger than {limit} bytes")


def read_body(operation, headers: dict, raw: bytes):
    """The JSON body of a request, or None when there is none; 415 or 400 when it cannot be read.

    An operation without a request body ignores whatever was sent, as a Spring handler without
    @RequestBody does.
    """
    if not operation.request_body or not raw.strip():
        return None
    media = (headers.get("content-type") or "").split(";")[0].strip().lower()
    if not _is_json(media):
        raise refusal(operation, 415, "UNSUPPORTED_MEDIA_TYPE",
                      f"Content type '{media or 'none'}' is not supported; send application/json")
    return parse_json_body(raw)


def parse_json_body(raw: bytes):
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise bad_request(message="Request body is not UTF-8") from exc
    try:
        body = json.loads(text, parse_constant=_reject_constant, parse_float=_number)
    except RecursionError as exc:
        raise bad_request(message=f"Request body nests deeper than {MAX_DEPTH} levels") from exc
    except ValueError as exc:  # JSONDecodeError, and integers longer than Python will read
        raise bad_request(message=f"Request body is not valid JSON: {exc.__class__.__name__}") from exc
    if _depth_exceeds(body, MAX_DEPTH):
        raise bad_request(message=f"Request body nests deeper than {MAX_DEPTH} levels")
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(body, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise bad_request(message="Request body holds an unpaired UTF-16 surrogate") from exc
    return body


def refusal(operation, status: int, code: str, message: str) -> ApiError:
    """Refusing a request before its body is read: the status itself where the operation declares it
    (under `default` for most), else its declared 400, else the status anyway, as nothing fits."""
    if not operation.declares(status) and operation.declares(400):
        return bad_request(message=message)
    return ApiError(status, {"code": code, "message": message})


def _is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _number(text: str) -> float | int:
    """A JSON number written with a fraction or an exponent. One that names a whole number (`1990.0`,
    `1.0e2`) is that integer, as JSON Schema 2020-12 and Jackson read it, so it is kept (and answered) as
    an int: money stays int64 minor units. Integrality is judged on the exact decimal, not the double."""
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is out of range")
    if value.is_integer():  # finite, so the decimal below has at most 309 digits
        exact = Decimal(text)
        if exact == exact.to_integral_value():
            return int(exact)
    return value


def _depth_exceeds(value, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


_WIDENED: dict[int, tuple] = {}


def _with_width(schema: dict) -> dict:
    """A parameter's integer with no format is read as a Java int, as every other offset and limit is.
    The widened schema is kept, so the contract compiles its validator once."""
    if not (isinstance(schema, dict) and schema.get("type") == "integer" and "format" not in schema):
        return schema
    kept = _WIDENED.get(id(schema))
    if kept is None or kept[0] is not schema:
        kept = _WIDENED[id(schema)] = (schema, {**schema, "format": "int32"})
    return kept[1]


_JAVA_INTEGER = re.compile(r"[+-]?[0-9]{1,1000}", re.ASCII)
_JAVA_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?", re.ASCII)


def coerce(value: str, schema: dict):
    """A query or path value, typed as its schema says; left as text when it is not a number."""
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    # Python's int() and float() also take " 5", "5_000", "nan" and "inf"; Java's parsers do not.
    if kind == "integer" and _JAVA_INTEGER.fullmatch(value):
        return int(value)
    if kind == "number" and _JAVA_NUMBER.fullmatch(value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def query_pairs(query_string: str) -> list[tuple[str, str]]:
    """(name, value) pairs of a query string, the name decoded and the value still as sent: a list is split
    on its literal commas before its values are decoded, so `tag=D%2C` is the one value "D,", not two.
    A bare `name` is the pair (name, ""), as a blank value."""
    pairs = []
    for part in query_string.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((unquote_plus(name), value))
    return pairs


def _decoded(value: str) -> str:
    return unquote_plus(value)


def _exploded_object(schema: dict, query_pairs: list, contract):
    """The object a form-exploded query parameter spells as one pair per property, or None if none is given."""
    value = {}
    for prop, prop_schema in (schema.get("properties") or {}).items():
        given = [v for k, v in query_pairs if k == prop]
        if given:
            value[prop] = coerce(_decoded(given[-1]), contract.resolve(prop_schema))
    return value or None


def check_request(contract, operation, matched: dict, query_pairs: list, body,
                  headers: dict | None = None) -> tuple[dict, dict]:
    """Validate parameters (path, query as `query_pairs` gives it, headers) and body; return typed path and
    query values. Raises ApiError(400)."""
    problems = []
    path, query = {}, {}
    for param in operation.parameters:
        name, place, schema = param["name"], param["in"], _with_width(param["schema"])
        if place == "header":
            # A declared header with a value outside its schema (`x-api-version: AAA`) is refused as a
            # Spring @RequestHeader bound to an enum is; the security headers are not parameters here.
            value = (headers or {}).get(name.lower())
            if value is None:
                if param["required"]:
                    problems.append({"fieldName": name, "error": "REQUIRED", "params": []})
                continue
            problems += invalid_fields(contract.validate(schema, coerce(value, schema)), prefix=name)
        elif place == "path":
            raw = matched.get(re.sub(r"[^A-Za-z0-9_]", "_", name))
            if raw is None:
                continue
            path[name] = value = coerce(raw, schema)
            problems += invalid_fields(contract.validate(schema, value), prefix=name)
        elif place == "query":
            resolved = contract.resolve(schema)
            if isinstance(resolved, dict) and resolved.get("type") == "object":
                # OpenAPI's default for a query object (form, exploded): each property is its own parameter.
                value = _exploded_object(resolved, query_pairs, contract)
                if value is None:
                    if param["required"]:
                        problems.append({"fieldName": name, "error": "REQUIRED", "params": []})
                    continue
                query[name] = value
                problems += invalid_fields(contract.validate(schema, value), prefix=name)
                continue
            values = [v for k, v in query_pairs if k == name]
            if not values:
                if param["required"]:
                    problems.append({"fieldName": name, "error": "REQUIRED", "params": []})
                continue
            if schema.get("type") == "array":
                # A blank value is an empty list, as Spring converts "" to an empty collection (and a
                # fuzzer spells an empty array so); a blank scalar stays a value (see the choices).
                items = [_decoded(v) for value in values if value for v in value.split(",")]
                value = [coerce(v, schema.get("items", {})) for v in items]
            else:
                value = coerce(_decoded(values[-1]), schema)
            query[name] = value
            problems += invalid_fields(contract.validate(schema, value), prefix=name)
    request_body = operation.request_body
    if request_body:
        schema = request_body["content"].get("application/json")
        if body is None:
            if request_body["required"]:
                raise bad_request(message="Required request body is missing")
        elif schema is not None:
            errors = contract.validate(schema, body)
            if any(e.pointer == "" and e.keyword == "type" for e in errors):
                # Jackson cannot map an array or a string onto the request's object: no field to name.
                raise bad_request(message="Request body is not a JSON object")
            problems += invalid_fields(errors)
    if problems:
        raise bad_request(problems)
    return path, query


def unreadable(contract, operation, error: ApiError) -> ApiError:
    """A 400 for an operation that declares none but names MODEL_CONSTRAINTS_VIOLATED among its 409 codes (the
    PATCH of a wire transfer's beneficiary name) is that 409: the description's only word for a bad request there."""
    if error.status != 400 or operation.declares(400) or not operation.declares(409):
        return error
    answer = {"errorCode": "MODEL_CONSTRAINTS_VIOLATED"}
    if contract.validate(operation.response_schema(409), answer):
        return error
    return ApiError(409, answer)


__all__ = ["unreadable", "ApiError", "check_request", "query_pairs", "check_size", "read_body", "parse_json_body",
           "invalid_fields", "field_name"]
