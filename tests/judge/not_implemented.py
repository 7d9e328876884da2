"""The one list of operations the judge leaves out: those of the published description with no handler.

Computed, not written by hand, so it empties itself as areas land; test_not_implemented.py checks that
it names only real operations without a handler.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

import emulator.areas  # noqa: F401  (registers every handler)
from emulator.registry import HANDLERS

PUBLISHED = Path(__file__).resolve().parents[2].parent / "shared" / "specs" / "multi-openapi-v3.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@lru_cache(maxsize=1)
def published_operation_ids() -> frozenset[str]:
    """operationIds read straight from the published file, not through schemas/ (the second reading)."""
    document = yaml.safe_load(PUBLISHED.read_text(encoding="utf-8"))
    return frozenset(operation["operationId"] for item in document["paths"].values()
                     for method, operation in item.items() if method in METHODS)


def implemented() -> frozenset[str]:
    return frozenset(op for namespace, op in HANDLERS if namespace == "multi")


def not_implemented() -> list[str]:
    return sorted(published_operation_ids() - implemented())


SIMULATOR = PUBLISHED.parent / "simulator-openapi-v2.yaml"
