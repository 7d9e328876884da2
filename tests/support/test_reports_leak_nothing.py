"""After a real run of the thin slice, and after a failing one, nothing under the reports holds a secret value."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from support.emulator_process import EmulatorProcess, fetch_programme
from support.masking import MASK, _is_secret_key

from .. import HANG_GUARD_SECONDS

ROOT = Path(__file__).resolve().parents[2]


def _secret_fields(node, path=""):
    """Secret-named fields whose value is not masked."""
    if isinstance(node, dict):
        for key, value in node.items():
            if _is_secret_key(key) or key.lower() in ("api-key", "authorization", "programme-key"):
                leaves = [value] if not isinstance(value, (dict, list)) else list(_leaves(value))
                if any(leaf not in (MASK, None, "") for leaf in leaves):
                    yield f"{path}/{key}"
            else:
                yield from _secret_fields(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _secret_fields(value, f"{path}/{index}")


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


@pytest.fixture(scope="module")
def emulator(tmp_path_factory):
    process = EmulatorProcess(tmp_path_factory.mktemp("logs"))
    base = process.start()
    yield base
    process.stop()


def _environment(base: str, reports: Path) -> dict:
    env = {**os.environ, "WEAVR_BASE_URL": base, "WEAVR_TARGET": "emulator", "WEAVR_REPORTS_DIR": str(reports)}
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


def _secrets(base: str) -> set:
    programme = fetch_programme(base)
    state = requests.get(f"{base}/_emulator/state", timeout=10).json()
    secrets = {programme["apiKey"], programme["programmeKey"]} | {s["token"] for s in state["sessions"]}
    assert len(secrets) > 2, "the run should have left open sessions to look for"
    return secrets


def _assert_no_secret_in(texts: dict, secrets: set) -> None:
    for name, text in texts.items():
        leaked = [s[:6] + "…" for s in secrets if s in text]
        assert not leaked, f"{name} holds secret values starting {leaked}"


def test_a_real_run_leaves_no_secret_under_reports(tmp_path, emulator):
    base = emulator
    reports = tmp_path / "reports"
    run = subprocess.run([sys.executable, "-m", "pytest", "features", "-m", "smoke", "-q",
                          "-p", "no:randomly", "-n", "0", f"--alluredir={reports / 'allure-results'}"],
                         cwd=ROOT, env=_environment(base, reports), capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    secrets = _secrets(base)
    files = [p for p in reports.rglob("*") if p.is_file()]
    attachments = [p for p in files if p.name.endswith("-attachment.json")]
    assert attachments, "the run attached no request or response"
    _assert_no_secret_in({p.name: p.read_text(encoding="utf-8", errors="replace") for p in files}, secrets)
    checked = 0
    for path in attachments:
        data = json.loads(path.read_text(encoding="utf-8"))
        unmasked = list(_secret_fields(data))
        assert not unmasked, f"{path.name} has unmasked secret fields {unmasked}"
        checked += 1
    assert checked >= 10


# The scenario fails on purpose, quoting a login answer, so its message holds a live token.
FAILING_FEATURE = """Feature: A failure that quotes a live token
  Scenario: A login answer is not what the scenario expects
    Given a corporate is onboarded and logged in
    When POST "/login_with_password" is called with:
      \"\"\"
      {"email": "${corporate.email}", "password": {"value": "${corporate.password}"}}
      \"\"\"
    Then the response status is 418
"""

# The suite's own conftest, loaded under another name so the scenario can live outside the repository
# (a file inside it would be collected by a parallel `make test`).
SUITE_CONFTEST = f"""import importlib.util

_spec = importlib.util.spec_from_file_location("suite_conftest", {str(ROOT / "conftest.py")!r})
_suite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_suite)
globals().update({{k: v for k, v in vars(_suite).items() if not k.startswith("__")}})
"""


def test_a_failing_run_leaks_no_token_to_the_console_or_the_reports(tmp_path, emulator):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "failing.feature").write_text(FAILING_FEATURE)
    (suite / "test_failing.py").write_text('from pytest_bdd import scenarios\n\nscenarios("failing.feature")\n')
    (suite / "conftest.py").write_text(SUITE_CONFTEST)
    (suite / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    reports = tmp_path / "reports"
    run = subprocess.run([sys.executable, "-m", "pytest", str(suite / "test_failing.py"),
                          "-c", str(suite / "pytest.ini"), "--rootdir", str(suite), "-p", "no:randomly", "-n", "0", "-rA",
                          f"--alluredir={reports / 'allure-results'}"],
                         cwd=ROOT, env=_environment(emulator, reports), capture_output=True, text=True,
                         timeout=HANG_GUARD_SECONDS)
    console = run.stdout + run.stderr
    assert run.returncode == 1 and "1 failed" in console, console[-3000:]
    # The message quotes the answer (its wording is the step vocabulary's), with the token masked in it.
    assert "418" in console and MASK in console, console[-3000:]
    results = list((reports / "allure-results").glob("*-result.json"))
    assert results and any(MASK in p.read_text(encoding="utf-8") for p in results), "Allure recorded no failure"
    files = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in reports.rglob("*") if p.is_file()}
    _assert_no_secret_in({"the console": console, **files}, _secrets(emulator))
