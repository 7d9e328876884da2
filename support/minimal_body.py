"""The smallest request an operation's schema accepts: only required names, the first enum value, the shortest
string its pattern and length allow, the lowest number. The baseline sends it so that one thing is wrong with a
row's request (no token, an unknown id, one required field left out) and nothing else is.

Built from the extracted contract alone (schemas/), never from the vendor's file, and checked against the schema
it came from: a schema this cannot satisfy raises, naming the operation, rather than sending a body that is
refused for another reason.
"""
from __future__ import annotations

import re

# The standard library's own reading of a pattern (Python 3.11+), walked to write the shortest text it matches.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

# Numeric ids nobody issued: well-formed (digits, within a Java long, as Weavr's ids are) and far above the ids an
# emulator or the sandbox hands out.
UNKNOWN_ID = "9000000000000000001"
# Formats a pattern does not spell out.
FORMAT_SAMPLES = {"email": "baseline@example.com", "date": "2000-01-01", "date-time": "2000-01-01T00:00:00Z",
                  "password": "Baseline1!", "uri": "https://example.com"}
# The character a class yields first, in this order of preference: readable letters and digits before symbols.
_PREFERRED = "A0a1 "


class Unsatisfiable(ValueError):
    """A schema the builder cannot fill with a value it accepts."""


def minimal_body(contract, operation):
    """The operation's smallest valid JSON body, or None when it takes none."""
    schema = operation.body_schema()
    if schema is None:
        return None
    body = minimal(contract, schema)
    errors = contract.validate(schema, body)
    if errors:
        first = errors[0]
        raise Unsatisfiable(f"{operation.operation_id}: the minimal body breaks its own schema at "
                            f"{first.pointer or '/'}: {first.message}")
    return body


def filled_path(contract, operation) -> str:
    """The operation's path with every id an unknown one and every other path parameter its first allowed value."""
    values = {}
    for parameter in operation.parameters:
        parameter = contract.resolve(parameter)
        if parameter.get("in") == "path":
            schema = contract.resolve(parameter.get("schema") or {})
            values[parameter["name"]] = schema["enum"][0] if "enum" in schema else UNKNOWN_ID
    return re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), UNKNOWN_ID), operation.path)


def id_parameters(contract, operation) -> list[str]:
    """The path parameters that name a resource (not an enum such as an OTP channel)."""
    names = []
    for parameter in operation.parameters:
        parameter = contract.resolve(parameter)
        if parameter.get("in") == "path" and "enum" not in contract.resolve(parameter.get("schema") or {}):
            names.append(parameter["name"])
    return names


def minimal(contract, schema, depth: int = 0):
    if depth > 30:
        raise Unsatisfiable("the schema nests deeper than a request can")
    schema = flatten(contract, schema)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return _first_branch(contract, schema, key, depth)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "object" or "properties" in schema or "required" in schema:
        return _object(contract, schema, depth)
    if kind == "array":
        return [minimal(contract, schema.get("items", {}), depth + 1) for _ in range(schema.get("minItems", 0))]
    if kind == "string":
        return _string(schema)
    if kind in ("integer", "number"):
        return _number(schema, kind)
    if kind == "boolean":
        return False
    return {}


def flatten(contract, schema) -> dict:
    """A `$ref` followed and an `allOf` merged into one schema (its properties and required names added up)."""
    schema = dict(contract.resolve(schema))
    if "$ref" in schema:
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**flatten(contract, {"$ref": schema["$ref"]}), **siblings}
    for branch in schema.pop("allOf", []):
        part = flatten(contract, branch)
        merged_properties = {**schema.get("properties", {}), **part.get("properties", {})}
        required = [*schema.get("required", []), *(r for r in part.get("required", []) if r not in schema.get("required", []))]
        schema = {**part, **schema, "properties": merged_properties, "required": required}
    return schema


def _object(contract, schema, depth):
    body = {}
    for name in schema.get("required", []):
        body[name] = minimal(contract, schema.get("properties", {}).get(name, {}), depth + 1)
    discriminator = schema.get("discriminator") or {}
    mapping = discriminator.get("mapping") or {}
    if mapping:
        # The discriminator's first value, and what its branch requires besides (a prepaid card's currency).
        value, target = next(iter(mapping.items()))
        # The branch repeats the base (allOf), discriminator included: read it once, not again.
        branch_schema = {k: v for k, v in flatten(contract, {"$ref": target}).items() if k != "discriminator"}
        branch = _object(contract, branch_schema, depth + 1)
        body = {**branch, **body, discriminator["propertyName"]: value}
    return body


def _first_branch(contract, schema, key, depth):
    problems = []
    for branch in schema[key]:
        value = minimal(contract, branch, depth + 1)
        if not contract.validate(branch, value):
            return value
        problems.append(value)
    raise Unsatisfiable(f"no branch of a {key} accepts its own minimal value: {problems}")


def _string(schema) -> str:
    shortest, longest = schema.get("minLength", 0), schema.get("maxLength")
    if "pattern" in schema:
        pattern = schema["pattern"]
        for stretch in range(0, max(shortest, 1) + 1):
            text = _sample(sre_parse.parse(pattern), stretch)
            if re.search(pattern, text) and len(text) >= shortest and (longest is None or len(text) <= longest):
                return text
        raise Unsatisfiable(f"no sample of the pattern {pattern!r} between {shortest} and {longest} characters")
    text = FORMAT_SAMPLES.get(schema.get("format", ""), "A")
    return text + "A" * max(0, shortest - len(text))


def _number(schema, kind):
    low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
    value = low + 1 if "exclusiveMinimum" in schema else low
    value = max(value, 1) if schema.get("maximum", 1) >= 1 else value
    return int(value) if kind == "integer" else value


def _sample(parsed, stretch: int) -> str:
    """The shortest text a parsed pattern matches, each repeat `stretch` times longer (to reach a minLength)."""
    out = []
    for op, value in parsed:
        if op is sre.LITERAL:
            out.append(chr(value))
        elif op is sre.NOT_LITERAL:
            out.append("A" if chr(value) != "A" else "B")
        elif op is sre.ANY:
            out.append("A")
        elif op is sre.IN:
            out.append(_in_class(value))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = value
            count = max(low, 1) + stretch
            if high is not sre.MAXREPEAT:
                count = min(count, high)
            out.append(_sample(item, stretch) * count)
        elif op is sre.SUBPATTERN:
            out.append(_sample(value[-1], stretch))
        elif op is sre.BRANCH:
            out.append(_sample(value[1][0], stretch))
        elif op is sre.AT:
            continue
        else:
            raise Unsatisfiable(f"a pattern element the sampler does not know: {op}")
    return "".join(out)


def _in_class(items) -> str:
    allowed: list[str] = []
    for op, value in items:
        if op is sre.NEGATE:
            excluded = {chr(v) for o, v in items if o is sre.LITERAL}
            return next(c for c in _PREFERRED if c not in excluded)
        if op is sre.LITERAL:
            allowed.append(chr(value))
        elif op is sre.RANGE:
            allowed.extend(chr(c) for c in range(value[0], min(value[1], value[0] + 100) + 1))
        elif op is sre.CATEGORY:
            allowed.extend({sre.CATEGORY_DIGIT: "0", sre.CATEGORY_SPACE: " ", sre.CATEGORY_WORD: "a"}.get(value, "a"))
    return next((c for c in _PREFERRED if c in allowed), allowed[0] if allowed else "A")
