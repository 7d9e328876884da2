"""One-time-password challenges: a code sent, which expires 5 minutes after issue and allows few wrong tries.

Shared by factor enrolment, step-up and (later) confirmation challenges.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import conflict

CHALLENGE_TTL_MS = 5 * 60 * 1000
MAX_WRONG_ATTEMPTS = 3


@dataclass
class OtpChallenge:
    id: str
    purpose: str
    user_id: str
    channel: str
    issued_ms: int
    wrong_attempts: int = 0
    verified: bool = False

    def verify(self, code: str, expected: str, now_ms: int) -> None:
        """Raise the 409 Weavr gives for an expired, exhausted or wrong code; mark verified otherwise."""
        if self.verified:
            raise conflict("ALREADY_VERIFIED")
        if now_ms - self.issued_ms > CHALLENGE_TTL_MS:
            raise conflict("VERIFICATION_CODE_EXPIRED")
        if self.wrong_attempts >= MAX_WRONG_ATTEMPTS:
            raise conflict("CHALLENGE_LIMIT_EXCEEDED")
        if code != expected:
            self.wrong_attempts += 1
            raise conflict("VERIFICATION_CODE_INVALID")
        self.verified = True
