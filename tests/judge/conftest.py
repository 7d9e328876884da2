"""Marks the judge's known findings (findings.py) as strict xfails on the operation they were found on."""
import pytest

from .findings import DISPUTED, FINDINGS


def pytest_collection_modifyitems(config, items):
    known = {**FINDINGS, **DISPUTED}
    for item in items:
        label = item.name.partition("[")[2].rstrip("]")
        reason = known.get((item.originalname, label))
        if reason:
            item.add_marker(pytest.mark.xfail(strict=True, reason=reason))
