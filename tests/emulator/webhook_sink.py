"""A bare HTTP sink for the deliverer's tests: it keeps each request as it came and answers with the status it
is told, so the emulator is checked without the suite's receiver (which has tests of its own)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Sink:
    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []  # answers for the next requests, in turn; 204 once they run out
        self.delay = 0.0
        self.hold: threading.Event | None = None  # when set to an Event, each answer waits until it is set
        self.answered = 0
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                sink.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                      "raw": raw})
                time.sleep(sink.delay)
                if sink.hold is not None:
                    sink.hold.wait(60)  # a bound for a test that never releases it, not a measure
                sink.answered += 1
                self.send_response(sink.statuses.pop(0) if sink.statuses else 204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
