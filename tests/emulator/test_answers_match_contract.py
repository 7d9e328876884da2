"""Each implemented operation driven to its success answer and to the documented errors it implements.

The table is contract_cases.CASES: one driver per (operation, status, errorCode). Strict mode raises on any
answer whose body breaks the operation's schema or whose status the operation does not declare; here the
status and Weavr's errorCode are checked too, so a driver that lands on another outcome fails.
"""
from __future__ import annotations

import pytest

from emulator.registry import HANDLERS
from schemas import load_contract

from .contract_cases import CASES
from .helpers import Emu


@pytest.mark.parametrize("key", sorted(CASES, key=str), ids=lambda key: "-".join(str(part) for part in key if part))
def test_each_operation_reaches_its_documented_answer(key):
    namespace, operation_id, status, error_code = key
    emu = Emu()
    answer = CASES[key](emu)
    assert answer.status == status, (operation_id, answer.status, answer.body)
    if error_code:
        assert answer.body == {"errorCode": error_code}, (operation_id, answer.body)
    operation = load_contract(namespace).by_id[operation_id]
    assert operation.declares(answer.status), f"{operation_id} does not document {answer.status}"


def test_every_handler_has_a_success_case():
    # A new handler must add its success case here before it counts as implemented.
    succeeding = {(namespace, op) for namespace, op, status, _ in CASES if status < 300}
    missing = sorted(set(HANDLERS) - succeeding)
    assert not missing, f"handlers without a success case in contract_cases.py: {missing}"


def test_every_handler_has_a_documented_error_case():
    failing = {(namespace, op) for namespace, op, status, _ in CASES if status >= 400}
    # The bulk submissions declare 201 alone: no error of theirs is documented, so none can be reached.
    silent = {(namespace, op) for namespace, op in HANDLERS
              if not any(s == "default" or int(s) >= 400 for s in load_contract(namespace).by_id[op].responses)}
    missing = sorted(set(HANDLERS) - failing - silent)
    assert not missing, f"handlers without an error case in contract_cases.py: {missing}"


def test_every_case_names_a_handled_operation():
    stray = sorted({(namespace, op) for namespace, op, _, _ in CASES} - set(HANDLERS))
    assert not stray, f"cases for operations with no handler: {stray}"


@pytest.mark.parametrize("namespace", ["multi", "simulator"])
def test_every_handler_names_an_operation_of_the_contract(namespace):
    contract = load_contract(namespace)
    unknown = [op for ns, op in HANDLERS if ns == namespace and op not in contract.by_id]
    assert not unknown, f"handlers for operations not in the {namespace} contract: {unknown}"
