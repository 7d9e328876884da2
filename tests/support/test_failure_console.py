"""A failed scenario's console output starts with its feature line, its Gherkin step and the check's reason;
pytest's traceback shows only with -v; and the short form masks secrets as the long one does."""
from __future__ import annotations

import subprocess
import sys

from support.failure_console import reason
from support.masking import MASK

from .. import HANG_GUARD_SECONDS
from .test_reports_leak_nothing import (
    FAILING_FEATURE,
    ROOT,
    SUITE_CONFTEST,
    _assert_no_secret_in,
    _environment,
    _secrets,
    emulator,  # noqa: F401  (emulator is a fixture)
)

STEP_LINE = 1 + FAILING_FEATURE.splitlines().index("    Then the response status is 418")


def _run_failing(tmp_path, base: str, *extra: str) -> str:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "failing.feature").write_text(FAILING_FEATURE)
    (suite / "test_failing.py").write_text('from pytest_bdd import scenarios\n\nscenarios("failing.feature")\n')
    (suite / "conftest.py").write_text(SUITE_CONFTEST)
    (suite / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    run = subprocess.run([sys.executable, "-m", "pytest", str(suite / "test_failing.py"), "-c", str(suite / "pytest.ini"),
                          "--rootdir", str(suite), "-p", "no:randomly", "-n", "0", *extra,
                          f"--alluredir={tmp_path / 'reports' / 'allure-results'}"],
                         cwd=ROOT, env=_environment(base, tmp_path / "reports"), capture_output=True, text=True,
                         timeout=HANG_GUARD_SECONDS)
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-2000:]
    return run.stdout + run.stderr


def _failure_section(console: str) -> list[str]:
    lines = console.splitlines()
    start = next(i for i, line in enumerate(lines) if "FAILURES" in line)
    end = next(i for i, line in enumerate(lines) if "short test summary" in line or line.startswith("=====") and i > start)
    return lines[start + 1:end]


def test_a_failed_scenario_names_its_feature_line_step_and_reason_first(tmp_path, emulator):
    console = _run_failing(tmp_path, emulator)
    section = _failure_section(console)
    first = "\n".join(section[:5])
    assert f"failing.feature:{STEP_LINE}: Then the response status is 418" in first, "\n".join(section)
    assert "loginWithPassword answered 200, expected 418" in first, "\n".join(section)
    # The login answer quoted in the reason has its token masked; no live secret reaches the console.
    assert MASK in first
    _assert_no_secret_in({"the console": console}, _secrets(emulator))
    # pytest's internals are left out of the short form.
    assert "fixturefunc" not in console and "call_fixture_func" not in console, "\n".join(section)
    assert len(section) <= 6, "\n".join(section)


def test_verbose_shows_the_traceback(tmp_path, emulator):
    console = _run_failing(tmp_path, emulator, "-v")
    assert "call_fixture_func" in console and "steps/http_steps.py" in console, console[-3000:]
    assert "-v shows the traceback" not in console
    _assert_no_secret_in({"the console": console}, _secrets(emulator))


def test_the_reason_is_the_first_line_of_the_check():
    assert reason(AssertionError("the send 'x' is SCHEDULED\nassert 'A' == 'B'")) == "the send 'x' is SCHEDULED"
    assert reason(KeyError("id")) == "KeyError: 'id'"
    assert reason(AssertionError("x" * 2000)).endswith(" …")
