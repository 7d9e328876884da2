"""Operations Weavr documents but its description no longer holds (deprecated, `inSpec: false` in
schemas/<namespace>/documented.json): no schema is published, so the suite checks only what it can without
one (a JSON answer when there is a body) and records their traffic under "METHOD path", which the coverage
report shows as "documented, no schema published"."""
from __future__ import annotations

from .contract_check import NOT_JSON, Violation

TAG = "documented, no schema published"


def traffic_name(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def documented_only(contract, method: str, path: str) -> str | None:
    """The traffic name of a documented-only operation at exactly this method and path, else None."""
    for capability in contract.documented:
        if not capability["inSpec"] and capability["method"] == method.upper() and capability["path"] == path:
            return traffic_name(method, path)
    return None


def check_documented_only(name: str, response, body) -> list[Violation]:
    """No schema: an answer with a body must at least be JSON, as every Weavr answer is."""
    if not response.content:
        return []
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if body is NOT_JSON or not (media == "application/json" or media.endswith("+json")):
        return [Violation("documented_only_answers_json", name, response.status_code, "", "a JSON body",
                          media or "no content type")]
    return []
