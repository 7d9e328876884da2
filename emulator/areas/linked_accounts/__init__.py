"""Linked accounts and their verification."""
