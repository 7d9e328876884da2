"""One list of what a sandbox user sets (support/config.py): README, .env.example and the nightly example
show every one of them, and the suite reads no profile the list leaves out."""
from __future__ import annotations

import re

import pytest
import yaml

from support.config import PROFILE_VARIABLES, SANDBOX_TUNING, SANDBOX_VARIABLES

from .stranger import ROOT

NIGHTLY = ROOT / "ci-examples" / "nightly-sandbox.yml"


@pytest.mark.parametrize("variable", SANDBOX_VARIABLES)
def test_readme_env_example_and_the_nightly_example_show_it(variable):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    nightly = yaml.safe_load(NIGHTLY.read_text(encoding="utf-8"))
    env = nightly["jobs"]["sandbox"]["env"]
    assert f"`{variable}`" in readme, f"README's configuration table does not name {variable}"
    assert re.search(rf"^#? ?{variable}=", example, re.MULTILINE), f".env.example does not show {variable}"
    assert variable in env, f"{NIGHTLY.name} does not set {variable}"


@pytest.mark.parametrize("variable", SANDBOX_TUNING)
def test_readme_and_env_example_show_what_a_run_may_tune(variable):
    assert f"`{variable}`" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^#? ?{variable}=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.MULTILINE)


def test_the_nightly_example_sets_no_variable_the_suite_does_not_read():
    env = yaml.safe_load(NIGHTLY.read_text(encoding="utf-8"))["jobs"]["sandbox"]["env"]
    weavr = {name for name in env if name.startswith("WEAVR_")}
    assert weavr <= set(SANDBOX_VARIABLES) | set(SANDBOX_TUNING), weavr - set(SANDBOX_VARIABLES) - set(SANDBOX_TUNING)


def test_every_profile_the_suite_reads_is_in_the_list():
    used = set()
    for folder in ("features", "steps"):
        for path in (ROOT / folder).rglob("*.*"):
            if path.suffix in (".feature", ".py"):
                text = path.read_text(encoding="utf-8")
                used |= set(re.findall(r"\$\{profile\.(\w+)\}", text)) | set(re.findall(r'profile\("(\w+)"\)', text))
    assert used and used <= set(PROFILE_VARIABLES), used - set(PROFILE_VARIABLES)
