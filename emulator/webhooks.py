"""The deliverer: every event of the outbox, posted to the programme's webhook URL as Weavr posts its webhooks.

An event of type T goes to `{webhookUrl}{path of T}` (the webhook's key in the webhooks description, e.g.
`/transfers/watch`) with the headers the description names: `call-ref` (new for each attempt),
`published-timestamp` (the event's time, the same on every attempt, so a signature stays checkable),
`signature` (base64 HMAC-SHA256 of published-timestamp), `signature-v2` (of call-ref + raw body +
published-timestamp), both keyed by the api-key, and `request-ref` (one per event: a retry or a redelivery
carries the same one, which is how a receiver drops duplicates).

Posting happens on one background thread, in the order events were emitted, so the request that caused an
event never waits for the receiver. A 2xx answer delivers; another status or no answer within WAIT_SECONDS is
retried on the emulator's clock (the scheduler) after BACKOFF_SECONDS[n], up to MAX_ATTEMPTS in all, then
the delivery is FAILED. The log keeps every attempt; the control plane shows it and can redeliver one event.
"""
from __future__ import annotations

import json
import queue
import secrets
import threading
import urllib.error
import urllib.request

from schemas import load_contract

from .forwarding import signed_headers

WAIT_SECONDS = 2.0
# Waits on the emulator's clock before the 2nd, 3rd, ... attempt; MAX_ATTEMPTS counts the first.
BACKOFF_SECONDS = (10, 30, 90, 270)
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1
PENDING, DELIVERED, RETRYING, FAILED = "PENDING", "DELIVERED", "RETRYING", "FAILED"
# A bulk of 10,000 operations emits that many events; the log keeps the newest ones.
LOG_LIMIT = 20_000


def webhook_paths() -> dict:
    """Event type (the webhook's operationId) -> the path Weavr posts it to."""
    return {op.operation_id: op.path for op in load_contract("webhooks").operations}


class Delivery:
    def __init__(self, event, url: str, path: str):
        self.event = event
        self.url = url
        self.path = path
        self.request_ref = f"wh-{event.id}-{secrets.token_hex(6)}"
        self.state = PENDING
        self.attempts: list[dict] = []
        self.next_attempt_ms: int | None = None

    def answer(self) -> dict:
        return {"eventId": self.event.id, "eventType": self.event.type, "url": self.url + self.path,
                "requestRef": self.request_ref, "state": self.state, "attempts": list(self.attempts),
                "nextAttemptAt": self.next_attempt_ms}


class Deliverer:
    def __init__(self, world):
        self.world = world
        self.paths = webhook_paths()
        self.deliveries: dict[str, Delivery] = {}
        self._generation = 0
        self._queue: queue.Queue = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._lock = threading.Lock()
        self._thread = None  # started by the first delivery, so an emulator never given a URL runs none

    # -- what the world and the control plane call ------------------------------------------------------
    def clear(self) -> None:
        """A reset: forget the log; whatever is queued from before is dropped."""
        with self._lock:
            self._generation += 1
            self.deliveries = {}

    def publish(self, event) -> None:
        """Called for each emitted event; delivers it when the programme has a webhook URL."""
        url = self.world.programme.get("webhookUrl")
        if not url:
            return
        delivery = Delivery(event, url.rstrip("/"), self.paths.get(event.type, "/" + event.type))
        with self._lock:
            self.deliveries[event.id] = delivery
            while len(self.deliveries) > LOG_LIMIT:
                self.deliveries.pop(next(iter(self.deliveries)))
        self._enqueue(delivery, redelivery=False)

    def redeliver(self, event_id: str) -> Delivery | None:
        """Post a delivered or failed event again, with its request-ref; None for an unknown event."""
        with self._lock:
            delivery = self.deliveries.get(event_id)
        if delivery is None:
            return None
        delivery.state = PENDING
        delivery.next_attempt_ms = None
        self._enqueue(delivery, redelivery=True)
        return delivery

    def listed(self, event_type: str | None = None, state: str | None = None) -> list[dict]:
        with self._lock:
            found = list(self.deliveries.values())
        return [d.answer() for d in found
                if (event_type is None or d.event.type == event_type) and (state is None or d.state == state)]

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """For tests: True once every queued attempt has been made."""
        return self._idle.wait(timeout)

    # -- the background thread ---------------------------------------------------------------------------
    def _enqueue(self, delivery: Delivery, redelivery: bool) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
                self._thread.start()
        self._idle.clear()
        self._queue.put((self._generation, delivery, redelivery))

    def _retry_later(self, delivery: Delivery, seconds: int) -> None:
        generation = self._generation

        def retry():
            if generation != self._generation:  # a reset in between forgot this delivery
                return
            if not self.world.programme.get("webhookUrl"):
                # The programme stopped taking webhooks: nothing more is posted, retries included.
                delivery.state, delivery.next_attempt_ms = FAILED, None
                return
            self._enqueue(delivery, redelivery=False)
        self.world.scheduler.after(seconds, retry, name=f"webhook {delivery.event.id}")

    def _run(self) -> None:
        while True:
            generation, delivery, redelivery = self._queue.get()
            try:
                if generation == self._generation:
                    self._attempt(delivery, redelivery)
            except Exception:  # noqa: BLE001 (one bad delivery must not stop every later one)
                delivery.state = FAILED
            finally:
                if self._queue.empty():
                    self._idle.set()

    def _attempt(self, delivery: Delivery, redelivery: bool) -> None:
        event = delivery.event
        body = json.dumps(event.payload, separators=(",", ":")).encode()
        headers = signed_headers(self.world.programme["apiKey"], body, event.timestamp, secrets.token_hex(8))
        headers["request-ref"] = delivery.request_ref
        request = urllib.request.Request(delivery.url + delivery.path, data=body, headers=headers, method="POST")
        status, error = None, None
        try:
            with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as answer:
                status = answer.status
        except urllib.error.HTTPError as failed:
            status = failed.code
        except (OSError, ValueError) as failed:  # refused, timed out, or no HTTP answer at all
            error = type(failed).__name__
        with self.world.lock:
            now = self.world.now_ms()
            delivery.attempts.append({"at": now, "callRef": headers["call-ref"], "status": status, "error": error,
                                      "redelivery": redelivery})
            if status is not None and 200 <= status < 300:
                delivery.state, delivery.next_attempt_ms = DELIVERED, None
                return
            tries = sum(1 for a in delivery.attempts if a["redelivery"] == redelivery)
            if redelivery or tries >= MAX_ATTEMPTS:
                # A redelivery is one attempt asked for by hand; the automatic retries were spent already.
                delivery.state, delivery.next_attempt_ms = FAILED, None
                return
            wait = BACKOFF_SECONDS[tries - 1]
            delivery.state, delivery.next_attempt_ms = RETRYING, now + wait * 1000
            self._retry_later(delivery, wait)
