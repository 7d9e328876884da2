"""Starting the local emulator as a separate process on a free loopback port, and stopping it.

The suite talks to it over HTTP only, like any other target.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import requests

from .config import ROOT, ConfigError

START_TIMEOUT = 30
# A seed makes the started emulator answer otherwise where the description is silent (emulator/choices/variation.md).
VARY_VARIABLE = "WEAVR_EMULATOR_VARY"


class EmulatorProcess:
    def __init__(self, log_dir: Path, args: tuple = ()):
        self.log_dir = log_dir
        self.args = tuple(args)
        self.process: subprocess.Popen[str] | None = None
        self.url: str | None = None

    def start(self) -> str:
        vary = variation_args(os.environ.get(VARY_VARIABLE))
        self.log_dir.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.log = open(self.log_dir / f"emulator-{worker}.log", "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "emulator", "--host", "127.0.0.1", "--port", "0", *vary, *self.args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = _read_line(self.process, START_TIMEOUT)
        if not line.startswith("emulator listening on "):
            self.stop()
            said = _last_line(Path(self.log.name))
            raise ConfigError(f"the emulator did not start ({said or 'see ' + self.log.name}); "
                              "try `python -m emulator --port 0`")
        self.url = line.split(" on ", 1)[1].strip()
        return self.url

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "log", None):
            self.log.close()


def variation_args(seed: str | None) -> list:
    """`--vary SEED` for the emulator the suite starts, or nothing; a seed that is not a whole number is one line."""
    if seed is None or not seed.strip():
        return []
    if not seed.strip().isdigit():
        raise ConfigError(f"{VARY_VARIABLE} is {seed!r}: give a whole number of 0 or more (0 = no variation)")
    return ["--vary", seed.strip()]


def _last_line(path: Path) -> str:
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError:
        return ""
    return next((line for line in reversed(lines) if line), "")


def _read_line(process, timeout: float) -> str:
    result = []
    reader = threading.Thread(target=lambda: result.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return result[0] if result else ""


CONTROL_KEY_HEADER = "x-control-key"


def control_headers(control_key: str | None) -> dict:
    return {CONTROL_KEY_HEADER: control_key} if control_key else {}


def fetch_programme(base_url: str, timeout: float = 10, control_key: str | None = None) -> dict:
    """The emulator's programme, checked for the shape the suite relies on, or a ConfigError in one line."""
    url = base_url.rstrip("/") + "/_emulator/programme"
    try:
        answer = requests.get(url, timeout=timeout, headers=control_headers(control_key))
    except requests.RequestException:
        raise ConfigError(f"no emulator answers at {base_url}: start one with `python -m emulator --port 8080` "
                          "or unset WEAVR_BASE_URL to let the suite start its own") from None
    if answer.status_code == 401:
        raise ConfigError(f"{url} refused the control key (401): set WEAVR_EMULATOR_CONTROL_KEY to the emulator's "
                          "--control-key")
    if answer.status_code != 200:
        raise ConfigError(f"{url} answered {answer.status_code}: is WEAVR_BASE_URL an emulator? "
                          "For the live sandbox set WEAVR_TARGET=sandbox")
    try:
        programme = answer.json()
    except ValueError:
        programme = None
    problem = programme_problem(programme)
    if problem:
        raise ConfigError(f"{url} does not answer an emulator programme ({problem}): is WEAVR_BASE_URL an emulator? "
                          "For the live sandbox set WEAVR_TARGET=sandbox")
    return programme


def programme_problem(programme) -> str | None:
    """What keeps this from being a programme the suite can adopt, or None."""
    if not isinstance(programme, dict):
        return "not a JSON object"
    for key in ("apiKey", "programmeKey"):
        if not isinstance(programme.get(key), str) or not programme[key]:
            return f"{key} is not a non-empty string"
    for key in ("profiles", "sandboxCodes"):
        value = programme.get(key)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return f"{key} is not an object of strings"
    return None
