"""The sends, transfers and outgoing wire transfer lists filter by execution time alike (movement_calls.executed_within):
an executed one within executedFrom/To is listed, one outside or not executed yet is not."""
from __future__ import annotations

import pytest

from .contract_cases_wires import funded, owt
from .control_plane import now_ms
from .helpers import Emu
from .send_helpers import parties, send
from .test_managed_accounts import create_account, deposit, verified_corporate
from .test_transfers import transfer


def listed_ids(emu: Emu, owner: dict, path: str, key: str, query: str) -> list[str]:
    answer = emu.call("GET", path, token=owner["token"], query=query)
    assert answer.status == 200, answer.body
    return [item["id"] for item in answer.body.get(key, [])]


def sends_one_executed_one_waiting(emu: Emu):
    sender, savings, _, wallet = parties(emu)
    executed = send(emu, sender, savings, wallet, 500).body  # low value: runs at once
    waiting = send(emu, sender, savings, wallet, 500, scheduledTimestamp=str(now_ms(emu) + 60_000)).body
    return sender, "/sends", "send", executed, waiting


def wires_one_executed_one_waiting(emu: Emu):
    corporate, source = funded(emu)
    executed = owt(emu, corporate, source, amount=1000).body
    executed = emu.call("POST", f"/outgoing_wire_transfers/{executed['id']}/confirm", token=corporate["token"]).body
    waiting = owt(emu, corporate, source, amount=1000).body  # waits for its confirmation
    return corporate, "/outgoing_wire_transfers", "transfer", executed, waiting


def transfers_one_executed_one_waiting(emu: Emu):
    owner = verified_corporate(emu)
    savings, spending = (create_account(emu, owner, friendlyName=name)["id"] for name in ("savings", "spending"))
    deposit(emu, savings, 500)
    executed = transfer(emu, owner, savings, spending, 100).body
    waiting = transfer(emu, owner, savings, spending, 100,
                       scheduledTimestamp=str(now_ms(emu) + 60_000)).body
    return owner, "/transfers", "transfer", executed, waiting


@pytest.mark.parametrize("made", [sends_one_executed_one_waiting, transfers_one_executed_one_waiting,
                                  wires_one_executed_one_waiting],
                         ids=["sends", "transfers", "outgoing_wire_transfers"])
def test_the_list_keeps_what_was_executed_within_the_bounds(emu, made):
    owner, path, key, executed, waiting = made(emu)
    at = int(executed["executionTimestamp"])
    assert "executionTimestamp" not in waiting
    assert set(listed_ids(emu, owner, path, key, "")) == {executed["id"], waiting["id"]}
    assert listed_ids(emu, owner, path, key, f"executedFrom={at}&executedTo={at}") == [executed["id"]]
    assert listed_ids(emu, owner, path, key, f"executedFrom={at + 1}") == []
    assert listed_ids(emu, owner, path, key, f"executedTo={at - 1}") == []
