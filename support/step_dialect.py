"""python -m support.step_dialect: per features folder, the share of step lines written in generic HTTP words.

A step line is generic when a step of the generic vocabulary matches it: every step of steps/http_steps.py
(`When POST "/x" is called with:`, `Then the response status is 200`, `the response field "a" equals ...`,
`the error code is ...`, `the field ... is reported invalid`) and of steps/resource_steps.py (`I remember the
response as ...`, `the corporate reads the managed account ...`). Those say what was sent and answered, not
what happened in the domain; the domain steps of each area say the latter.

Lines are counted as written: a Background's step once, a Scenario Outline's step once (its placeholders
filled from the first example row, so `the response status is <status>` is still recognised).
The patterns are read with `ast` (support.step_catalogue); nothing of steps/ is imported or run.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pytest_bdd.parser import FeatureParser

from support.step_catalogue import STEPS, steps_of

FEATURES = STEPS.parent / "features"
GENERIC_MODULES = ("http_steps.py", "resource_steps.py")


@dataclass(frozen=True)
class Share:
    folder: str
    generic: int
    lines: int

    @property
    def percent(self) -> float:
        return 100.0 * self.generic / self.lines if self.lines else 0.0


def generic_patterns() -> dict[str, list[re.Pattern]]:
    """The generic steps' patterns by keyword (given, when, then)."""
    found: dict[str, list[re.Pattern]] = {"given": [], "when": [], "then": []}
    for module in GENERIC_MODULES:
        for step in steps_of(STEPS / module):
            for keyword, pattern in zip(step["keywords"], step["regexes"], strict=False):
                found[keyword.lower()].append(re.compile(pattern))
    return found


def step_lines(feature: Path) -> list[tuple[str, str]]:
    """(keyword, text) of every step line of a feature file, each line once."""
    parsed = FeatureParser(str(feature.parent), feature.name).parse()
    seen: dict[int, tuple[str, str]] = {}
    for template in parsed.scenarios.values():
        first_row = _first_example_row(template)
        for step in [*template.all_background_steps, *template._steps]:
            text = step.name
            for key, value in first_row.items():
                text = text.replace(f"<{key}>", value)
            seen.setdefault(step.line_number, (step.type, text))
    return list(seen.values())


def _first_example_row(template) -> dict[str, str]:
    for examples in template.examples or ():
        if examples.examples:
            return dict(zip(examples.example_params, examples.examples[0], strict=False))
    return {}


def is_generic(keyword: str, text: str, patterns: dict[str, list[re.Pattern]]) -> bool:
    return any(pattern.fullmatch(text) for pattern in patterns.get(keyword, ()))


def shares(features: Path = FEATURES) -> list[Share]:
    """The generic share of each features folder, by folder name."""
    patterns = generic_patterns()
    found = []
    for folder in sorted(path for path in features.iterdir() if path.is_dir() and any(path.glob("*.feature"))):
        lines = [line for feature in sorted(folder.glob("*.feature")) for line in step_lines(feature)]
        generic = sum(is_generic(keyword, text, patterns) for keyword, text in lines)
        found.append(Share(folder.name, generic, len(lines)))
    return found


def render(found: list[Share]) -> str:
    rows = ["| folder | generic lines | step lines | generic share |", "|---|---:|---:|---:|"]
    rows += [f"| {s.folder} | {s.generic} | {s.lines} | {s.percent:.1f}% |" for s in found]
    total = Share("all", sum(s.generic for s in found), sum(s.lines for s in found))
    rows.append(f"| **all** | {total.generic} | {total.lines} | {total.percent:.1f}% |")
    return "\n".join(rows) + "\n"


def main() -> int:
    sys.stdout.write(render(shares()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
