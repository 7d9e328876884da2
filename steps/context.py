"""What a scenario remembers between its steps: the last response, named values, actors and named resources."""
from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from support.client import ApiResponse, dig
from support.config import PROFILE_VARIABLES
from support.contract_check import Violation

PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")

# The resources a step can name, by the words the step uses and the API's path segment (the kind).
# A new kind of instrument or movement is one line here; its steps then create, read and name it.
KINDS = {
    "managed account": "managed_accounts",
    "managed card": "managed_cards",
    "transfer": "transfers",
    "send": "sends",
    "outgoing wire transfer": "outgoing_wire_transfers",
    "beneficiary": "beneficiaries",
    "linked account": "linked_accounts",
}


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

    ATTRIBUTES = {"id": "identity_id", "identity id": "identity_id", "user id": "user_id",
                  "email": "email", "password": "password", "token": "token"}

    def value(self, name: str):
        """`${corporate.email}`: an attribute, or a detail kept at registration (name, surname, tag)."""
        attribute = self.ATTRIBUTES.get(name)
        if attribute:
            return getattr(self, attribute)
        if name in self.details and name != "request":
            return self.details[name]
        known = [*self.ATTRIBUTES, *(key for key in self.details if key != "request")]
        raise AssertionError(f"the {self.role} has no {name!r}; it has {', '.join(known)}")


@dataclass
class Resource:
    """Something the scenario created and named (`"savings"`): its kind (the API's path segment,
    e.g. managed_accounts), the role of its owner, its id and the body it was last read with."""
    name: str
    kind: str
    owner: str
    id: str
    body: dict

    @property
    def path(self) -> str:
        return f"/{self.kind}/{self.id}"

    def value(self, dotted: str):
        """`${savings.id}`, or any dotted path into the last body read: `${savings.balances.availableBalance}`."""
        if dotted == "id":
            return self.id
        try:
            return dig(self.body, dotted)
        except (KeyError, IndexError, ValueError) as exc:
            raise AssertionError(f"the {self.name!r} {self.kind} as last read has no {dotted!r}: {exc}") from None


class ScenarioContext:
    def __init__(self, target):
        self.target = target
        self.last = None
        self.values: dict = {}
        self.actors: dict[str, Actor] = {}
        self.resources: dict[str, Resource] = {}
        # Every answer of the scenario by its body's identity: a named resource's body is one of them, and
        # `${savings.balances...}` is read only where that answer's operation declares it.
        self._answers: dict[int, ApiResponse] = {}
        # The event steps' own slots: when this scenario's events began to reach the receiver (None: they do
        # not), and the request-ref of the event the emulator was asked to redeliver.
        self.events_since: float | None = None
        self.redelivered: str | None = None
        # A bulk submission refused with only its undeclared status (steps/bulk_refusal_steps.py).
        self.refused_submission: Violation | None = None

    @contextmanager
    def aside(self):
        """Calls made inside are checks on the side: the answer later steps read stays the one before."""
        kept = self.last
        try:
            yield
        finally:
            self.last = kept

    def remember(self, name: str, value) -> None:
        """A value named by a step (`I remember ... as "name"`), later `${name}`."""
        self._check_free(name, self.values)
        self.values[name] = value

    def remember_resource(self, name: str, kind: str, owner: Actor, body: dict) -> Resource:
        """A resource the owner created, under the name the step gives it."""
        self._check_free(name, self.resources)
        if name in self.resources:
            raise AssertionError(f"{name!r} already names a resource in this scenario; a second one needs its own name")
        if "." in name:
            raise AssertionError(f"a resource name cannot hold a dot ({name!r}): `${{{name}.id}}` would be ambiguous")
        self.resources[name] = Resource(name=name, kind=kind, owner=owner.role, id=str(body["id"]), body=body)
        return self.resources[name]

    def resource(self, name: str, kind: str | None = None) -> Resource:
        found = self.resources.get(name)
        if found is None or (kind and found.kind != kind):
            known = ", ".join(f"{r.name!r} ({r.kind} of the {r.owner})" for r in self.resources.values()) or "none"
            raise AssertionError(f"no {kind or 'resource'} named {name!r} in this scenario; named so far: {known}")
        return found

    def _check_free(self, name: str, own: dict) -> None:
        # One namespace for everything `${...}` reaches, so a name always means one thing.
        taken = {"an actor": self.actors, "a value": self.values, "a resource": self.resources}
        for what, names in taken.items():
            if names is not own and name in names:
                raise AssertionError(f"{name!r} already names {what} in this scenario; choose another name")

    def actor(self, role: str) -> Actor:
        try:
            return self.actors[role]
        except KeyError:
            raise AssertionError(f"no {role!r} in this scenario yet; known: {sorted(self.actors)}") from None

    def lookup(self, name: str):
        """`${name}` remembered, `${resource.path}` of a named resource, `${role.attribute}` of an actor,
        `${code}`, or `${profile.<key>}`."""
        if name in self.values:
            return self.values[name]
        if "." in name:
            head, rest = name.split(".", 1)
            if head in self.resources:
                return self._resource_value(self.resources[head], rest)
            if head in self.actors:
                return self.actors[head].value(rest)
            if head == "profile":
                return self._profile(rest)
        if name == "code":
            return self.target.settings.verification_code
        raise AssertionError(f"nothing remembered as ${{{name}}}; values {sorted(self.values)}, "
                             f"resources {sorted(self.resources)}, actors {sorted(self.actors)}")

    def _resource_value(self, resource: Resource, dotted: str):
        answer = self._answers.get(id(resource.body))
        if dotted != "id" and answer is not None and answer.body is resource.body:
            answer.check_read(dotted)
        return resource.value(dotted)

    def _answered(self, answer):
        if isinstance(answer.body, (dict, list)):
            self._answers[id(answer.body)] = answer
        return answer

    def _profile(self, key: str) -> str:
        if key not in PROFILE_VARIABLES:
            raise AssertionError(f"no profile key {key!r}; the keys are {', '.join(PROFILE_VARIABLES)} "
                                 f"(`${{profile.managedAccounts}}`)")
        return self.target.settings.profile(key)

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
        self.last = self._answered(client.request(method, self.fill(path), token=token, **kwargs))
        self.last.refers_to = self.named_in(self.fill(path), kwargs.get("json"))
        return self.last

    def named_in(self, path: str, body=None) -> str:
        """The scenario's named resources a call refers to, in its words: `send 'rent' (id 123)`, so a 409 on
        it says which one; ids in the path first, then in the body."""
        text = path + " " + (json.dumps(body) if body is not None else "")
        words = {kind: word for word, kind in KINDS.items()}
        found = [(text.find(r.id), r) for r in self.resources.values() if r.id and r.id in text]
        return ", ".join(f"{words.get(r.kind, r.kind.rstrip('s').replace('_', ' '))} {r.name!r} (id {r.id})"
                         for _, r in sorted(found, key=lambda pair: pair[0]))

    def simulate(self, method: str, path: str, **kwargs):
        self.last = self._answered(self.target.simulator.request(method, self.fill(path), **kwargs))
        return self.last

    def response(self):
        if self.last is None:
            raise AssertionError("no request has been sent yet in this scenario")
        return self.last


@pytest.fixture
def ctx(target):
    return ScenarioContext(target)
