"""The gate reads the last full run's coverage; a partial run (make e2e FEATURES=...) writes apart and, when it
is the only run recorded, makes the gate say the coverage is partial instead of failing on it."""
from __future__ import annotations

import json
import os

from support.spec.__main__ import _coverage_to_read


def _write(path, partial: bool, mtime: int):
    path.parent.mkdir(parents=True, exist_ok=True)
    run = {"partial": partial, "selection": "features/managed_cards" if partial else "the whole suite"}
    path.write_text(json.dumps({"run": run, "operations": []}))
    os.utime(path, (mtime, mtime))


def test_only_a_partial_run_makes_the_coverage_partial(tmp_path):
    full, partial = tmp_path / "operations.json", tmp_path / "partial" / "operations.json"
    _write(partial, True, 2000)
    read, note, is_partial = _coverage_to_read(full)
    assert read == partial and is_partial
    assert "coverage is partial" in note and "features/managed_cards" in note


def test_a_later_partial_run_leaves_the_full_runs_coverage_to_the_gate(tmp_path):
    full, partial = tmp_path / "operations.json", tmp_path / "partial" / "operations.json"
    _write(full, False, 1000)
    _write(partial, True, 2000)
    read, note, is_partial = _coverage_to_read(full)
    assert read == full and not is_partial
    assert "later partial run (features/managed_cards)" in note


def test_a_full_run_alone_is_read_as_it_is(tmp_path):
    full = tmp_path / "operations.json"
    _write(full, False, 1000)
    assert _coverage_to_read(full) == (full, None, False)


def test_a_coverage_file_recorded_by_a_partial_run_is_partial_wherever_it_lies(tmp_path):
    given = tmp_path / "elsewhere.json"
    _write(given, True, 1000)
    read, note, is_partial = _coverage_to_read(given)
    assert read == given and is_partial and "features/managed_cards" in note
