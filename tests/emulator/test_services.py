"""The services between areas: identities (owner of a token, due diligence, users, name) and instruments
(resolve for an owner, state, money on the ledger)."""
from __future__ import annotations

import pytest

from emulator.ledger import FundsInsufficient, UnknownInstrument
from emulator.services import NotOwner, Owner

from .test_managed_accounts import consumer, create_account, verified_corporate


def test_identities_answer_owner_due_diligence_users_and_name(emu):
    world = emu.app.world
    corporate = emu.corporate()
    owner = Owner("CORPORATE", corporate["id"])
    assert world.identities.owner_of_token(corporate["token"]) == owner
    assert world.identities.owner_of_token("made-up") is None
    assert world.identities.exists(owner) and not world.identities.exists(Owner("CONSUMER", corporate["id"]))
    assert not world.identities.is_due_diligence_approved(owner)
    emu.simulate("POST", f"/corporates/{corporate['id']}/verify")
    assert world.identities.is_due_diligence_approved(owner)
    assert world.identities.users_of(owner) == [corporate["id"]]
    assert world.identities.name(owner) == "Acme"
    assert world.identities.profile_id(owner) == emu.programme["profiles"]["corporate"]
    mine = consumer(emu)
    assert world.identities.name(Owner("CONSUMER", mine["id"])) == "Mia Vella"


def test_instruments_resolve_for_their_owner_only(emu):
    world = emu.app.world
    corporate = verified_corporate(emu)
    account = create_account(emu, corporate)
    owner, stranger = Owner("CORPORATE", corporate["id"]), Owner("CORPORATE", "1")
    key = world.instruments.resolve(("managed_accounts", account["id"]), owner)
    assert key == ("managed_accounts", account["id"])
    assert world.instruments.state(key) == "ACTIVE" and world.instruments.currency(key) == "EUR"
    with pytest.raises(NotOwner):
        world.instruments.resolve(key, stranger)
    with pytest.raises(UnknownInstrument):
        world.instruments.resolve(("managed_accounts", "404"))
    with pytest.raises(UnknownInstrument):
        world.instruments.resolve(("managed_cards", account["id"]))


def test_instruments_move_money_on_the_ledger_and_the_account_reads_it(emu):
    world = emu.app.world
    corporate = verified_corporate(emu)
    first, second = create_account(emu, corporate), create_account(emu, corporate)
    a, b = ("managed_accounts", first["id"]), ("managed_accounts", second["id"])
    world.instruments.credit(a, 1000, ("incoming_wire_transfers", "1"))
    world.instruments.transfer(a, b, 300, ("transfers", "2"))
    hold = world.instruments.hold(a, 200, ("card_payments", "3"))
    with pytest.raises(FundsInsufficient):
        world.instruments.debit(a, 501, ("fees", "4"))
    world.instruments.release(hold)
    world.instruments.settle(world.instruments.hold(b, 100, ("transfers", "5")), destination=a)
    got = emu.call("GET", f"/managed_accounts/{first['id']}", token=corporate["token"]).body["balances"]
    assert got == {"availableBalance": 800, "actualBalance": 800}
    assert world.instruments.balance(b).actual == 200
    world.ledger.check()
