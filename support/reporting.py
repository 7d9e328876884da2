"""Allure attachments of each call: one attachment per call, on the Gherkin step that made it, secrets masked.

One attachment (named like `POST /multi/corporates → 200 (corporateCreate)`) holds the request and the answer,
without the headers every call carries the same (date, server, content-length): a run makes thousands of
calls, and the single-file report embeds each one. A call that broke the contract gets a failed step of its
own with the violations, so it stands out in the step tree.
"""
from __future__ import annotations

import json

import allure

# Answer headers that say nothing about this call in particular.
ROUTINE_HEADERS = {"date", "server", "content-length", "connection", "keep-alive"}


def call_record(masker, method, url, headers, body, params, response, response_body, elapsed_ms) -> dict:
    """The request and its answer as the report shows them, masked."""
    path = "/" + url.split("://", 1)[-1].split("/", 1)[-1]
    request = {"method": method, "path": masker.text(path), "headers": masker.headers(headers)}
    if params:
        request["params"] = masker.body(params)
    if body is not None:
        request["body"] = masker.body(body)
    answered = {k: v for k, v in dict(response.headers).items() if k.lower() not in ROUTINE_HEADERS
                and not (k.lower() == "content-type" and v.startswith("application/json"))}
    answer = {"status": response.status_code, "elapsedMs": round(elapsed_ms, 1), "headers": masker.headers(answered)}
    if response_body is not None:
        answer["body"] = masker.body(response_body)
    elif response.content:
        answer["text"] = masker.text(response.text[:2000])
    return {"request": request, "response": answer}


def report_call(masker, method, url, headers, body, params, response, response_body, operation_id,
                elapsed_ms, violations) -> None:
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    title = f"{method} /{path} → {response.status_code}" + (f" ({operation_id})" if operation_id else "")
    record = call_record(masker, method, url, headers, body, params, response, response_body, elapsed_ms)
    text = json.dumps(record, indent=1, ensure_ascii=False)
    if not violations:
        try:
            allure.attach(text, masker.text(title), allure.attachment_type.JSON)
        except (AttributeError, KeyError):
            pass  # allure-pytest-bdd reports only inside scenarios; a plain test has nowhere to attach.
        return
    step = allure.step(masker.text(title))
    try:
        step.__enter__()
    except AttributeError:
        # allure-pytest-bdd reports only inside scenarios; a plain test has nowhere to attach.
        return
    try:
        allure.attach(text, "call", allure.attachment_type.JSON)
        allure.attach("\n".join(str(v) for v in violations), "contract violations", allure.attachment_type.TEXT)
    finally:
        failure = AssertionError("contract violation")
        step.__exit__(type(failure), failure, None)
