"""Outgoing, incoming and correspondent bank wire transfers, and the Simulator's wire calls."""
