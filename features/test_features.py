"""Binds every .feature file under features/ to pytest; the steps live in steps/ (see conftest.py)."""
from pytest_bdd import scenarios

scenarios(".")
