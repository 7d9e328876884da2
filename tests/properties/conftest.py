"""One emulator process for the property tests, started on a free loopback port the first time a test
asks for it and stopped at the end of the session; the machine reaches it over HTTP only."""
from __future__ import annotations

from pathlib import Path

import pytest

from support.emulator_process import EmulatorProcess

LOGS = Path(__file__).resolve().parents[2] / "reports" / "logs"


@pytest.fixture(scope="session")
def emulator_url():
    process = EmulatorProcess(LOGS)
    try:
        yield process.start()
    finally:
        process.stop()
