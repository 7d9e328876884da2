"""Helpers for the spec tool tests: made-up descriptions, and the real ones when they sit beside the repo.

A uniquely named module rather than conftest.py, so that no other conftest shadows it on import.
"""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
import yaml

from support.spec.diff import diff
from support.spec.normalise import side_from_source
from support.spec.source import SpecSource

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
REPO = HERE.parents[1]
# Weavr's files never enter the repository; CI keeps them beside it.
SHARED_SPECS = Path(os.environ.get("WEAVR_SPECS_DIR", REPO.parent / "shared" / "specs"))

_BASE = yaml.safe_load((FIXTURES / "base.yaml").read_text(encoding="utf-8"))


def fixture_doc(name: str = "base") -> dict:
    if name == "base":
        return copy.deepcopy(_BASE)
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


def side(doc: dict, name: str = "fixture.yaml"):
    raw = json.dumps(doc).encode()
    return side_from_source(SpecSource(name=name, raw=raw, document=doc))


def diff_docs(old: dict, new: dict):
    return diff(side(old, "old.yaml"), side(new, "new.yaml"))


def write_doc(doc: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def real_spec(name: str) -> Path:
    path = SHARED_SPECS / name
    if not path.is_file():
        pytest.skip(f"{name} not found in {SHARED_SPECS} (set WEAVR_SPECS_DIR to the folder holding Weavr's specs)")
    return path
