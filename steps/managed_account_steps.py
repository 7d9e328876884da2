"""Domain steps for instruments: named managed accounts, Simulator deposits, fee charges, balances.

An identity holds any number of managed accounts, each under its own name; funds reach them through
the Simulator, fee charges are deducted from them and their balances are read back.

Amounts are in minor units, as the API has them: "1000 EUR" is EUR 10.00. An account is named by
the step that creates it (`"savings"`); later steps use `${savings.id}` or any field of its last
read body (`${savings.balances.availableBalance}`).
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from support.grounding import assumed

from . import flows, managed_account_flows
from .grammar import MONEY, NAME, ROLE


@given(parsers.re(rf"the {ROLE} has a managed account {NAME}(?: with {MONEY})?$"))
def has_managed_account(ctx, role, name, amount, currency):
    """Given the corporate has a managed account "savings" with 1000 EUR

    Creates a managed account named in the scenario (the identity must be verified), in the amount's currency (EUR without one); unless the amount is absent or 0, deposits it through the Simulator.
    """
    actor = ctx.actor(role)
    account = managed_account_flows.create_account(ctx, actor, name, currency or "EUR")
    if amount and int(amount):
        managed_account_flows.fund(ctx, account, int(amount), currency)


@when(parsers.re(rf"the simulator deposits {MONEY} into the managed account {NAME}$"))
def simulator_deposits(ctx, amount, currency, name):
    """When the simulator deposits 500 GBP into the managed account "savings"

    Calls the Simulator's deposit by account id; the answer (its `code`) is kept for Then steps.
    """
    managed_account_flows.deposit(ctx, ctx.resource(name, "managed_accounts"), int(amount), currency)


@when(parsers.re(rf'the {ROLE} is charged the "(?P<fee_type>[\w-]+)" fee from the managed account {NAME}$'))
def charged_fee(ctx, role, fee_type, name):
    """When the corporate is charged the "SETUP_FEE" fee from the managed account "savings"

    Charges the custom fee to the role's identity, deducted from the named account (its own or another's); the answer is kept.
    """
    managed_account_flows.charge_fee(ctx, ctx.actor(role), fee_type, ctx.resource(name, "managed_accounts"))


@then(parsers.re(rf"the managed account {NAME} holds {MONEY}$"))
def account_holds(ctx, name, amount, currency):
    """Then the managed account "savings" holds 900 EUR

    Reads the account back as its owner: its currency, and both its available and actual balance, equal the amount.
    """
    account = ctx.resource(name, "managed_accounts")
    body = flows.expect(flows.read_resource(ctx, account), 200, f"reading the managed account {name!r}").body
    balances = body["balances"]
    assert body["currency"] == currency, f"the account {name!r} is in {body['currency']}, expected {currency}"
    held = (balances.get("availableBalance"), balances.get("actualBalance"))
    message = f"the account {name!r} has balances {balances}, expected {amount} available and actual"
    if account.id not in ctx.values.get(managed_account_flows.FEE_SOURCES, ()):
        assert held == (int(amount), int(amount)), message
        return
    # A custom fee left this account: what it holds now rests on the programme's price of the fee.
    with assumed("identities.md#custom-fees", what=f"the balance of {name!r} after a custom fee",
                 expected=int(amount), observed=balances):
        assert held == (int(amount), int(amount)), message


@then(parsers.re(r'the deprecated statement of "(?P<name>[\w -]+)" shows the entries of its statement$'))
def deprecated_statement_matches(ctx, name):
    """Then the deprecated statement of "savings" shows the entries of its statement

    Reads both statements of any named instrument whole, oldest first: the statement replays to its balance, and the deprecated one lists the same entries (transaction, COMPLETED, time, actual adjustment and balance after, all in the instrument's currency), its available balance replays from 0, it counts what it lists, and it starts at 0 and ends at the statement's closing balance.
    """
    managed_account_flows.deprecated_statement_matches(ctx, ctx.resource(name))
