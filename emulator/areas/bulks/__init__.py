"""Bulk processes and the deprecated bulk operations."""
