"""Assumed checks: strict fails naming the choice, report lists them apart; counts per area; the Allure category."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from support import grounding
from support.allure_files import CATEGORIES, write_divergence_result
from support.config import ConfigError, load_settings
from support.grounding import Ledger, assumed, choice_path, closing_line, mode_for, render, summarise

ROOT = Path(__file__).resolve().parents[2]
CHOICE = "input.md#the-error-word-of-an-invalid-field"


def _word_check(ledger, observed):
    with assumed(CHOICE, what="the error word of rootUser.email", expected="REGEX", observed=observed, ledger=ledger):
        assert observed == "REGEX", f"reported with {observed}"


def test_strict_fails_and_names_the_choice():
    ledger = Ledger("strict")
    ledger.begin_scenario("features/identities/corporates.feature::test_x")
    with pytest.raises(AssertionError) as failure:
        _word_check(ledger, "SIZE")
    message = str(failure.value)
    assert message.startswith("assumption differs: the error word of rootUser.email rests on "
                              "emulator/choices/input.md#the-error-word-of-an-invalid-field: expected REGEX, observed SIZE")
    assert "reported with SIZE" in message  # the check's own words follow
    assert [d.mode for d in ledger.divergences] == ["strict"]


def test_report_lists_the_divergence_and_goes_on():
    ledger = Ledger("report")
    ledger.begin_scenario("features/identities/corporates.feature::test_x")
    _word_check(ledger, "SIZE")  # does not raise
    [divergence] = ledger.divergences
    assert (divergence.choice, divergence.expected, divergence.observed, divergence.scenario) == (
        CHOICE, "REGEX", "SIZE", "features/identities/corporates.feature::test_x")


def test_a_passing_assumed_check_records_nothing_in_either_mode():
    for mode in ("strict", "report"):
        ledger = Ledger(mode)
        _word_check(ledger, "REGEX")
        assert ledger.divergences == []


def test_a_documented_check_fails_in_report_mode():
    """Only what is inside the mark is forgiven: the status check before it fails as always."""
    ledger = Ledger("report")
    with pytest.raises(AssertionError, match="expected 400"):
        assert 200 == 400, "expected 400"
        _word_check(ledger, "SIZE")
    # and an error that is not a failed check (a bug in the step) is never swallowed
    with pytest.raises(KeyError):
        with assumed(CHOICE, what="x", ledger=ledger):
            raise KeyError("no field")


def test_a_choice_is_named_by_file_and_heading():
    with pytest.raises(ValueError, match="file.md#heading"):
        with assumed("input.md", what="x", ledger=Ledger()):
            pass


def test_checks_are_counted_per_area_then_steps_and_marks_in_set_up():
    ledger = Ledger("strict")
    ledger.begin_scenario("features/identities/corporates.feature::test_x")
    ledger.begin_step("given")
    _word_check(ledger, "REGEX")  # a read-back's assumed field in a Given: one assumed check
    ledger.end_step()
    ledger.begin_step("then")
    ledger.end_step()  # a Then without marks: documented
    ledger.begin_step("then")
    _word_check(ledger, "REGEX")
    _word_check(ledger, "REGEX")  # one Then step is one check, assumed
    ledger.end_step()
    ledger.begin_scenario("features/sends/sends.feature::test_y")
    ledger.begin_step("then")
    ledger.end_step()
    assert ledger.checks == Counter({("identities", "assumed"): 2, ("identities", "documented"): 1,
                                     ("sends", "documented"): 1})


def test_the_run_summary_counts_each_and_lists_the_divergences(tmp_path):
    first, second = Ledger("report"), Ledger("report")
    first.begin_scenario("features/identities/a.feature::test_a")
    first.begin_step("then")
    _word_check(first, "SIZE")
    first.end_step()
    second.begin_scenario("features/managed_cards/b.feature::test_b")
    second.begin_step("then")
    second.end_step()
    first.save(tmp_path, "gw0")
    second.save(tmp_path, "gw1")
    summary = summarise(tmp_path, Counter({"documented": 2}))
    assert summary["checks"] == {"managed_cards": {"documented": 1, "assumed": 0},
                                 "identities": {"documented": 0, "assumed": 1}}
    assert (summary["documentedFailures"], summary["assumedDivergences"], summary["assumedFailures"]) == (2, 1, 0)
    assert closing_line(summary) == ("2 documented failures, 1 assumed divergences listed apart, "
                                     "0 assumed checks failed (strict)")
    table = render(summary)
    assert "| identities | 0 | 1 |" in table and "| **all** | 1 | 1 |" in table
    assert "emulator/choices/input.md#the-error-word-of-an-invalid-field" in table
    assert summary["choices"] == {CHOICE: 1}
    assert f"| emulator/choices/{CHOICE} | 1 | 1 |" in table


def test_the_category_takes_both_modes_and_nothing_else(tmp_path):
    category = CATEGORIES[0]
    assert category["name"] == "Assumption differs from the sandbox"
    ledger = Ledger("report")
    _word_check(ledger, "SIZE")
    divergence = ledger.divergences[0]
    write_divergence_result(tmp_path, grounding.asdict(divergence), divergence.message())
    [result] = [json.loads(p.read_text()) for p in tmp_path.glob("*-result.json")]
    assert result["status"] in category["matchedStatuses"]
    assert re.match(category["messageRegex"], result["statusDetails"]["message"])
    assert re.match(category["messageRegex"], "AssertionError: " + divergence.message())  # strict: the scenario's
    assert not re.match(category["messageRegex"], "AssertionError: field id is '1', expected '2'")


def test_the_mode_defaults_by_target_and_refuses_other_words(tmp_path):
    env = {"WEAVR_API_KEY": "k", "WEAVR_PROGRAMME_KEY": "p", "WEAVR_CORPORATE_PROFILE_ID": "1",
           "WEAVR_CONSUMER_PROFILE_ID": "2"}
    empty = tmp_path / "empty.env"
    empty.write_text("")
    assert load_settings({}, env_file=empty).assumptions == "strict"
    assert load_settings({**env, "WEAVR_TARGET": "sandbox"}, env_file=empty).assumptions == "report"
    assert load_settings({**env, "WEAVR_TARGET": "sandbox", "WEAVR_ASSUMPTIONS": "STRICT"},
                         env_file=empty).assumptions == "strict"
    assert mode_for("emulator", "report") == "report"
    with pytest.raises(ConfigError, match="WEAVR_ASSUMPTIONS is 'lenient': set it to 'strict'"):
        load_settings({"WEAVR_ASSUMPTIONS": "lenient"}, env_file=empty)


def _choice_references():
    pattern = re.compile(r'"([a-z_]+\.md#[a-z0-9_-]+)"')
    for path in sorted((ROOT / "steps").glob("*.py")):
        for choice in pattern.findall(path.read_text(encoding="utf-8")):
            yield path.name, choice


def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^a-z0-9 _-]", "", heading.strip().lower()).replace(" ", "-")


def test_every_choice_a_step_names_is_a_heading_of_its_file():
    references = list(_choice_references())
    assert len(references) >= 5, references
    for module, choice in references:
        file, anchor = choice.split("#")
        path = ROOT / choice_path(file)
        assert path.is_file(), f"{module} names {choice}: no {choice_path(file)}"
        anchors = {_slug(line.lstrip("#")) for line in path.read_text(encoding="utf-8").splitlines()
                   if line.startswith("#")}
        assert anchor in anchors, f"{module} names {choice}: {file} has no such heading ({sorted(anchors)})"
