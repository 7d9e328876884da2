"""Allure attachments of each call: a step with its request and response, secrets masked."""
from __future__ import annotations

import json

import allure


def report_call(masker, method, url, headers, body, params, response, response_body, operation_id,
                elapsed_ms, violations) -> None:
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    title = f"{method} /{path} → {response.status_code}" + (f" ({operation_id})" if operation_id else "")
    step = allure.step(title)
    try:
        step.__enter__()
    except AttributeError:
        # allure-pytest-bdd reports only inside scenarios; a plain test has nowhere to attach.
        return
    try:
        request = {"method": method, "url": masker.text(url), "headers": masker.headers(headers)}
        if params:
            request["params"] = masker.body(params)
        if body is not None:
            request["body"] = masker.body(body)
        answer = {"status": response.status_code, "elapsedMs": round(elapsed_ms, 1),
                  "headers": masker.headers(dict(response.headers))}
        if response_body is not None:
            answer["body"] = masker.body(response_body)
        elif response.content:
            answer["text"] = masker.text(response.text[:2000])
        allure.attach(json.dumps(request, indent=2, ensure_ascii=False), "request",
                      allure.attachment_type.JSON)
        allure.attach(json.dumps(answer, indent=2, ensure_ascii=False), "response",
                      allure.attachment_type.JSON)
        if violations:
            allure.attach("\n".join(str(v) for v in violations), "contract violations",
                          allure.attachment_type.TEXT)
    finally:
        # A call that broke the contract shows as a failed step in the report.
        failure = AssertionError("contract violation") if violations else None
        step.__exit__(type(failure) if failure else None, failure, None)
