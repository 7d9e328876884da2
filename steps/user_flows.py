"""Multi-call flows for authorised users: create one, invite them, accept the invite, verify their email.

Plain functions over the scenario context (no step decorators), so any step module can use them.
"""
from __future__ import annotations

from support import factories
from support.driver import users

from . import flows
from .context import Actor

# Weavr's predefined role names (the UserPredefinedRole enum of the description).
PREDEFINED_ROLES = ("CARD_ASSIGNEE", "CARDS_MANAGEMENT_ROLE", "FUNDS_MANAGEMENT_ROLE", "ACCESS_MANAGEMENT_ROLE", "ADMIN")


def authorised_user_body(**overrides) -> dict:
    """A fresh authorised user: unique email and tag, a mobile to enrol, a date of birth, and the optional
    country of residence and locale (sent so that every read-back checks them too)."""
    root = factories.root_user()
    body = {"name": root["name"], "surname": root["surname"], "email": factories.unique_email("user"),
            "mobile": factories.mobile(), "dateOfBirth": factories.date_of_birth(),
            "tag": factories.run_tag(), "countryOfResidence": "MT", "locale": "en-GB"}
    body.update(overrides)
    return body


def create_authorised_user(ctx, owner: Actor, role: str = "authorised user", **overrides):
    """POST /users as the owner (whose token must be stepped up); the new user becomes an actor on a 200."""
    body = authorised_user_body(**overrides)
    driver = flows.api(ctx)
    response = users.create(driver, owner.token, body)
    if response.status == 200:
        flows.expect_echo(response.body, body, f"creating the {role}")
        read = flows.expect(users.read(driver, owner.token, response.body["id"]), 200,
                            f"reading the {role} back")
        flows.expect_echo(read.body, body, f"reading the {role} back")
        # The create answers the user as it now is: what it says beyond the echo (roles, active) reads back alike.
        flows.expect_read_back(response.body, read.body, f"creating the {role}")
        assert read.body["identity"] == {"type": owner.identity_type, "id": owner.identity_id}, (
            f"reading the {role} back: identity {read.body['identity']}")
        ctx.actors[role] = Actor(role=role, identity_type=owner.identity_type, identity_id=owner.identity_id,
                                 user_id=response.body["id"], email=body["email"], mobile=body["mobile"],
                                 details={"request": body, "owner": owner.role, "name": body["name"],
                                          "surname": body["surname"], "tag": body["tag"]})
    return response


def send_invite(ctx, user: Actor):
    owner = ctx.actor(user.details["owner"])
    return users.invite(flows.api(ctx), owner.token, user.user_id)


def consume_invite(ctx, user: Actor):
    """Accept the invite with the sandbox code and a fresh password; on a 200 the user holds the token."""
    password = factories.password()
    response = users.consume_invite(flows.api(ctx), user.user_id, password)
    if response.status == 200:
        user.password = password
        user.token = response.body["token"]
    return response


def accept_invite(ctx, user: Actor) -> None:
    flows.expect(send_invite(ctx, user), 204, f"inviting the {user.role}")
    flows.expect(consume_invite(ctx, user), 200, f"the {user.role} accepting the invite")


def verify_email(ctx, user: Actor) -> None:
    driver = flows.api(ctx)
    flows.expect(users.send_email_code(driver, user.email), 204, f"sending the {user.role}'s email code")
    flows.expect(users.verify_email(driver, user.email), 204, f"verifying the {user.role}'s email")


def user_ids(ctx, owner: Actor) -> list[str]:
    """Ids of every user the owner's identity lists, page by page; each page's responseCount is the users it
    holds, and the pages together hold count users."""
    ids, offset = [], 0
    while True:
        page = flows.expect(ctx.call("GET", "/users", as_actor=owner, params={"offset": offset, "limit": 100}),
                            200, f"listing the {owner.role}'s users").body
        users = page.get("users", [])
        assert page.get("responseCount", len(users)) == len(users), (
            f"listing the {owner.role}'s users: responseCount {page.get('responseCount')} for {len(users)} users")
        ids += [u["id"] for u in users]
        offset += len(users)
        if not users or offset >= page.get("count", 0):
            assert len(ids) == page.get("count", 0), (
                f"listing the {owner.role}'s users: count {page.get('count')}, yet the pages hold {len(ids)} users")
            return ids
