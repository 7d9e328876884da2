"""The suite's receiver: a small HTTP server on loopback that stands where a programme's own server would,
for what Weavr calls on it: authorisation forwarding (the Multi description's webhook operation
`managed_cards_authorisation_forwarding`, posted to `{url}/managed_cards_authorisation_forwarding`) and the
32 events of the webhooks description, each posted to `{url}{its webhook path}` (`/transfers/watch`), and
incoming wire transfer forwarding (`bankTransferInForwarding`, posted to `{url}/bank_transfers_in/authorisation_request`,
answered per receiving account).

A scenario tells it how to answer per card (approve, deny, say nothing, or not know the card); it answers
404 for a card it was told nothing about, so forwarding set up by one scenario never decides another's
purchase. Every request it gets is checked against the extracted webhook schema and both signatures
(`signature`: HMAC-SHA256 of published-timestamp; `signature-v2`: of call-ref + payload + published-timestamp;
base64, keyed by the api-key, as the description says); what it found wrong is kept with the delivery for
steps to assert. One receiver per pytest process (each xdist worker has its own).

An event is taken as a programme's server should take it: both signatures verified on the raw body (a bad
one is refused, 401), the body checked against its event's schema (a wrong one is refused, 400), and a
delivery whose `request-ref` was seen already acknowledged (204) but dropped as a duplicate. Refused and
duplicate deliveries are kept apart (`rejected`, `duplicates`) so steps and tests can show what was caught.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from schemas import load_contract

FORWARDING_OPERATION = "managed_cards_authorisation_forwarding"
FORWARDING_PATH = "/managed_cards_authorisation_forwarding"
# Incoming wire transfers are forwarded to the same URL, at their webhook's own path (emulator/areas/wire_transfers/choices.md).
INCOMING_WIRE_OPERATION = "bankTransferInForwarding"
INCOMING_WIRE_PATH = "/bank_transfers_in/authorisation_request"
APPROVED, DENIED, SILENT, UNKNOWN = "APPROVED", "DENIED", "SILENT", "UNKNOWN"
# Longer than Weavr's documented 1.5 s wait, so a silent receiver is a timeout on the caller's side.
SILENCE_SECONDS = 2.5
# The discriminator jsonschema does not apply: the mode names the schema the body must also match.
MODE_SCHEMAS = {"PREPAID_MODE": "PrepaidModeCardAuthorisationEvent", "DEBIT_MODE": "DebitModeCardAuthorisationEvent"}


@dataclass
class Delivery:
    path: str
    headers: dict
    raw: bytes
    body: object
    status: int | None = None
    problems: list = field(default_factory=list)
    received_at: float = field(default_factory=time.monotonic)

    @property
    def card_id(self):
        return self.body.get("cardId") if isinstance(self.body, dict) else None

    @property
    def subject(self):
        """What a scenario told the receiver how to answer for: the card, or the account a wire transfer is to."""
        if self.path != INCOMING_WIRE_PATH:
            return self.card_id
        try:
            return incoming_key(self.body["destination"]["instrument"]["instrument"]["id"])
        except (KeyError, TypeError):
            return None


@dataclass
class Event:
    """One event the receiver accepted: verified, schema-checked and not seen before."""
    type: str  # the webhook's operationId, e.g. transfers_watch
    body: dict
    headers: dict
    request_ref: str
    received_at: float


class Receiver:
    def __init__(self, contract, api_key: str, recorder=None, silence_seconds: float = SILENCE_SECONDS,
                 events_contract=None):
        self.contract = contract
        self.events_contract = events_contract or load_contract("webhooks")
        self.webhooks_by_path = {op.path: op for op in self.events_contract.operations}
        self.api_key = api_key
        self.recorder = recorder
        self.silence_seconds = silence_seconds
        self.decisions: dict[str, str] = {}
        self.deliveries: list[Delivery] = []
        self.events: list[Event] = []
        self.rejected: list[Delivery] = []
        self.duplicates: list[Delivery] = []
        self._seen_refs: set[str] = set()
        self._failures: list[int] = []  # statuses to answer the next event deliveries with, in turn
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- life ------------------------------------------------------------------------------------------
    def start(self) -> str:
        if self._server is None:
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, name="receiver", daemon=True).start()
            self._server = server
        return self.url

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the receiver is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- what a scenario tells it, and reads back --------------------------------------------------------
    def answer(self, card_id: str, decision: str) -> None:
        if decision not in (APPROVED, DENIED, SILENT, UNKNOWN):
            raise ValueError(f"no receiver decision {decision!r}")
        with self._lock:
            self.decisions[str(card_id)] = decision

    def forget(self, card_ids) -> None:
        with self._lock:
            for card_id in card_ids:
                self.decisions.pop(str(card_id), None)

    def received(self, card_id: str | None = None) -> list[Delivery]:
        with self._lock:
            return [d for d in self.deliveries if card_id is None or d.subject == str(card_id)]

    def fail_next(self, count: int, status: int = 503) -> None:
        """Answer the next `count` event deliveries with `status` (not taking them), as a server that is down."""
        with self._lock:
            self._failures = [int(status)] * int(count)

    def events_of(self, event_type: str | None = None, since: float = 0.0) -> list[Event]:
        with self._lock:
            return [e for e in self.events
                    if (event_type is None or e.type == event_type) and e.received_at >= since]

    def refused(self, since: float = 0.0) -> list[Delivery]:
        with self._lock:
            return [d for d in self.rejected if d.received_at >= since]

    # -- one request -------------------------------------------------------------------------------------
    def take(self, path: str, headers: dict, raw: bytes) -> tuple[int, dict | None, float]:
        """(status, body, seconds to wait before answering) for one request; the delivery is kept."""
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        delivery = Delivery(path, headers, raw, body)
        if path not in (FORWARDING_PATH, INCOMING_WIRE_PATH):
            return self.take_event(delivery) + (0.0,)
        delivery.problems = self.check(delivery)
        decision = self.decisions.get(str(delivery.subject))
        if decision in (APPROVED, DENIED):
            status, answer, wait = 200, {"result": decision}, 0.0
        elif decision == SILENT:
            status, answer, wait = 200, {"result": APPROVED}, self.silence_seconds
        else:
            status, answer, wait = 404, {"code": "NOT_FOUND", "message": "the receiver knows no such card"}, 0.0
        delivery.status = status
        with self._lock:
            self.deliveries.append(delivery)
        if self.recorder is not None:
            operation_id = INCOMING_WIRE_OPERATION if path == INCOMING_WIRE_PATH else FORWARDING_OPERATION
            self.recorder.record(self.contract.namespace, operation_id, status)
        return status, answer, wait

    def check(self, delivery: Delivery) -> list[str]:
        """What is wrong with a forwarded request, by the description's webhook operation."""
        if delivery.path == INCOMING_WIRE_PATH:
            return self.check_incoming_wire(delivery)
        if delivery.path != FORWARDING_PATH:
            return [f"posted to {delivery.path}, not {FORWARDING_PATH}"]
        operation = self.contract.by_id[FORWARDING_OPERATION]
        problems = self._request_problems(operation, delivery)
        if delivery.body is None:
            return problems
        mode = delivery.body.get("mode") if isinstance(delivery.body, dict) else None
        if mode not in MODE_SCHEMAS:
            problems.append(f"mode {mode!r} is none of {sorted(MODE_SCHEMAS)}")
        else:
            ref = operation.body_schema()["$ref"].rsplit("/", 1)[0] + "/" + MODE_SCHEMAS[mode]
            problems += [f"body as {MODE_SCHEMAS[mode]} {e.pointer or '/'}: {e.message}"
                         for e in self.contract.validate({"$ref": ref}, delivery.body)]
        return problems + self._signature_problems(delivery)

    def check_incoming_wire(self, delivery: Delivery) -> list[str]:
        operation = self.contract.by_id[INCOMING_WIRE_OPERATION]
        problems = self._request_problems(operation, delivery)
        return problems if delivery.body is None else problems + self._signature_problems(delivery)

    def _request_problems(self, operation, delivery: Delivery) -> list[str]:
        """Required headers missing, and the body against the webhook operation's schema."""
        problems = [f"header {p['name']} is missing" for p in operation.parameters
                    if p["in"] == "header" and p["required"] and p["name"] not in delivery.headers]
        if delivery.body is None:
            return problems + ["the body is not JSON"]
        return problems + [f"body {e.pointer or '/'}: {e.message}"
                           for e in self.contract.validate(operation.body_schema(), delivery.body)]

    # -- events ------------------------------------------------------------------------------------------
    def take_event(self, delivery: Delivery) -> tuple[int, dict | None]:
        operation = self.webhooks_by_path.get(delivery.path.split("?", 1)[0])
        with self._lock:
            failure = self._failures.pop(0) if self._failures and operation is not None else None
        if failure is not None:
            delivery.status = failure
            return failure, {"code": "UNAVAILABLE", "message": "the receiver was told to fail this delivery"}
        if operation is None:
            delivery.problems = [f"posted to {delivery.path}, which is no webhook of the description"]
            return self._refuse(delivery, 404, None)
        signature = self._signature_problems(delivery)
        if signature:
            delivery.problems = signature
            return self._refuse(delivery, 401, operation.operation_id)
        problems = self.event_problems(operation, delivery)
        if problems:
            delivery.problems = problems
            return self._refuse(delivery, 400, operation.operation_id)
        ref = delivery.headers.get("request-ref") or _fallback_ref(delivery)
        with self._lock:
            duplicate = ref in self._seen_refs
            self._seen_refs.add(ref)
            if duplicate:
                self.duplicates.append(delivery)
            else:
                body = delivery.body if isinstance(delivery.body, dict) else {}  # event_problems refused a non-object
                self.events.append(Event(operation.operation_id, body, delivery.headers, ref,
                                         delivery.received_at))
        delivery.status = 204
        self._record(operation.operation_id, 204)
        return 204, None

    def event_problems(self, operation, delivery: Delivery) -> list[str]:
        """What is wrong with an event's headers and body, by its webhook in the description."""
        problems = [f"header {p['name']} is missing" for p in operation.parameters
                    if p["in"] == "header" and p["required"] and p["name"] not in delivery.headers]
        published = delivery.headers.get("published-timestamp", "")
        if published and not published.isdigit():
            problems.append(f"header published-timestamp {published!r} is no epoch-millisecond integer")
        if not isinstance(delivery.body, dict):
            return problems + ["the body is not a JSON object"]
        return problems + [f"{operation.operation_id} body {e.pointer or '/'}: {e.message}"
                           for e in self.events_contract.validate(operation.body_schema(), delivery.body)]

    def _refuse(self, delivery: Delivery, status: int, operation_id: str | None):
        delivery.status = status
        with self._lock:
            self.rejected.append(delivery)
        if operation_id:
            self._record(operation_id, status)
        return status, {"code": "REFUSED", "message": "; ".join(delivery.problems)[:500]}

    def _record(self, operation_id: str, status: int) -> None:
        if self.recorder is not None:
            self.recorder.record(self.events_contract.namespace, operation_id, status)

    def _signature_problems(self, delivery: Delivery) -> list[str]:
        published = delivery.headers.get("published-timestamp", "")
        call_ref = delivery.headers.get("call-ref", "")
        expected = {"signature": sign(self.api_key, published.encode()),
                    "signature-v2": sign(self.api_key, call_ref.encode() + delivery.raw + published.encode())}
        return [f"header {name} does not sign the request with the api-key" for name, value in expected.items()
                if not hmac.compare_digest(delivery.headers.get(name, ""), value)]


def incoming_key(account_id) -> str:
    """The receiver's key for forwarded incoming wire transfers to an account (apart from card ids)."""
    return f"managed_accounts/{account_id}"


def _fallback_ref(delivery: Delivery) -> str:
    """Without a request-ref, a resend is the same body published at the same time."""
    digest = hashlib.sha256(delivery.raw).hexdigest()
    return f"{delivery.path}|{delivery.headers.get('published-timestamp', '')}|{digest}"


def sign(key: str, message: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode(), message, hashlib.sha256).digest()).decode()


def _handler_for(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the name http.server calls)
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer, wait = receiver.take(self.path, headers, raw)
            if wait:
                time.sleep(wait)
            payload = json.dumps(answer).encode() if answer is not None else b""
            try:
                self.send_response(status)
                if payload:
                    self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the caller stopped waiting, as it should after 1.5 s
                pass

        def log_message(self, *args):  # keep the test output clean
            pass

    return Handler
