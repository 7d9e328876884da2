"""Boundaries the linters cannot see: one step grammar, and areas that stop reaching into each other.

The import contract (.importlinter, run by `make test`) keeps the suite and the emulator apart. Inside the
emulator, no area imports another (.importlinter holds that), and none finds another by name either: an area
looks up only the backends it registers itself (`world.area("users")` inside areas/users), and asks any other
through a typed port (emulator/ports.py, emulator/services.py). A lookup by a name computed at run time, or a
walk over every backend, is refused too: the guard could not tell whose backend it reaches.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_WORDS = {"ROLE", "NAME", "MONEY", "NAMES", "CARD", "AS"}

# A backend named by a literal: world.area("users"), world.backends.get("users"), world.backends["users"].
NAMED_LOOKUP = re.compile(r'(?:\.area\(|backends\.get\(|backends\[)\s*"([a-z_]+)"')
# A backend reached without a literal name: world.area(name), backends.get(kind), backends.values(), ...
UNNAMED_LOOKUP = re.compile(r'\.area\(\s*(?!")|backends\.get\(\s*(?!")|backends\[\s*(?!")|backends\.(?:values|items)\(')
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
    return set(NAMED_LOOKUP.findall(source))


def unnamed_lookups(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if UNNAMED_LOOKUP.search(line)]


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


def test_an_area_looks_up_only_its_own_backends():
    foreign = {}
    for package, (own, looked_up) in area_packages().items():
        if looked_up - own:
            foreign[package] = sorted(looked_up - own)
    assert not foreign, f"lookups of another area's backend (ask a typed port in emulator/ports.py): {foreign}"


def test_no_area_reaches_a_backend_by_a_computed_name():
    found = {str(m.relative_to(ROOT)): unnamed_lookups(m.read_text(encoding="utf-8")) for m in AREAS.rglob("*.py")}
    found = {module: lines for module, lines in found.items() if lines}
    assert not found, f"backends reached by a name computed at run time (ask a typed port instead): {found}"


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
    assert lookups('a = self.world.backends.get("spend_rules"); b = world.backends["fees"]') == {"spend_rules", "fees"}
    assert len(unnamed_lookups('world.area(owners)\nworld.backends.get(item["type"])\nfor b in w.backends.values():'
                               '\nworld.area("users")')) == 3
    packages = area_packages()
    assert packages["auth"][0] >= {"sign_in", "passwords"} and "passwords" in packages["auth"][1]
    sample = ROOT / "tests" / "guards" / "borrowing_sample.txt"
    sample.write_text("from .other import _private, public\n", encoding="utf-8")
    try:
        assert borrowed(sample) == {("tests/guards/borrowing_sample.txt", "_private")}
    finally:
        sample.unlink()
