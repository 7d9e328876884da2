"""Every step shows a working example, and docs/steps.md is the catalogue of the steps as they are."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.step_catalogue import STEPS, render, steps_of

ROOT = Path(__file__).resolve().parents[2]
ALL_STEPS = [(module.stem, step) for module in sorted(STEPS.glob("*_steps.py")) for step in steps_of(module)]


@pytest.mark.parametrize("module,step", ALL_STEPS, ids=[f"{m}:{s['function']}" for m, s in ALL_STEPS])
def test_each_step_has_an_example_its_own_pattern_accepts(module, step):
    keyword, _, text = step["example"].partition(" ")
    assert keyword in ("Given", "When", "Then", "And", "But"), f"{step['function']}: docstring must start with an example step"
    assert any(re.fullmatch(regex.lstrip("^").rstrip("$"), text) for regex in step["regexes"]), \
        f"{step['function']}: its example {text!r} does not match its patterns {step['regexes']}"


def test_no_two_steps_share_a_pattern():
    seen = {}
    for module, step in ALL_STEPS:
        for regex in step["regexes"]:
            assert regex not in seen, f"{step['function']} repeats the pattern of {seen.get(regex)}"
            seen[regex] = f"{module}.{step['function']}"


def test_docs_steps_md_is_current():
    assert (ROOT / "docs" / "steps.md").read_text(encoding="utf-8") == render(), \
        "docs/steps.md is stale: run `make steps-doc`"
