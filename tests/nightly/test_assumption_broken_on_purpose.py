"""An emulator that names a missing field's error word otherwise (HAS_TEXT, a word the description lists,
instead of the emulator's REQUIRED): strict fails the scenarios that check the word, naming the choice;
report passes them and lists each divergence, in the console, reports/assumptions.* and Allure. The report
run also shows that every identity created carries the run's id."""
from __future__ import annotations

import json
import re

import pytest

from support.allure_files import CATEGORIES

from .stranger import StrangerEmulator, run_suite

OTHER_WORD = "import emulator.validation as v\nv.ERROR_WORDS['required'] = 'HAS_TEXT'"
FEATURE = "features/identities/corporates.feature"
CHOICE = "input.md#the-error-word-of-an-invalid-field"


@pytest.fixture(scope="module")
def emulator(tmp_path_factory):
    emulator = StrangerEmulator(tmp_path_factory.mktemp("other-word"), patch=OTHER_WORD)
    yield emulator
    emulator.stop()


def _run(emulator, folder, mode=None):
    extra = {"WEAVR_CALLS_PER_MINUTE": "off", "WEAVR_RUN_ID": "broken-word"}
    if mode:
        extra["WEAVR_ASSUMPTIONS"] = mode
    reports = folder / "reports"
    run, _ = run_suite(emulator, reports, [FEATURE, "-n", "0", "-q", "-p", "no:randomly",
                                           f"--alluredir={reports / 'allure-results'}"], extra, timeout=600)
    return run, reports


def test_strict_fails_the_scenarios_that_check_the_word(emulator, tmp_path):
    run, reports = _run(emulator, tmp_path, "strict")
    assert run.returncode == 1, run.stdout[-3000:]
    failed = re.findall(r"^FAILED (\S+)", run.stdout, re.MULTILINE)
    assert failed and all("required" in name.lower() for name in failed), failed
    assert "assumption differs: the error word of the invalid rootUser.email rests on " \
           f"emulator/choices/{CHOICE}: expected REQUIRED, observed HAS_TEXT" in run.stdout
    summary = json.loads((reports / "assumptions.json").read_text())
    assert (summary["assumedFailures"], summary["documentedFailures"]) == (len(failed), 0)


def test_report_passes_and_lists_each_divergence(emulator, tmp_path):
    run, reports = _run(emulator, tmp_path)  # sandbox mode's default: report
    assert run.returncode == 0, run.stdout[-3000:]
    summary = json.loads((reports / "assumptions.json").read_text())
    listed = summary["divergences"]
    assert len(listed) >= 3 and summary["assumedDivergences"] == len(listed)
    assert {(d["choice"], d["expected"], d["observed"]) for d in listed} == {(CHOICE, "REQUIRED", "HAS_TEXT")}
    assert summary["documentedFailures"] == 0
    assert f"0 documented failures, {len(listed)} assumed divergences listed apart" in run.stdout
    assert summary["checks"]["identities"]["assumed"] >= len(listed)
    assert "| identities |" in (reports / "assumptions.md").read_text()
    # Allure: one broken result per divergence, in the category; the scenarios themselves passed.
    results = [json.loads(p.read_text()) for p in (reports / "allure-results").glob("*-result.json")]
    broken = [r for r in results if r["status"] == "broken"]
    category = CATEGORIES[0]
    assert len(broken) == len(listed)
    assert all(re.match(category["messageRegex"], r["statusDetails"]["message"]) for r in broken)
    assert not [r for r in results if r["status"] == "failed"]
    # Hygiene: every identity the run created carries the run's id in its tag.
    tags = []
    for path in (reports / "allure-results").glob("*-attachment.json"):
        request = json.loads(path.read_text()).get("request", {})  # one attachment per call (support/reporting.py)
        if request.get("method") == "POST" and re.search(r"/multi/(corporates|consumers)$", request.get("path", "")):
            tags.append(request.get("body", {}).get("tag"))
    assert len(tags) >= 10, tags
    assert all(re.fullmatch(r"qa_broken-word_[0-9a-f]{8}", str(tag)) for tag in tags), tags

