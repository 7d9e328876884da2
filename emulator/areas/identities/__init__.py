"""Corporates and consumers, their due diligence (KYB, KYC) and fees."""
