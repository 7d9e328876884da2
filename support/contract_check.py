"""The one contract check of an answer: against its operation in the contract, one small function per check,
or, for an operation Weavr documents without a schema (the deprecated bulk ones), what can be checked without
one. `check_answer` decides which applies to a method and path."""
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


# -- operations documented without a schema ------------------------------------------------------------------
# Deprecated operations Weavr still documents (`inSpec: false` in schemas/<namespace>/documented.json): their
# traffic is recorded under "METHOD path", which the coverage report and the gate show under this tag.
DOCUMENTED_ONLY = "documented, no schema published"


def traffic_name(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def documented_only(contract, method: str, path: str) -> str | None:
    """The traffic name of a documented-only operation at exactly this method and path, else None."""
    for capability in contract.documented:
        if not capability["inSpec"] and capability["method"] == method.upper() and capability["path"] == path:
            return traffic_name(method, path)
    return None


def documented_only_status(name, response, body):
    """No schema lists its statuses, but a 5xx is the target failing (a 501 is an operation it does not
    serve), never an answer the documentation describes; anything below 200 is no answer at all."""
    if not 200 <= response.status_code < 500:
        yield Violation("documented_only_status", name, response.status_code, "",
                        "a 2xx or 4xx answer", str(response.status_code))


def documented_only_answers_json(name, response, body):
    """An answer with a body must at least be JSON, as every Weavr answer is."""
    if not response.content:
        return
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if body is NOT_JSON or not (media == "application/json" or media.endswith("+json")):
        yield Violation("documented_only_answers_json", name, response.status_code, "", "a JSON body",
                        media or "no content type")


DOCUMENTED_ONLY_CHECKS = (documented_only_status, documented_only_answers_json)


def check_documented_only(name: str, response) -> list[Violation]:
    body = parse_body(response)
    return [violation for check in DOCUMENTED_ONLY_CHECKS for violation in check(name, response, body)]


@dataclass(frozen=True)
class Checked:
    name: str | None  # the operationId, the traffic name of a documented-only operation, or None
    documented_only: bool
    violations: list


def check_answer(contract, method: str, path: str, response) -> Checked:
    """An answer to METHOD path against the contract. A documented-only path wins over a template it also fits
    (/sends/bulk/cancel is not /sends/{id}/cancel), as literal segments win in Weavr's router."""
    name = documented_only(contract, method, path)
    if name is not None:
        return Checked(name, True, check_documented_only(name, response))
    operation, _ = contract.match(method.upper(), path)
    if operation is None:
        return Checked(None, False, [Violation("operation_is_documented", f"{method.upper()} {path}",
                                               response.status_code, "", "an operation of the contract",
                                               "no such operation")])
    return Checked(operation.operation_id, False, check_response(contract, operation, response))


def _expected(error) -> str:
    if error.keyword in ("enum", "const"):
        return f"one of {list(error.params)}"
    if error.keyword == "type":
        return f"type {'/'.join(error.params)}"
    return f"{error.keyword} {', '.join(error.params)}".strip()


def _shorten(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
