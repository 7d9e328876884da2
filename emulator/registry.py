"""Which function answers which operation, and which backend holds each area's state.

Area modules register themselves with `@handles(operationId)` and `@backend(name)`;
the app routes by the contract's operation index and looks handlers up here.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[..., Any]

HANDLERS: dict[tuple[str, str], Handler] = {}
BACKENDS: dict[str, type] = {}


def handles(operation_id: str, namespace: str = "multi"):
    def register(function):
        key = (namespace, operation_id)
        if key in HANDLERS:
            raise RuntimeError(f"two handlers for {namespace}:{operation_id}")
        HANDLERS[key] = function
        return function
    return register


def backend(name: str):
    def register(cls):
        if name in BACKENDS:
            raise RuntimeError(f"two backends named {name}")
        BACKENDS[name] = cls
        return cls
    return register


# Operations Weavr documents but the description no longer holds (deprecated, no schema published): served
# outside the contract by (method, path) under /multi; see emulator/areas/bulks/choices.md.
LEGACY_ROUTES: dict[tuple[str, str], Handler] = {}


def handles_legacy(method: str, path: str):
    def register(function):
        LEGACY_ROUTES[(method, path)] = function
        return function
    return register
