"""A feature's tag missing from pytest.ini is found with its files and named in one warning line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.tags import unregistered, warning_text

from .. import HANG_GUARD_SECONDS

ROOT = Path(__file__).resolve().parents[2]


def test_unregistered_tags_are_found_with_their_files(tmp_path):
    (tmp_path / "a.feature").write_text("@cards @brand_new\nFeature: a\n  @smoke @other # a comment @not_a_tag\n"
                                        "  Scenario: s\n    Given x\n")
    (tmp_path / "b.feature").write_text("Feature: b\n  @brand_new\n  Scenario: s\n    Given x\n")
    found = unregistered([tmp_path], ["cards: cards", "smoke(reason): thin slice"])
    assert {tag: [p.name for p in files] for tag, files in found.items()} == {
        "brand_new": ["a.feature", "b.feature"], "other": ["a.feature"]}
    line = warning_text(found, tmp_path)
    assert "@brand_new in a.feature, b.feature" in line and "pytest.ini" in line


def test_every_tag_of_the_suite_is_registered():
    """The suite's own features register every tag: the warning is for a new feature, not a standing list."""
    import configparser

    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini")
    assert unregistered([ROOT / "features"], ini["pytest"]["markers"].strip().splitlines()) == {}


def test_a_run_with_an_unregistered_tag_warns_once_and_runs(tmp_path):
    from .test_reports_leak_nothing import SUITE_CONFTEST

    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "tagged.feature").write_text("@not_registered_yet\nFeature: f\n  @smoke\n  Scenario: s\n"
                                          "    Given a corporate is onboarded and logged in\n")
    (suite / "test_tagged.py").write_text('from pytest_bdd import scenarios\n\nscenarios("tagged.feature")\n')
    (suite / "conftest.py").write_text(SUITE_CONFTEST)
    (suite / "pytest.ini").write_text((ROOT / "pytest.ini").read_text().replace("bdd_features_base_dir = features/\n", ""))
    run = subprocess.run([sys.executable, "-m", "pytest", str(suite), "--collect-only", "-q", "-p", "no:randomly",
                          "-n", "0", "-c", str(suite / "pytest.ini"), "--rootdir", str(suite)],
                         cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS,
                         # Run as a run of its own, not as an xdist worker of this one (a worker never warns).
                         env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")})
    console = run.stdout + run.stderr
    assert run.returncode == 0 and "1 test collected" in console, console[-2000:]
    assert console.count("@not_registered_yet in") == 1, console[-2000:]
