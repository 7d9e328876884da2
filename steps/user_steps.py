"""Domain steps for authorised users: creation, invites, activation, email verification, KYC and roles."""
from __future__ import annotations
