"""Checks of one response against its operation in the contract, one small function per check."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    check: str
    operation: str
    status: int
    pointer: str
    expected: str
    actual: str

    def __str__(self) -> str:
        where = f" at {self.pointer}" if self.pointer else ""
        return f"{self.operation} answered {self.status}{where}: expected {self.expected}, got {self.actual}"


class ContractViolation(AssertionError):
    """A response the published description does not allow; fails the step whatever it asserts."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        lines = "\n".join(f"  - [{v.check}] {v}" for v in violations)
        super().__init__(f"contract violation ({len(violations)}):\n{lines}")


def status_is_declared(contract, operation, response, body):
    if not operation.declares(response.status_code):
        declared = ", ".join(sorted(operation.responses))
        yield Violation("status_is_declared", operation.operation_id, response.status_code, "",
                        f"one of the declared statuses ({declared})", str(response.status_code))


def content_type_is_declared(contract, operation, response, body):
    declared = operation.response(response.status_code)
    if declared is None:
        return
    media = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
    has_body = bool(response.content)
    if not declared["content"]:
        if has_body:
            yield Violation("content_type_is_declared", operation.operation_id, response.status_code, "",
                            "no body", f"{len(response.content)} bytes of {media or 'unknown type'}")
        return
    if has_body and media not in declared["content"]:
        yield Violation("content_type_is_declared", operation.operation_id, response.status_code, "",
                        " or ".join(sorted(declared["content"])), media or "no content-type")
    if not has_body and declared["content"].get("application/json") is not None:
        yield Violation("content_type_is_declared", operation.operation_id, response.status_code, "",
                        "a JSON body", "no body")


def body_matches_schema(contract, operation, response, body):
    if body is NOT_JSON:
        media = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
        if media == "application/json":
            yield Violation("body_matches_schema", operation.operation_id, response.status_code, "",
                            "valid JSON", "unparseable text")
        return
    if body is None:
        return
    schema = operation.response_schema(response.status_code)
    for error in contract.validate(schema, body)[:10]:
        if error.keyword == "required" and "'" in error.message:
            missing = error.message.split("'")[1]
            yield Violation("body_matches_schema", operation.operation_id, response.status_code,
                            f"{error.pointer}/{missing}", "a required field", "nothing")
            continue
        yield Violation("body_matches_schema", operation.operation_id, response.status_code, error.pointer or "/",
                        _expected(error), _shorten(error.instance))


def required_headers_present(contract, operation, response, body):
    declared = operation.response(response.status_code)
    if declared is None:
        return
    for name, header in declared["headers"].items():
        if header["required"] and name not in response.headers:
            yield Violation("required_headers_present", operation.operation_id, response.status_code,
                            f"header {name}", "the header to be present", "absent")


CHECKS = (status_is_declared, content_type_is_declared, body_matches_schema, required_headers_present)
NOT_JSON = object()


def parse_body(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return NOT_JSON


def check_response(contract, operation, response) -> list[Violation]:
    body = parse_body(response)
    return [violation for check in CHECKS for violation in check(contract, operation, response, body)]


def _expected(error) -> str:
    if error.keyword in ("enum", "const"):
        return f"one of {list(error.params)}"
    if error.keyword == "type":
        return f"type {'/'.join(error.params)}"
    return f"{error.keyword} {', '.join(error.params)}".strip()


def _shorten(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
