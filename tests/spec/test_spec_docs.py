"""The rule table in the docs and the CI examples stay in step with the code."""
from __future__ import annotations

import re

import yaml
from spec_helpers import REPO

from support.spec.rules import RULES


def test_the_rule_table_lists_every_rule_at_its_level():
    text = (REPO / "docs" / "release-gate.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z-]+)` \| (ERR|WARN|INFO) \|", text, flags=re.M))
    assert documented == {rule: level for rule, (level, _) in RULES.items()}


def test_ci_examples_are_workflows_using_the_make_targets():
    nightly = (REPO / "ci-examples" / "nightly-sandbox.yml").read_text(encoding="utf-8")
    gate = (REPO / "ci-examples" / "spec-gate.yml").read_text(encoding="utf-8")
    for text in (nightly, gate):
        assert "jobs" in yaml.safe_load(text)
    assert "run: make e2e" in nightly and "WEAVR_TARGET: sandbox" in nightly
    for name in ("WEAVR_BASE_URL", "WEAVR_API_KEY", "WEAVR_PROGRAMME_KEY", "WEAVR_CORPORATE_PROFILE_ID",
                 "WEAVR_CONSUMER_PROFILE_ID", "WEAVR_MANAGED_ACCOUNTS_PROFILE_ID", "WEAVR_MANAGED_CARDS_PROFILE_ID",
                 "WEAVR_TRANSFERS_PROFILE_ID", "WEAVR_SENDS_PROFILE_ID", "WEAVR_OUTGOING_WIRE_TRANSFERS_PROFILE_ID"):
        assert f"{name}: ${{{{ secrets.{name} }}}}" in nightly
    assert "reports/allure-report/history" in nightly
    assert "run: make e2e" in gate and 'make spec-check SPEC="$SPEC"' in gate
