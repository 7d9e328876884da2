"""Running a recording's scenarios again, by node id, against the embedded emulator (plain: no variation, no
settings of the recorded run), recording the exchanges the same way."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Settings a replay keeps from the caller's environment; every other WEAVR_* (the sandbox's keys, profile ids,
# base URL, a variation seed) would point the replay elsewhere than the plain embedded emulator.
KEPT = ("WEAVR_TIMEOUT_SECONDS",)


def scenarios(exchanges: list[dict]) -> list[str]:
    """The recorded scenarios' node ids, in the order they first called."""
    seen = {}
    for exchange in exchanges:
        seen.setdefault(exchange["scenario"], None)
    return [scenario for scenario in seen if scenario]


def replay(nodeids: list[str], where: Path, workers: str = "2", extra_args: tuple = ()) -> int:
    """Run the scenarios against a suite-started emulator; its exchanges land in `where`. The pytest status."""
    where.mkdir(parents=True, exist_ok=True)
    empty_env = where / "no-settings.env"
    empty_env.write_text("# a replay reads no .env: the embedded emulator's own programme only\n", encoding="utf-8")
    # Nor may the replay pass for a worker of an outer run (a test that replays from inside pytest-xdist).
    env = {k: v for k, v in os.environ.items()
           if (not k.startswith("WEAVR_") or k in KEPT) and not k.startswith("PYTEST_XDIST")}
    env.update({"WEAVR_TARGET": "emulator", "WEAVR_PARITY_RECORD": "1", "WEAVR_PARITY_DIR": str(where),
                "WEAVR_REPORTS_DIR": str(where / "reports"), "WEAVR_ENV_FILE": str(empty_env)})
    command = [sys.executable, "-m", "pytest", *nodeids, "-p", "no:randomly", "-q", "--tb=no", "-n", str(workers),
               "--alluredir", str(where / "reports" / "allure-results"), *extra_args]
    with (where / "replay.log").open("w", encoding="utf-8") as log:
        return subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
