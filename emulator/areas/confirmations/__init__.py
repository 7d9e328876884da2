"""Confirmation challenges for lists of resources."""
