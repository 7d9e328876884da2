"""Gherkin tags become pytest markers, and pytest.ini registers each (`--strict-markers`). A tag nobody
registered yet should not stop the run: it is registered for this run and named once, with its files."""
from __future__ import annotations

import re
from pathlib import Path

# Markers pytest itself knows, which a feature may use as tags.
BUILTIN = {"skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings"}
_TAG = re.compile(r"@([^\s@]+)")


def feature_tags(paths) -> dict[str, list[Path]]:
    """Every tag used in the .feature files at or under `paths`, with the files that use it."""
    found: dict[str, list[Path]] = {}
    files = {f for path in map(Path, paths) for f in ([path] if path.is_file() else path.rglob("*.feature"))
             if f.suffix == ".feature"}
    for feature in sorted(files):
        for line in feature.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("@"):
                for tag in _TAG.findall(line.split("#", 1)[0]):
                    if feature not in found.setdefault(tag, []):
                        found[tag].append(feature)
    return found


def registered_markers(marker_lines) -> set[str]:
    """Marker names from pytest's `markers` ini lines (`name: help` or `name(args): help`)."""
    return {line.split(":", 1)[0].split("(", 1)[0].strip() for line in marker_lines} | BUILTIN


def unregistered(paths, marker_lines) -> dict[str, list[Path]]:
    known = registered_markers(marker_lines)
    return {tag: files for tag, files in feature_tags(paths).items() if tag not in known}


def warning_text(tags: dict[str, list[Path]], root: Path) -> str:
    listed = "; ".join(f"@{tag} in {', '.join(str(_shown(f, root)) for f in files)}" for tag, files in sorted(tags.items()))
    return (f"{len(tags)} tag(s) not registered in pytest.ini, run anyway: {listed}. Register each under "
            "`markers =` in pytest.ini as `name: what it marks`.")


def _shown(path: Path, root: Path) -> Path:
    path = path.resolve()
    return path.relative_to(root) if path.is_relative_to(root) else path
