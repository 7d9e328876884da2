"""Where the suite points and with which credentials: environment variables, then an optional .env file.

Target `emulator` (the default) starts the local emulator unless WEAVR_BASE_URL names
one already running; its api-key, programme-key and profile ids come from the
emulator itself. Target `sandbox` needs them all set (see .env.example).
"""
from __future__ import annotations

import math
import os
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

    @property
    def is_emulator(self) -> bool:
        return self.target == "emulator"

    @property
    def multi_url(self) -> str:
        return self.base_url.rstrip("/") + self.multi_path

    @property
    def simulator_url(self) -> str:
        return self.base_url.rstrip("/") + self.simulator_path

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
    )


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
