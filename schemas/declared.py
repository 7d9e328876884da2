"""Which property names the description declares at a place in an answer.

A JSON Schema without `additionalProperties: false` lets any extra key through, so validation alone cannot
tell a misnamed key (`linkedAccounts` where the description says `accounts`) from a declared one. This module
walks the schema itself: `$ref`, `allOf`, `oneOf`, `anyOf` are read as the union of their branches (a name any
branch declares is declared), so is a `discriminator`'s mapping (a ManagedCard may be a PrepaidModeCard, which
declares `balances`), `items` for a list's entries, `properties` for an object's names, an
`additionalProperties` schema for a map's values; a name listed in `required` or as a discriminator's
`propertyName` is declared too. An object whose schema declares no names at all (a free-form
`{"type": "object"}`) is open: nothing under it can be called undeclared.

Both the suite (reading a field of an answer) and the emulator (checking its own answers) use it; it lives here
because neither may import the other, and both read schemas/.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

COMBINATORS = ("allOf", "oneOf", "anyOf")


@dataclass(frozen=True)
class Place:
    """Where a path led: `declared` False means `name` is not declared at `parent` (a pointer), whose declared
    names are `names`; `open` True means the path reached a free-form part where nothing is declared."""
    declared: bool
    open: bool = False
    parent: str = ""
    name: str = ""
    names: tuple = ()


class Declarations:
    """The declared names of one contract (schemas.Contract), its `$ref`s resolved once each."""

    def __init__(self, contract):
        self.contract = contract
        self._resolver = contract.registry.resolver()
        self._refs: dict[str, object] = {}

    def branches(self, schemas) -> list[dict]:
        """Every schema the given ones stand for, `$ref` and combinators expanded."""
        found, pending, seen = [], list(schemas), set()
        while pending:
            schema = pending.pop()
            if not isinstance(schema, dict) or id(schema) in seen:
                continue
            seen.add(id(schema))
            found.append(schema)
            if "$ref" in schema:
                pending.append(self._lookup(schema["$ref"]))
            for keyword in COMBINATORS:
                pending.extend(schema.get(keyword) or ())
            mapping = (schema.get("discriminator") or {}).get("mapping") or {}
            pending.extend(self._lookup(ref) for ref in mapping.values())
        return found

    def children(self, schemas, name: str):
        """(schemas of `name` under these, the names they declare); no schemas and no names: open."""
        branches = self.branches(schemas)
        names: set[str] = set()
        under: list = []
        for branch in branches:
            properties = branch.get("properties")
            if isinstance(properties, dict):
                names.update(properties)
                if name in properties:
                    under.append(properties[name])
            # A name the description requires, or names as the discriminator, is declared even where no
            # `properties` entry describes it (StatementResponseEntryTransaction's `type`, ChargeFee's
            # `destination`); nothing below it is.
            named = [*(branch.get("required") or ()), (branch.get("discriminator") or {}).get("propertyName")]
            names.update(n for n in named if n)
            if name in named:
                under.append({})
            extra = branch.get("additionalProperties")
            if isinstance(extra, dict):
                under.append(extra)
        return under, names

    def items(self, schemas) -> list:
        return [branch["items"] for branch in self.branches(schemas) if isinstance(branch.get("items"), dict)]

    def place(self, schema, parts) -> Place:
        """Follow a path of names and list indexes (`["accounts", "0", "id"]`) from an answer's schema."""
        schemas, walked = [schema], ""
        for part in parts:
            part = str(part)
            if part.isdigit() or part == "-":
                items = self.items(schemas)
                if items:
                    schemas, walked = items, f"{walked}/{part}"
                    continue
            under, names = self.children(schemas, part)
            if not under:
                if not names:
                    return Place(True, open=True)
                return Place(False, parent=walked or "/", name=part, names=tuple(sorted(names)))
            schemas, walked = under, f"{walked}/{_escape(part)}"
        return Place(True)

    def undeclared(self, schema, instance, pointer: str = "") -> list[str]:
        """JSON pointers of every property of `instance` its schema does not declare."""
        return list(self._undeclared([schema], instance, pointer))

    def _undeclared(self, schemas, instance, pointer):
        if isinstance(instance, dict):
            for key, value in instance.items():
                under, names = self.children(schemas, key)
                here = f"{pointer}/{_escape(str(key))}"
                if under:
                    yield from self._undeclared(under, value, here)
                elif names:
                    yield here
        elif isinstance(instance, list):
            items = self.items(schemas)
            if items:
                for index, value in enumerate(instance):
                    yield from self._undeclared(items, value, f"{pointer}/{index}")

    def _lookup(self, ref: str):
        if ref not in self._refs:
            self._refs[ref] = self._resolver.lookup(ref).contents
        return self._refs[ref]


_BY_CONTRACT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def declarations(contract) -> Declarations:
    """The one Declarations of a loaded contract."""
    found = _BY_CONTRACT.get(contract)
    if found is None:
        found = _BY_CONTRACT[contract] = Declarations(contract)
    return found


def pointer_parts(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")
