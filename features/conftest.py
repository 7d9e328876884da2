"""Collects each .feature file as a pytest module of its scenarios, so a feature runs by its path
(`pytest features/managed_accounts/managed_accounts.feature`) and `pytest features` collects each
scenario once. The steps live in steps/ (conftest.py loads every module there)."""
from __future__ import annotations

import types
from pathlib import Path

import pytest

FEATURES = Path(__file__).resolve().parent


class FeatureFile(pytest.Module):
    """A .feature file standing in for the test module pytest-bdd's `scenarios()` would fill."""

    def _getobj(self):
        relative = self.path.resolve().relative_to(FEATURES).with_suffix("")
        module = types.ModuleType("features." + ".".join(relative.parts), f"scenarios of {self.path.name}")
        module.__file__ = str(self.path)
        # scenarios() binds tests into its caller's locals and resolves paths from the caller's file:
        # run it as top-level code of the stand-in module so both are this feature's.
        code = compile("from pytest_bdd import scenarios\n"
                       f"scenarios({self.path.name!r}, features_base_dir={str(self.path.parent)!r})\n",
                       str(self.path), "exec")
        exec(code, module.__dict__)
        return module


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".feature" and file_path.resolve().is_relative_to(FEATURES):
        return FeatureFile.from_parent(parent, path=file_path)
    return None
