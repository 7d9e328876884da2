"""The independent judge: Schemathesis reads the *published* description (not schemas/) and fuzzes every
implemented operation of the in-process emulator with real profile ids and tokens.

The emulator, its strict self-check and the suite all read the description through schemas/, so a
misreading there would pass everywhere; this is the second reading. Any server error, undocumented status,
wrong content type or body that breaks the published schema fails the operation's test.
"""
from __future__ import annotations

import zlib

import hypothesis
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from emulator.app import EmulatorApp
from emulator.programme import load_programme

from . import reach
from .content_type_check import non_json_body_refused
from .credentials import Credentials
from .not_implemented import PUBLISHED, not_implemented
from .resources import Resources, kind_of

# Budget: `make test` must stay within a few minutes on 2 cores; fixed seed and deterministic generation
# make a finding reproducible by rerunning the same test id.
CONFIG = schemathesis.Config.from_dict({
    "seed": 20261125,
    "generation": {"max-examples": 15, "deterministic": True, "allow-extra-parameters": False},
    # Enabled so Schemathesis infers links between operations from the description (it declares none).
    "phases": {"stateful": {"enabled": True, "max-steps": 10}},
})
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]



class EmulatorPerOperation:
    """An ASGI app that hands each call to the emulator of the operation under test, so what one
    operation's fuzzing leaves behind (a consumer with the email 0@0.com, a logged-out token) cannot
    change another operation's answers: results then do not depend on which worker runs what, in which order."""

    def __init__(self):
        self.apps: dict[str, EmulatorApp] = {}
        self.current: str | None = None

    def for_operation(self, operation) -> EmulatorApp:
        label = operation.label
        if label not in self.apps:
            self.apps[label] = EmulatorApp(load_programme(), strict=False)
        return self.apps[label]

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan" or self.current is None:
            raise RuntimeError("the judge called the emulator outside an operation's test")
        await self.apps[self.current](scope, receive, send)


def judged_schema(app):
    """The published description with the unimplemented operations left out."""
    loaded = schemathesis.openapi.from_path(PUBLISHED, config=CONFIG).exclude(operation_id=not_implemented())
    loaded.app = app
    return loaded


EMULATORS = EmulatorPerOperation()
schema = judged_schema(EMULATORS)  # one operation at a time, each on its own emulator
workflow_schema = judged_schema(EmulatorApp(load_programme(), strict=False))  # the stateful phase, reset per scenario
_credentials: dict[str, Credentials] = {}
_resources: dict[str, Resources] = {}


def _slot(operation) -> tuple[str, EmulatorApp]:
    if operation.schema.app is workflow_schema.app:
        return "workflow", workflow_schema.app
    return operation.label, EMULATORS.for_operation(operation)


def credentials(operation) -> Credentials:
    """Fresh identities per operation: fuzzing logout or a password update must not turn every later
    operation's calls into 401s. A stateful scenario shares one set, so a user created in one step is
    found by the next."""
    key, app = _slot(operation)
    if key not in _credentials:
        _credentials[key] = Credentials(app)
        _resources[key] = Resources(_credentials[key])
        # Made before any fuzzed call: a later one may have logged the identity out or blocked its account.
        operations = ([operation] if key != "workflow"
                      else [result.ok() for result in workflow_schema.get_all_operations()])
        for kind in {kind_of(op.path, parameter.name) for op in operations for parameter in op.path_parameters}:
            if kind:
                _resources[key].id_of(kind)
    return _credentials[key]


def resources(operation) -> Resources:
    """The money areas' resources beside the operation's identities, each made when a path first names it."""
    credentials(operation)
    return _resources[_slot(operation)[0]]


def judge(case, checks) -> None:
    EMULATORS.for_operation(case.operation)
    EMULATORS.current = case.operation.label
    try:
        case.call_and_validate(checks=checks)
    finally:
        EMULATORS.current = None


class EmulatorAuth:
    """The programme's api-key and the logged-in token of the identity the operation belongs to."""

    def get(self, case, context):
        return credentials(case.operation)

    def set(self, case, data: Credentials, context):
        case.headers = case.headers or {}
        case.headers["api-key"] = data.programme["apiKey"]
        case.headers["authorization"] = f"Bearer {data.token_for(case.operation.definition.raw['operationId'])}"


def map_case(context, case):
    """Real values in positive cases only; a negative case keeps what Schemathesis made invalid on purpose."""
    meta = case.meta
    if meta is not None and meta.generation.mode.is_negative:
        return case
    known = credentials(context.operation)
    path = context.operation.path
    if isinstance(case.body, dict):
        case.body = real_body(known, path, case.body)
    if case.path_parameters:
        case.path_parameters = real_ids(known, resources(context.operation), path, case.path_parameters)
    return case


def real_body(known: Credentials, path: str, body: dict) -> dict:
    """Real profile ids and a currency of the programme always, so creations get past 'no such profile' and
    'currency not supported'; the identity's real email, the
    sandbox codes and the real password on half of the bodies (by a stable digest), so sign-in, email
    verification, invites and lost passwords reach their success answers and the other half their errors."""
    mapped = dict(body)
    if "profileId" in body and known.profile_for(path):
        mapped["profileId"] = known.profile_for(path)
        # A drawn currency ('AAA') is one no profile supports: every creation would end in a 409.
        if isinstance(body.get("currency"), str):
            mapped["currency"] = known.programme["currencies"][0]
    if zlib.crc32(repr(body).encode()) % 2:
        return mapped
    code = known.programme["sandboxCodes"]["otp"]
    for name, value in (("email", known.email_for(path)), ("verificationCode", code), ("inviteCode", code),
                        ("nonce", code), ("password", {"value": known.PASSWORD}),
                        ("oldPassword", {"value": known.PASSWORD})):
        if name in body:
            mapped[name] = value
    return mapped


def real_ids(known: Credentials, made: Resources, path: str, path_parameters: dict) -> dict:
    """A real id of the right kind for the path in every positive case (a card's on /managed_cards/{id}, a
    bulk's on /bulks/{bulk_id}), so the case reaches the operation's success. The 404 and 400 answers to ids
    that name nothing are the negative cases' and the refusal tests' to reach."""
    mapped = dict(path_parameters)
    for name in path_parameters:
        kind = kind_of(path, name)
        if name == "user_id":
            mapped[name] = known.user_id_for(path)
        elif kind:
            mapped[name] = made.id_of(kind)
    return mapped


def after_call(context, case, response):
    reach.record(case.operation.label, response.status_code)


for _judged in (schema, workflow_schema):
    _judged.auth(refresh_interval=None)(EmulatorAuth)
    _judged.hook(map_case)
    _judged.hook(after_call)


@schema.parametrize()
def test_the_emulator_answers_as_the_published_description_says(case):
    judge(case, CHECKS)


class Workflows(workflow_schema.as_state_machine()):
    """The stateful phase: chains of calls along the links Schemathesis infers (create a user, then get,
    update, invite, deactivate it; create an account, then get it), judged by the same checks."""

    def setup(self):
        # Same state at the start of every scenario, so Hypothesis sees the same bundles on a replay.
        workflow_schema.app.world.reset()
        _credentials.pop("workflow", None)
        _resources.pop("workflow", None)

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        # A step with data made invalid on purpose is judged as the negative test judges it: refused, not
        # answered with a documented status (the bulk submissions document none for a refusal).
        negative = case.meta is not None and case.meta.generation.mode.is_negative
        case.validate_response(response, checks=NEGATIVE_STEP_CHECKS if negative else CHECKS)


NEGATIVE_STEP_CHECKS = [not_a_server_error, negative_data_rejection]
TestWorkflows = Workflows.TestCase
TestWorkflows.settings = hypothesis.settings(Workflows.TestCase.settings, max_examples=25, stateful_step_count=10,
                                             derandomize=True, database=None)


@schema.parametrize()
def test_the_emulator_refuses_input_the_published_description_forbids(case):
    judge(case, [negative_data_rejection, unsupported_method, non_json_body_refused])
