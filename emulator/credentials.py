"""What the users and the auth areas both know of a password: how it is kept, and Weavr's password profile."""
from __future__ import annotations

import hashlib

from .errors import conflict

MIN_LENGTH = 8
MAX_LENGTH = 50


def hash_password(password: str, salt: str) -> str:
    return hashlib.sha256((salt + password).encode()).hexdigest()


def check_complexity(password: str) -> None:
    """Weavr's password profile: 8 to 50 characters, with a letter and a digit or symbol."""
    if len(password) < MIN_LENGTH:
        raise conflict("PASSWORD_TOO_SHORT")
    if len(password) > MAX_LENGTH:
        raise conflict("PASSWORD_TOO_LONG")
    if not any(c.isalpha() for c in password) or all(c.isalpha() for c in password):
        raise conflict("PASSWORD_TOO_SIMPLE")
