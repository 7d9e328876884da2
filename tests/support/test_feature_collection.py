"""A feature runs by its path, and `pytest features` collects each scenario exactly once."""
from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from .. import HANG_GUARD_SECONDS

ROOT = Path(__file__).resolve().parents[2]
ONE = "features/managed_accounts/managed_accounts.feature"


@cache
def collected(*paths: str) -> tuple[str, ...]:
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_XDIST_WORKER"}
    run = subprocess.run([sys.executable, "-m", "pytest", *paths, "--collect-only", "-q", "-p", "no:randomly",
                          "-p", "no:xdist"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return tuple(line for line in run.stdout.splitlines() if "::" in line)


def test_each_scenario_is_collected_once_from_its_feature_file():
    ids = collected("features")
    assert len(ids) == len(set(ids)), "a scenario is collected twice"
    assert all(node.split("::")[0].endswith(".feature") for node in ids), "a scenario bound outside its feature file"
    assert {node.split("::")[0] for node in ids} == {str(p.relative_to(ROOT)) for p in (ROOT / "features").rglob("*.feature")}


def test_a_feature_runs_by_its_path():
    everything = collected("features")
    one = collected(ONE)
    assert one and one == tuple(node for node in everything if node.startswith(ONE + "::"))
