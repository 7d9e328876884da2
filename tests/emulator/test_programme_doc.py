"""docs/programme.md, the values a scenario author needs, says what the emulator does: every `key` row of its
tables is compared with the emulator's programme and rules, and every value listed here is documented."""
from __future__ import annotations

import json
import re
from pathlib import Path

from emulator import challenges, credentials, forwarding, sessions, webhooks
from emulator.areas.auth import passwords, sign_in
from emulator.areas.bulks import bulks
from emulator.areas.confirmations import confirmations
from emulator.areas.managed_cards import card_purchases, managed_cards_model
from emulator.areas.users import authorised_users
from emulator.areas.wire_transfers import outgoing_wire
from emulator.movements import fields as movement_fields

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| `(?P<key>[\w.]+)` \| (?P<value>[^|]+?) \|")


def _documented() -> dict[str, str]:
    text = (ROOT / "docs" / "programme.md").read_text(encoding="utf-8")
    return {m["key"]: m["value"] for m in map(ROW.match, text.splitlines()) if m}


def _emulator() -> dict[str, str]:
    programme = json.loads((ROOT / "emulator" / "programme.default.json").read_text(encoding="utf-8"))
    values = {f"code.{name}": code for name, code in programme["sandboxCodes"].items()}
    values["currencies"] = ", ".join(programme["currencies"])
    values["feeGroups"] = ", ".join(programme["feeGroups"])
    values.update({f"fee.wire.{rail}": str(fee) for rail, fee in outgoing_wire.FEES.items()})
    values.update({f"fee.custom.{name}": ", ".join(f"{c} {a}" for c, a in prices.items()) or "none"
                   for name, prices in programme["customFees"].items()})
    values.update({f"profile.{name}": pid for name, pid in programme["profiles"].items()})
    assert confirmations.RESEND_WAIT_MS == challenges_resend()
    values.update({
        "send.lowValueLimit": str(movement_fields.LOW_VALUE_LIMIT),
        "challenge.expirySeconds": str(challenges.CHALLENGE_TTL_MS // 1000),
        "challenge.wrongAttempts": str(challenges.MAX_WRONG_ATTEMPTS),
        "challenge.resendSeconds": str(confirmations.RESEND_WAIT_MS // 1000),
        "token.idleSeconds": str(sessions.TOKEN_IDLE_MS // 1000),
        "signIn.failedLogins": str(sign_in.MAX_FAILED_LOGINS),
        "signIn.lockMinutes": str(sign_in.LOCK_MS // 60_000),
        "password.length": f"{credentials.MIN_LENGTH} to {credentials.MAX_LENGTH}",
        "password.history": str(passwords.HISTORY),
        "invite.validDays": str(authorised_users.INVITE_TTL_MS // 86_400_000),
        "card.expiryMonths": str(managed_cards_model.EXPIRY_PERIOD_MONTHS),
        "card.settleSeconds": str(card_purchases.SETTLE_AFTER_SECONDS),
        "bulk.tickSeconds": str(bulks.TICK_MS // 1000),
        "bulk.batch": str(bulks.BATCH),
        "webhooks.waitSeconds": str(webhooks.WAIT_SECONDS),
        "forwarding.waitSeconds": str(forwarding.WAIT_SECONDS),
    })
    return values


def challenges_resend() -> int:
    from emulator.areas.auth import stepup

    return stepup.RESEND_WAIT_MS


def test_the_programme_page_says_what_the_emulator_does():
    documented, actual = _documented(), _emulator()
    assert documented == actual, {k: (documented.get(k), actual.get(k)) for k in documented.keys() | actual.keys()
                                  if documented.get(k) != actual.get(k)}
