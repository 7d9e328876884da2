"""Marks the judge's known findings (findings.py) as xfails on the operation they were found on, and fails
a known finding that no longer shows, so its entry is removed.

Not `strict=True`: Schemathesis 4.32.5's report hook asserts on a strict XPASS (an INTERNALERROR), so the
strictness is applied here, after its hook has run.
"""
import pytest

from .findings import DISPUTED, FINDINGS


def _reason(item):
    label = item.name.partition("[")[2].rstrip("]")
    return {**FINDINGS, **DISPUTED}.get((getattr(item, "originalname", item.name), label))


def pytest_collection_modifyitems(config, items):
    for item in items:
        reason = _reason(item)
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # An ST204 finding shows only when the check draws the one undeclared method the router reads as another
    # operation's (GET /bulks/users as GET /bulks/{bulk_id}); the draw varies with the run's seed.
    if report.when == "call" and report.passed and getattr(report, "wasxfail", None) is not None \
            and not report.wasxfail.startswith("ST204"):
        report.outcome = "failed"
        report.longrepr = (f"[XPASS] a known finding no longer shows: remove it from tests/judge/findings.py "
                           f"({report.wasxfail})")
        del report.wasxfail
