"""Both sides of a diff in one in-memory form, whatever they were read from.

A side is a published description (file or URL), extracted in memory, or a committed
schemas folder (schemas/ or schemas/<namespace>/). Either way the result has the shape
extract.py commits, so the diff never needs to know where a side came from.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .extract import Extraction
from .source import SpecSource, SpecSourceError, load_source

REF_MARK = "#/$defs/"
_TEMPLATE = re.compile(r"\{[^}/]*\}")


def normalise_path(path: str) -> str:
    """/cards/{id} and /cards/{card_id} name the same operation."""
    return _TEMPLATE.sub("{}", path.rstrip("/") or "/")


def op_key(method: str, path: str) -> tuple[str, str]:
    return method.upper(), normalise_path(path)


@dataclass
class Side:
    label: str
    version: str
    security_schemes: dict
    operations: dict  # (METHOD, normalised path) -> committed operation
    defs: dict = field(repr=False)
    # Operations Weavr documents that this description does not hold (documented.json, `inSpec: false`).
    documented_only: list = field(default_factory=list)


def load_side(location: str, namespace: str = "multi") -> Side:
    path = Path(location)
    if not location.startswith(("http://", "https://")) and path.is_dir():
        return _from_folder(path, namespace)
    return side_from_source(load_source(location), namespace, location)


def side_from_source(source: SpecSource, namespace: str = "multi", location: str | None = None) -> Side:
    try:
        extraction = Extraction(source, namespace)
        index, components = extraction.index(), extraction.components()
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SpecSourceError(f"{location or source.name} cannot be read as a contract: {exc}") from exc
    version = str((source.document.get("info") or {}).get("version"))
    return _side(source.name, version, index, components)


def _from_folder(path: Path, namespace: str) -> Side:
    folder = path if (path / "operations.json").is_file() else path / namespace
    try:
        index = json.loads((folder / "operations.json").read_text(encoding="utf-8"))
        components = json.loads((folder / "components.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SpecSourceError(f"{path} is not a schemas folder: no {Path(exc.filename).name} in {folder}") from exc
    except ValueError as exc:
        raise SpecSourceError(f"{folder} holds invalid JSON: {exc}") from exc
    manifest_file = folder / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    label = f"{folder} ({manifest.get('source', 'committed contract')})"
    side = _side(label, str(manifest.get("version")), index, components)
    side.documented_only = _documented_only(folder / "documented.json")
    return side


def _documented_only(path: Path) -> list:
    if not path.is_file():
        return []
    try:
        documented = json.loads(path.read_text(encoding="utf-8"))
        return [{k: cap[k] for k in ("method", "path", "title", "deprecated")} for cap in documented
                if cap["inSpec"] is False]
    except (ValueError, KeyError, TypeError) as exc:
        raise SpecSourceError(f"{path} is not a documented-operations list: {exc}") from exc


def _side(label: str, version: str, index: dict, components: dict) -> Side:
    operations = {}
    for op in index["operations"]:
        # Webhooks are named, not addressed; they share the method space of paths otherwise.
        key = op_key(op["method"], op["path"]) if op["kind"] == "path" else (op["method"], "webhook " + op["path"])
        operations[key] = op
    return Side(label=label, version=version, security_schemes=index.get("securitySchemes", {}),
                operations=operations, defs=components.get("$defs", {}))


def ref_name(ref: str) -> str | None:
    """The component a committed $ref names, whatever namespace it was extracted under."""
    if REF_MARK in ref:
        return ref.split(REF_MARK, 1)[1]
    return None
