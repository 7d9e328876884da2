"""Each known finding names a test of the judge and an operation it judges, so a stale entry cannot sit
in findings.py marking nothing."""
import pytest

from . import test_schemathesis_judge as judge
from .findings import DISPUTED, FINDINGS


@pytest.mark.parametrize("key", sorted({**FINDINGS, **DISPUTED}), ids=" ".join)
def test_a_finding_names_a_judged_test_and_operation(key):
    test_name, label = key
    assert callable(getattr(judge, test_name, None)), f"findings.py names no judge test {test_name}"
    labels = {result.ok().label for result in judge.schema.get_all_operations()}
    assert label in labels, f"findings.py names {label}, which the judge does not call"
