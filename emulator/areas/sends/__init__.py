"""Sends between identities."""
