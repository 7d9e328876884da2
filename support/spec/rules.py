"""The rules a diff can report: stable id, level, and what the change means for a client.

Levels follow oasdiff: ERR breaks existing clients, WARN may break some, INFO does not.
Ids are kebab-case and stable, so a team can grep and a gate can count them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

LEVELS = ("ERR", "WARN", "INFO")
RANK = {"ERR": 0, "WARN": 1, "INFO": 2}

RULES: dict[str, tuple[str, str]] = {
    # operations
    "api-removed": ("ERR", "an operation is gone"),
    "deprecated-api-removed": ("WARN", "an operation that was already deprecated is gone"),
    "api-added": ("INFO", "a new operation"),
    "api-deprecated": ("INFO", "an operation is now deprecated"),
    "api-reactivated": ("INFO", "a deprecated operation is no longer deprecated"),
    "api-operation-id-changed": ("INFO", "same method and path, new operationId (generated clients rename a method)"),
    # security
    "api-security-added": ("ERR", "an operation requires a security scheme a client did not have to send"),
    "api-security-removed": ("INFO", "an operation accepts fewer credentials than before"),
    "security-scheme-renamed": ("INFO", "a security scheme has a new name but sends the same credential"),
    "security-scheme-changed": ("ERR", "a security scheme sends its credential differently"),
    "security-scheme-added": ("INFO", "a new security scheme"),
    "security-scheme-removed": ("INFO", "a security scheme is no longer declared"),
    # parameters
    "new-required-request-parameter": ("ERR", "a new parameter the client must send"),
    "new-optional-request-parameter": ("INFO", "a new parameter the client may send"),
    "request-parameter-removed": ("WARN", "a parameter is no longer declared; clients still sending it may be rejected"),
    "request-parameter-became-required": ("ERR", "an optional parameter is now required"),
    "request-parameter-became-optional": ("INFO", "a required parameter is now optional"),
    "request-parameter-type-changed": ("ERR", "a parameter no longer accepts every value type it did"),
    "request-parameter-type-widened": ("INFO", "a parameter accepts more value types"),
    "request-parameter-enum-value-removed": ("ERR", "a parameter no longer accepts an enum value"),
    "request-parameter-enum-value-added": ("INFO", "a parameter accepts a new enum value"),
    "request-parameter-constraint-tightened": ("ERR", "a parameter bound (maxLength, minimum, enum...) is new or narrower, or its pattern refuses a string it accepted"),
    "request-parameter-constraint-loosened": ("INFO", "a parameter bound is wider or gone"),
    "request-parameter-pattern-changed": ("WARN", "a parameter pattern changed in a way the gate cannot compare (lookaround, backreference)"),
    "request-parameter-pattern-reescaped": ("INFO", "a parameter pattern is the same once one side's doubled backslashes are read as one"),
    # request bodies
    "request-body-became-required": ("ERR", "the request body is now required"),
    "request-body-became-optional": ("INFO", "the request body is now optional"),
    "new-required-request-body": ("ERR", "an operation without a body now requires one"),
    "new-optional-request-body": ("INFO", "an operation without a body now accepts one"),
    "request-body-removed": ("WARN", "the request body is no longer declared"),
    "request-body-media-type-removed": ("ERR", "a request media type is no longer accepted"),
    "request-body-media-type-added": ("INFO", "a new request media type is accepted"),
    "new-required-request-property": ("ERR", "a new request field the client must send"),
    "new-optional-request-property": ("INFO", "a new request field the client may send"),
    "request-property-removed": ("WARN", "a request field is no longer declared"),
    "request-property-became-required": ("ERR", "an optional request field is now required"),
    "request-property-became-optional": ("INFO", "a required request field is now optional"),
    "request-property-type-changed": ("ERR", "a request field no longer accepts every value type it did"),
    "request-property-type-widened": ("INFO", "a request field accepts more value types"),
    "request-property-enum-value-removed": ("ERR", "a request field no longer accepts an enum value"),
    "request-property-enum-value-added": ("INFO", "a request field accepts a new enum value"),
    "request-property-constraint-tightened": ("ERR", "a request field bound (maxLength, minimum, maxItems, enum...) is new or narrower, or its pattern refuses a string it accepted"),
    "request-property-constraint-loosened": ("INFO", "a request field bound is wider or gone"),
    "request-property-pattern-changed": ("WARN", "a request field pattern changed in a way the gate cannot compare (lookaround, backreference)"),
    "request-property-pattern-reescaped": ("INFO", "a request field pattern is the same once one side's doubled backslashes are read as one"),
    "request-property-one-of-removed": ("ERR", "a request value no longer accepts one of the shapes (oneOf/anyOf branches) it did"),
    "request-property-one-of-added": ("INFO", "a request value accepts a new shape"),
    "request-property-one-of-renamed": ("INFO", "a request shape (oneOf/anyOf branch) has a new name; its fields are compared under it"),
    # responses
    "response-success-status-removed": ("ERR", "a success status code is no longer returned"),
    "response-non-success-status-removed": ("INFO", "an error status code is no longer declared"),
    "response-success-status-added": ("INFO", "a new success status code"),
    "response-non-success-status-added": ("INFO", "a new error status code"),
    "response-media-type-removed": ("ERR", "a response media type is no longer returned"),
    "response-media-type-added": ("INFO", "a new response media type"),
    "response-property-removed": ("ERR", "a required response field is gone"),
    "response-optional-property-removed": ("WARN", "an optional response field is gone"),
    "response-property-became-optional": ("ERR", "a response field clients could rely on may now be absent"),
    "response-property-became-required": ("INFO", "a response field is now always present"),
    "response-property-added": ("INFO", "a new response field"),
    "response-property-type-changed": ("ERR", "a response field may carry a value type it did not before"),
    "response-property-type-narrowed": ("INFO", "a response field carries fewer value types"),
    "response-property-enum-value-added": ("WARN", "a response field may carry an enum value clients do not handle"),
    "response-property-enum-value-removed": ("INFO", "a response field no longer carries an enum value"),
    "response-property-one-of-added": ("WARN", "a response value may take a shape (oneOf/anyOf branch) clients do not handle"),
    "response-property-one-of-removed": ("INFO", "a response value no longer takes one of its shapes"),
    "response-property-one-of-renamed": ("INFO", "a response shape (oneOf/anyOf branch) has a new name; its fields are compared under it"),
    "response-required-header-removed": ("ERR", "a response header that was always sent is gone"),
}


@dataclass(frozen=True)
class Finding:
    rule: str
    operation_id: str
    method: str
    path: str
    pointer: str
    message: str

    @property
    def level(self) -> str:
        return RULES[self.rule][0]

    @property
    def operation(self) -> str:
        return f"{self.operation_id} ({self.method} {self.path})" if self.operation_id else ""

    def as_dict(self) -> dict:
        return {"level": self.level, **asdict(self)}


def at_or_above(level: str, threshold: str) -> bool:
    return RANK[level] <= RANK[threshold]
