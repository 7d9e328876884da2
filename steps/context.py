"""What a scenario remembers between its steps: the last response, named values and actors."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest

PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")


@dataclass
class Actor:
    """Someone the scenario acts as: an identity's root user or an authorised user."""
    role: str
    identity_type: str = ""
    identity_id: str = ""
    user_id: str = ""
    email: str = ""
    password: str = ""
    token: str | None = None
    mobile: dict | None = None
    details: dict = field(default_factory=dict)

    def value(self, name: str):
        attribute = {"id": "identity_id", "identity id": "identity_id", "user id": "user_id",
                     "email": "email", "password": "password", "token": "token"}.get(name)
        if attribute:
            return getattr(self, attribute)
        return self.details[name]


class ScenarioContext:
    def __init__(self, target):
        self.target = target
        self.last = None
        self.values: dict = {}
        self.actors: dict[str, Actor] = {}

    def actor(self, role: str) -> Actor:
        try:
            return self.actors[role]
        except KeyError:
            raise AssertionError(f"no {role!r} in this scenario yet; known: {sorted(self.actors)}") from None

    def lookup(self, name: str):
        """`${name}` remembered, `${role.attribute}` of an actor, `${code}`, or `${profile.<name>}`."""
        if name in self.values:
            return self.values[name]
        if "." in name:
            role, attribute = name.split(".", 1)
            if role in self.actors:
                return self.actors[role].value(attribute)
        if name == "code":
            return self.target.settings.verification_code
        if name.startswith("profile."):
            return self.target.settings.profile(name.split(".", 1)[1])
        raise AssertionError(f"nothing remembered as ${{{name}}}; known: {sorted(self.values)} and actors {sorted(self.actors)}")

    def fill(self, text: str) -> str:
        return PLACEHOLDER.sub(lambda m: str(self.lookup(m.group(1))), text)

    def fill_json(self, text: str):
        # A placeholder standing alone as a JSON value keeps the value's type.
        def replace(match):
            value = self.lookup(match.group(1))
            return json.dumps(value) if not isinstance(value, str) else value
        filled = PLACEHOLDER.sub(replace, text)
        try:
            return json.loads(filled)
        except json.JSONDecodeError as exc:
            raise AssertionError(f"the step's body is not JSON after filling placeholders: {exc}\n{filled}") from None

    def call(self, method: str, path: str, *, as_actor: Actor | None = None, token: str | None = None, **kwargs):
        client = self.target.multi
        if token is None and as_actor is not None:
            token = as_actor.token
        self.last = client.request(method, self.fill(path), token=token, **kwargs)
        return self.last

    def simulate(self, method: str, path: str, **kwargs):
        self.last = self.target.simulator.request(method, self.fill(path), **kwargs)
        return self.last

    def response(self):
        if self.last is None:
            raise AssertionError("no request has been sent yet in this scenario")
        return self.last


@pytest.fixture
def ctx(target):
    return ScenarioContext(target)
