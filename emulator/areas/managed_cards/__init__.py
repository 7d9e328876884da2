"""Managed cards: lifecycle, physical cards, purchases, card payments, spend rules, the Simulator's card calls."""
