"""Managed accounts: state, IBAN, statements, transactions and the Simulator's deposits."""
