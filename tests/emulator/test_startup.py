"""Starting the emulator wrongly ends in one `error: ...` line and exit code 2, never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from emulator.app import EmulatorApp
from emulator.programme import load_programme

ROOT = Path(__file__).resolve().parents[2]


def _start(*args, env=None) -> str:
    run = subprocess.run([sys.executable, "-m", "emulator", *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, env=env)  # a hang guard, not a budget
    assert run.returncode == 2 and run.stdout == "", run.stdout + run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    return lines[0]


def test_a_port_out_of_range_is_one_line():
    assert _start("--port", "70000") == (
        "error: argument --port: 70000 is outside 0-65535 (see python -m emulator --help)")


def test_a_programme_that_is_a_folder_is_one_line(tmp_path):
    assert _start("--programme", str(tmp_path)) == f"error: programme {tmp_path} is a folder; give a JSON file"


@pytest.mark.parametrize("content, problem", [
    ("5", "holds a number, not an object"),
    ('{"apiKey": "a", "programmeKey": "b", "profiles": [], "currencies": [], "sandboxCodes": {}}',
     "has profiles as an array, not an object"),
])
def test_a_programme_of_the_wrong_shape_is_one_line(tmp_path, content, problem):
    path = tmp_path / "programme.json"
    path.write_text(content)
    assert _start("--programme", str(path), "--port", "0") == (
        f"error: programme file {path} {problem}; see programme.default.json")


def test_a_host_beyond_loopback_needs_a_control_key():
    env = {k: v for k, v in os.environ.items() if k != "WEAVR_EMULATOR_CONTROL_KEY"}
    line = _start("--host", "0.0.0.0", "--port", "0", env=env)
    assert "--control-key" in line and "WEAVR_EMULATOR_CONTROL_KEY" in line


def test_the_default_programme_keeps_its_shape():
    programme = load_programme()
    assert isinstance(programme["profiles"], dict) and programme["sandboxCodes"]["otp"]


def test_a_control_key_guards_every_control_route():
    app = EmulatorApp(load_programme())
    app.control_key = "control-key-123"
    assert app.handle("GET", "/_emulator/programme", "", {}, b"").status == 401
    assert app.handle("POST", "/_emulator/reset", "", {"x-control-key": "wrong"}, b"").status == 401
    answer = app.handle("GET", "/_emulator/programme", "", {"x-control-key": "control-key-123"}, b"")
    assert answer.status == 200 and answer.body["apiKey"]
    # The API itself is not behind the control key: clients of the emulated API never send it.
    assert app.handle("POST", "/multi/passwords/validate", "", {"api-key": answer.body["apiKey"]},
                      json.dumps({"password": {"value": "Valid-pass-1"}}).encode()).status != 401


def test_a_non_ascii_control_key_is_compared_as_the_bytes_sent():
    app = EmulatorApp(load_programme())
    app.control_key = "clé-de-contrôle"
    as_received = "clé-de-contrôle".encode().decode("latin-1")  # how the ASGI front decodes header bytes
    assert app.handle("GET", "/_emulator/clock", "", {"x-control-key": as_received}, b"").status == 200
    assert app.handle("GET", "/_emulator/clock", "", {"x-control-key": "clé-de-contrôle"}, b"").status == 401
