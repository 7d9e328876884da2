"""Each findings.py entry names an operation the judge calls and a check the judge runs, so a stale or misspelt
entry cannot sit there excusing nothing (or everything)."""
import pytest

from . import test_schemathesis_judge as judge
from .content_type_check import non_json_body_refused
from .findings import DISPUTED, FINDINGS

CHECKS_ON = {check.__name__ for check in
             judge.CHECKS + judge.REFUSAL_CHECKS + judge.STATEFUL_CHECKS + [non_json_body_refused]}
LABELS = {result.ok().label for loaded in (judge.schema, judge.simulator_schema)
          for result in loaded.get_all_operations()}


@pytest.mark.parametrize("entry", FINDINGS + DISPUTED, ids=lambda e: f"{e.operation} {e.check} {e.status}")
def test_an_entry_names_a_judged_operation_a_check_that_is_on_and_a_status(entry):
    assert entry.operation in LABELS, f"findings.py names {entry.operation}, which the judge does not call"
    assert entry.check in CHECKS_ON, f"findings.py names {entry.check}, which the judge does not run"
    assert 100 <= entry.status <= 599 and entry.reason
