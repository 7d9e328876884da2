"""Users: root and authorised users, invites, roles."""
