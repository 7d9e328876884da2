"""What a person sees when the suite is misconfigured: one line from pytest, no INTERNALERROR, no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .. import HANG_GUARD_SECONDS

ROOT = Path(__file__).resolve().parents[2]


def _run_suite(tmp_path, **settings) -> subprocess.CompletedProcess:
    env_file = tmp_path / "empty.env"
    env_file.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEAVR_", "PYTEST_XDIST"))}
    env.update({"WEAVR_ENV_FILE": str(env_file), "WEAVR_REPORTS_DIR": str(tmp_path / "reports"), **settings})
    return subprocess.run([sys.executable, "-m", "pytest", "features", "-q", "-p", "no:randomly",
                           "-n", "0"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)


def _the_line(run: subprocess.CompletedProcess) -> str:
    output = run.stdout + run.stderr
    assert run.returncode != 0 and "INTERNALERROR" not in output and "Traceback" not in output, output[-3000:]
    lines = [line for line in output.splitlines() if line.startswith("ERROR: configuration: ")]
    assert len(lines) == 1, output[-3000:]
    return lines[0]


# Each run costs a pytest start-up, so two runs prove the line's form; test_preflight covers each case in-process.
def test_a_wrong_key_stops_the_run_against_the_emulator_it_starts(tmp_path):
    assert _the_line(_run_suite(tmp_path, WEAVR_API_KEY="wrong-key-123456")) == (
        "ERROR: configuration: the emulator the suite starts refused the api-key (401): check WEAVR_API_KEY; "
        "unset it to use the emulator's own")


def test_a_zero_timeout_stops_the_run(tmp_path):
    assert _the_line(_run_suite(tmp_path, WEAVR_TIMEOUT_SECONDS="0")) == (
        "ERROR: configuration: WEAVR_TIMEOUT_SECONDS is '0': set it to a number of seconds above 0, such as 20")
