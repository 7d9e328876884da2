"""The suite's receiver: a small HTTP server on loopback that stands where a programme's own server would,
for what Weavr calls on it. Today that is authorisation forwarding (the description's webhook operation
`managed_cards_authorisation_forwarding`, posted to `{url}/managed_cards_authorisation_forwarding`).

A scenario tells it how to answer per card (approve, deny, say nothing, or not know the card); it answers
404 for a card it was told nothing about, so forwarding set up by one scenario never decides another's
purchase. Every request it gets is checked against the extracted webhook schema and both signatures
(`signature`: HMAC-SHA256 of published-timestamp; `signature-v2`: of call-ref + payload + published-timestamp;
base64, keyed by the api-key, as the description says); what it found wrong is kept with the delivery for
steps to assert. One receiver per pytest process (each xdist worker has its own).
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

FORWARDING_OPERATION = "managed_cards_authorisation_forwarding"
FORWARDING_PATH = "/managed_cards_authorisation_forwarding"
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

    @property
    def card_id(self):
        return self.body.get("cardId") if isinstance(self.body, dict) else None


class Receiver:
    def __init__(self, contract, api_key: str, recorder=None, silence_seconds: float = SILENCE_SECONDS):
        self.contract = contract
        self.api_key = api_key
        self.recorder = recorder
        self.silence_seconds = silence_seconds
        self.decisions: dict[str, str] = {}
        self.deliveries: list[Delivery] = []
        self._lock = threading.Lock()
        self._server = None

    # -- life ------------------------------------------------------------------------------------------
    def start(self) -> str:
        if self._server is None:
            self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
            self._server.daemon_threads = True
            threading.Thread(target=self._server.serve_forever, name="receiver", daemon=True).start()
        return self.url

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

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
            return [d for d in self.deliveries if card_id is None or d.card_id == str(card_id)]

    # -- one request -------------------------------------------------------------------------------------
    def take(self, path: str, headers: dict, raw: bytes) -> tuple[int, dict | None, float]:
        """(status, body, seconds to wait before answering) for one request; the delivery is kept."""
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        delivery = Delivery(path, headers, raw, body)
        delivery.problems = self.check(delivery)
        decision = self.decisions.get(str(delivery.card_id)) if path == FORWARDING_PATH else None
        if decision in (APPROVED, DENIED):
            status, answer, wait = 200, {"result": decision}, 0.0
        elif decision == SILENT:
            status, answer, wait = 200, {"result": APPROVED}, self.silence_seconds
        else:
            status, answer, wait = 404, {"code": "NOT_FOUND", "message": "the receiver knows no such card"}, 0.0
        delivery.status = status
        with self._lock:
            self.deliveries.append(delivery)
        if self.recorder is not None and path == FORWARDING_PATH:
            self.recorder.record(self.contract.namespace, FORWARDING_OPERATION, status)
        return status, answer, wait

    def check(self, delivery: Delivery) -> list[str]:
        """What is wrong with a forwarded request, by the description's webhook operation."""
        if delivery.path != FORWARDING_PATH:
            return [f"posted to {delivery.path}, not {FORWARDING_PATH}"]
        operation = self.contract.by_id[FORWARDING_OPERATION]
        problems = [f"header {p['name']} is missing" for p in operation.parameters
                    if p["in"] == "header" and p["required"] and p["name"] not in delivery.headers]
        if delivery.body is None:
            return problems + ["the body is not JSON"]
        problems += [f"body {e.pointer or '/'}: {e.message}"
                     for e in self.contract.validate(operation.body_schema(), delivery.body)]
        mode = delivery.body.get("mode") if isinstance(delivery.body, dict) else None
        if mode not in MODE_SCHEMAS:
            problems.append(f"mode {mode!r} is none of {sorted(MODE_SCHEMAS)}")
        else:
            ref = operation.body_schema()["$ref"].rsplit("/", 1)[0] + "/" + MODE_SCHEMAS[mode]
            problems += [f"body as {MODE_SCHEMAS[mode]} {e.pointer or '/'}: {e.message}"
                         for e in self.contract.validate({"$ref": ref}, delivery.body)]
        return problems + self._signature_problems(delivery)

    def _signature_problems(self, delivery: Delivery) -> list[str]:
        published = delivery.headers.get("published-timestamp", "")
        call_ref = delivery.headers.get("call-ref", "")
        expected = {"signature": sign(self.api_key, published.encode()),
                    "signature-v2": sign(self.api_key, call_ref.encode() + delivery.raw + published.encode())}
        return [f"header {name} does not sign the request with the api-key" for name, value in expected.items()
                if not hmac.compare_digest(delivery.headers.get(name, ""), value)]


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
            payload = json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the caller stopped waiting, as it should after 1.5 s
                pass

        def log_message(self, *args):  # keep the test output clean
            pass

    return Handler
