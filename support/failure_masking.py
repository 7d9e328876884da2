"""A failing test leaks no secret: its exception, pytest's report and captured output pass through the masker.

Failure messages quote bodies (a login answer holds a live bearer token), and three
readers take them: pytest's console, allure-pytest-bdd's step result (built from the
exception in pytest_bdd_step_error) and its test result (built from the exception and
report.longrepr in its own makereport wrapper). The exception is masked in place before
any of them reads it, and the report before Allure's wrapper sees it.
"""
from __future__ import annotations

import pytest

from .masking import mask_failure


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_step_error(exception):
    _mask_exception(exception)


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_makereport(item, call):
    # trylast makes this wrapper the innermost: it masks the report before Allure's wrapper reads it.
    if call.excinfo is not None:
        _mask_exception(call.excinfo.value)
    outcome = yield
    _mask_report(outcome.get_result())


def _mask_exception(exception: BaseException | None) -> None:
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        try:
            exception.args = tuple(mask_failure(a) if isinstance(a, str) else a for a in exception.args)
        except (AttributeError, TypeError):
            pass  # an exception type that fixes its args; the report below is masked anyway
        # pytest.fail() and friends print .msg, not args.
        message = getattr(exception, "msg", None)
        if isinstance(message, str):
            setattr(exception, "msg", mask_failure(message))  # noqa: B010  (an attribute BaseException does not declare)
        exception = exception.__cause__ or exception.__context__


def _mask_report(report) -> None:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (path, line, reason)
        report.longrepr = (longrepr[0], longrepr[1], mask_failure(str(longrepr[2])))
    elif longrepr is not None:
        text = str(longrepr)
        masked = mask_failure(text)
        # Kept as pytest made it unless something was masked, to keep its formatting.
        if masked != text:
            report.longrepr = masked
    report.sections = [(title, mask_failure(content)) for title, content in report.sections]
