"""The one HTTP client of the suite: every request goes through it, every response is checked.

It adds the api-key (or programme-key), the bearer token and idempotency-ref;
retries 429 and 503 a bounded number of times honouring Retry-After or
x-ratelimit-reset; checks the answer against the contract; reports the call to
Allure with secrets masked; and records the traffic for operation coverage.
"""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

import requests

from .contract_check import NOT_JSON, ContractViolation, check_answer, parse_body
from .declared_fields import check_field_read
from .reporting import report_call

RETRY_STATUSES = (429, 503)


class TargetUnreachable(Exception):
    """The target did not answer at all; the message is one line for a person."""


@dataclass
class ApiResponse:
    status: int
    body: object
    headers: dict
    operation_id: str | None
    raw: requests.Response
    contract: object = None  # the contract the answer was checked against; its fields are read through it

    def field(self, dotted: str):
        """A field of the answer by dotted path, read only if the operation declares it at this status."""
        self.check_read(dotted)
        return dig(self.body, dotted)

    def check_read(self, dotted: str) -> None:
        if self.contract is not None:
            check_field_read(self.contract, self.operation_id, self.status, dotted)


def dig(value, dotted: str):
    """A value by dotted path: "rootUser.email", "users.0.id"."""
    for part in [p for p in dotted.split(".") if p]:
        if isinstance(value, list):
            value = value[int(part)]
        elif isinstance(value, dict):
            if part not in value:
                raise KeyError(f"no field {dotted!r} (missing {part!r}) in {sorted(value)}")
            value = value[part]
        else:
            raise KeyError(f"no field {dotted!r}: {part!r} is under a {type(value).__name__}")
    return value


class CallBudget:
    """Counts calls and keeps within `per_minute` of them in any 60 s (None: no limit), waiting when it must.

    One per process, shared by its clients; under xdist each worker gets its share of the run's budget."""

    def __init__(self, per_minute: int | None, clock=time.monotonic, sleep=time.sleep):
        self.per_minute = per_minute
        self.calls = 0
        self.waited = 0.0
        self._clock, self._sleep = clock, sleep
        self._window: deque = deque()

    @classmethod
    def share(cls, run_per_minute: int | None, workers: int) -> CallBudget:
        return cls(None if not run_per_minute else max(1, run_per_minute // max(1, workers)))

    def take(self) -> None:
        self.calls += 1
        if not self.per_minute:
            return
        now = self._clock()
        while self._window and self._window[0] <= now - 60:
            self._window.popleft()
        if len(self._window) >= self.per_minute:
            wait = self._window[0] + 60 - now
            self._sleep(wait)
            self.waited += wait
            now = self._clock()
            self._window.popleft()
        self._window.append(now)


class WeavrClient:
    def __init__(self, base_url: str, contract, masker, recorder, *, key_header: str, key: str | None,
                 timeout: float = 20.0, max_retries: int = 3, max_wait: float = 30.0,
                 budget: CallBudget | None = None):
        self.base_url = base_url.rstrip("/")
        self.contract = contract
        self.masker = masker
        self.recorder = recorder
        self.key_header = key_header
        self.key = key
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.session = requests.Session()
        self.budget = budget or CallBudget(None)

    def request(self, method: str, path: str, *, json=None, token: str | None = None, params=None,
                headers: dict | None = None, idempotency_ref: str | None = None) -> ApiResponse:
        method = method.upper()
        sent = {self.key_header: self.key} if self.key is not None else {}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if idempotency_ref:
            sent["idempotency-ref"] = idempotency_ref
        sent.update(headers or {})
        url = self.base_url + path
        started = time.monotonic()
        response = self._send(method, url, sent, json, params)
        elapsed_ms = (time.monotonic() - started) * 1000
        body = parse_body(response)
        if isinstance(body, dict) and isinstance(body.get("token"), str):
            self.masker.remember(body["token"])
        checked = check_answer(self.contract, method, path.split("?")[0], response)
        name, violations = checked.name, checked.violations
        if checked.documented_only:
            self.recorder.record(self.contract.namespace, name, response.status_code)
        elif name is not None:
            self.recorder.record(self.contract.namespace, name, response.status_code, sent=json,
                                 body=None if body is NOT_JSON else body, call=(method, path.split("?")[0]))
        readable = None if body is NOT_JSON else body
        report_call(self.masker, method, url, sent, json, params, response, readable, name, elapsed_ms, violations)
        if violations:
            raise ContractViolation(violations)
        return ApiResponse(response.status_code, readable, dict(response.headers), name, response, self.contract)

    def _send(self, method, url, headers, json, params) -> requests.Response:
        for attempt in range(self.max_retries + 1):
            self.budget.take()
            try:
                response = self.session.request(method, url, headers=headers, json=json, params=params,
                                                timeout=self.timeout)
            except requests.ConnectionError as exc:
                raise TargetUnreachable(f"cannot reach {url}: is the target running and WEAVR_BASE_URL right?") from exc
            except requests.Timeout as exc:
                raise TargetUnreachable(f"{url} did not answer within {self.timeout}s") from exc
            if response.status_code not in RETRY_STATUSES or attempt == self.max_retries:
                return response
            time.sleep(min(self.max_wait, retry_delay(response, attempt)))
        return response


def retry_delay(response, attempt: int) -> float:
    """Seconds to wait before retrying: Retry-After, else x-ratelimit-reset, else a short backoff."""
    for header in ("retry-after", "x-ratelimit-reset"):
        value = response.headers.get(header)
        if value is not None:
            try:
                return max(0.0, float(value))
            except ValueError:
                pass
    return 0.5 * (2 ** attempt)
