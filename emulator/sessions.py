"""Auth tokens: who holds them, whether they are stepped up, and when they expire.

A token lives 5 minutes from its last use (the description: "valid for 5 minutes
from last activity"); every authenticated call renews it.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

TOKEN_IDLE_MS = 5 * 60 * 1000


@dataclass
class Session:
    token: str
    identity_type: str
    identity_id: str
    user_id: str
    credential_type: str  # ROOT or USER
    token_type: str = "AUTH"
    stepped_up: bool = False
    last_activity_ms: int = 0

    @property
    def identity(self) -> dict:
        return {"type": self.identity_type, "id": self.identity_id}

    @property
    def credentials(self) -> dict:
        return {"type": self.credential_type, "id": self.user_id}


class Sessions:
    def __init__(self, clock, new_token=lambda: secrets.token_urlsafe(24)):
        self.clock = clock
        self.new_token = new_token  # the token's format: emulator/variation.py (token_format)
        self.by_token: dict[str, Session] = {}

    def open(self, identity_type, identity_id, user_id, credential_type, stepped_up=False, token_type="AUTH") -> Session:
        session = Session(token=self.new_token(), identity_type=identity_type, identity_id=identity_id,
                          user_id=user_id, credential_type=credential_type, token_type=token_type,
                          stepped_up=stepped_up, last_activity_ms=self.clock.now_ms())
        self.by_token[session.token] = session
        return session

    def authenticate(self, token: str | None) -> Session | None:
        session = self.by_token.get(token or "")
        if session is None:
            return None
        now = self.clock.now_ms()
        if now - session.last_activity_ms > TOKEN_IDLE_MS:
            del self.by_token[session.token]
            return None
        session.last_activity_ms = now
        return session

    def close(self, token: str) -> None:
        self.by_token.pop(token, None)

    def close_user(self, user_id: str) -> None:
        for token in [t for t, s in self.by_token.items() if s.user_id == user_id]:
            del self.by_token[token]
