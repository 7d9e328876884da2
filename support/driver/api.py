"""What the driver needs from its caller: a transport to the Multi API and one to the Simulator, the
programme's profile ids and sandbox code, and what to do when a step of an act is refused."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class Answer(Protocol):
    """Any answer with a status and a parsed body: the suite's ApiResponse, the emulator's, the state machine's."""

    @property
    def status(self) -> int: ...

    @property
    def body(self) -> Any: ...


class Transport(Protocol):
    """Sends one request. `path` is under the API's root (`/managed_accounts`); `token` becomes the bearer
    authorisation; `headers` are extra ones (`idempotency-ref`); `query` the query string's parameters."""

    def __call__(self, method: str, path: str, body: Any = None, *, token: str | None = None,
                 headers: Mapping[str, str] | None = None, query: Mapping[str, Any] | None = None) -> Any: ...


class Refused(AssertionError):
    """A step of a business act was answered otherwise than the act needs to go on."""


def expect(answer: Any, status: int, what: str) -> Any:
    """The default judge of a step: the status the act needs, else Refused naming the step and the answer."""
    if answer.status != status:
        raise Refused(f"{what}: answered {answer.status}, expected {status}; body: {answer.body}")
    return answer


@dataclass(frozen=True)
class Api:
    """The driver's handle: the two transports, the programme's facts, and the caller's judge of a step."""

    multi: Transport
    simulator: Transport
    profile: Callable[[str], str]
    code: str
    expect: Callable[[Any, int, str], Any] = expect

    @classmethod
    def of_programme(cls, multi: Transport, simulator: Transport, programme: Mapping[str, Any],
                     **kwargs: Any) -> Api:
        """An Api on the emulator's programme document (`/_emulator/programme`): its profiles and OTP."""
        profiles = programme["profiles"]
        return cls(multi, simulator, profiles.__getitem__, programme["sandboxCodes"]["otp"], **kwargs)


def instrument(kind: str, instrument_id: str) -> dict:
    """An instrument as the API names one in a body: `{"type": "managed_accounts", "id": "7"}`."""
    return {"type": kind, "id": instrument_id}


def money(amount: int, currency: str) -> dict:
    """An amount in minor units, as the API has it."""
    return {"currency": currency, "amount": amount}


def extra_headers(idempotency_ref: str | None = None, headers: Mapping[str, str] | None = None) -> dict:
    """The transport's `headers` argument for a create: the caller's own headers and its idempotency-ref."""
    sent = {**(headers or {}), **({"idempotency-ref": idempotency_ref} if idempotency_ref else {})}
    return {"headers": sent} if sent else {}
