"""python -m benchmarks.history [--transfers N] [--reads R]

Does a read cost its page or the account's history? One emulator in this process: its HTTP app served
over loopback by uvicorn in a thread, exactly as `python -m emulator` serves it. The history is written
in-process through the same app (`EmulatorApp.handle`: routing, authentication, validation, handler),
which makes 100,000 transfers a matter of a minute; every read is timed over loopback HTTP, the path a
client takes. One corporate, two managed accounts, N transfers of 1 cent from the first to the second.

At 1,000, 10,000 and N transfers it times R calls of each read (p50, p99 in ms of wall time, and the p50
of the process's CPU time per call: client and server share this process, so on a loaded machine, where
wall time mostly measures waiting for a core, CPU time still measures the call's cost), and reads the
process's RSS after a garbage collection. It prints the ratio of the last checkpoint's p50 to the first's, RSS per
10,000 transfers and bytes per transfer (RSS growth over the transfers written between the first and
the last checkpoint: the transfer, its two ledger entries, its event, everything the emulator keeps).
"""
from __future__ import annotations

import argparse
import gc
import json
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

from support.driver import Api, identities, managed_accounts

CHECKPOINTS = (1_000, 10_000, 100_000)
DEPOSIT = 10**12


def _set_up_step(answer, status: int, what: str):
    if answer.status != status:
        raise SystemExit(f"bench setup: {what} answered {answer.status} {answer.body}")
    return answer


class Bench:
    """The emulator app in this process: writes through `handle`, reads over loopback HTTP."""

    def __init__(self):
        from emulator.app import EmulatorApp
        from emulator.programme import load_programme

        self.app = EmulatorApp(load_programme())
        self.programme = self.app.world.programme
        self.server, self.base = _serve(self.app)
        self.http = requests.Session()
        self.multi = self._transport("/multi", "api-key", self.programme["apiKey"])

    def close(self) -> None:
        self.http.close()
        self.server.should_exit = True

    def call(self, method: str, path: str, body=None, token: str | None = None):
        """One write on the hot path, straight to the app (the set-up goes through the driver)."""
        answer = self.multi(method, path, body, token=token)
        if answer.status >= 300:
            raise SystemExit(f"bench write: {method} {path} answered {answer.status} {answer.body}")
        return answer.body

    def api(self) -> Api:
        """The driver over this process's app; a refused set-up step ends the benchmark with one line."""
        return Api.of_programme(self.multi,
                                self._transport("/simulate/api", "programme-key", self.programme["programmeKey"]),
                                self.programme, expect=_set_up_step)

    def _transport(self, mount: str, key_header: str, key: str):
        def send(method, path, body=None, *, token=None, headers=None, query=None):
            sent = {"content-type": "application/json", key_header: key, **(headers or {})}
            if token:
                sent["authorization"] = f"Bearer {token}"
            payload = json.dumps(body).encode() if body is not None else b""
            return self.app.handle(method, mount + path, urlencode(query or {}, doseq=True), sent, payload)
        return send

    def get(self, path: str, token: str) -> dict:
        answer = self.http.get(self.base + "/multi" + path,
                               headers={"api-key": self.programme["apiKey"], "authorization": f"Bearer {token}"})
        if answer.status_code != 200:
            raise SystemExit(f"bench read: GET {path} answered {answer.status_code} {answer.text[:200]}")
        return answer.json()


def _serve(app):
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", http="httptools",
                            loop="uvloop")
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # a thread cannot take signals; the process ends it
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    for _ in range(200):
        if server.started:
            return server, base
        time.sleep(0.05)
    raise SystemExit("bench: the emulator did not start serving within 10 s")


def setup(bench: Bench) -> dict:
    """A verified corporate with two accounts, the first funded: made by the driver, as every set-up is."""
    api = bench.api()
    corporate = identities.onboard(api, "corporates", identities.corporate_body(api, identities.unique_email("bench")),
                                   verified=True)
    accounts = [managed_accounts.open_account(api, corporate.token, name)["id"] for name in ("source", "destination")]
    funded = api.expect(managed_accounts.deposit(api, accounts[0], DEPOSIT), 200, "funding the source account")
    if funded.body.get("code") != "COMPLETED":  # the Simulator answers a refused deposit 200 with its reason
        raise SystemExit(f"bench setup: funding the source account was refused: {funded.body}")
    return {"token": corporate.token, "source": accounts[0], "destination": accounts[1]}


def write(bench: Bench, who: dict, count: int) -> str:
    body = {"profileId": bench.programme["profiles"]["transfers"],
            "source": {"type": "managed_accounts", "id": who["source"]},
            "destination": {"type": "managed_accounts", "id": who["destination"]},
            "destinationAmount": {"currency": "EUR", "amount": 1}}
    last = ""
    for _ in range(count):
        last = bench.call("POST", "/transfers", body, who["token"])["id"]
    return last


def reads(who: dict, transfer_id: str) -> dict:
    """Name -> (path, the count the answer must carry, or None)."""
    account = who["source"]
    return {"GET /transfers?limit=10": "/transfers?limit=10",
            "account statement, first page": f"/managed_accounts/{account}/statement?limit=10",
            "account transactions, first page": f"/managed_accounts/{account}/transactions?limit=10",
            "GET /transactions?limit=10 (activity)": "/transactions?limit=10",
            "GET /transfers/{id} (single read)": f"/transfers/{transfer_id}",
            "GET /managed_accounts/{id} (single read)": f"/managed_accounts/{account}"}


def measure(bench: Bench, path: str, token: str, times: int) -> tuple[float, float, float]:
    """p50 and p99 of wall time, p50 of this process's CPU time, in ms."""
    bench.get(path, token)  # warm
    samples, cpu = [], []
    for _ in range(times):
        started, started_cpu = time.perf_counter(), time.process_time()
        bench.get(path, token)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    samples.sort()
    return (statistics.median(samples), samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))],
            statistics.median(cpu))


def rss_bytes() -> int:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def run(transfers: int, times: int) -> dict:
    checkpoints = [c for c in CHECKPOINTS if c < transfers] + [transfers]
    bench = Bench()
    try:
        return _run(bench, checkpoints, times)
    finally:
        bench.close()


def _run(bench: Bench, checkpoints: list, times: int) -> dict:
    who = setup(bench)
    written, figures = 0, {"checkpoints": checkpoints, "reads": {}, "rssBytes": [], "writeSeconds": []}
    for checkpoint in checkpoints:
        started = time.perf_counter()
        last = write(bench, who, checkpoint - written)
        figures["writeSeconds"].append(round(time.perf_counter() - started, 1))
        written = checkpoint
        figures["rssBytes"].append(rss_bytes())
        counted = bench.get("/transfers?limit=1", who["token"])["count"]
        assert counted == checkpoint, f"the list counts {counted} transfers, {checkpoint} were written"
        for name, path in reads(who, last).items():
            p50, p99, cpu = measure(bench, path, who["token"], times)
            figures["reads"].setdefault(name, []).append({"p50Ms": round(p50, 2), "p99Ms": round(p99, 2),
                                                          "cpuP50Ms": round(cpu, 2)})
        print(f"  {checkpoint:>7} transfers written ({figures['writeSeconds'][-1]} s), "
              f"RSS {figures['rssBytes'][-1] / 2**20:.1f} MB", flush=True)
    grown = figures["rssBytes"][-1] - figures["rssBytes"][0]
    spread = checkpoints[-1] - checkpoints[0]
    figures["bytesPerTransfer"] = round(grown / spread) if spread else None
    figures["rssMbPer10kTransfers"] = round(grown / spread * 10_000 / 2**20, 2) if spread else None
    return figures


def report(figures: dict) -> None:
    checkpoints = figures["checkpoints"]
    heads = "".join(f"{c:>17,}" for c in checkpoints)
    print(f"{'wall p50 / p99 ms at transfers':<42}{heads}   last/first p50")
    for name, points in figures["reads"].items():
        cells = "".join(f"{p['p50Ms']:>8.2f} /{p['p99Ms']:>7.2f}" for p in points)
        print(f"{name:<42}{cells}   x{_ratio(points, 'p50Ms')}")
    heads = "".join(f"{c:>9,}" for c in checkpoints)
    print(f"{'CPU p50 ms at transfers':<42}{heads}   last/first")
    for name, points in figures["reads"].items():
        cells = "".join(f"{p['cpuP50Ms']:>9.2f}" for p in points)
        print(f"{name:<42}{cells}   x{_ratio(points, 'cpuP50Ms')}")
    if figures["bytesPerTransfer"] is not None:
        print(f"RSS: {figures['rssMbPer10kTransfers']} MB per 10,000 transfers "
              f"({figures['bytesPerTransfer']} bytes per transfer), "
              f"{figures['rssBytes'][-1] / 2**20:.1f} MB at {checkpoints[-1]:,}")


def _ratio(points: list, key: str) -> str:
    return f"{points[-1][key] / points[0][key]:.2f}" if points[0][key] else "inf"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history", description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=CHECKPOINTS[-1], help="transfers written in all")
    parser.add_argument("--reads", type=int, default=50, help="timed calls of each read at each checkpoint")
    parser.add_argument("--json", metavar="FILE", help="write the figures to this file")
    args = parser.parse_args(argv)
    if args.transfers < 1 or args.reads < 1:
        parser.error("--transfers and --reads are at least 1")
    print(f"history: {args.transfers:,} transfers on one account, {args.reads} timed calls per read")
    figures = run(args.transfers, args.reads)
    report(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
