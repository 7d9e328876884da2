"""Trusted payees (beneficiaries) and their batches."""
