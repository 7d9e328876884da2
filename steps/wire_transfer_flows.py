"""Wire transfer flows: send an outgoing wire transfer from a named managed account to bank details, move it
on (confirm, verify by OTP, rename the beneficiary, cancel), let the Simulator's bank accept or reject it, and
send money to an account by its bank details through the Simulator's full incoming path.

A wire transfer named in the scenario becomes a resource of kind `outgoing_wire_transfers`, owned by the role
that sent it; amounts are minor units.
"""
from __future__ import annotations

from support.driver import auth, instrument, managed_accounts, wire_transfers
from support.driver.wire_transfers import CORRESPONDENT, KIND

from . import flows
from .context import Actor, Resource


def send(ctx, actor: Actor, source: Resource, amount: int, currency: str, beneficiary: dict, name: str,
         **extra):
    """POST /outgoing_wire_transfers as the actor; the scenario's name for it is also its reference."""
    driver = flows.api(ctx)
    body = wire_transfers.wire_body(driver, instrument(source.kind, source.id), amount, currency, beneficiary, name,
                                    **extra)
    response = wire_transfers.create(driver, actor.token, body)
    remember_request(ctx, name, body)
    ctx.values[f"wire rail {name}"] = _rail(beneficiary, currency)
    if response.status == 200:
        ctx.remember_resource(name, KIND, actor, response.body)
    return response


def _rail(beneficiary: dict, currency: str) -> str | None:
    """The payment network Weavr names in `type`: SEPA for EUR to an IBAN, Faster Payments for GBP to a UK
    account; None where the suite does not predict it (a trusted payee, another currency)."""
    if "iban" in beneficiary and currency == "EUR":
        return "SEPA"
    if "sortCode" in beneficiary and currency == "GBP":
        return "FASTER_PAYMENTS"
    return None


def beneficiary_name(ctx, name: str) -> str | None:
    """The beneficiary's name the wire transfer `name` should now hold: the one sent, or the one it was renamed to."""
    sent = ctx.values.get(f"wire request {name}", {}).get("destinationBeneficiary", {})
    return ctx.values.get(f"wire beneficiary {name}", sent.get("name"))


def renamed(ctx, name: str, new: str) -> None:
    """The beneficiary of the wire transfer `name` now holds `new` (a rename or an accepted verified name took)."""
    ctx.values[f"wire beneficiary {name}"] = new


def remember_request(ctx, name: str, body: dict):
    """Keeps what was asked for the wire transfer `name`, which reading it back checks (also for one made in a bulk)."""
    ctx.values[f"wire request {name}"] = body


def act(ctx, resource: Resource, action: str, body: dict | None = None, method: str = "POST"):
    """A call on the wire transfer as its owner (`/confirm`, `/cancel`, or "" for the PATCH); a 200 is kept."""
    response = wire_transfers.act(flows.api(ctx), ctx.actor(resource.owner).token, resource.id, action, body, method)
    if response.status == 200 and isinstance(response.body, dict):
        resource.body = response.body
    return response


def verify_by_otp(ctx, resource: Resource):
    """The deprecated per-transfer challenge: an SMS one-time password issued and verified (device enrolled first)."""
    owner = ctx.actor(resource.owner)
    if not auth.sms_active(flows.api(ctx), owner.token):
        flows.enrol_sms_otp(ctx, owner)
    flows.expect(act(ctx, resource, "/challenges/otp/SMS"), 204, f"issuing the OTP of {resource.name!r}")
    return act(ctx, resource, "/challenges/otp/SMS/verify", {"verificationCode": ctx.target.settings.verification_code})


def bank_answers(ctx, resource: Resource, verb: str):
    """The Simulator's bank accepts or rejects the transfer; its `code` must say it was done."""
    response = flows.expect(wire_transfers.bank_decides(flows.api(ctx), resource.id, verb == "accept"), 200,
                            f"the bank's {verb} of {resource.name!r}")
    assert response.body.get("code") == "COMPLETED", f"the bank's {verb} of {resource.name!r}: {response.body}"
    return response


def iban_of(ctx, account: Resource) -> str:
    owner = ctx.actor(account.owner)
    body = flows.expect(managed_accounts.iban_details(flows.api(ctx), owner.token, account.id), 200,
                        f"reading the IBAN of {account.name!r}").body
    details = body["bankAccountDetails"][0]["details"]
    assert "iban" in details, f"{account.name!r} has no IBAN: {body}"
    return details["iban"]


def send_correspondent(ctx, actor: Actor, source: Resource, amount: int, currency: str, originator: str, iban: str,
                       name: str):
    """POST /correspondent_bank_transfers on behalf of an individual originator; its name is its purpose too."""
    driver = flows.api(ctx)
    body = wire_transfers.correspondent_body(driver, instrument(source.kind, source.id), amount, currency, name,
                                             wire_transfers.originator(originator),
                                             {"name": "Ann Lee", "iban": iban, "address": "1 Main Street, Berlin"})
    response = wire_transfers.create_correspondent(driver, actor.token, body)
    ctx.values[f"wire request {name}"] = body
    if response.status == 200:
        ctx.remember_resource(name, CORRESPONDENT, actor, response.body)
    return response
