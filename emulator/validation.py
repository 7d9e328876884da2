"""Checking a request against its operation, answering 400 in Weavr's shape.

Weavr names each invalid field with one of its error words; the mapping from JSON
Schema keywords to those words is the emulator's choice where the description is
silent, and is written down in emulator/README.md.
"""
from __future__ import annotations

import json
import re

from .errors import ApiError, bad_request

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
        name = field_name(error.pointer)
        if error.keyword == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            name = f"{name}.{missing}" if name else missing
            params = []
        elif error.keyword == "additionalProperties":
            params = []
        else:
            params = list(error.params)
        name = f"{prefix}.{name}" if prefix and name else (prefix or name)
        entry = {"fieldName": name, "error": ERROR_WORDS.get(error.keyword, "REGEX"), "params": params}
        if entry not in fields:
            fields.append(entry)
    return fields


def parse_json_body(raw: bytes):
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad_request(message=f"Request body is not valid JSON: {exc.__class__.__name__}") from exc


def coerce(value: str, schema: dict):
    """A query or path value, typed as its schema says; left as text when it is not a number."""
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
    except ValueError:
        return value
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def check_request(contract, operation, matched: dict, query_pairs: list, body) -> tuple[dict, dict]:
    """Validate parameters and body; return typed path and query values. Raises ApiError(400)."""
    problems = []
    path, query = {}, {}
    for param in operation.parameters:
        name, place, schema = param["name"], param["in"], param["schema"]
        if place == "path":
            raw = matched.get(re.sub(r"[^A-Za-z0-9_]", "_", name))
            if raw is None:
                continue
            path[name] = value = coerce(raw, schema)
            problems += invalid_fields(contract.validate(schema, value), prefix=name)
        elif place == "query":
            values = [v for k, v in query_pairs if k == name]
            if not values:
                if param["required"]:
                    problems.append({"fieldName": name, "error": "REQUIRED", "params": []})
                continue
            if schema.get("type") == "array":
                items = [v for value in values for v in value.split(",")]
                value = [coerce(v, schema.get("items", {})) for v in items]
            else:
                value = coerce(values[-1], schema)
            query[name] = value
            problems += invalid_fields(contract.validate(schema, value), prefix=name)
    request_body = operation.request_body
    if request_body:
        schema = request_body["content"].get("application/json")
        if body is None:
            if request_body["required"]:
                raise bad_request(message="Required request body is missing")
        elif schema is not None:
            problems += invalid_fields(contract.validate(schema, body))
    if problems:
        raise bad_request(problems)
    return path, query


__all__ = ["ApiError", "check_request", "parse_json_body", "invalid_fields", "field_name"]
