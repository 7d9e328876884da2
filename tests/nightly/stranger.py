"""An emulator started as a stranger would start it, and the suite run against it as a sandbox user runs it.

The emulator is a plain `python -m emulator` on a free port with a programme file written here (keys and
profile ids nobody else knows) and a control key the suite is never given, so a suite that reached for
the control plane (preflight, the target, the receiver) would be refused and fail. The suite runs as a
subprocess with only the variables a sandbox user sets (support/config.py SANDBOX_VARIABLES): no WEAVR_*
variable of this machine and no .env leak in.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from support.config import PROFILE_VARIABLES, SANDBOX_VARIABLES
from support.traffic import load_traffic

ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = ROOT / "emulator" / "programme.default.json"
START_SECONDS = 30
IDENTITY_CREATES = ("corporateCreate", "consumerCreate")


def write_programme(folder: Path) -> Path:
    """The default programme's fees, currencies and roles, with keys and profile ids of this run's own."""
    programme = json.loads(PROGRAMME.read_text(encoding="utf-8"))
    programme["apiKey"] = f"stranger-api-key-{secrets.token_hex(8)}"
    programme["programmeKey"] = f"stranger-programme-key-{secrets.token_hex(8)}"
    programme["profiles"] = {name: str(300_000_000_000_000_000 + secrets.randbelow(10**17))
                             for name in programme["profiles"]}
    path = folder / "programme.json"
    path.write_text(json.dumps(programme, indent=1), encoding="utf-8")
    return path


class StrangerEmulator:
    """`python -m emulator --port 0 --programme FILE --control-key K`; `patch` is Python run before it
    starts, to make it answer otherwise on purpose (tests of what the suite notices)."""

    def __init__(self, folder: Path, patch: str | None = None, vary: int | None = None):
        self.folder = folder
        self.programme_path = write_programme(folder)
        self.programme = json.loads(self.programme_path.read_text(encoding="utf-8"))
        args = ["--port", "0", "--programme", str(self.programme_path), "--control-key", secrets.token_hex(16)]
        if vary is not None:  # answers otherwise where the description is silent (emulator/choices/variation.md)
            args += ["--vary", str(vary)]
        if patch:
            command = [sys.executable, "-c", f"import sys\n{patch}\nfrom emulator.__main__ import main\n"
                                             "sys.exit(main(sys.argv[1:]))", *args]
        else:
            command = [sys.executable, "-m", "emulator", *args]
        self.log = open(folder / "emulator.log", "w", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("WEAVR_")}
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=self.log, text=True, env=env)
        line = self.process.stdout.readline()
        if not line.startswith("emulator listening on "):
            self.stop()
            raise RuntimeError(f"the emulator did not start: {(folder / 'emulator.log').read_text()[-500:]}")
        self.url = line.split(" on ", 1)[1].strip()

    def sandbox_variables(self) -> dict:
        """What a sandbox user sets, from the programme file as a user copies ids from the portal."""
        variables = {"WEAVR_TARGET": "sandbox", "WEAVR_BASE_URL": self.url,
                     "WEAVR_API_KEY": self.programme["apiKey"], "WEAVR_PROGRAMME_KEY": self.programme["programmeKey"]}
        variables.update({variable: self.programme["profiles"][name] for name, variable in PROFILE_VARIABLES.items()})
        assert set(variables) == set(SANDBOX_VARIABLES), "the stranger sets exactly the sandbox user's variables"
        return variables

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def run_suite(emulator: StrangerEmulator, reports: Path, pytest_args: list[str], extra: dict | None = None,
              timeout: int = 1800) -> tuple[subprocess.CompletedProcess, float]:
    """The suite in sandbox mode against the emulator, as a subprocess; (the run, its seconds)."""
    empty_env = reports.parent / "empty.env"
    empty_env.write_text("# a sandbox user's variables come from the environment only\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("WEAVR_", "PYTEST_", "HYPOTHESIS_")) and k != "PYTHONHASHSEED"}
    env.update(emulator.sandbox_variables())
    env.update({"WEAVR_REPORTS_DIR": str(reports), "WEAVR_ENV_FILE": str(empty_env), **(extra or {})})
    if not any(arg.startswith("--alluredir") for arg in pytest_args):
        # pytest.ini's --alluredir would put this run's results into the outer run's report.
        pytest_args = [*pytest_args, f"--alluredir={reports / 'allure-results'}"]
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "pytest", *pytest_args], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=timeout)
    return run, time.monotonic() - started


def calls_and_identities(reports: Path) -> dict:
    """From the run's traffic: the calls it made to the target and the identities it created."""
    traffic = load_traffic(reports / "traffic")
    calls = sum(n for (namespace, _, _), n in traffic.items() if namespace != "webhooks")
    identities = sum(n for (_, operation, status), n in traffic.items()
                     if operation in IDENTITY_CREATES and status == 200)
    users = sum(n for (_, operation, status), n in traffic.items() if operation == "userCreate" and status == 200)
    return {"calls": calls, "identities": identities, "authorisedUsers": users}
