"""The emulator's own tests drive behaviour through its HTTP surface (the Multi and Simulator APIs and the
control plane: clock, events, factors, state), as a client would, so a test keeps passing while an area's
insides change shape. A test reads the emulator's internals (`emu.app.world...`) only where that is its point
(the ledger's invariants, the indexes, the services' protocol) or where no HTTP surface shows the state, and
says why beside the read.

The counts below are lines that reach `world` in each test file: they may only shrink. A file that reads less
than its count should lower it here; a new test file starts at 0.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests" / "emulator"
READS = re.compile(r"\.world\b|\bworld\.")
# Helpers the suite's one API driver is replacing (another line of work owns them): not counted here.
DRIVER_HELPERS = {"helpers.py", "cards_helpers.py", "send_helpers.py", "confirmation_helpers.py"}
KNOWN_READS = {
    "conftest.py": 2,
    "test_auth.py": 3,
    "test_beneficiaries.py": 1,
    "test_card_forwarding.py": 3,
    "test_card_purchases.py": 20,
    "test_confirmations.py": 1,
    "test_control.py": 6,
    "test_idempotency.py": 1,
    "test_identities.py": 7,
    "test_linked_accounts.py": 1,
    "test_listing_indexes.py": 9,
    "test_managed_accounts.py": 4,
    "test_managed_accounts_lifecycle.py": 5,
    "test_managed_cards.py": 11,
    "test_managed_cards_physical.py": 3,
    "test_outbox.py": 2,
    "test_scheduler.py": 3,
    "test_sends.py": 1,
    "test_services.py": 25,
    "test_transfers.py": 6,
    "test_users.py": 2,
    "test_variation.py": 1,
    "test_webhooks.py": 2,
}


def internal_reads(source: str) -> int:
    return sum(1 for line in source.splitlines() if READS.search(line))


def test_emulator_tests_read_internals_no_more_than_before():
    grown = {}
    for module in sorted(TESTS.glob("*.py")):
        if module.name in DRIVER_HELPERS:
            continue
        found, allowed = internal_reads(module.read_text(encoding="utf-8")), KNOWN_READS.get(module.name, 0)
        if found > allowed:
            grown[module.name] = f"{found} > {allowed}"
    assert not grown, f"tests reading the emulator's internals more (drive it over HTTP instead): {grown}"


def test_the_count_sees_what_it_counts():
    sample = "a = emu.app.world.ledger\nworld.clock.advance(1)\nemu.call('GET', '/x')\nnew_world = 1\n"
    assert internal_reads(sample) == 2
