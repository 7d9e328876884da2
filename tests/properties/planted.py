"""An emulator served from this test process, so that a test can plant a breakage in it (a monkeypatch of
one emulator function) before it answers anything. The machine still reaches it over HTTP only; nothing
here reads the emulator's state to judge the machine."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

START_TIMEOUT = 120  # a guard against a server that never starts, not a budget: it starts in well under 1 s


@contextmanager
def emulator_served_here():
    """The URL of a fresh emulator answering on a free loopback port from a thread of this process."""
    import uvicorn

    from emulator.app import EmulatorApp
    from emulator.programme import load_programme

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = uvicorn.Server(uvicorn.Config(EmulatorApp(load_programme(None)), log_level="warning",
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name="planted emulator")
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the planted emulator did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
