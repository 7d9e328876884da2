"""Turn a published OpenAPI description into the committed contract under schemas/<namespace>/.

What is kept are facts a test or the emulator can check: operations, parameters,
request bodies, status codes, response headers and JSON Schemas. Prose (descriptions,
summaries, examples) and vendor extensions are dropped. OpenAPI 3.0 schemas are
rewritten to Draft 2020-12 so that one validator serves every namespace.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .source import SpecSource

EXTRACTOR_VERSION = 1
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
DRAFT = "https://json-schema.org/draft/2020-12/schema"

PROSE_KEYWORDS = {"description", "summary", "example", "examples", "title", "externalDocs",
                  "$comment", "xml"}
SCHEMA_MAP_KEYWORDS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
SCHEMA_LIST_KEYWORDS = {"allOf", "anyOf", "oneOf", "prefixItems"}
SCHEMA_ONE_KEYWORDS = {"items", "additionalProperties", "not", "if", "then", "else", "contains",
                       "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems"}


def components_uri(namespace: str) -> str:
    return f"urn:weavr-suite:{namespace}:components"


class Extraction:
    def __init__(self, source: SpecSource, namespace: str):
        self.source = source
        self.namespace = namespace
        self.doc = source.document
        self.is_openapi_30 = str(self.doc.get("openapi", "")).startswith("3.0")
        self.uri = components_uri(namespace)

    # -- $ref handling -------------------------------------------------------------
    def _pointer(self, ref: str):
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported, got {ref!r}")
        node = self.doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _deref(self, node):
        seen = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if ref in seen:
                raise ValueError(f"circular $ref {ref}")
            seen.add(ref)
            node = self._pointer(ref)
        return node

    # -- schemas -----------------------------------------------------------------
    def schema(self, node):
        """A copy of a schema without prose, with refs pointing into the components document."""
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key in PROSE_KEYWORDS or key.startswith("x-"):
                continue
            if key == "$ref":
                out[key] = self._schema_ref(value)
            elif key == "discriminator":
                # Kept: its mapping names the shapes an answer may take beyond the base schema (a prepaid card's
                # `balances`), which is where the description declares their properties.
                out[key] = self._discriminator(value)
            elif key in SCHEMA_MAP_KEYWORDS:
                out[key] = {name: self.schema(sub) for name, sub in value.items()}
            elif key in SCHEMA_LIST_KEYWORDS:
                out[key] = [self.schema(sub) for sub in value]
            elif key in SCHEMA_ONE_KEYWORDS:
                out[key] = self.schema(value) if not isinstance(value, list) else [self.schema(s) for s in value]
            else:
                out[key] = value
        if self.is_openapi_30:
            out = _openapi30_to_2020(out)
        return out

    def _discriminator(self, value: dict) -> dict:
        kept = {"propertyName": value["propertyName"]}
        if value.get("mapping"):
            kept["mapping"] = {name: self._schema_ref(ref if ref.startswith("#") else f"#/components/schemas/{ref}")
                               for name, ref in value["mapping"].items()}
        return kept

    def _schema_ref(self, ref: str) -> str:
        prefix = "#/components/schemas/"
        if ref.startswith(prefix):
            return f"{self.uri}#/$defs/{ref[len(prefix):]}"
        raise ValueError(f"unsupported schema $ref {ref!r}")

    def components(self) -> dict:
        schemas = self.doc.get("components", {}).get("schemas", {}) or {}
        return {
            "$schema": DRAFT,
            "$id": self.uri,
            "$defs": {name: self.schema(schemas[name]) for name in sorted(schemas)},
        }

    # -- operations --------------------------------------------------------------
    def parameters(self, path_item: dict, operation: dict) -> list:
        merged = {}
        for raw in list(path_item.get("parameters", [])) + list(operation.get("parameters", [])):
            param = self._deref(raw)
            merged[(param["in"], param["name"])] = {
                "name": param["name"],
                "in": param["in"],
                "required": bool(param.get("required", param["in"] == "path")),
                "deprecated": bool(param.get("deprecated", False)),
                "schema": self.schema(param.get("schema", {})),
            }
        return [merged[key] for key in sorted(merged)]

    def content(self, content: dict | None) -> dict:
        return {media: self.schema(body.get("schema")) if body and "schema" in body else None
                for media, body in sorted((content or {}).items())}

    def request_body(self, operation: dict):
        if "requestBody" not in operation:
            return None
        body = self._deref(operation["requestBody"])
        return {"required": bool(body.get("required", False)), "content": self.content(body.get("content"))}

    def responses(self, operation: dict) -> dict:
        out = {}
        for status, raw in (operation.get("responses") or {}).items():
            response = self._deref(raw)
            headers = {}
            for name, header in (response.get("headers") or {}).items():
                header = self._deref(header)
                headers[name.lower()] = {"required": bool(header.get("required", False)),
                                         "schema": self.schema(header.get("schema", {}))}
            out[str(status)] = {"content": self.content(response.get("content")),
                                "headers": dict(sorted(headers.items()))}
        return dict(sorted(out.items()))

    def security(self, operation: dict) -> list:
        requirements = operation.get("security", self.doc.get("security", []))
        return [sorted(requirement) for requirement in requirements or []]

    def operation(self, kind: str, path: str, method: str, path_item: dict, operation: dict) -> dict:
        return {
            "operationId": operation.get("operationId") or _synthetic_id(method, path),
            "kind": kind,
            "method": method.upper(),
            "path": path,
            "tags": list(operation.get("tags", [])),
            "deprecated": bool(operation.get("deprecated", False)),
            "security": self.security(operation),
            "parameters": self.parameters(path_item, operation),
            "requestBody": self.request_body(operation),
            "responses": self.responses(operation),
        }

    def operations(self) -> list:
        found = []
        for kind, section in (("path", "paths"), ("webhook", "webhooks")):
            for path, item in (self.doc.get(section) or {}).items():
                item = self._deref(item)
                for method in HTTP_METHODS:
                    if method in item:
                        found.append(self.operation(kind, path, method, item, item[method]))
        found.sort(key=lambda op: (op["kind"], op["path"], HTTP_METHODS.index(op["method"].lower())))
        ids = [op["operationId"] for op in found]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate operationIds in the description: {duplicates}")
        return found

    def security_schemes(self) -> dict:
        schemes = self.doc.get("components", {}).get("securitySchemes", {}) or {}
        keep = ("type", "in", "name", "scheme", "bearerFormat")
        return {name: {k: scheme[k] for k in keep if k in scheme} for name, scheme in sorted(schemes.items())}

    def index(self) -> dict:
        return {"namespace": self.namespace, "components": self.uri,
                "securitySchemes": self.security_schemes(), "operations": self.operations()}

    def manifest(self, index: dict, components: dict, documented: list | None) -> dict:
        ops = index["operations"]
        counts = {
            "paths": len(self.doc.get("paths") or {}),
            "operations": sum(1 for op in ops if op["kind"] == "path"),
            "webhooks": sum(1 for op in ops if op["kind"] == "webhook"),
            "schemas": len(components["$defs"]),
        }
        if documented is not None:
            counts["documentedCapabilities"] = len(documented)
            counts["documentedOnly"] = sum(1 for cap in documented if not cap["inSpec"])
        info = self.doc.get("info", {})
        return {
            "namespace": self.namespace,
            "source": self.source.name,
            "sha256": self.source.sha256,
            "openapi": str(self.doc.get("openapi")),
            "title": info.get("title"),
            "version": str(info.get("version")),
            "extractor": EXTRACTOR_VERSION,
            "counts": counts,
        }


def _synthetic_id(method: str, path: str) -> str:
    return method.lower() + "_" + re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_")


def _openapi30_to_2020(schema: dict) -> dict:
    if schema.pop("nullable", False):
        kind = schema.get("type")
        if isinstance(kind, str):
            schema["type"] = [kind, "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = list(schema["enum"]) + [None]
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if schema.get(bound) is True and limit in schema:
            schema[bound] = schema.pop(limit)
        elif schema.get(bound) is False:
            schema.pop(bound)
    return schema


DOC_ENTRY = re.compile(r"### (?P<title>[^#\[]+?) - \[(?P<method>GET|POST|PUT|PATCH|DELETE) (?P<path>/[^\]\s]*)\]")


def documented_capabilities(docs_text: str, index: dict) -> list:
    """Capabilities listed by the documentation's index, flagged when the description lacks them."""
    in_spec = {(op["method"], op["path"]) for op in index["operations"]}
    found: dict[tuple[str, str], dict] = {}
    for match in DOC_ENTRY.finditer(docs_text):
        key = (match["method"], match["path"])
        title = match["title"].strip()
        found.setdefault(key, {"method": key[0], "path": key[1], "title": title,
                               "deprecated": "(deprecated)" in title.lower(), "inSpec": key in in_spec})
    return [found[key] for key in sorted(found, key=lambda k: (k[1], k[0]))]


def _reflag_documented(path: Path, index: dict):
    """Keep an earlier documentation index when none is given, re-checked against the new operations."""
    if not path.exists():
        return None
    in_spec = {(op["method"], op["path"]) for op in index["operations"]}
    capabilities = json.loads(path.read_text(encoding="utf-8"))
    for capability in capabilities:
        capability["inSpec"] = (capability["method"], capability["path"]) in in_spec
    return capabilities


def dump_json(data) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def extract(source: SpecSource, namespace: str, out_dir: Path, docs_text: str | None = None) -> dict:
    """Write operations.json, components.json and manifest.json (and documented.json) for one namespace."""
    extraction = Extraction(source, namespace)
    index = extraction.index()
    components = extraction.components()
    target = out_dir / namespace
    if docs_text is not None:
        documented = documented_capabilities(docs_text, index)
    else:
        documented = _reflag_documented(target / "documented.json", index)
    manifest = extraction.manifest(index, components, documented)
    target.mkdir(parents=True, exist_ok=True)
    files: dict[str, object] = {"operations.json": index, "components.json": components, "manifest.json": manifest}
    if documented is not None:
        files["documented.json"] = documented
    for name, data in files.items():
        (target / name).write_text(dump_json(data), encoding="utf-8")
    return manifest
