"""A failed scenario reads, on the console, as the feature file and line, the Gherkin step and the check's
one-line reason, before anything else; pytest's traceback only with -v.

Example (the whole failure section without -v):

    features/sends/sends.feature:82: Then the send "later" is COMPLETED
      the send 'later' is SCHEDULED, expected COMPLETED
      scenario: A scheduled send runs when its time comes (features/sends/sends.feature:72); -v shows the traceback

The Allure report keeps the full traceback: this wrapper runs outermost (tryfirst), after Allure's own
makereport wrapper has read the report, and it builds its text from the exception that
support.failure_masking has already masked (and masks it again, since it is free text).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .masking import mask_failure

FAILED_STEP = pytest.StashKey[dict]()
REASON_LIMIT = 600  # characters of the reason's line; a body quoted whole can run to pages


def pytest_bdd_step_error(request, feature, scenario, step, exception):
    request.node.stash[FAILED_STEP] = {
        "feature": feature.filename, "scenario": scenario.name, "scenario_line": scenario.line_number,
        "step": f"{step.keyword} {step.name}".strip(), "step_line": step.line_number}


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    failed_step = item.stash.get(FAILED_STEP, None)
    if (report.when != "call" or not report.failed or failed_step is None or call.excinfo is None
            or item.config.get_verbosity() > 0):
        return
    report.longrepr = mask_failure(short_failure(failed_step, call.excinfo, Path(str(item.config.rootpath))))


def short_failure(failed: dict, excinfo, root: Path) -> str:
    feature = _relative(failed["feature"], root)
    lines = [f"{feature}:{failed['step_line']}: {failed['step']}", f"  {reason(excinfo.value)}"]
    origin = _origin(excinfo, root)
    if origin:
        lines.append(f"  raised at {origin}")
    lines.append(f"  scenario: {failed['scenario']} ({feature}:{failed['scenario_line']}); "
                 "-v shows the traceback")
    return "\n".join(lines)


def reason(exception: BaseException) -> str:
    """The check's message on one line: its first line, without pytest's `assert a == b` explanation."""
    text = str(getattr(exception, "msg", None) or exception).strip()
    first = text.splitlines()[0] if text else ""
    if not isinstance(exception, AssertionError) or not first:
        first = f"{type(exception).__name__}: {first}".rstrip(": ")
    return first if len(first) <= REASON_LIMIT else first[:REASON_LIMIT] + " …"


def _origin(excinfo, root: Path) -> str | None:
    """Where a step's own code broke (not an assertion): the last frame inside the repository."""
    if isinstance(excinfo.value, AssertionError):
        return None
    for entry in reversed(excinfo.traceback):
        path = Path(str(entry.path))
        if path.is_relative_to(root) and ".venv" not in path.parts:
            return f"{path.relative_to(root)}:{entry.lineno + 1}"
    return None


def _relative(filename: str, root: Path) -> str:
    path = Path(filename).resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
