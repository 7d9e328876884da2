"""Instrument flows: an identity's managed account, and funds put on it through the Simulator.

Plain functions (no step decorators), so any step module may import them. Amounts are in minor
units, as the API has them (1000 EUR here is EUR 10.00).
"""
from __future__ import annotations

from . import flows
from .context import Actor


def account_body(ctx, currency: str = "EUR", **overrides) -> dict:
    """A managed account create request on the programme's managed accounts profile."""
    body = {"profileId": ctx.target.settings.profile("managedAccounts"), "friendlyName": "Suite account",
            "currency": currency}
    body.update(overrides)
    return body


def create_account(ctx, actor: Actor, currency: str = "EUR") -> str:
    """Create a managed account as the actor (stepping their token up if the target asks for it);
    the account's id is kept as the actor's `account` (`${corporate.account}`)."""
    body = account_body(ctx, currency)
    response = ctx.call("POST", "/managed_accounts", as_actor=actor, json=body)
    if response.status == 403 and (response.body or {}).get("errorCode") == "STEP_UP_REQUIRED":
        flows.step_up(ctx, actor)
        response = ctx.call("POST", "/managed_accounts", as_actor=actor, json=body)
    flows.expect(response, 200, f"creating the {actor.role}'s managed account")
    actor.details["account"] = response.body["id"]
    return response.body["id"]


def account_of(actor: Actor) -> str:
    try:
        return actor.details["account"]
    except KeyError:
        raise AssertionError(f"the {actor.role} has no managed account in this scenario yet") from None


def deposit(ctx, account_id: str, amount: int, currency: str):
    """The Simulator's incoming wire transfer to the account; the answer is kept for Then steps."""
    return ctx.simulate("POST", f"/accounts/{account_id}/deposit",
                        json={"depositAmount": {"currency": currency, "amount": amount}})


def fund(ctx, actor: Actor, amount: int, currency: str) -> None:
    response = flows.expect(deposit(ctx, account_of(actor), amount, currency), 200,
                            f"depositing to the {actor.role}'s managed account")
    assert response.body.get("code") == "COMPLETED", f"the deposit was not completed: {response.body}"


def read_account(ctx, actor: Actor) -> dict:
    return flows.expect(ctx.call("GET", f"/managed_accounts/{account_of(actor)}", as_actor=actor), 200,
                        f"reading the {actor.role}'s managed account").body


def charge_fee(ctx, actor: Actor, fee_type: str, account_id: str):
    """Charge a custom fee to the actor's identity, deducted from the account; the answer is kept."""
    area = flows.identity_area(actor)
    return ctx.call("POST", f"/{area}/fees/charge", as_actor=actor,
                    json={"feeType": fee_type, "source": {"type": "managed_accounts", "id": account_id}})
