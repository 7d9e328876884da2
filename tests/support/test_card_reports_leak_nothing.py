"""After a real run of card scenarios (tokens for card number and CVV, a PIN read, activation codes sent),
nothing under the reports holds a card secret."""
from __future__ import annotations

import json
import subprocess
import sys

import requests

from support.masking import MASK

from .. import HANG_GUARD_SECONDS
from .test_reports_leak_nothing import (
    ROOT,
    _assert_no_secret_in,
    _environment,
    _leaves,
    _secret_fields,
    emulator,  # noqa: F401  (emulator is a fixture)
)

# Named here, not taken from the masker, so a masker that forgets one of them fails this test.
CARD_SECRETS = ("cardNumber", "cvv", "pin", "activationCode")
CARD_SCENARIOS = "lost_card_is_replaced or pin_is_read or creates_a_prepaid_card"


def _card_tokens(base: str) -> set:
    state = requests.get(f"{base}/_emulator/state", timeout=10).json()
    cards = state["areas"]["managed_cards"]["managedCards"]
    assert cards, "the run should have created cards"
    # The 3-character CVV token is too short to search free text for; its field is checked masked instead.
    return {card["card_number_token"] for card in cards}


def test_card_scenarios_leave_no_card_secret_under_reports(tmp_path, emulator):
    reports = tmp_path / "reports"
    run = subprocess.run([sys.executable, "-m", "pytest", "features/managed_cards", "-k", CARD_SCENARIOS, "-q",
                          "-p", "no:randomly", "-n", "0", f"--alluredir={reports / 'allure-results'}"],
                         cwd=ROOT, env=_environment(emulator, reports), capture_output=True, text=True,
                         timeout=HANG_GUARD_SECONDS)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "3 passed" in run.stdout, run.stdout[-2000:]
    files = [p for p in reports.rglob("*") if p.is_file()]
    attachments = [p for p in files if p.name.endswith("-attachment.json")]
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in files}
    _assert_no_secret_in(texts, _card_tokens(emulator))
    seen = set()
    for path in attachments:
        data = json.loads(texts[path.name])
        unmasked = list(_secret_fields(data))
        assert not unmasked, f"{path.name} has unmasked secret fields {unmasked}"
        for key, value in _fields(data, CARD_SECRETS):
            seen.add(key)
            assert all(leaf in (MASK, None, "") for leaf in _leaves(value)), f"{path.name} shows its {key}"
    # The run did carry each kind of card secret: the check above had something to find.
    assert seen == set(CARD_SECRETS), seen


def _fields(node, keys):
    """(key, value) of every field named one of `keys`, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys:
                yield key, value
            else:
                yield from _fields(value, keys)
    elif isinstance(node, list):
        for value in node:
            yield from _fields(value, keys)
