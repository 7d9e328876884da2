"""Where the suite points and with which credentials: environment variables, then an optional .env file.

Target `emulator` (the default) starts the local emulator unless WEAVR_BASE_URL names
one already running; its api-key, programme-key and profile ids come from the
emulator itself. Target `sandbox` needs them all set (see .env.example).
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

ROOT = Path(__file__).resolve().parents[1]
SANDBOX_URL = "https://sandbox.weavr.io"
TARGETS = ("emulator", "sandbox")

# Profile ids the suite may need, by their key in the programme and their variable.
PROFILE_VARIABLES = {
    "corporate": "WEAVR_CORPORATE_PROFILE_ID",
    "consumer": "WEAVR_CONSUMER_PROFILE_ID",
    "managedAccounts": "WEAVR_MANAGED_ACCOUNTS_PROFILE_ID",
    "managedCards": "WEAVR_MANAGED_CARDS_PROFILE_ID",
    "managedCardsDebit": "WEAVR_MANAGED_CARDS_DEBIT_PROFILE_ID",
    "transfers": "WEAVR_TRANSFERS_PROFILE_ID",
    "sends": "WEAVR_SENDS_PROFILE_ID",
    "outgoingWireTransfers": "WEAVR_OUTGOING_WIRE_TRANSFERS_PROFILE_ID",
}
SANDBOX_REQUIRED = ("WEAVR_API_KEY", "WEAVR_PROGRAMME_KEY", "WEAVR_CORPORATE_PROFILE_ID", "WEAVR_CONSUMER_PROFILE_ID")
# The one list of what a sandbox user sets: README, .env.example and ci-examples/nightly-sandbox.yml all
# show every one of them (tests/nightly/test_sandbox_variables.py holds them to it).
SANDBOX_VARIABLES = ("WEAVR_TARGET", "WEAVR_BASE_URL", "WEAVR_API_KEY", "WEAVR_PROGRAMME_KEY",
                     *PROFILE_VARIABLES.values())
# What a sandbox run may tune; shown in README and .env.example.
SANDBOX_TUNING = ("WEAVR_ASSUMPTIONS", "WEAVR_CALLS_PER_MINUTE", "WEAVR_RUN_ID")
# Calls per minute the whole run keeps within against the sandbox (each xdist worker takes its share).
SANDBOX_CALLS_PER_MINUTE = 600


class ConfigError(Exception):
    """A setting a person must fix; the message is one line saying what to set."""


@dataclass
class Settings:
    target: str
    base_url: str | None
    api_key: str | None = None
    programme_key: str | None = None
    profiles: dict = field(default_factory=dict)
    verification_code: str = "123456"
    timeout: float = 20.0
    multi_path: str = "/multi"
    simulator_path: str = "/simulate/api"
    # Sent as x-control-key to an emulator that guards its control plane (one bound beyond loopback).
    control_key: str | None = None
    # strict: an assumed check that fails fails the scenario; report: it is listed apart (support/grounding.py).
    assumptions: str = "strict"
    # The whole run's budget of calls per minute; None is unlimited.
    calls_per_minute: int | None = None
    # Carried by every identity the run creates (its tag), so a team can find what a night made.
    run_id: str = ""

    @property
    def is_emulator(self) -> bool:
        return self.target == "emulator"

    @property
    def multi_url(self) -> str:
        return (self.base_url or "").rstrip("/") + self.multi_path

    @property
    def simulator_url(self) -> str:
        return (self.base_url or "").rstrip("/") + self.simulator_path

    def profile(self, name: str) -> str:
        value = self.profiles.get(name)
        if not value:
            variable = PROFILE_VARIABLES.get(name, f"the {name} profile id")
            raise ConfigError(f"{variable} is not set: add it to the environment or .env (see .env.example)")
        return value

    def adopt_programme(self, programme: dict) -> None:
        """Fill what is not set from the emulator's own programme, so nothing is written twice."""
        self.api_key = self.api_key or programme["apiKey"]
        self.programme_key = self.programme_key or programme["programmeKey"]
        for name, value in programme["profiles"].items():
            self.profiles.setdefault(name, value)
        self.verification_code = programme["sandboxCodes"].get("otp", self.verification_code)


def load_settings(environ=None, env_file: Path | None = None) -> Settings:
    values = dict(environ if environ is not None else os.environ)
    env_path = Path(values.get("WEAVR_ENV_FILE") or env_file or ROOT / ".env")
    if "WEAVR_ENV_FILE" in values and not env_path.is_file():
        raise ConfigError(f"WEAVR_ENV_FILE names {env_path}, which does not exist")
    if env_path.is_file():
        values = {**{k: v for k, v in dotenv_values(env_path).items() if v is not None}, **values}

    target = (values.get("WEAVR_TARGET") or "emulator").strip().lower()
    if target not in TARGETS:
        raise ConfigError(f"WEAVR_TARGET is {target!r}: set it to 'emulator' or 'sandbox'")
    base_url = (values.get("WEAVR_BASE_URL") or "").strip() or None
    if base_url and not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"WEAVR_BASE_URL is {base_url!r}: give a URL such as {SANDBOX_URL} or http://127.0.0.1:8080")
    if target == "sandbox":
        base_url = base_url or SANDBOX_URL
        missing = [name for name in SANDBOX_REQUIRED if not values.get(name)]
        if missing:
            raise ConfigError(f"target sandbox needs {', '.join(missing)}: set them in the environment or .env "
                              "(see .env.example)")
    timeout = _timeout(values.get("WEAVR_TIMEOUT_SECONDS"))
    from .grounding import mode_for

    try:
        assumptions = mode_for(target, values.get("WEAVR_ASSUMPTIONS"))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return Settings(
        target=target,
        base_url=base_url,
        api_key=values.get("WEAVR_API_KEY") or None,
        programme_key=values.get("WEAVR_PROGRAMME_KEY") or None,
        profiles={name: values[var] for name, var in PROFILE_VARIABLES.items() if values.get(var)},
        verification_code=values.get("WEAVR_VERIFICATION_CODE") or "123456",
        timeout=timeout,
        multi_path=values.get("WEAVR_MULTI_PATH") or "/multi",
        simulator_path=values.get("WEAVR_SIMULATOR_PATH") or "/simulate/api",
        control_key=values.get("WEAVR_EMULATOR_CONTROL_KEY") or None,
        assumptions=assumptions,
        calls_per_minute=_calls_per_minute(values.get("WEAVR_CALLS_PER_MINUTE"), target),
        run_id=_run_id(values.get("WEAVR_RUN_ID")),
    )


def _calls_per_minute(raw: str | None, target: str) -> int | None:
    """A number above 0, or `off`; unset: a sensible budget for the sandbox, none for the emulator."""
    text = (raw or "").strip().lower()
    if not text:
        return SANDBOX_CALLS_PER_MINUTE if target == "sandbox" else None
    if text in ("off", "unlimited", "0"):
        return None
    if text.isdigit():
        return int(text)
    raise ConfigError(f"WEAVR_CALLS_PER_MINUTE is {raw!r}: set it to a whole number of calls per minute, "
                      "such as 600, or 'off'")


def _run_id(raw: str | None) -> str:
    """The run's id: WEAVR_RUN_ID (a CI run number), else this machine's time; shared by all xdist workers,
    which inherit it from the process that started the run (conftest.py sets it there)."""
    text = (raw or "").strip()
    if text and not re.fullmatch(r"[A-Za-z0-9_-]{1,24}", text):
        raise ConfigError(f"WEAVR_RUN_ID is {raw!r}: give up to 24 letters, digits, '-' or '_', such as 20260101-1")
    return text


def _timeout(raw: str | None) -> float:
    if raw is None or not raw.strip():
        return 20.0
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    # NaN and infinity are numbers to float() but no wait requests can honour.
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigError(f"WEAVR_TIMEOUT_SECONDS is {raw!r}: set it to a number of seconds above 0, such as 20")
    return seconds
