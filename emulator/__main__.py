"""python -m emulator [--host H] [--port P] [--programme FILE] [--strict] [--control-key KEY] [--vary SEED]

Serves the Multi API under /multi, the Simulator API under /simulate/api and the
control plane under /_emulator. With --port 0 it picks a free port; either way its
first line on stdout is `emulator listening on <url>`. The control plane hands out the
api-key and every live token, so beyond loopback it needs a control key.
"""
from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import socket
import sys

from .programme import ProgrammeError, load_programme
from .variation import SeedError, for_seed, parse_seed


def main(argv=None) -> int:
    parser = OneLineParser(prog="python -m emulator", description="Local Weavr Multi sandbox emulator")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8080, help="port to listen on; 0 picks a free one (default 8080)")
    parser.add_argument("--programme", help="programme JSON file (default emulator/programme.default.json)")
    parser.add_argument("--strict", action="store_true", help="answer 500 when an answer would break the contract")
    parser.add_argument("--vary", type=_seed, default=None,
                        help="answer, per seed, otherwise where the description leaves the answer open "
                             f"(emulator/choices/variation.md; default ${VARY_VARIABLE} or 0: no variation)")
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    parser.add_argument("--control-key", default=os.environ.get(CONTROL_KEY_VARIABLE) or None,
                        help="key the control plane requires in header x-control-key "
                             f"(default ${CONTROL_KEY_VARIABLE}); required when --host is not loopback")
    args = parser.parse_args(argv)
    if args.vary is None:
        try:
            args.vary = parse_seed(os.environ.get(VARY_VARIABLE) or "0", VARY_VARIABLE)
        except SeedError as exc:
            parser.error(str(exc))
    if not args.control_key and not _is_loopback(args.host):
        parser.error(f"--host {args.host} would expose the control plane (api-key, live tokens, reset) beyond "
                     f"this machine: give --control-key or set {CONTROL_KEY_VARIABLE}")

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
    app = EmulatorApp(programme, strict=args.strict, variation=for_seed(args.vary or 0))
    app.control_key = args.control_key
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False, lifespan="on",
                            http="httptools", loop="uvloop", timeout_keep_alive=75)
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    print(f"emulator listening on http://{shown}:{port}", flush=True)
    if args.vary:
        print(f"emulator varies its answers with seed {args.vary} (emulator/choices/variation.md)", file=sys.stderr,
              flush=True)
    server.run(sockets=[sock])
    return 0


class OneLineParser(argparse.ArgumentParser):
    """A mistake is one line, like the emulator's other start-up errors, not the usage block."""

    def error(self, message):
        # A bad seed's own message names the flag already.
        message = message.replace("argument --vary: ", "")
        self.exit(2, f"error: {message} (see python -m emulator --help)\n")


CONTROL_KEY_VARIABLE = "WEAVR_EMULATOR_CONTROL_KEY"
VARY_VARIABLE = "WEAVR_EMULATOR_VARY"


def _seed(text: str) -> int:
    try:
        return parse_seed(text, "--vary")
    except SeedError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is outside 0-65535")
    return port


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


if __name__ == "__main__":
    sys.exit(main())
