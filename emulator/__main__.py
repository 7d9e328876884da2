"""python -m emulator [--host H] [--port P] [--programme FILE] [--strict]

Serves the Multi API under /multi, the Simulator API under /simulate/api and the
control plane under /_emulator. With --port 0 it picks a free port; either way its
first line on stdout is `emulator listening on <url>`.
"""
from __future__ import annotations

import argparse
import logging
import socket
import sys

from .programme import ProgrammeError, load_programme


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulator", description="Local Weavr Multi sandbox emulator")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on; 0 picks a free one (default 8080)")
    parser.add_argument("--programme", help="programme JSON file (default emulator/programme.default.json)")
    parser.add_argument("--strict", action="store_true", help="answer 500 when an answer would break the contract")
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    args = parser.parse_args(argv)

    try:
        programme = load_programme(args.programme)
    except ProgrammeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level.upper(), format="emulator %(levelname)s %(message)s")

    import uvicorn

    from .app import EmulatorApp

    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port} ({exc.strerror}); pick another --port or 0", file=sys.stderr)
        return 2
    sock.listen(2048)
    host, port = sock.getsockname()[:2]
    app = EmulatorApp(programme, strict=args.strict)
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False, lifespan="on",
                            http="httptools", loop="uvloop", timeout_keep_alive=75)
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    print(f"emulator listening on http://{shown}:{port}", flush=True)
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
