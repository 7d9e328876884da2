"""Loading the extracted contract: operations, routing by path template, compiled validators.

Both the suite (support/) and the emulator (emulator/) read the contract through this
module; neither imports the other.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.validators import extend
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMAS_DIR = Path(__file__).resolve().parent
# Formats such as email and date are part of the contract both sides check.
FORMATS = FormatChecker()
# The widths of Java's int and long, which the description names as formats and jsonschema leaves unchecked.
INTEGER_RANGES = {"int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1)}


def _within(width: str):
    low, high = INTEGER_RANGES[width]
    return lambda value: not isinstance(value, int) or isinstance(value, bool) or low <= value <= high


for _width in INTEGER_RANGES:
    FORMATS.checks(_width)(_within(_width))




def _one_of(validator, one_of, instance, schema):
    """oneOf read as "at least one": the description's branches overlap (SEPABeneficiary and RIXBeneficiary are
    word for word the same; a CLOSE_MATCH payee result fits both the SEPA and the UK result), so strict oneOf
    would refuse every IBAN beneficiary and close match that Weavr itself accepts and sends. A value that fits
    no branch is still refused."""
    for error in Draft202012Validator.VALIDATORS["oneOf"](validator, one_of, instance, schema):
        if error.message.endswith("is not valid under any of the given schemas"):
            yield error


# JSON Schema counts 1.0 (and 1e308) as an integer; a Java int or long field does not take a float.
Validator = extend(Draft202012Validator, validators={"oneOf": _one_of},
                   type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
                       "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool)))


@dataclass(frozen=True)
class SchemaError:
    pointer: str
    message: str
    keyword: str
    schema_path: str
    instance: object = None
    params: tuple = ()


@dataclass
class Operation:
    operation_id: str
    kind: str
    method: str
    path: str
    tags: list
    deprecated: bool
    security: list
    parameters: list
    request_body: dict | None
    responses: dict
    pattern: re.Pattern | None = field(repr=False, default=None)
    literal_segments: int = 0

    @property
    def tag(self) -> str:
        return self.tags[0] if self.tags else ""

    def response(self, status: int | str):
        """The declared response for a status code, falling back to `default`; None when undeclared."""
        return self.responses.get(str(status)) or self.responses.get("default")

    def declares(self, status: int | str) -> bool:
        """Declared outright, or an error code under `default`: Weavr's `default` describes errors,
        so a success code the operation does not list is never covered by it."""
        if str(status) in self.responses:
            return True
        return "default" in self.responses and int(status) >= 400

    def uses_scheme(self, scheme: str) -> bool:
        return any(scheme in requirement for requirement in self.security)

    def body_schema(self, media_type: str = "application/json"):
        if not self.request_body:
            return None
        return self.request_body["content"].get(media_type)

    def response_schema(self, status: int | str, media_type: str = "application/json"):
        declared = self.response(status)
        if declared is None:
            return None
        return declared["content"].get(media_type)


def _template_regex(path: str) -> tuple[re.Pattern, int]:
    literal = 0
    parts = []
    for segment in path.strip("/").split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            parts.append(f"(?P<{re.sub(r'[^A-Za-z0-9_]', '_', segment[1:-1])}>[^/]+)")
        else:
            literal += 1
            parts.append(re.escape(segment))
    return re.compile("^/" + "/".join(parts) + "/?$"), literal


class Contract:
    """One namespace of schemas/ (multi, simulator)."""

    def __init__(self, namespace: str, root: Path = SCHEMAS_DIR):
        folder = Path(root) / namespace
        self.namespace = namespace
        self.manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        index = json.loads((folder / "operations.json").read_text(encoding="utf-8"))
        components = json.loads((folder / "components.json").read_text(encoding="utf-8"))
        documented = folder / "documented.json"
        self.documented = json.loads(documented.read_text(encoding="utf-8")) if documented.exists() else []
        self.security_schemes = index["securitySchemes"]
        self.registry = Registry().with_resource(index["components"], DRAFT202012.create_resource(components))
        self.operations: list[Operation] = []
        for raw in index["operations"]:
            pattern, literal = _template_regex(raw["path"])
            self.operations.append(Operation(
                operation_id=raw["operationId"], kind=raw["kind"], method=raw["method"], path=raw["path"],
                tags=raw["tags"], deprecated=raw["deprecated"], security=raw["security"],
                parameters=raw["parameters"], request_body=raw["requestBody"], responses=raw["responses"],
                pattern=pattern, literal_segments=literal))
        self.by_id = {op.operation_id: op for op in self.operations}
        # Literal segments win over templated ones: /users/kyc before /users/{user_id}.
        self._routable = sorted((op for op in self.operations if op.kind == "path"),
                                key=lambda op: (-op.literal_segments, op.path))
        self._validators: dict[int, tuple] = {}

    @property
    def version(self) -> str:
        return self.manifest["version"]

    def match(self, method: str, path: str):
        """(operation, path parameters) for a concrete request, or (None, allowed methods) when none."""
        allowed = []
        for op in self._routable:
            found = op.pattern.match(path) if op.pattern else None
            if not found:
                continue
            if op.method == method.upper():
                return op, found.groupdict()
            allowed.append(op.method)
        return None, sorted(set(allowed))

    def validator(self, schema):
        """A validator compiled once per schema object of the loaded index."""
        cached = self._validators.get(id(schema))
        if cached is None or cached[0] is not schema:
            cached = (schema, Validator(schema, registry=self.registry, format_checker=FORMATS))
            self._validators[id(schema)] = cached
        return cached[1]

    def resolve(self, schema):
        """The schema itself, following a top-level `$ref` (a parameter's `{"$ref": ...}`) to what it names."""
        resolver = self.registry.resolver()
        while isinstance(schema, dict) and set(schema) == {"$ref"}:
            schema = resolver.lookup(schema["$ref"]).contents
        return schema

    def validate(self, schema, instance) -> list[SchemaError]:
        if schema is None:
            return []
        errors = sorted(self.validator(schema).iter_errors(instance), key=lambda e: (list(e.absolute_path), e.message))
        return [SchemaError(pointer=_pointer(e.absolute_path), message=e.message, keyword=str(e.validator),
                            schema_path="/".join(str(p) for p in e.absolute_schema_path),
                            instance=e.instance, params=_params(e)) for e in errors]


def _pointer(path) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _params(error) -> tuple:
    value = error.validator_value
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value),)
    return ()


@cache
def load_contract(namespace: str = "multi", root: str | None = None) -> Contract:
    return Contract(namespace, Path(root) if root else SCHEMAS_DIR)
