"""The gate shows the operations Weavr documents without a schema (the deprecated bulk ones) as "documented, no
schema published", in every format, with whether the last suite run called them; they never fail the gate."""
from __future__ import annotations

import json
import shutil

import pytest
from spec_helpers import REPO

from support.spec.__main__ import main

TAG = "documented, no schema published"
DOCUMENTED_ONLY = [("POST", "/outgoing_wire_transfers/bulk/cancel"), ("POST", "/outgoing_wire_transfers/bulk/create"),
                   ("POST", "/sends/bulk/cancel"), ("POST", "/sends/bulk/create")]


@pytest.fixture
def committed(tmp_path):
    """The committed multi contract, and a coverage report in which every operation but one documented-only
    operation (POST /sends/bulk/cancel) was called."""
    shutil.copytree(REPO / "schemas" / "multi", tmp_path / "multi")
    index = json.loads((tmp_path / "multi" / "operations.json").read_text(encoding="utf-8"))
    rows = [{"method": op["method"], "path": op["path"], "called": True} for op in index["operations"]
            if op["kind"] == "path"]
    rows += [{"method": m, "path": p, "called": p != "/sends/bulk/cancel", "documentedOnly": True}
             for m, p in DOCUMENTED_ONLY]
    coverage = tmp_path / "operations.json"
    coverage.write_text(json.dumps({"spec": {}, "operations": rows}), encoding="utf-8")
    return tmp_path / "multi", coverage


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def test_diff_lists_them_in_text_markdown_and_json(committed, capsys):
    folder, _ = committed
    _, text = run(capsys, "diff", folder, folder)
    assert f"{TAG.upper()} (4)" in text
    for method, path in DOCUMENTED_ONLY:
        assert f"  {method} {path}" in text
    assert "  POST /sends/bulk/create (deprecated)" in text
    _, markdown = run(capsys, "diff", folder, folder, "--format", "markdown")
    assert f"<b>{TAG.capitalize()}</b>: 4 operations" in markdown
    assert "| POST | `/sends/bulk/create` |" in markdown
    _, as_json = run(capsys, "diff", folder, folder, "--format", "json")
    listed = json.loads(as_json)["documentedOnly"]
    assert [(op["method"], op["path"]) for op in listed] == DOCUMENTED_ONLY
    assert {op["status"] for op in listed} == {TAG}


def test_check_says_which_ones_the_last_run_called_and_passes_on_them(committed, capsys):
    folder, coverage = committed
    code, text = run(capsys, "check", folder, "--against", folder, "--coverage", coverage)
    assert code == 0, text
    assert "  POST /sends/bulk/cancel (not called by the last suite run)" in text
    assert "  POST /sends/bulk/create (deprecated, called by the last suite run)" in text
    _, markdown = run(capsys, "check", folder, "--against", folder, "--coverage", coverage, "--format", "markdown")
    assert "| POST | `/sends/bulk/cancel` | Cancel send transactions |  | no |" in markdown
    _, as_json = run(capsys, "check", folder, "--against", folder, "--coverage", coverage, "--format", "json")
    called = {op["path"]: op["called"] for op in json.loads(as_json)["documentedOnly"]}
    assert called == {p: p != "/sends/bulk/cancel" for _, p in DOCUMENTED_ONLY}


def test_one_the_new_description_holds_is_an_ordinary_operation_again(committed, capsys):
    folder, _ = committed
    newer = folder.parent / "newer"
    shutil.copytree(folder, newer)
    index = json.loads((newer / "operations.json").read_text(encoding="utf-8"))
    template = next(op for op in index["operations"] if op["kind"] == "path" and op["method"] == "POST")
    index["operations"].append({**template, "operationId": "sendsBulkCreate", "path": "/sends/bulk/create"})
    (newer / "operations.json").write_text(json.dumps(index), encoding="utf-8")
    (newer / "documented.json").unlink()
    _, as_json = run(capsys, "diff", folder, newer, "--format", "json")
    assert [op["path"] for op in json.loads(as_json)["documentedOnly"]] == [
        "/outgoing_wire_transfers/bulk/cancel", "/outgoing_wire_transfers/bulk/create", "/sends/bulk/cancel"]
