"""The emulator's HTTP front: an ASGI app routing by the extracted contract.

Every answer passes through here: authentication by the operation's security
requirements, request validation (400 in Weavr's shape), idempotent replays,
the handler, and a `request-ref` header. In strict mode an answer that breaks the
contract raises (a 500 over HTTP), so the emulator's own tests catch it; an
operation without a handler answers an honest 501 in plain text, which the suite's
contract check rejects (its `default` response is JSON).
"""
from __future__ import annotations

import json
import logging
import secrets
from urllib.parse import unquote

from schemas import load_contract
from schemas.declared import declarations

from . import control
from .call import Call
from .errors import ApiError, bad_request, method_not_allowed, not_found, unauthorized
from .faults import Faults
from .registry import HANDLERS, LEGACY_ROUTES
from .simulator_errors import simulator_bad_request
from .validation import MAX_BULK_BODY_BYTES, check_request, check_size, parse_json_body, query_pairs, read_body, unreadable
from .variation import DEFAULT, Variation, restore, use
from .world import World

log = logging.getLogger("emulator")

MOUNTS = (("/multi", "multi"), ("/simulate/api", "simulator"))
CONTROL_PREFIX = "/_emulator"
JSON = b"application/json"


class Answer:
    __slots__ = ("status", "body", "headers")

    def __init__(self, status: int, body=None, headers: dict | None = None):
        self.status = status
        self.body = body
        self.headers = headers or {}


class EmulatorApp:
    def __init__(self, programme: dict, strict: bool = False, variation: Variation = DEFAULT):
        # The answers the description leaves open, as this emulator gives them (emulator/variation.py).
        self.variation = variation
        self.world = World(programme, variation)
        # Set by `python -m emulator --control-key`: the key the control plane asks for (emulator/control.py).
        self.control_key: str | None = None
        self.strict = strict
        self.contracts = {namespace: load_contract(namespace) for _, namespace in MOUNTS}
        self.faults = Faults(self.contracts)

    # -- ASGI ------------------------------------------------------------------------
    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        chunks, size = [], 0
        while size <= MAX_BULK_BODY_BYTES:  # past every operation's limit the rest is never needed: 413 follows
            message = await receive()
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        answer = self.handle(scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"),
                             headers, b"".join(chunks))
        await _send(send, answer)

    # -- routing -----------------------------------------------------------------------
    def handle(self, method: str, path: str, query_string: str, headers: dict, raw_body: bytes) -> Answer:
        request_ref = secrets.token_hex(8)
        varied = use(self.variation)
        try:
            if path.startswith(CONTROL_PREFIX):
                answer = control.handle(self, method, path[len(CONTROL_PREFIX):], raw_body, headers)
            else:
                answer = self.api(method, path, query_string, headers, raw_body)
        except ApiError as error:
            answer = Answer(error.status, error.body, error.headers)
        except Exception:  # a bug in a handler must not look like Weavr's answer
            if self.strict:
                raise
            log.exception("unhandled error for %s %s", method, path)
            answer = Answer(500, {"code": "EMULATOR_ERROR", "message": "The emulator failed; see its log"})
        finally:
            restore(varied)
        answer.headers["request-ref"] = request_ref
        return answer

    def api(self, method, path, query_string, headers, raw_body) -> Answer:
        for mount, namespace in MOUNTS:
            if path == mount or path.startswith(mount + "/"):
                inner = unquote(path[len(mount):]) or "/"
                legacy = LEGACY_ROUTES.get((method, inner)) if namespace == "multi" else None
                if legacy is not None:
                    return self.legacy(legacy, headers, raw_body)
                try:
                    return self.operation(namespace, method, inner, query_string, headers, raw_body)
                except ApiError as error:
                    if namespace == "simulator":
                        error = simulator_bad_request(error, self.contracts[namespace])
                    if self.strict:  # an error is an answer too: declared status, schema, names
                        self.check_error(namespace, method, inner, error)
                    raise error from None
        raise not_found(f"No API is served at {path}; the Multi API is under /multi")

    def operation(self, namespace, method, path, query_string, headers, raw_body) -> Answer:
        contract = self.contracts[namespace]
        operation, found = contract.match(method, path)
        if operation is None:
            if found:
                raise method_not_allowed(found)
            raise not_found(f"No operation at {method} {path}")
        check_size(operation, raw_body)
        world = self.world
        with world.lock:
            world.scheduler.run_due()
            session = self.authenticate(namespace, operation, headers)
            replay_key = world.replays.key(operation, headers, _bearer(headers), raw_body)
            replayed = world.replays.get(replay_key)
            if replayed:
                return Answer(*replayed)
            handler = HANDLERS.get((namespace, operation.operation_id))
            # A handler may say how its body is read for the contract's check (the bulk submissions);
            # it still gets the body as sent.
            reads_body = getattr(handler, "reads_body", None)
            try:
                body = read_body(operation, headers, raw_body)
                # A blank value (`?profileId=`) is a value that fails its schema, not an absent parameter.
                path_params, query = check_request(contract, operation, found, query_pairs(query_string),
                                                   reads_body(body, raw_body) if reads_body else body, headers)
            except ApiError as error:
                raise unreadable(contract, operation, error) from None
            call = Call(world=world, operation=operation, path_params=path_params,
                        query=query, headers=headers, body=body, session=session)
            if handler is None:
                # Plain text, not Weavr's JSON error: `default` would otherwise let a 501 pass as an answer.
                answer = Answer(501, f"NOT_IMPLEMENTED: the emulator does not implement {operation.operation_id} yet"
                                .encode(), {"content-type": "text/plain; charset=utf-8"})
            else:
                # Planted faults (control plane) change this answer only; none planted: the handler's own.
                answer = self.faults.run(namespace, operation, world, lambda: _as_answer(handler(call), call))
                if self.variation.dropped_fields and 200 <= answer.status < 300 and answer.body is not None:
                    schema = operation.response_schema(answer.status)
                    answer.body = self.variation.without_optional(
                        answer.body, lambda body: schema is not None and not contract.validate(schema, body))
            world.replays.keep(replay_key, answer.status, answer.body, answer.headers)
        if self.strict and answer.status != 501 and not self.faults.active(namespace, operation.operation_id):
            self.self_check(contract, operation, answer)
        return answer

    def legacy(self, handler, headers, raw_body) -> Answer:
        """A documented operation with no schema: the api-key and a token, a JSON object body, its handler."""
        world = self.world
        with world.lock:
            world.scheduler.run_due()
            session = world.sessions.authenticate(_bearer(headers))
            if headers.get("api-key") != world.programme["apiKey"] or session is None:
                raise unauthorized()
            body = parse_json_body(raw_body)
            if not isinstance(body, dict):
                raise bad_request(message="Request body is not a JSON object")
            call = Call(world=world, operation=None, path_params={}, query={}, headers=headers, body=body,
                        session=session)
            return _as_answer(handler(call), call)

    def authenticate(self, namespace, operation, headers):
        """Check the operation's security requirements; the session when a token is required."""
        programme = self.world.programme
        session = None
        for requirement in operation.security or [[]]:
            ok = True
            for scheme in requirement:
                if scheme in ("api-key", "api_key"):
                    ok &= headers.get("api-key") == programme["apiKey"]
                elif scheme == "API_Secret_Key":
                    ok &= headers.get("programme-key") == programme["programmeKey"]
                elif scheme in ("auth_token", "Auth_Token"):
                    session = self.world.sessions.authenticate(_bearer(headers))
                    ok &= session is not None
            if ok:
                return session
        if namespace == "simulator":
            # The Simulator declares its refusals under `default`, a JSON {message}; the Multi API's 401 has no body.
            raise ApiError(401, {"message": "Send the programme's programme-key (and, where the call needs one, "
                                            "a logged-in token)"})
        raise unauthorized()

    def check_error(self, namespace, method, path, error: ApiError) -> None:
        contract = self.contracts[namespace]
        operation, _ = contract.match(method, path)
        if operation is not None and not self.faults.active(namespace, operation.operation_id):
            self.self_check(contract, operation, Answer(error.status, error.body, error.headers), names_only=True)

    def self_check(self, contract, operation, answer: Answer, names_only: bool = False) -> None:
        """A handler's answer: a declared status, a body its schema takes, only declared names. An error raised
        before or in a handler is held to the names alone: some are the emulator's written choices where the
        description declares no error (a bulk submission's 400, areas/bulks/choices.md)."""
        if not operation.declares(answer.status):
            if names_only:
                return
            raise AssertionError(f"{operation.operation_id} answered undeclared status {answer.status}")
        schema = operation.response_schema(answer.status)
        if answer.body is not None:
            errors = [] if names_only else contract.validate(schema, answer.body)
            if errors:
                raise AssertionError(f"{operation.operation_id} {answer.status} breaks its schema at "
                                     f"{errors[0].pointer or '/'}: {errors[0].message}")
            # The schema lets extra keys through; an answer holds only names the description declares.
            undeclared = declarations(contract).undeclared(schema, answer.body)
            if undeclared:
                raise AssertionError(f"{operation.operation_id} {answer.status} answers properties the description "
                                     f"does not declare: {', '.join(undeclared[:5])}")


def _bearer(headers: dict) -> str | None:
    value = headers.get("authorization", "")
    return value[7:].strip() if value[:7].lower() == "bearer " else None


def _as_answer(result, call: Call) -> Answer:
    if isinstance(result, Answer):
        answer = result
    elif isinstance(result, tuple):
        answer = Answer(*result)
    elif result is None:
        answer = Answer(204)
    else:
        answer = Answer(200, result)
    answer.headers.update(call.response_headers)
    return answer


async def _send(send, answer: Answer) -> None:
    if answer.body is None or answer.status == 204:
        payload, content_type = b"", None
    elif isinstance(answer.body, (bytes, bytearray)):
        payload, content_type = bytes(answer.body), answer.headers.pop("content-type", "application/octet-stream").encode()
    else:
        payload, content_type = json.dumps(answer.body, separators=(",", ":")).encode(), JSON
    headers = [(k.encode("latin-1"), str(v).encode("latin-1")) for k, v in answer.headers.items()]
    if content_type:
        headers.append((b"content-type", content_type))
    headers.append((b"content-length", str(len(payload)).encode()))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
