import pytest

from .helpers import Emu


@pytest.fixture
def emu():
    return Emu()
