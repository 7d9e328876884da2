"""Domain steps for identities: registration, root user email, password, sign-in, due diligence.

Corporates and consumers are registered, their root user verifies their email, sets a password and
logs in, and the Simulator approves their due diligence.

A role names an actor: "corporate" or "consumer", optionally after an ordinal (second, third,
fourth) and followed by any words ("corporate B", "second consumer", "corporate director"). That
word says which identity it is; later steps use the whole role ("the second consumer").
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from support import factories

from . import flows, identity_flows, outcomes
from .grammar import ROLE
from .identity_flows import CREDENTIAL, ORDINALS, call_with, email_area

IDENTITY_ROLE = r"(?P<role>(?:(?:" + "|".join(ORDINALS) + r") )?(?:corporate|consumer)[\w ]*?)"


@given(parsers.re(rf"an? {IDENTITY_ROLE} is registered$"))
@when(parsers.re(rf"an? {IDENTITY_ROLE} is registered$"))
def identity_registered(ctx, role):
    """Given a consumer is registered

    Registers a corporate or a consumer with fresh data (unique root email); it is known as the role named.
    """
    identity_flows.register(ctx, role)


@given(parsers.re(rf"an? {IDENTITY_ROLE} is onboarded and logged in$"))
def identity_onboarded(ctx, role):
    """Given a corporate is onboarded and logged in

    Registers a corporate or consumer, verifies its root user's email, creates a password and logs in.
    """
    identity_flows.onboard(ctx, role)


@given(parsers.re(rf"an? {IDENTITY_ROLE} is onboarded and verified$"))
def identity_verified(ctx, role):
    """Given a consumer is onboarded and verified

    Onboards and logs in, then has the Simulator approve its due diligence (KYB or KYC).
    """
    identity_flows.approve(ctx, role)


@given(parsers.re(r"the (?P<role>[\w ]+?)'s root email is verified$"))
def root_email_verified(ctx, role):
    """Given the corporate's root email is verified"""
    flows.verify_root_email(ctx, ctx.actor(role))


@given(parsers.re(r"the (?P<role>[\w ]+?) has a password$"))
def has_password(ctx, role):
    """Given the corporate has a password"""
    flows.create_password(ctx, ctx.actor(role))


@when(parsers.re(r"another (?P<kind>corporate|consumer) registers with the (?P<role>[\w ]+?)'s root email$"))
def identity_with_same_email(ctx, kind, role):
    """When another consumer registers with the corporate's root email

    Sends a registration whose root user email is already taken; the answer is kept for Then steps.
    """
    settings = ctx.target.settings
    if kind == "consumer":
        body = factories.consumer(settings.profile("consumer"))
    else:
        body = factories.corporate(settings.profile("corporate"))
    body["rootUser"]["email"] = ctx.actor(role).email
    ctx.call("POST", f"/{kind}s", json=body)


@when(parsers.re(r'an? (?P<kind>corporate|consumer) registers with "(?P<field>[\w.]+)" (?:set to (?P<value>.+)|removed)$'))
def identity_registers_with(ctx, kind, field, value):
    """When a consumer registers with "rootUser.email" set to "not-an-email"

    Sends a fresh registration with one field (dotted path) set to a JSON value, or `removed`; the answer is kept.
    """
    settings = ctx.target.settings
    if kind == "consumer":
        body = factories.consumer(settings.profile("consumer"))
    else:
        body = factories.corporate(settings.profile("corporate"))
    *parents, last = field.split(".")
    holder = body
    for part in parents:
        holder = holder.setdefault(part, {})
    if value is None:
        holder.pop(last, None)
    else:
        holder[last] = ctx.fill_json(value)
    ctx.call("POST", f"/{kind}s", json=body)


@when(parsers.re(r"the (?P<role>[\w ]+?) creates a password$"))
def creates_password(ctx, role):
    """When the corporate creates a password"""
    actor = ctx.actor(role)
    actor.password = factories.password()
    response = ctx.call("POST", f"/passwords/{actor.user_id}/create", json={"password": {"value": actor.password}})
    if response.status == 200:
        actor.token = response.body["token"]


@when(parsers.re(r"the simulator verifies the (?P<role>[\w ]+?)$"))
def simulator_verifies(ctx, role):
    """When the simulator verifies the consumer

    Calls the Simulator's identity verification (email, mobile, KYB/KYC approved); the answer is kept.
    """
    identity_flows.simulate_verification(ctx, ctx.actor(role))


@given(parsers.re(r'a new unique email is remembered as "(?P<name>[\w .-]+)"$'))
def new_email_remembered(ctx, name):
    """Given a new unique email is remembered as "new email"

    A fresh email no one uses yet, for later steps as `${new email}`.
    """
    ctx.remember(name, factories.unique_email("changed"))


@then(parsers.re(r"the (?P<role>[\w ]+?) can read their identity$"))
def can_read_identity(ctx, role):
    """Then the corporate can read their identity

    Reads the logged-in identity back and checks it is the actor's, with their root email.
    """
    actor = ctx.actor(role)
    response = flows.expect(ctx.call("GET", f"/{flows.identity_area(actor)}", as_actor=actor), 200,
                            f"reading the {role}")
    assert response.body["id"]["id"] == actor.identity_id, f"got identity {response.body['id']}, expected {actor.identity_id}"
    assert response.body["rootUser"]["email"] == actor.email, "the root user's email differs from the registered one"


# -- root and user emails ---------------------------------------------------------------------------------------
EMAIL_KINDS = {"corporate": "corporates", "consumer": "consumers", "authorised user": "users"}
EMAIL_KIND = r"an? (?P<kind>corporate|consumer|authorised user)"
SOMEONE_EMAIL = "someone@weavr-suite.example.com"


@when(parsers.re(rf"the {ROLE} asks for a code for their email$"))
def asks_for_email_code(ctx, role):
    """When the corporate asks for a code for their email

    Sends a verification code to the actor's email: a root user's under its identity, an authorised user's under
    users. The answer is kept.
    """
    actor = ctx.actor(role)
    ctx.call("POST", f"/{email_area(actor)}/verification/email/send", json={"email": actor.email})


@when(parsers.re(rf'an email code is asked for (?:the (?P<owner>[\w ]+?)\'s email|"(?P<email>[^"]+)") as {EMAIL_KIND}'
                 rf"{CREDENTIAL}$"))
def email_code_asked_as(ctx, owner, email, kind, credential):
    """When an email code is asked for the consumer's email as a corporate

    Asks the corporates' (consumers', authorised users') email verification to send a code to an email, the
    role's or one given (placeholders filled); the answer is kept.
    """
    address = ctx.actor(owner).email if owner else ctx.fill(email)
    call_with(ctx, "POST", f"/{EMAIL_KINDS[kind]}/verification/email/send", credential=credential,
              json={"email": address})


@when(parsers.re(rf'the {ROLE} verifies their email(?: with the code "(?P<code>\w+)")?$'))
def verifies_email(ctx, role, code):
    """When the corporate verifies their email with the code "000000"

    Verifies the actor's email with the code given, or the sandbox's; the answer is kept.
    """
    actor = ctx.actor(role)
    ctx.call("POST", f"/{email_area(actor)}/verification/email/verify",
             json={"email": actor.email, "verificationCode": code or ctx.target.settings.verification_code})


@when(parsers.re(rf"an email verification without a code is sent as {EMAIL_KIND}$"))
def verification_without_code(ctx, kind):
    """When an email verification without a code is sent as a consumer

    The answer is kept.
    """
    ctx.call("POST", f"/{EMAIL_KINDS[kind]}/verification/email/verify", json={"email": SOMEONE_EMAIL})


@then(parsers.re(rf"the registration answers the {ROLE}'s root user unverified and without a password$"))
def registered_unverified(ctx, role):
    """Then the registration answers the corporate's root user unverified and without a password

    The registration succeeded for the actor: its root user has verified neither its email nor its mobile, and
    has set no password yet.
    """
    answer = outcomes.expect_success(ctx, "registration")
    body, actor = answer.body, ctx.actor(role)
    assert body["id"] == {"type": actor.identity_type, "id": actor.identity_id}, f"registered {body['id']}"
    keys = ["emailVerified", "mobileNumberVerified"]
    if identity_flows.declares(answer, "rootUser.passwordAlreadySet"):  # a corporate's root user says so, a consumer's not
        keys.append("passwordAlreadySet")
    root = {key: body["rootUser"].get(key) for key in keys}
    assert root == dict.fromkeys(keys, False), f"the {role}'s new root user: {root}"


# -- an identity's details -------------------------------------------------------------------------------------
@when(parsers.re(rf"the {ROLE} reads (?:their identity|the (?P<kind>corporate|consumer) identity){CREDENTIAL}$"))
def reads_identity(ctx, role, kind, credential):
    """When the consumer reads the corporate identity

    GET /corporates or /consumers (the actor's own, or the kind named) as the actor; the answer is kept.
    """
    actor = ctx.actor(role)
    call_with(ctx, "GET", f"/{kind + 's' if kind else flows.identity_area(actor)}", actor, credential)


@when(parsers.re(rf"the {ROLE} updates their details with:$"))
def updates_details(ctx, role, docstring):
    """When the corporate updates their details with:
        \"\"\"
        {"tag": "renamed", "email": "${new email}"}
        \"\"\"

    PATCH /corporates or /consumers as the actor with the JSON body; the answer is kept. When the root email
    changes, the actor's email is the new one from then on (the old one is `${corporate.previous email}`).
    """
    actor = ctx.actor(role)
    body = ctx.fill_json(docstring)
    response = ctx.call("PATCH", f"/{flows.identity_area(actor)}", as_actor=actor, json=body)
    if response.status == 200 and "email" in body:
        actor.details["previous email"], actor.email = actor.email, body["email"]


@when(parsers.re(r"an? (?P<kind>corporate|consumer) update is sent with an invalid token$"))
def update_with_invalid_token(ctx, kind):
    """When a consumer update is sent with an invalid token

    The answer is kept.
    """
    call_with(ctx, "PATCH", f"/{kind}s", credential="with an invalid token", json={"tag": "nobody"})


# Where an identity's answer holds a field its update sends: the root user's details under rootUser (the
# update's userTag is the root user's tag), the business address under company; the rest where it was sent.
ROOT_USER_FIELDS = ("name", "surname", "email", "mobile", "dateOfBirth", "locale", "address", "occupation",
                    "placeOfBirth", "nationality")
UPDATE_PLACES = {"userTag": "rootUser.tag", "companyBusinessAddress": "company.businessAddress",
                 **{name: f"rootUser.{name}" for name in ROOT_USER_FIELDS}}


@then(parsers.re(rf"the {ROLE}'s details are updated$"))
def details_updated(ctx, role):
    """Then the corporate's details are updated

    The update succeeded, its answer holds every field sent (the root user's details under rootUser, the
    business address under company), and it is the identity as it now reads back, field for field.
    """
    answer = outcomes.expect_success(ctx, "update")
    wrong = []
    for name, value in outcomes.sent(answer).items():
        place = UPDATE_PLACES.get(name, name)
        held = identity_flows.dig_or_absent(answer.body, place)
        if held != value:
            wrong.append(f"{name} sent {value!r}, {place} answered {held!r}")
    assert not wrong, f"updating the {role}: " + "; ".join(wrong)
    actor = ctx.actor(role)
    with ctx.aside():
        read = flows.expect(ctx.call("GET", f"/{flows.identity_area(actor)}", as_actor=actor), 200,
                            f"reading the {role} back")
    flows.expect_read_back(answer.body, read.body, f"updating the {role}")


@then(parsers.re(rf"the {ROLE}'s identity reads:$"))
def identity_reads(ctx, role, datatable):
    """Then the corporate's identity reads:
        | field                 | value        |
        | rootUser.email        | ${new email} |
        | rootUser.emailVerified | true        |

    Reads the identity as the actor; each field holds its value (JSON, or text; placeholders filled).
    """
    actor = ctx.actor(role)
    with ctx.aside():
        read = flows.expect(ctx.call("GET", f"/{flows.identity_area(actor)}", as_actor=actor), 200,
                            f"reading the {role}")
    outcomes.expect_fields(ctx, read, datatable, f"the {role} as read")


# -- due diligence ---------------------------------------------------------------------------------------------
DUE_DILIGENCE = {"KYB": ("/corporates/kyb", "kybStatus", "ongoingKybStatus"),
                 "KYC": ("/consumers/kyc", "fullDueDiligence", "ongoingFullDueDiligence")}


@when(parsers.re(rf"the {ROLE} (?P<does>starts|reads their) (?P<what>KYB|KYC)(?: at level (?P<level>[A-Z0-9_]+))?"
                 rf"{CREDENTIAL}$"))
def due_diligence_act(ctx, role, does, what, level, credential):
    """When the consumer starts KYC at level KYC_LEVEL_2

    Starts (POST) or reads (GET) /corporates/kyb (KYB) or /consumers/kyc (KYC) as the actor, whoever they are
    (or with a credential named wrong); the answer is kept.
    """
    method = "POST" if does == "starts" else "GET"
    call_with(ctx, method, DUE_DILIGENCE[what][0], ctx.actor(role), credential,
              json={"kycLevel": level} if level else None)


@then(parsers.re(rf"the {ROLE}'s (?P<what>KYB|KYC) is (?P<status>[A-Z_]+)(?: at level (?P<level>[A-Z0-9_]+))?$"))
def due_diligence_is(ctx, role, what, status, level):
    """Then the consumer's KYC is INITIATED at level KYC_LEVEL_2

    Reads the actor's KYB or KYC: its status, and its level and ongoing level when one is given. Just approved,
    no re-verification is under way: the ongoing status of an APPROVED one is the approval itself.
    """
    path, key, ongoing = DUE_DILIGENCE[what]
    with ctx.aside():
        body = flows.expect(ctx.call("GET", path, as_actor=ctx.actor(role)), 200, f"reading the {role}'s {what}").body
    expected = {key: status, **({ongoing: status} if status == "APPROVED" else {}),
                **({"kycLevel": level, "ongoingKycLevel": level} if level else {})}
    got = {field: body.get(field) for field in expected}
    assert got == expected, f"the {role}'s {what} reads {got}, expected {expected}"


@then(parsers.re(r'the (?P<what>KYB|KYC|user KYC) start answers (?:a reference|the reference remembered as '
                 r'"(?P<same>[\w .-]+)")(?: at level (?P<level>[A-Z0-9_]+))?(?:, remembered as "(?P<name>[\w .-]+)")?$'))
def start_answers_reference(ctx, what, same, level, name):
    """Then the KYB start answers a reference, remembered as "first reference"

    The start succeeded with a reference for the due-diligence UI component (the same as one remembered, when
    named: Weavr's own value, so only that it is kept can be checked), at the level given.
    """
    body = outcomes.expect_success(ctx, f"{what} start").body
    reference = body.get("reference")
    assert isinstance(reference, str) and reference, f"the {what} start answered no reference: {body}"
    if same:
        assert reference == ctx.lookup(same), f"the {what} start answered {reference!r}, not the reference {same!r}"
    if level:
        assert body.get("kycLevel") == level, f"the {what} start answered level {body.get('kycLevel')}, not {level}"
    if name:
        ctx.remember(name, reference)


# -- fees ------------------------------------------------------------------------------------------------------
@when(parsers.re(rf'the {ROLE} lists their fees(?: with "(?P<query>[^"]+)")?{CREDENTIAL}$'))
def lists_fees(ctx, role, query, credential):
    """When the corporate lists their fees with "offset=0&limit=10&sortOrder=ASC"

    GET /fees as the actor, with the query given (or a credential named wrong); the answer is kept.
    """
    call_with(ctx, "GET", "/fees" + (f"?{query}" if query else ""), ctx.actor(role), credential)


@then("the fee list is empty")
def fee_list_empty(ctx):
    """Then the fee list is empty

    The fee list answered no fee, and counts none.
    """
    body = outcomes.expect_success(ctx, "fee list").body
    got = (body.get("fees"), body.get("count"), body.get("responseCount"))
    assert got == ([], 0, 0), f"the fee list holds {body}"


@when(parsers.re(rf"the {ROLE} asks to be charged a fee(?: through the (?P<area>corporates|consumers)' fee charge)?"
                 rf"(?: with:|(?P<invalid> with an invalid token))$"))
def asks_fee_charge(ctx, role, area, invalid, docstring=None):
    """When the corporate asks to be charged a fee with:
        \"\"\"
        {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": "1"}}
        \"\"\"

    POST /corporates/fees/charge (or /consumers/..., by the actor, unless another area is named) with the JSON
    body (`with an invalid token`: a SETUP_FEE from account 1); the answer is kept.
    """
    actor = ctx.actor(role)
    body = ctx.fill_json(docstring) if docstring else {"feeType": "SETUP_FEE", "source": {"type": "managed_accounts", "id": "1"}}
    call_with(ctx, "POST", f"/{area or flows.identity_area(actor)}/fees/charge", actor,
              "with an invalid token" if invalid else None, json=body)
