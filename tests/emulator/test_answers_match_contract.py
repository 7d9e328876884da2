"""Every answer the emulator gives on a broad walk validates against schemas/ (strict mode raises otherwise)."""
from __future__ import annotations

import pytest

from schemas import load_contract


def test_a_walk_through_every_implemented_operation_stays_within_the_contract(emu):
    corporate = emu.corporate()
    token = emu.stepped_up(corporate)
    contract = load_contract("multi")
    answered = 0
    for operation in contract.operations:
        if operation.kind != "path":
            continue
        path = operation.path
        for param in operation.parameters:
            if param["in"] == "path":
                example = "SMS" if param["name"] == "channel" else corporate["id"]
                path = path.replace("{" + param["name"] + "}", example)
        # Strict mode turns any contract-breaking answer into an AssertionError here.
        answer = emu.call(operation.method, path, {} if operation.request_body else None, token=token)
        assert answer.status in (200, 201, 204, 400, 401, 403, 404, 405, 409, 501), (operation.operation_id, answer.status)
        answered += 1
    assert answered == sum(1 for op in contract.operations if op.kind == "path")


@pytest.mark.parametrize("namespace", ["multi", "simulator"])
def test_every_handler_names_an_operation_of_the_contract(namespace):
    from emulator.registry import HANDLERS

    contract = load_contract(namespace)
    unknown = [op for ns, op in HANDLERS if ns == namespace and op not in contract.by_id]
    assert not unknown, f"handlers for operations not in the {namespace} contract: {unknown}"
