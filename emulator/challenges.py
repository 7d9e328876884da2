"""Challenges a user answers to prove it is them: one-time passwords and push notifications.

An OTP challenge: a code sent, which expires 5 minutes after issue and allows few wrong
tries. A push challenge: a notification to an enrolled app (AUTHY, BIOMETRIC) whose
outcome, on the sandbox, is decided through the Simulator API. Shared by factor
enrolment, step-up, biometric sign-in and (later) confirmation challenges.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import conflict

CHALLENGE_TTL_MS = 5 * 60 * 1000
MAX_WRONG_ATTEMPTS = 3

PUSH_PENDING, PUSH_VERIFIED, PUSH_INVALID, PUSH_EXPIRED = "PENDING", "VERIFIED", "INVALID", "EXPIRED"


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


@dataclass
class PushChallenge:
    id: str
    purpose: str          # "stepup" (steps up `token`) or "login" (opens a stepped-up session)
    user_id: str
    channel: str
    issued_ms: int
    token: str | None = None
    status: str = PUSH_PENDING
    session_token: str | None = None  # the session a successful biometric sign-in opened

    def pending(self, now_ms: int) -> bool:
        """Still waiting for the user's answer: not decided and not past its 5 minutes."""
        return self.status == PUSH_PENDING and now_ms - self.issued_ms <= CHALLENGE_TTL_MS
