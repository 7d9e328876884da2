"""Domain steps for sign-in, passwords, access tokens, authentication factors and step-up."""
from __future__ import annotations
