"""After a real run of the thin slice, nothing under the reports holds a secret value."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import requests

from support.emulator_process import EmulatorProcess, fetch_programme
from support.masking import MASK, _is_secret_key

ROOT = Path(__file__).resolve().parents[2]


def _secret_fields(node, path=""):
    """Secret-named fields whose value is not masked."""
    if isinstance(node, dict):
        for key, value in node.items():
            if _is_secret_key(key) or key.lower() in ("api-key", "authorization", "programme-key"):
                leaves = [value] if not isinstance(value, (dict, list)) else list(_leaves(value))
                if any(leaf not in (MASK, None, "") for leaf in leaves):
                    yield f"{path}/{key}"
            else:
                yield from _secret_fields(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _secret_fields(value, f"{path}/{index}")


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


def test_a_real_run_leaves_no_secret_under_reports(tmp_path):
    emulator = EmulatorProcess(tmp_path / "logs")
    base = emulator.start()
    try:
        reports = tmp_path / "reports"
        env = {**os.environ, "WEAVR_BASE_URL": base, "WEAVR_TARGET": "emulator", "WEAVR_REPORTS_DIR": str(reports)}
        env.pop("PYTEST_XDIST_WORKER", None)
        run = subprocess.run([sys.executable, "-m", "pytest", "features", "-m", "smoke", "-q",
                              "-p", "no:randomly", "-n", "0", f"--alluredir={reports / 'allure-results'}"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
        programme = fetch_programme(base)
        state = requests.get(f"{base}/_emulator/state", timeout=10).json()
    finally:
        emulator.stop()

    secrets = {programme["apiKey"], programme["programmeKey"]} | {s["token"] for s in state["sessions"]}
    assert len(secrets) > 2, "the run should have left open sessions to look for"
    files = [p for p in reports.rglob("*") if p.is_file()]
    attachments = [p for p in files if p.name.endswith("-attachment.json")]
    assert attachments, "the run attached no request or response"
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        leaked = [s[:6] + "…" for s in secrets if s in text]
        assert not leaked, f"{path.name} holds secret values starting {leaked}"
    checked = 0
    for path in attachments:
        data = json.loads(path.read_text(encoding="utf-8"))
        unmasked = list(_secret_fields(data))
        assert not unmasked, f"{path.name} has unmasked secret fields {unmasked}"
        checked += 1
    assert checked >= 10
