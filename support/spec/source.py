"""Reading a published description from a file or a URL."""
from __future__ import annotations

import hashlib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml


class SpecSourceError(Exception):
    """A description that cannot be read; the message is one line for a person."""


@dataclass(frozen=True)
class SpecSource:
    name: str
    raw: bytes
    document: dict

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def load_source(location: str) -> SpecSource:
    if location.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(location, timeout=30) as answer:
                raw = answer.read()
        except OSError as exc:
            raise SpecSourceError(f"cannot fetch {location}: {exc}; check the URL or pass a local file") from exc
        name = location.rstrip("/").rsplit("/", 1)[-1]
    else:
        path = Path(location)
        if not path.is_file():
            raise SpecSourceError(f"no such spec file: {location}; pass the path of an OpenAPI YAML or JSON file")
        raw = path.read_bytes()
        name = path.name
    try:
        document = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise SpecSourceError(f"{location} is not valid YAML/JSON: {str(exc).splitlines()[0]}") from exc
    if not isinstance(document, dict) or "openapi" not in document:
        raise SpecSourceError(f"{location} is not an OpenAPI description (no 'openapi' field)")
    return SpecSource(name=name, raw=raw, document=document)
