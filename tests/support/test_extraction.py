"""Extraction is deterministic, keeps facts, drops prose, and is what is committed."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support.spec.extract import extract
from support.spec.source import SpecSourceError, load_source

ROOT = Path(__file__).resolve().parents[2]
SPECS = Path(os.environ.get("WEAVR_SPECS_DIR", ROOT.parent / "shared" / "specs"))
MULTI = SPECS / "multi-openapi-v3.yaml"
DOCS = SPECS / "multi-api-docs-index-3.63.5.md"

needs_spec = pytest.mark.skipif(not MULTI.exists(), reason=f"published description not found at {MULTI}")


def _files(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@needs_spec
def test_the_same_spec_gives_byte_identical_files(tmp_path):
    source = load_source(str(MULTI))
    docs = DOCS.read_text(encoding="utf-8")
    extract(source, "multi", tmp_path / "a", docs)
    extract(load_source(str(MULTI)), "multi", tmp_path / "b", docs)
    assert _files(tmp_path / "a" / "multi") == _files(tmp_path / "b" / "multi")


# Each namespace of schemas/ and the published file it is extracted from (as `make spec-extract` does).
NAMESPACES = {"multi": "multi-openapi-v3.yaml", "simulator": "simulator-openapi-v2.yaml",
              "webhooks": "webhooks-openapi-v2.yaml"}


@needs_spec
@pytest.mark.parametrize("namespace", sorted(NAMESPACES))
def test_committed_schemas_are_the_extraction_of_the_published_spec(tmp_path, namespace):
    spec = SPECS / NAMESPACES[namespace]
    docs = DOCS.read_text(encoding="utf-8") if namespace == "multi" else None
    extract(load_source(str(spec)), namespace, tmp_path, docs)
    assert _files(tmp_path / namespace) == _files(ROOT / "schemas" / namespace), \
        (f"schemas/{namespace} is stale: run `make spec-sync SPEC=../shared/specs/{NAMESPACES[namespace]} "
         f"SYNC_ARGS='--namespace {namespace}'`")


@needs_spec
def test_the_webhooks_namespace_holds_the_32_events(tmp_path):
    manifest = extract(load_source(str(SPECS / NAMESPACES["webhooks"])), "webhooks", tmp_path)
    assert manifest["counts"]["webhooks"] == 32 and manifest["counts"]["operations"] == 0, manifest["counts"]


@needs_spec
def test_counts_and_prose(tmp_path):
    manifest = extract(load_source(str(MULTI)), "multi", tmp_path, DOCS.read_text(encoding="utf-8"))
    assert manifest["counts"] == {"paths": 128, "operations": 153, "webhooks": 2, "schemas": 290,
                                  "documentedCapabilities": 137, "documentedOnly": 4}
    for name in ("operations.json", "components.json"):
        prose = list(_prose(json.loads((tmp_path / "multi" / name).read_text())))
        assert not prose, f"{name} keeps prose at {prose[:3]}"


def _prose(node, path=""):
    """Keywords holding text; a property *named* description holds a schema (a dict), not text."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary", "example", "examples") and not isinstance(value, dict):
                yield f"{path}/{key}"
            elif key.startswith("x-") and not path.endswith("/headers"):
                yield f"{path}/{key}"
            else:
                yield from _prose(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _prose(value, f"{path}/{i}")


def test_prose_is_dropped_but_a_property_named_description_is_kept(tmp_path):
    spec = tmp_path / "tiny.yaml"
    spec.write_text("""
openapi: 3.0.1
info: {title: t, version: '1', description: long prose}
paths:
  /things/{id}:
    get:
      operationId: thingGet
      summary: prose
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      description: prose
      example: {description: x}
      properties:
        description: {type: string, description: prose, nullable: true}
        count: {type: integer, minimum: 0, exclusiveMinimum: true}
""")
    extract(load_source(str(spec)), "tiny", tmp_path / "out")
    thing = json.loads((tmp_path / "out" / "tiny" / "components.json").read_text())["$defs"]["Thing"]
    assert thing == {"type": "object", "properties": {"description": {"type": ["string", "null"]},
                                                      "count": {"type": "integer", "exclusiveMinimum": 0}}}
    [op] = json.loads((tmp_path / "out" / "tiny" / "operations.json").read_text())["operations"]
    assert op["responses"]["200"]["content"]["application/json"] == {
        "$ref": "urn:weavr-suite:tiny:components#/$defs/Thing"}


def test_a_missing_or_bad_spec_is_one_line(tmp_path):
    with pytest.raises(SpecSourceError, match="no such spec file"):
        load_source(str(tmp_path / "nope.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("just: text\n")
    with pytest.raises(SpecSourceError, match="not an OpenAPI description"):
        load_source(str(bad))
