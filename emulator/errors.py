"""Errors a handler raises, each turned into the answer Weavr gives for it."""
from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, body=None, headers: dict | None = None):
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.headers = headers or {}


def unauthorized() -> ApiError:
    # Weavr answers 401 with no body at all.
    return ApiError(401)


def forbidden(error_code: str) -> ApiError:
    return ApiError(403, {"errorCode": error_code})


def conflict(error_code: str) -> ApiError:
    return ApiError(409, {"errorCode": error_code})


def not_found(message: str = "Not found") -> ApiError:
    return ApiError(404, {"code": "NOT_FOUND", "message": message})


def method_not_allowed(allowed: list[str]) -> ApiError:
    return ApiError(405, {"code": "METHOD_NOT_ALLOWED", "message": "Request method not supported"},
                    {"allow": ", ".join(allowed)})


def invalid_field(field: str, error: str, params: list | None = None, message: str | None = None) -> ApiError:
    return bad_request([{"fieldName": field, "error": error, "params": [str(p) for p in params or []]}], message)


def bad_request(invalid_fields: list | None = None, message: str | None = None) -> ApiError:
    body: dict[str, object] = {"message": (message or "Request is invalid")[:255]}
    if invalid_fields:
        body["syntaxErrors"] = {"invalidFields": invalid_fields}
    return ApiError(400, body)
