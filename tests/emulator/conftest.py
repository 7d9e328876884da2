import pytest

from schemas import load_contract

from .helpers import Emu

WEBHOOKS = load_contract("webhooks")


@pytest.fixture
def emu():
    emulator = Emu()
    yield emulator
    # Whatever a test did, no money was created or lost and no balance left its bounds.
    emulator.app.world.ledger.check()
    # Every event it caused is one the webhooks description names, shaped as that webhook's body.
    for event in emulator.app.world.outbox.listed():
        assert event.type in WEBHOOKS.by_id, f"event {event.type} is no webhook of the description"
        schema = WEBHOOKS.by_id[event.type].body_schema()
        problems = [f"{e.pointer or '/'}: {e.message}" for e in WEBHOOKS.validate(schema, event.payload)]
        assert not problems, f"{event.type} event breaks its schema: {problems[:3]}"
