"""Transfers between an identity's instruments, and the movement rules sends and wires share."""
