"""Domain steps for wire transfers: outgoing ones to an IBAN or a UK account (payee verification, confirmation,
the OTP challenge, renaming the beneficiary, cancel, the bank's accept and reject, the payment confirmation)
and incoming ones sent by the Simulator to an account's IBAN.

Amounts are minor units ("5000 EUR" is EUR 50.00). `the wire transfer "rent"` names it; `${rent.id}` reads it.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from . import flows, wire_transfer_flows
from .grammar import MONEY, NAME, ROLE

WIRE = rf"the wire transfer {NAME}"
BENEFICIARY = r'(?: named "(?P<beneficiary>[^"]+)")?'
STATES = ("INVALID|PENDING_CHALLENGE|PENDING_CONFIRMATION|SUBMITTED|APPROVED|COMPLETED|REJECTED|FAILED|RETURNED|"
          "SCHEDULED|CANCELLED")
DEFAULT_BENEFICIARY = "Ann Lee"


@when(parsers.re(rf'the {ROLE} sends a wire transfer {NAME} of {MONEY} from "(?P<source>[\w -]+)" to IBAN '
                 rf'"(?P<iban>[A-Z0-9]+)"{BENEFICIARY}$'))
def sends_to_iban(ctx, role, name, amount, currency, source, iban, beneficiary):
    """When the corporate sends a wire transfer "rent" of 5000 EUR from "savings" to IBAN "DE89370400440532013000" named "Ann Lee"

    Creates an outgoing wire transfer from a named managed account; its name is also its reference. The beneficiary
    is "Ann Lee" unless named. The answer is kept and, on a 200, named.
    """
    wire_transfer_flows.send(ctx, ctx.actor(role), ctx.resource(source, "managed_accounts"), int(amount), currency,
                    {"name": beneficiary or DEFAULT_BENEFICIARY, "iban": iban}, name)


@when(parsers.re(rf'the {ROLE} sends a wire transfer {NAME} of {MONEY} from "(?P<source>[\w -]+)" to sort code '
                 rf'"(?P<sort_code>\d{{6}})" account "(?P<account>\d{{8}})"{BENEFICIARY}$'))
def sends_to_uk_account(ctx, role, name, amount, currency, source, sort_code, account, beneficiary):
    """When the corporate sends a wire transfer "rent" of 5000 GBP from "pounds" to sort code "040075" account "12345600"

    As to an IBAN, to a UK account by Faster Payments (a personal account).
    """
    wire_transfer_flows.send(ctx, ctx.actor(role), ctx.resource(source, "managed_accounts"), int(amount), currency,
                    {"name": beneficiary or DEFAULT_BENEFICIARY, "type": "PERSONAL", "sortCode": sort_code,
                     "accountNumber": account}, name)


@when(parsers.re(rf'the {ROLE} (?P<action>confirms|cancels) {WIRE}(?: because "(?P<reason>[^"]+)")?$'))
def confirms_or_cancels(ctx, role, action, name, reason=None):
    """When the corporate cancels the wire transfer "rent" because "paid twice"

    POSTs `/confirm` (or `/cancel`, with the `cancellationReason` when one is given) on the named wire
    transfer as the role; the answer is kept.
    """
    resource = ctx.resource(name, wire_transfer_flows.KIND)
    body = {"cancellationReason": reason} if reason else None
    ctx.call("POST", f"{resource.path}/{action[:-1]}", as_actor=ctx.actor(role), json=body)


@when(parsers.re(rf"the {ROLE} verifies {WIRE} with an OTP$"))
def verifies_with_otp(ctx, role, name):
    """When the corporate verifies the wire transfer "rent" with an OTP

    The per-transfer challenge: an SMS one-time password issued and verified with the sandbox code.
    """
    flows.expect(wire_transfer_flows.verify_by_otp(ctx, ctx.resource(name, wire_transfer_flows.KIND)), 204,
                 f"verifying the wire transfer {name!r}")


@when(parsers.re(rf'the {ROLE} renames the beneficiary of {WIRE} to "(?P<new>[^"]+)"$'))
def renames(ctx, role, name, new):
    """When the corporate renames the beneficiary of the wire transfer "rent" to "Ann Lee Ltd"

    PATCHes the beneficiary's name of the named wire transfer as the role; the answer is kept.
    """
    response = ctx.call("PATCH", ctx.resource(name, wire_transfer_flows.KIND).path, as_actor=ctx.actor(role),
                        json={"name": new})
    if response.status == 200:
        wire_transfer_flows.renamed(ctx, name, new)


@when(parsers.re(rf"the {ROLE} accepts the verified name for {WIRE}$"))
def accepts_verified_name(ctx, role, name):
    """When the corporate accepts the verified name for the wire transfer "rent"

    PATCHes `acceptVerifiedName: true`: the beneficiary takes the name the payee check found (read first), which
    reading it back then checks; the answer is kept.
    """
    resource = ctx.resource(name, wire_transfer_flows.KIND)
    body = flows.expect(flows.read_resource(ctx, resource), 200, f"reading the wire transfer {name!r}").body
    held = [o["categoryResult"].get("accountName") for o in body.get("validationOutcomes") or []]
    response = ctx.call("PATCH", resource.path, as_actor=ctx.actor(role), json={"acceptVerifiedName": True})
    if response.status == 200 and held and held[0]:
        wire_transfer_flows.renamed(ctx, name, held[0])


@when(parsers.re(rf"the bank (?P<verb>accepts|rejects) {WIRE}$"))
def bank_answers(ctx, verb, name):
    """When the bank rejects the wire transfer "rent"

    The Simulator's accept or reject of the named wire transfer (it must say COMPLETED: done).
    """
    wire_transfer_flows.bank_answers(ctx, ctx.resource(name, wire_transfer_flows.KIND), verb[:-1])


@then(parsers.re(rf"{WIRE} completes$"))
def completes(ctx, name):
    """Then the wire transfer "rent" completes

    The Simulator's bank accepts it, and read back it is COMPLETED with its execution time.
    """
    resource = ctx.resource(name, wire_transfer_flows.KIND)
    wire_transfer_flows.bank_answers(ctx, resource, "accept")
    wire_is(ctx, name, "COMPLETED")


@then(parsers.re(rf"{WIRE} is (?P<state>{STATES})$"))
def wire_is(ctx, name, state):
    """Then the wire transfer "rent" is PENDING_CONFIRMATION

    Reads it back as its owner: the state, the payment network the beneficiary's details imply (SEPA for EUR to
    an IBAN), and every field the scenario sent (source, amount, reference, beneficiary's bank details, and the
    beneficiary's name as sent or as last renamed).
    """
    resource = ctx.resource(name, wire_transfer_flows.KIND)
    body = flows.expect(flows.read_resource(ctx, resource), 200, f"reading the wire transfer {name!r}").body
    assert body["state"] == state, f"the wire transfer {name!r} is {body['state']}, expected {state}: {body}"
    sent = ctx.values.get(f"wire request {name}", {})
    for field in ("sourceInstrument", "transferAmount", "description"):
        assert body.get(field) == sent.get(field), f"{field} of {name!r} is {body.get(field)}, sent {sent.get(field)}"
    for key, value in sent.get("destinationBeneficiary", {}).items():
        if key != "name":  # the name may have been corrected since: checked below
            assert body["destination"].get(key) == value, f"destination {key} of {name!r}: {body['destination']}"
    holder = wire_transfer_flows.beneficiary_name(ctx, name)
    if holder is not None:
        assert body["destination"].get("name") == holder, f"the beneficiary of {name!r} is not {holder!r}: {body}"
    rail = ctx.values.get(f"wire rail {name}")
    if rail is not None:
        assert body.get("type") == rail, f"the wire transfer {name!r} goes by {body.get('type')}, expected {rail}"
    if state in ("SUBMITTED", "COMPLETED"):
        assert int(body["executionTimestamp"]) >= body["creationTimestamp"], body


@then(parsers.re(rf'the payee check of {WIRE} is (?P<match>EXACT_MATCH|MATCH|CLOSE_MATCH|NO_MATCH|NOT_POSSIBLE)'
                 rf'(?: for "(?P<held>[^"]+)")?$'))
def payee_check_is(ctx, name, match, held):
    """Then the payee check of the wire transfer "rent" is CLOSE_MATCH for "Ann Lee Ltd"

    The wire transfer's last read answer (read again first) carries one validation outcome with that result,
    and the account name the bank holds when one is given.
    """
    resource = ctx.resource(name, wire_transfer_flows.KIND)
    body = flows.expect(flows.read_resource(ctx, resource), 200, f"reading the wire transfer {name!r}").body
    (outcome,) = body.get("validationOutcomes") or [None]
    assert outcome is not None, f"the wire transfer {name!r} has no payee check: {body}"
    result = outcome["categoryResult"]
    assert result["match"] == match, f"the payee check of {name!r} is {result}, expected {match}"
    if held is not None:
        assert result.get("accountName") == held, f"the payee check of {name!r} names {result.get('accountName')}"


@then(parsers.re(rf"the payment confirmation of {WIRE} is a PDF$"))
def payment_confirmation_is_pdf(ctx, name):
    """Then the payment confirmation of the wire transfer "rent" is a PDF

    GETs its payment confirmation: a 200 declared `application/pdf` whose body is a PDF document.
    """
    resource = ctx.resource(name, wire_transfer_flows.KIND)
    response = ctx.call("GET", f"{resource.path}/payment_confirmation", as_actor=ctx.actor(resource.owner))
    assert response.status == 200, f"the payment confirmation of {name!r}: {response.status} {response.body}"
    headers = {k.lower(): v for k, v in response.headers.items()}
    assert headers.get("content-type", "").startswith("application/pdf"), response.headers
    assert response.raw.content.startswith(b"%PDF-"), f"the payment confirmation of {name!r} is no PDF"


@then(parsers.re(rf'the managed account "(?P<account>[\w -]+)" has (?P<how>held|paid) {WIRE} out of {MONEY}$'))
def account_held_or_paid(ctx, account, how, name, amount, currency):
    """Then the managed account "savings" has held the wire transfer "rent" out of 10000 EUR

    Reads the wire transfer and the account back: the transfer's amount and fee have left the available balance;
    `held`: the actual balance is still the amount given (the money is on its way), `paid`: it has left it too.
    """
    wire = ctx.resource(name, wire_transfer_flows.KIND)
    body = flows.expect(flows.read_resource(ctx, wire), 200, f"reading the wire transfer {name!r}").body
    gone = body["transferAmount"]["amount"] + body.get("fee", {}).get("amount", 0)
    resource = ctx.resource(account, "managed_accounts")
    answer = flows.expect(flows.read_resource(ctx, resource), 200, f"reading the managed account {account!r}").body
    assert answer["currency"] == currency == body["transferAmount"]["currency"], (answer, body)
    expected = (int(amount) - gone, int(amount) - gone if how == "paid" else int(amount))
    balances = answer["balances"]
    assert (balances["availableBalance"], balances["actualBalance"]) == expected, (
        f"{account!r} has {balances}, expected {expected[0]} available and {expected[1]} actual")


@then(parsers.re(rf"{WIRE} has a fee of {MONEY}$"))
def wire_fee(ctx, name, amount, currency):
    """Then the wire transfer "rent" has a fee of 100 EUR

    Reads the wire transfer back: its `fee` is that amount in that currency (the programme's fee for its rail;
    the emulator's are in docs/programme.md).
    """
    wire = ctx.resource(name, wire_transfer_flows.KIND)
    body = flows.expect(flows.read_resource(ctx, wire), 200, f"reading the wire transfer {name!r}").body
    fee = body.get("fee")
    assert fee == {"currency": currency, "amount": int(amount)}, (
        f"the wire transfer {name!r} has a fee of {fee}, expected {amount} {currency}: {body}")


@when(parsers.re(rf'the simulator wires {MONEY} to the IBAN of "(?P<account>[\w -]+)" from "(?P<sender>[^"]+)"$'))
def wires_in(ctx, amount, currency, account, sender):
    """When the simulator wires 700 EUR to the IBAN of "savings" from "Bo Ray"

    The Simulator's full incoming path (`/accounts/deposit`) to the named account's IBAN; its `code` is kept as the
    response (`the response field "code" equals "COMPLETED"`).
    """
    iban = wire_transfer_flows.iban_of(ctx, ctx.resource(account, "managed_accounts"))
    ctx.last = ctx.simulate("POST", "/accounts/deposit", json={
        "depositAmount": {"currency": currency, "amount": int(amount)}, "senderName": sender,
        "destinationIbanDetails": {"iban": iban}})


@then(parsers.re(rf"the {ROLE} sees an incoming wire transfer of {MONEY} to \"(?P<account>[\w -]+)\" from "
                 r'"(?P<sender>[^"]+)"$'))
def sees_incoming(ctx, role, amount, currency, account, sender):
    """Then the corporate sees an incoming wire transfer of 700 EUR to "savings" from "Bo Ray"

    Lists the role's incoming wire transfers: the listing counts what it holds (`count`, `responseCount`), exactly
    one of them is that amount, to that account, from that sender, COMPLETED, and reading it by id answers the same.
    """
    actor = ctx.actor(role)
    listed = flows.expect(ctx.call("GET", "/incoming_wire_transfers", as_actor=actor), 200,
                          "listing incoming wire transfers").body
    items = listed.get("incomingWireTransfers", [])
    # Unpaged (the default limit is far above what one scenario receives), so both counts are the items listed.
    counts = (listed.get("count"), listed.get("responseCount"))
    assert counts == (len(items), len(items)), f"the listing counts {counts}, holds {len(items)}"
    target = ctx.resource(account, "managed_accounts").id
    found = [t for t in items
             if t["amount"] == {"currency": currency, "amount": int(amount)}
             and t["destinationInstrument"]["id"] == target and t.get("senderName") == sender]
    assert len(found) == 1, f"incoming wire transfers of the {role}: {listed}"
    assert found[0]["state"] == "COMPLETED", found[0]
    read = flows.expect(ctx.call("GET", f"/incoming_wire_transfers/{found[0]['id']}", as_actor=actor), 200,
                        "reading the incoming wire transfer").body
    assert read == found[0], f"read {read}, listed {found[0]}"


@when(parsers.re(rf'the {ROLE} sends a correspondent bank transfer {NAME} of {MONEY} from "(?P<source>[\w -]+)" '
                 rf'for "(?P<originator>[^"]+)" to IBAN "(?P<iban>[A-Z0-9]+)"$'))
def sends_correspondent(ctx, role, name, amount, currency, source, originator, iban):
    """When the corporate sends a correspondent bank transfer "invoice" of 5000 EUR from "savings" for "Bo Ray" to IBAN "DE89370400440532013000"

    Creates a correspondent bank transfer on behalf of an individual originator (the named person, with
    sandbox address and bank details) to an IBAN; the answer is kept and, on a 200, named.
    """
    wire_transfer_flows.send_correspondent(ctx, ctx.actor(role), ctx.resource(source, "managed_accounts"), int(amount),
                                  currency, originator, iban, name)


@then(parsers.re(rf"the correspondent bank transfer {NAME} is (?P<state>{STATES})$"))
def correspondent_is(ctx, name, state):
    """Then the correspondent bank transfer "invoice" is PENDING_CONFIRMATION

    Reads it back as its owner: the state, and every field the scenario sent (source, amount, originator,
    beneficiary, purpose).
    """
    resource = ctx.resource(name, wire_transfer_flows.CORRESPONDENT)
    body = flows.expect(flows.read_resource(ctx, resource), 200, f"reading the correspondent bank transfer {name!r}").body
    assert body["state"] == state, f"the correspondent bank transfer {name!r} is {body['state']}, expected {state}"
    sent = ctx.values.get(f"wire request {name}", {})
    for field in ("sourceInstrument", "amount", "originator", "beneficiary", "purpose"):
        assert body.get(field) == sent.get(field), f"{field} of {name!r} is {body.get(field)}, sent {sent.get(field)}"


@when(parsers.re(rf"the {ROLE} (?P<action>confirms|cancels) the correspondent bank transfer {NAME}$"))
def confirms_or_cancels_correspondent(ctx, role, action, name):
    """When the corporate confirms the correspondent bank transfer "invoice"

    POSTs `/confirm` (or `/cancel`) on the named correspondent bank transfer as the role; the answer is kept.
    """
    resource = ctx.resource(name, wire_transfer_flows.CORRESPONDENT)
    ctx.call("POST", f"{resource.path}/{action[:-1]}", as_actor=ctx.actor(role))
