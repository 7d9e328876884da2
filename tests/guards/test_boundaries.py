"""Boundaries the linters cannot see: one step grammar, and areas that stop reaching into each other.

The import contract (.importlinter, run by `make test`) keeps the suite and the emulator apart. Inside the
emulator, no area imports another (.importlinter holds that), but some still find each other by name
(`world.area("users")`); the lists below are what is left of that. They may only shrink: a new lookup
across areas, or a new private name borrowed, fails here and should become a typed port instead
(emulator/services.py, the protocols in emulator/areas/confirmations/confirmations.py).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_WORDS = {"ROLE", "NAME", "MONEY", "NAMES", "CARD", "AS"}

# Area package -> the other areas it still looks up by name, as on the day areas became packages.
KNOWN_LOOKUPS = {
    "auth": {"confirmations", "users"},
    "beneficiaries": {"confirmations"},
    "confirmations": {"factors", "push"},
    "identities": {"users"},
    "linked_accounts": {"confirmations", "managed_accounts"},
    "sends": {"beneficiaries", "confirmations"},
    "users": {"factors"},
    "wire_transfers": {"confirmations", "managed_accounts"},
}
# (module, private name it imports from a sibling): none left.
KNOWN_BORROWED: set[tuple[str, str]] = set()
AREAS = ROOT / "emulator" / "areas"


def _modules(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def test_step_modules_share_one_grammar():
    redefined = []
    for module in _modules("steps"):
        if module.name == "grammar.py":
            continue
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) in SHARED_WORDS for t in node.targets):
                redefined.append(f"{module.relative_to(ROOT)}:{node.lineno}")
    assert not redefined, f"import these words from steps/grammar.py instead of defining them again: {redefined}"


def lookups(source: str) -> set[str]:
    return set(re.findall(r'world\.area\("([a-z_]+)"\)', source))


def area_packages() -> dict[str, tuple[set[str], set[str]]]:
    """Each area package: (the areas it registers a backend for, the areas it looks up by name)."""
    found = {}
    for package in sorted(p for p in AREAS.iterdir() if (p / "__init__.py").is_file()):
        sources = [m.read_text(encoding="utf-8") for m in package.glob("*.py")]
        own = set().union(*(set(re.findall(r'@backend\("([a-z_]+)"\)', s)) for s in sources))
        found[package.name] = (own, set().union(*(lookups(s) for s in sources)))
    return found


def test_emulator_areas_is_one_package_per_area():
    loose = sorted(m.name for m in AREAS.glob("*.py") if m.name != "__init__.py")
    assert not loose, f"modules outside an area package: {loose}"


def test_areas_look_each_other_up_no_more_than_before():
    grown = {}
    for package, (own, looked_up) in area_packages().items():
        new = looked_up - own - KNOWN_LOOKUPS.get(package, set())
        if new:
            grown[package] = sorted(new)
    assert not grown, f"new lookups of another area by name (hand the area a typed port instead): {grown}"


def borrowed(module: Path) -> set[tuple[str, str]]:
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            found |= {(str(module.relative_to(ROOT)), a.name) for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")}
    return found


def test_no_module_borrows_another_modules_private_names():
    new = set().union(*(borrowed(m) for m in _modules("emulator"))) - KNOWN_BORROWED
    assert not new, f"private names imported from another module (make them public or a port): {sorted(new)}"


def test_the_guards_see_what_they_guard():
    # The patterns above must find what they look for, or the guards pass on anything.
    assert lookups('x = call.world.area("users").require(i)') == {"users"}
    packages = area_packages()
    assert packages["auth"][0] >= {"sign_in", "passwords"} and "users" in packages["auth"][1]
    sample = ROOT / "tests" / "guards" / "borrowing_sample.txt"
    sample.write_text("from .other import _private, public\n", encoding="utf-8")
    try:
        assert borrowed(sample) == {("tests/guards/borrowing_sample.txt", "_private")}
    finally:
        sample.unlink()
