"""Roles: the predefined roles a programme offers its identities' users (RBAC).

The programme lists them under "roles" (id, name, description); a programme without
that key has RBAC off, and then there are no roles to list or assign.
"""
from __future__ import annotations

from ...errors import conflict, not_found
from ...registry import handles


def programme_roles(world) -> list[dict] | None:
    """The roles the programme defines, or None when RBAC is off for it."""
    roles = world.programme.get("roles")
    return None if roles is None else [dict(role) for role in roles]


def check_assignable(world, names: list[str]) -> list[str]:
    """The roles to assign, each one the programme defines (409 ROLE_NOT_FOUND otherwise), without repeats."""
    defined = {role["name"] for role in programme_roles(world) or []}
    for name in names:
        if name not in defined:
            raise conflict("ROLE_NOT_FOUND")
    return list(dict.fromkeys(names))


@handles("rolesGet")
def roles_get(call):
    call.require_session()
    roles = programme_roles(call.world)
    if roles is None:
        raise not_found("Roles are not enabled for this programme")
    return roles
