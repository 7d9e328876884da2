"""A test with a known finding (findings.py FINDINGS) is an xfail that expects only that finding, made strict here:
fixed, it fails until the entry goes. Disputed entries need no marks: the judge excuses their failures itself
(test_schemathesis_judge.excused), and any other failure on the operation fails its test.

Not `strict=True`: Schemathesis 4.32.5's report hook asserts on a strict XPASS (an INTERNALERROR), so the
strictness is applied here, after its hook has run.
"""
import uuid

import pytest

from . import reach
from .findings import FINDINGS


def _finding(item):
    label = item.name.partition("[")[2].rstrip("]")
    # The refusal test sends the cases drawn invalid, where the findings show (test_schemathesis_judge.judge).
    if not item.name.startswith("test_the_emulator_refuses"):
        return None
    return next((entry for entry in FINDINGS if entry.operation == label), None)


def pytest_collection_modifyitems(config, items):
    for item in items:
        finding = _finding(item)
        if finding:
            item.add_marker(pytest.mark.xfail(reason=finding.reason))


def _only_known(error: BaseException) -> bool:
    """Whether every failure Hypothesis reports (one, or a group of distinct ones) is a known finding."""
    from .test_schemathesis_judge import KnownFinding
    if isinstance(error, BaseExceptionGroup):
        return all(_only_known(inner) for inner in error.exceptions)
    return isinstance(error, KnownFinding)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not _finding(item) or report.when != "call" or getattr(report, "wasxfail", None) is None:
        return
    if report.passed and _finding(item).drawn_by_chance:
        return  # an xpass: this run drew no case that shows it (tests/emulator holds the finding itself)
    if report.passed:
        report.outcome = "failed"
        report.longrepr = (f"[XPASS] a known finding no longer shows: remove it from tests/judge/findings.py "
                           f"({report.wasxfail})")
        del report.wasxfail
    elif call.excinfo is not None and not _only_known(call.excinfo.value):
        # The known finding excuses its own failure only: anything else on the operation fails the test.
        report.outcome = "failed"
        report.longrepr = call.excinfo.getrepr(style="short")
        del report.wasxfail


def pytest_sessionfinish(session):
    """The judge's reach (reports/judge/reach.md), from the counts of every worker of this run."""
    worker = getattr(session.config, "workerinput", None)
    run_id = worker["testrunuid"] if worker else uuid.uuid4().hex
    reach.write(run_id, worker["workerid"] if worker else "main")
