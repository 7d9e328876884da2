"""A stand-in resource area for the confirmation challenge model's tests, plugged in as sends, wires and
linked accounts plug theirs."""
from __future__ import annotations

# A resource type that no area of this branch plugs in, so the stand-in takes it.
RESOURCE_TYPE = "correspondent_bank_transfers"


class Resources:
    """A resource area as the confirmations model sees one: ids waiting for a challenge, per owner."""

    def __init__(self):
        self.waiting: dict[str, object] = {}
        self.completed: list[str] = []
        self.failed: list[str] = []

    def awaiting_challenge(self, resource_id, owner) -> bool:
        return self.waiting.get(resource_id) == owner

    def challenge_completed(self, resource_id):
        self.waiting.pop(resource_id)
        self.completed.append(resource_id)

    def challenge_failed(self, resource_id):
        self.waiting.pop(resource_id)
        self.failed.append(resource_id)


def plugged(emu, token: str, *resource_ids: str) -> Resources:
    """The stand-in, plugged into the emulator, holding `resource_ids` waiting for the token's identity."""
    world = emu.app.world
    area = Resources()
    world.area("confirmations").register(RESOURCE_TYPE, area)
    owner = world.identities.owner_of_token(token)
    area.waiting.update({resource_id: owner for resource_id in resource_ids})
    return area
