"""python -m benchmarks.run [--seconds S] [--prism SPEC]

1. Emulator throughput: calls per second that one keep-alive `requests` client gets from
   the emulator on a fixed mix of calls (read, validate-and-reject, sign-in, create).
2. The same mix against a Prism mock of the published description, when --prism is given
   (stateless: it only shapes answers; started with npx, which installs it if needed).
3. The suite's overhead per call: the one client (contract check, masking, traffic,
   report) against a raw `requests` call to the same emulator.
4. History (benchmarks/history.py): whether lists, statements and reads cost their page or the
   account's history, at 1,000, 10,000 and 100,000 transfers, and RSS per 10,000 transfers.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

from schemas import load_contract
from support.client import WeavrClient
from support.contract_check import check_response
from support.emulator_process import EmulatorProcess, fetch_programme
from support.masking import Masker
from support.traffic import TrafficRecorder

from . import history

ROOT = Path(__file__).resolve().parents[1]


def corporate_body(profile: str) -> dict:
    return {"profileId": profile, "rootUser": {"name": "Bench", "surname": "Mark",
            "email": f"bench.{uuid.uuid4().hex}@weavr-suite.example.com",
            "mobile": {"countryCode": "+356", "number": "79000000"}, "companyPosition": "DIRECTOR"},
            "company": {"name": "Bench Ltd", "type": "LLC", "registrationCountry": "MT"},
            "ipAddress": "127.0.0.1", "baseCurrency": "EUR"}


def mix(base: str, key: str, profile: str, session: requests.Session):
    """The fixed mix; returns a function making one round of 4 calls."""
    headers = {"api-key": key}
    body = corporate_body(profile)
    created = session.post(f"{base}/corporates", json=body, headers=headers).json()
    user_id = created.get("id", {}).get("id", "1")
    session.post(f"{base}/passwords/{user_id}/create", json={"password": {"value": "Bench1234!"}}, headers=headers)
    login = {"email": body["rootUser"]["email"], "password": {"value": "Bench1234!"}}
    token = session.post(f"{base}/login_with_password", json=login, headers=headers).json().get("token", "x")
    authed = {**headers, "Authorization": f"Bearer {token}"}

    def one_round():
        session.get(f"{base}/corporates", headers=authed)
        session.post(f"{base}/corporates", json={"profileId": profile}, headers=headers)  # 400
        session.post(f"{base}/login_with_password", json=login, headers=headers)
        session.post(f"{base}/corporates", json=corporate_body(profile), headers=headers)
        return 4
    return one_round


def throughput(one_round, seconds: float) -> float:
    calls, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        calls += one_round()
    return calls / (time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prism(spec: str, seconds: float) -> float | None:
    if not shutil.which("npx"):
        print("prism: npx not found, skipped")
        return None
    port = free_port()
    process = start_group(["npx", "--yes", "@stoplight/prism-cli@5", "mock", "-p", str(port), spec])
    try:
        for _ in range(240):
            try:
                requests.get(f"http://127.0.0.1:{port}/corporates", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.5)
        else:
            print("prism: did not start within 120 s, skipped")
            return None
        session = requests.Session()
        return throughput(mix(f"http://127.0.0.1:{port}", "k", "1", session), seconds)
    finally:
        stop_group(process)


def start_group(command: list) -> subprocess.Popen:
    """A process in a group of its own: npx runs Prism as a node child that outlives npx's own end."""
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def stop_group(process: subprocess.Popen, grace: float = 5) -> None:
    """Stop the process and every child it started: SIGTERM to the group, SIGKILL to what is left after grace."""
    _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while _group_alive(process) and time.monotonic() < deadline:
        time.sleep(0.1)
    _signal_group(process, signal.SIGKILL)
    process.wait(timeout=grace)


def _signal_group(process: subprocess.Popen, sent: int) -> None:
    try:
        os.killpg(process.pid, sent)
    except ProcessLookupError:
        pass


def _group_alive(process: subprocess.Popen) -> bool:
    process.poll()  # reaps the leader, so only its children can keep the group alive
    proc = Path("/proc")
    if proc.is_dir():
        # A container's init may never reap an orphan, so a zombie would look alive to killpg.
        return any(_running_in_group(stat, process.pid) for stat in proc.glob("[0-9]*/stat"))
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    return True


def _running_in_group(stat: Path, group: int) -> bool:
    try:
        fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return fields[0] != "Z" and int(fields[2]) == group


def suite_overhead(base: str, programme: dict, rounds: int) -> dict:
    contract = load_contract("multi")
    masker = Masker([programme["apiKey"]])
    client = WeavrClient(f"{base}/multi", contract, masker, TrafficRecorder(), key_header="api-key",
                         key=programme["apiKey"])
    raw = requests.Session()
    body = corporate_body(programme["profiles"]["corporate"])
    created = client.request("POST", "/corporates", json=body)
    token = client.request("POST", f"/passwords/{created.body['id']['id']}/create",
                           json={"password": {"value": "Bench1234!"}}).body["token"]
    url, headers = f"{base}/multi/corporates", {"api-key": programme["apiKey"], "Authorization": f"Bearer {token}"}

    def timed(function) -> float:
        started = time.perf_counter()
        for _ in range(rounds):
            function()
        return (time.perf_counter() - started) / rounds * 1000

    raw_ms = timed(lambda: raw.get(url, headers=headers))
    client_ms = timed(lambda: client.request("GET", "/corporates", token=token))
    answer = raw.get(url, headers=headers)
    operation = contract.by_id["corporateGet"]
    check_ms = timed(lambda: check_response(contract, operation, answer))
    report_ms = timed(lambda: (json.dumps(masker.body(answer.json())), masker.headers(headers)))
    return {"rawCallMs": raw_ms, "clientCallMs": client_ms, "overheadMs": client_ms - raw_ms,
            "contractCheckMs": check_ms, "maskAndSerialiseMs": report_ms}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each throughput run")
    parser.add_argument("--rounds", type=int, default=500, help="calls for the overhead measurement")
    parser.add_argument("--prism", metavar="SPEC", help="also measure a Prism mock of this description")
    parser.add_argument("--json", metavar="FILE", help="write the figures to this file")
    parser.add_argument("--history-transfers", type=int, default=history.CHECKPOINTS[-1],
                        help="transfers the history benchmark writes (0 skips it)")
    parser.add_argument("--history-reads", type=int, default=50, help="timed calls of each read per checkpoint")
    args = parser.parse_args(argv)

    process = EmulatorProcess(ROOT / "reports" / "logs")
    base = process.start()
    try:
        programme = fetch_programme(base)
        session = requests.Session()
        emulator_rate = throughput(mix(f"{base}/multi", programme["apiKey"], programme["profiles"]["corporate"],
                                       session), args.seconds)
        overhead = suite_overhead(base, programme, args.rounds)
    finally:
        process.stop()
    figures = {"emulatorCallsPerSecond": round(emulator_rate, 1), **{k: round(v, 3) for k, v in overhead.items()}}
    if args.prism:
        rate = prism(args.prism, args.seconds)
        if rate:
            figures["prismCallsPerSecond"] = round(rate, 1)
            figures["emulatorOverPrism"] = round(emulator_rate / rate, 2)
    print(f"emulator: {figures['emulatorCallsPerSecond']} calls/s (one keep-alive client, mix of 4 calls)")
    if "prismCallsPerSecond" in figures:
        print(f"prism:    {figures['prismCallsPerSecond']} calls/s (x{figures['emulatorOverPrism']} for the emulator)")
    print(f"suite overhead per call: {figures['overheadMs']:.2f} ms (raw {figures['rawCallMs']:.2f} ms, "
          f"client {figures['clientCallMs']:.2f} ms; contract check {figures['contractCheckMs']:.2f} ms, "
          f"masking and serialising {figures['maskAndSerialiseMs']:.2f} ms)")
    if args.history_transfers > 0:
        print(f"history: {args.history_transfers:,} transfers on one account, "
              f"{args.history_reads} timed calls per read", flush=True)
        figures["history"] = history.run(args.history_transfers, args.history_reads)
        history.report(figures["history"])
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
