"""Domain steps for instruments: an identity's managed account, funds deposited through the
Simulator, fee charges deducted from it, and its balance read back.

Amounts are in minor units, as the API has them: "1000 EUR" is EUR 10.00. The account created
for a role is `${<role>.account}` in later steps (`${corporate.account}`).
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from . import instrument_flows

ROLE = r"(?P<role>[\w ]+?)"
MONEY = r"(?P<amount>\d+) (?P<currency>[A-Z]{3})"


@given(parsers.re(rf"the {ROLE} has a managed account with {MONEY}$"))
def has_managed_account(ctx, role, amount, currency):
    """Given the corporate has a managed account with 1000 EUR

    Creates a managed account in that currency (the identity must be verified) and, unless the amount is 0, deposits it through the Simulator.
    """
    actor = ctx.actor(role)
    instrument_flows.create_account(ctx, actor, currency)
    if int(amount):
        instrument_flows.fund(ctx, actor, int(amount), currency)


@when(parsers.re(rf"the simulator deposits {MONEY} into the {ROLE}'s managed account$"))
def simulator_deposits(ctx, amount, currency, role):
    """When the simulator deposits 500 GBP into the corporate's managed account

    Calls the Simulator's deposit by account id; the answer (its `code`) is kept for Then steps.
    """
    instrument_flows.deposit(ctx, instrument_flows.account_of(ctx.actor(role)), int(amount), currency)


@when(parsers.re(rf'the {ROLE} is charged the "(?P<fee_type>[\w-]+)" fee from '
                 r"(?:their|the (?P<owner>[\w ]+?)'s) managed account$"))
def charged_fee(ctx, role, fee_type, owner):
    """When the corporate is charged the "SETUP_FEE" fee from their managed account

    Charges the custom fee to the role's identity, deducted from their own (or another role's) account; the answer is kept.
    """
    account = instrument_flows.account_of(ctx.actor(owner or role))
    instrument_flows.charge_fee(ctx, ctx.actor(role), fee_type, account)


@then(parsers.re(rf"the {ROLE}'s managed account holds {MONEY}$"))
def account_holds(ctx, role, amount, currency):
    """Then the corporate's managed account holds 900 EUR

    Reads the account back: its currency, and both its available and actual balance, equal the amount.
    """
    account = instrument_flows.read_account(ctx, ctx.actor(role))
    balances = account["balances"]
    assert account["currency"] == currency, f"the account is in {account['currency']}, expected {currency}"
    assert (balances.get("availableBalance"), balances.get("actualBalance")) == (int(amount), int(amount)), (
        f"the account's balances are {balances}, expected {amount} available and actual")
