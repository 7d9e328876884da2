"""The independent judge: Schemathesis reads the *published* description (not schemas/) and fuzzes every
implemented operation of the in-process emulator with real profile ids and tokens.

The emulator, its strict self-check and the suite all read the description through schemas/, so a
misreading there would pass everywhere; this is the second reading. Any server error, undocumented status,
wrong content type or body that breaks the published schema fails the operation's test.
"""
from __future__ import annotations

import os
import zlib

import hypothesis
import schemathesis
from schemathesis.checks import max_response_time, not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    ensure_resource_availability,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    object_level_authorization,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

from emulator.app import EmulatorApp
from emulator.programme import load_programme

from . import reach, recipes
from .content_type_check import non_json_body_refused
from .credentials import Credentials
from .findings import DISPUTED, FINDINGS
from .not_implemented import PUBLISHED, SIMULATOR, not_implemented
from .resources import Resources, kind_of

# Budget: `make test` must stay within a few minutes on 2 cores; fixed seed and deterministic generation
# make a finding reproducible by rerunning the same test id.
SETTINGS = {
    "seed": 20261125,
    "generation": {"max-examples": 15, "deterministic": True, "allow-extra-parameters": False},
    # Enabled so Schemathesis infers links between operations from the description (it declares none).
    "phases": {"stateful": {"enabled": True, "max-steps": 10}},
}
CONFIG = schemathesis.Config.from_dict(SETTINGS)
# The Simulator's `servers` URL ends in a stray quote (`.../simulate/api"`): its base path is given here instead.
SIMULATOR_CONFIG = schemathesis.Config.from_dict({**SETTINGS, "base-url": "http://emulator/simulate/api"})

# Every Schemathesis 4.32.5 check is on, in the test whose cases it judges, except these two, each for a reason:
NOT_ON = {
    max_response_time: "budgets wall time; the judge runs in-process on a shared machine and is budgeted by "
                       "examples, never by seconds",
    object_level_authorization: "probes only with peer identities configured in Schemathesis ([auth.identities]); "
                                "the judge's one programmatic auth provider has none, so on it the check could "
                                "never fail (another identity's resource is checked by the suite's scenarios)",
}
# Answers to valid input: documented, well-shaped, and accepted (positive data must not get a 400), with auth
# enforced where it is declared.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance, positive_data_acceptance, ignored_auth]
# Refusals of invalid input, unsupported methods, missing required headers and OPTIONS' Allow: these judge only
# cases with something made invalid on purpose, which the refusal tests send (see judge()).
REFUSAL_CHECKS = [negative_data_rejection, unsupported_method, missing_required_header, allow_header_conformance,
                  non_json_body_refused]
# Chains of calls: a deleted resource stays gone, a created one is there.
STATEFUL_CHECKS = CHECKS + [use_after_free, ensure_resource_availability]


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


def judged_schema(app, path=PUBLISHED, config=CONFIG, excluded=()):
    """A published description with the unimplemented operations left out."""
    loaded = schemathesis.openapi.from_path(path, config=config)
    if excluded:
        loaded = loaded.exclude(operation_id=list(excluded))
    loaded.app = app
    return loaded


EMULATORS = EmulatorPerOperation()
schema = judged_schema(EMULATORS, excluded=not_implemented())  # one operation at a time, each on its own emulator
simulator_schema = judged_schema(EMULATORS, SIMULATOR, SIMULATOR_CONFIG)
workflow_schema = judged_schema(EmulatorApp(load_programme(), strict=False), excluded=not_implemented())
_credentials: dict[str, Credentials] = {}
_resources: dict[str, Resources] = {}
_recipes: dict[str, recipes.Recipe | None] = {}
_recipe_cases: dict[str, str] = {}


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
        if key != "workflow":
            operation_id = operation.definition.raw["operationId"]
            namespace = "simulator" if ("simulator", operation_id) in recipes.SUCCESS else "multi"
            _recipes[key] = recipes.prepare(app, namespace, operation_id)
    return _credentials[key]


def resources(operation) -> Resources:
    """The money areas' resources beside the operation's identities, each made when a path first names it."""
    credentials(operation)
    return _resources[_slot(operation)[0]]


def judge(case, checks, recipe: bool = False) -> None:
    """Sends the case and runs the checks, if it is the test's kind. Both tests draw the same cases (one seed):
    the answers test sends those drawn as valid; the refusal test those with anything made invalid on purpose,
    and judges an invalid-drawn one (which the answers test leaves) by the answers' checks too."""
    reach.drawn(os.environ.get("PYTEST_CURRENT_TEST", "").partition("[")[0].rpartition("::")[2].split(" ")[0])
    drawn_invalid = case.meta is not None and case.meta.generation.mode.is_negative
    if checks is CHECKS and drawn_invalid:
        return
    if checks is REFUSAL_CHECKS:
        if valid(case):
            return  # every refusal check judges only input made invalid on purpose
        if drawn_invalid:
            checks = REFUSAL_CHECKS + CHECKS
    EMULATORS.for_operation(case.operation)
    EMULATORS.current = case.operation.label
    try:
        cases = [recipe_case(case), case] if recipe else [case]
        for sent in filter(None, cases):
            response = sent.call()
            excused(sent, response, lambda sent=sent, response=response: sent.validate_response(response, checks=checks))
    finally:
        EMULATORS.current = None


def valid(case) -> bool:
    meta = case.meta
    return (meta is not None and meta.generation.mode.is_positive
            and not any(component.mode.is_negative for component in meta.components.values()))


def recipe_case(case):
    """Beside the operation's first valid case (and Hypothesis's replays of it), the request that reaches its
    success (recipes.py) is sent and judged too, so every operation's success answer is judged; the generated
    cases all stay as drawn."""
    meta = case.meta
    if not valid(case):
        return None
    label = case.operation.label
    credentials(case.operation)
    recipe = _recipes.get(label)
    if recipe is None:
        return None
    drawn = repr((case.path_parameters, case.query, case.body))
    if _recipe_cases.setdefault(label, drawn) != drawn:
        return None
    extra = {} if recipe.body is None else {"body": recipe.body, "media_type": "application/json"}
    made = case.operation.Case(path_parameters=dict(recipe.path_parameters), query=dict(recipe.query),
                               headers=dict(recipe.headers), _meta=meta, **extra)
    # Its credentials are real ones, as the auth provider's are: ignored_auth then probes without them.
    made._has_explicit_auth = True
    return made


def excused(case, response, validate) -> None:
    """Runs the checks; a failure findings.py names for this operation, check and status is excused (and counted),
    every other one is raised. A known finding is raised as KnownFinding, which only its strict xfail expects."""
    try:
        validate()
    except FailureGroup as group:
        label, status = case.operation.label, response.status_code
        body = response.text if hasattr(response, "text") else ""
        left, known = [], []
        for failure in group.exceptions:
            names = type(failure).checks or ((failure.title.split("`")[1],) if "`" in failure.title else ())
            disputed = next((e for e in DISPUTED if e.covers(label, names, status, f"{failure}\n{body}")), None)
            finding = next((e for e in FINDINGS if e.covers(label, names, status, f"{failure}\n{body}")), None)
            # A finding is checked first: it is the narrower entry (a disputed one may name the same status).
            if finding:
                reach.excused(finding)
                known.append(failure)
            elif disputed:
                reach.excused(disputed)
            else:
                left.append(failure)
        if left:
            raise FailureGroup(left, group.message) from None
        if known:
            raise KnownFinding(group.message) from None


class KnownFinding(AssertionError):
    """A failure a FINDINGS entry names: the strict xfail of its test expects exactly this."""


class EmulatorAuth:
    """The programme's api-key and the logged-in token of the identity the operation belongs to."""

    def get(self, case, context):
        return credentials(case.operation)

    def set(self, case, data: Credentials, context):
        case.headers = case.headers or {}
        case.headers["api-key"] = data.programme["apiKey"]
        case.headers["programme-key"] = data.programme["programmeKey"]  # the Simulator's key; the Multi API ignores it
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


for _judged in (schema, simulator_schema, workflow_schema):
    _judged.auth(refresh_interval=None)(EmulatorAuth)
    _judged.hook(map_case)
    _judged.hook(after_call)


@schema.parametrize()
def test_the_emulator_answers_as_the_published_description_says(case):
    judge(case, CHECKS, recipe=True)


@simulator_schema.parametrize()
def test_the_simulator_answers_as_its_published_description_says(case):
    judge(case, CHECKS, recipe=True)


@simulator_schema.parametrize()
def test_the_simulator_refuses_input_its_published_description_forbids(case):
    judge(case, REFUSAL_CHECKS)


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
        reach.drawn("TestWorkflows")
        negative = case.meta is not None and case.meta.generation.mode.is_negative
        checks = NEGATIVE_STEP_CHECKS if negative else STATEFUL_CHECKS
        excused(case, response, lambda: case.validate_response(response, checks=checks, transport_kwargs=kwargs or None,
                                                              recorder=getattr(self, "recorder", None)))


NEGATIVE_STEP_CHECKS = [not_a_server_error, negative_data_rejection]
TestWorkflows = Workflows.TestCase
TestWorkflows.settings = hypothesis.settings(Workflows.TestCase.settings, max_examples=25, stateful_step_count=10,
                                             derandomize=True, database=None)


@schema.parametrize()
def test_the_emulator_refuses_input_the_published_description_forbids(case):
    judge(case, REFUSAL_CHECKS)


def test_every_check_is_on_or_has_a_reason():
    on = set(CHECKS) | set(REFUSAL_CHECKS) | set(STATEFUL_CHECKS)
    from schemathesis.config._checks import _BUILTIN_CHECK_NAMES
    names = {check.__name__ for check in on | set(NOT_ON)}
    assert names >= _BUILTIN_CHECK_NAMES, sorted(_BUILTIN_CHECK_NAMES - names)
    assert not on & set(NOT_ON)
