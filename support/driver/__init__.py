"""One driver of the Multi API: each business act (onboard an identity, open and fund an account, issue a card,
move money, step a token up, invite a user) written once, over whatever transport its caller has.

The suite drives it over HTTP (support/client.py, with its Allure steps and contract checks), the emulator's
own tests over the in-process app, the state machine and the judge over what they use. An act that is one call
returns the answer and leaves judging it to the caller; an act of several calls needs each step to succeed and
asks the caller's `Api.expect` (its own words on failure) before going on.
"""
from .api import Answer, Api, Refused, Transport, expect, extra_headers, instrument, money

__all__ = ["Answer", "Api", "Refused", "Transport", "expect", "extra_headers", "instrument", "money"]
