"""The scenario context's names: resources, actors and values share one namespace; `${...}` reaches
them by dotted paths; a wrong name says which names exist."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from steps.context import Actor, ScenarioContext
from support.config import Settings


def context() -> ScenarioContext:
    settings = Settings(target="emulator", base_url="http://127.0.0.1:1", profiles={"managedAccounts": "111"})
    ctx = ScenarioContext(SimpleNamespace(settings=settings))
    ctx.actors["corporate"] = Actor(role="corporate", identity_id="42", email="c@example.com")
    return ctx


def test_two_named_accounts_of_one_actor_are_both_kept():
    ctx = context()
    owner = ctx.actor("corporate")
    ctx.remember_resource("savings", "managed_accounts", owner, {"id": "1", "balances": {"availableBalance": 500}})
    ctx.remember_resource("spending", "managed_accounts", owner, {"id": "2", "balances": {"availableBalance": 0}})
    assert ctx.fill("${savings.id}/${spending.id}") == "1/2"
    assert ctx.lookup("savings.balances.availableBalance") == 500
    assert ctx.resource("spending").path == "/managed_accounts/2"
    assert ctx.resource("savings").owner == "corporate"


def test_a_name_means_one_thing():
    ctx = context()
    owner = ctx.actor("corporate")
    ctx.remember_resource("savings", "managed_accounts", owner, {"id": "1"})
    with pytest.raises(AssertionError, match="already names a resource"):
        ctx.remember("savings", "x")
    with pytest.raises(AssertionError, match="already names an actor"):
        ctx.remember_resource("corporate", "managed_accounts", owner, {"id": "2"})
    with pytest.raises(AssertionError, match="already names a resource"):
        ctx.remember_resource("savings", "managed_accounts", owner, {"id": "3"})


def test_an_unknown_resource_lists_those_named():
    ctx = context()
    ctx.remember_resource("savings", "managed_accounts", ctx.actor("corporate"), {"id": "1"})
    with pytest.raises(AssertionError, match=r"'travel'.*'savings' \(managed_accounts of the corporate\)"):
        ctx.resource("travel")
    with pytest.raises(AssertionError, match="no managed_cards named 'savings'"):
        ctx.resource("savings", "managed_cards")


def test_a_missing_field_of_a_resource_names_the_resource():
    ctx = context()
    ctx.remember_resource("savings", "managed_accounts", ctx.actor("corporate"), {"id": "1", "balances": {}})
    with pytest.raises(AssertionError, match="'savings' managed_accounts as last read has no 'balances.actualBalance'"):
        ctx.lookup("savings.balances.actualBalance")


def test_a_wrong_profile_key_lists_the_keys():
    ctx = context()
    assert ctx.lookup("profile.managedAccounts") == "111"
    with pytest.raises(AssertionError, match="no profile key 'nope'; the keys are corporate, consumer, managedAccounts"):
        ctx.lookup("profile.nope")


def test_an_actor_attribute_that_does_not_exist_lists_those_that_do():
    ctx = context()
    assert ctx.lookup("corporate.email") == "c@example.com"
    with pytest.raises(AssertionError, match="the corporate has no 'account'; it has id, identity id"):
        ctx.lookup("corporate.account")


def test_a_named_resource_is_read_only_where_its_answer_declares():
    from schemas import load_contract
    from support.client import ApiResponse
    from support.declared_fields import UndeclaredField

    ctx = context()
    body = {"id": "7", "profileId": "1", "name": "n", "country": "DE", "state": {"state": "ACTIVE"}}
    ctx.last = ctx._answered(ApiResponse(200, body, {}, "linkedAccountGet", None, load_contract("multi")))
    ctx.remember_resource("bank", "linked_accounts", ctx.actor("corporate"), body)
    assert ctx.fill("${bank.id} ${bank.state.state}") == "7 ACTIVE"
    with pytest.raises(UndeclaredField, match=r"^linkedAccountGet 200 does not declare the field 'nam' .*"
                                              r"nearest declared: name,"):
        ctx.lookup("bank.nam")
    # A body the scenario built itself, not an answer, has no operation to check against.
    ctx.remember_resource("own", "linked_accounts", ctx.actor("corporate"), {"id": "8"})
    with pytest.raises(AssertionError, match="has no 'nam'"):
        ctx.lookup("own.nam")


def test_a_call_is_named_in_the_scenarios_words():
    ctx = context()
    owner = ctx.actor("corporate")
    ctx.remember_resource("rent", "sends", owner, {"id": "123"})
    ctx.remember_resource("savings", "managed_accounts", owner, {"id": "7"})
    assert ctx.named_in("/sends/123/cancel") == "send 'rent' (id 123)"
    assert ctx.named_in("/transfers", {"source": {"id": "7"}}) == "managed account 'savings' (id 7)"
    assert ctx.named_in("/sends") == ""
