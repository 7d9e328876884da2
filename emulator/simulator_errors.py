"""The Simulator API's own 400 shape. Request checking builds Weavr's Multi shape
(`{message, syntaxErrors: {invalidFields: [{fieldName, error, params}]}}`); the Simulator's description declares
`ClientInvalidRequest` instead: `{message, validation: {invalid, fields: [{name, errors: [{type, params}]}]}}`.
An error word outside the Simulator's FieldValidationType enum is left out of `type` rather than invented."""
from __future__ import annotations

from .errors import ApiError


def simulator_bad_request(error: ApiError, contract) -> ApiError:
    """A 400 of the Multi shape in the Simulator's shape; any other error unchanged."""
    body = error.body
    if error.status != 400 or not isinstance(body, dict) or "syntaxErrors" not in body:
        return error
    known = set(contract.resolve({"$ref": f"{contract_components(contract)}#/$defs/FieldValidationType"})["enum"])
    fields = []
    for invalid in body["syntaxErrors"].get("invalidFields") or []:
        detail = {"params": [str(p) for p in invalid.get("params") or []]}
        if invalid.get("error") in known:
            detail["type"] = invalid["error"]
        fields.append({"name": invalid.get("fieldName", ""), "errors": [detail]})
    return ApiError(400, {"message": body.get("message", "Request is invalid"),
                          "validation": {"invalid": True, "fields": fields}}, error.headers)


def contract_components(contract) -> str:
    return f"urn:weavr-suite:{contract.namespace}:components"
