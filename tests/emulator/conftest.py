import pytest

from .helpers import Emu


@pytest.fixture
def emu():
    emulator = Emu()
    yield emulator
    # Whatever a test did, no money was created or lost and no balance left its bounds.
    emulator.app.world.ledger.check()
