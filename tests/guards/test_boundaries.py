"""Boundaries the linters cannot see: one step grammar, and areas that stop reaching into each other.

The import contract (.importlinter, run by `make test`) keeps the suite and the emulator apart. Inside the
emulator, areas still find each other by name (`world.area("users")`) and a few borrow private helpers; the
lists below are what is left of that. They may only shrink: a new lookup across areas, or a new private
name borrowed, fails here and should become a typed port instead (emulator/services.py, the protocols in
emulator/areas/confirmations.py).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_WORDS = {"ROLE", "NAME", "MONEY", "NAMES", "CARD", "AS"}

# (module, area it looks up by name), as on the day this guard was written.
KNOWN_LOOKUPS = {
    "emulator/areas/authorised_users.py": {"authorised_users", "factors", "users"},
    "emulator/areas/beneficiaries.py": {"confirmations"},
    "emulator/areas/beneficiaries_handlers.py": {"beneficiaries", "confirmations"},
    "emulator/areas/bulks_handlers.py": {"bulks"},
    "emulator/areas/card_payments.py": {"card_purchases"},
    "emulator/areas/card_purchases.py": {"managed_cards", "spend_rules"},
    "emulator/areas/confirmations.py": {"confirmations", "factors", "push"},
    "emulator/areas/consumers.py": {"consumers", "users"},
    "emulator/areas/corporates.py": {"corporates", "users"},
    "emulator/areas/correspondent.py": {"outgoing_wire_transfers"},
    "emulator/areas/due_diligence.py": {"corporates", "due_diligence", "users"},
    "emulator/areas/factors.py": {"factors", "users"},
    "emulator/areas/fees.py": {"fees"},
    "emulator/areas/identity_backend.py": {"users"},
    "emulator/areas/incoming_wire.py": {"incoming_wire_transfers", "managed_accounts"},
    "emulator/areas/linked_accounts.py": {"confirmations", "managed_accounts"},
    "emulator/areas/linked_accounts_handlers.py": {"linked_accounts"},
    "emulator/areas/managed_accounts_handlers.py": {"managed_accounts"},
    "emulator/areas/managed_cards_handlers.py": {"managed_cards"},
    "emulator/areas/outgoing_wire.py": {"confirmations"},
    "emulator/areas/outgoing_wire_challenges.py": {"confirmations", "outgoing_wire_transfers"},
    "emulator/areas/outgoing_wire_handlers.py": {"outgoing_wire_transfers"},
    "emulator/areas/passwords.py": {"passwords", "sign_in", "users"},
    "emulator/areas/push.py": {"confirmations", "factors", "push", "users"},
    "emulator/areas/sends.py": {"beneficiaries", "confirmations"},
    "emulator/areas/sends_handlers.py": {"confirmations", "sends"},
    "emulator/areas/sign_in.py": {"factors", "push", "sign_in", "users"},
    "emulator/areas/simulator_accounts.py": {"managed_accounts"},
    "emulator/areas/simulator_card_purchases.py": {"card_purchases"},
    "emulator/areas/simulator_cards_lifecycle.py": {"managed_cards"},
    "emulator/areas/simulator_factors.py": {"push"},
    "emulator/areas/simulator_identities.py": {"due_diligence"},
    "emulator/areas/simulator_linked_accounts.py": {"linked_accounts"},
    "emulator/areas/simulator_wires.py": {"outgoing_wire_transfers"},
    "emulator/areas/spend_rules.py": {"managed_cards", "spend_rules"},
    "emulator/areas/stepup.py": {"factors", "push", "stepup"},
    "emulator/areas/transfers_handlers.py": {"transfers"},
    "emulator/backoffice.py": {"users"},
    "emulator/control.py": {"factors", "managed_cards", "users"},
    "emulator/services.py": {"due_diligence", "users"},
}
# (module, private name it imports from a sibling).
KNOWN_BORROWED = {("emulator/areas/incoming_wire.py", "_int64"), ("emulator/areas/simulator_card_purchases.py", "_int64")}


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


def test_areas_look_each_other_up_no_more_than_before():
    grown = {}
    for module in _modules("emulator"):
        name = str(module.relative_to(ROOT))
        new = lookups(module.read_text(encoding="utf-8")) - KNOWN_LOOKUPS.get(name, set())
        if new:
            grown[name] = sorted(new)
    assert not grown, f"new lookups of an area by name (hand the area a typed port instead): {grown}"


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
    sample = ROOT / "emulator" / "areas" / "incoming_wire.py"
    assert ("emulator/areas/incoming_wire.py", "_int64") in borrowed(sample) or not KNOWN_BORROWED
