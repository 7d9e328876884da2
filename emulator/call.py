"""What a handler sees of one request."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from schemas.contract import Operation

from .errors import forbidden, unauthorized
from .sessions import Session

if TYPE_CHECKING:
    from .world import World


@dataclass
class Call:
    world: World
    operation: Operation | None  # None for the documented operations the description no longer holds
    path_params: dict
    query: dict
    headers: dict
    body: object
    session: Session | None = None
    response_headers: dict = field(default_factory=dict)

    @property
    def now_ms(self) -> int:
        return self.world.now_ms()

    @property
    def programme(self) -> dict:
        return self.world.programme

    def require_session(self) -> Session:
        if self.session is None:
            raise unauthorized()
        return self.session

    def require_identity(self, identity_type: str) -> str:
        """The logged-in identity's id; a token of the other identity type is refused as Weavr does."""
        session = self.require_session()
        if session.identity_type != identity_type:
            raise forbidden("INSUFFICIENT_PERMISSIONS")
        return session.identity_id

    def require_step_up(self) -> Session:
        session = self.require_session()
        if not session.stepped_up:
            raise forbidden("STEP_UP_REQUIRED")
        return session
