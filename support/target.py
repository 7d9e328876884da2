"""The target under test: its settings, one client per API, and the emulator's control plane."""
from __future__ import annotations

import os

import requests

from schemas import load_contract

from .client import CallBudget, WeavrClient
from .config import ConfigError, Settings
from .emulator_process import EmulatorProcess, control_headers, fetch_programme


class Target:
    def __init__(self, settings: Settings, masker, recorder, log_dir):
        self.settings = settings
        self.masker = masker
        self.process = None
        if settings.is_emulator and not settings.base_url:
            self.process = EmulatorProcess(log_dir)
            settings.base_url = self.process.start()
        if settings.is_emulator:
            assert settings.base_url, "the emulator's URL is known once it started"
            settings.adopt_programme(fetch_programme(settings.base_url, control_key=settings.control_key))
        for secret in (settings.api_key, settings.programme_key, settings.control_key):
            masker.remember(secret)
        self.contract = load_contract("multi")
        # Both APIs count against one budget: this worker's share of WEAVR_CALLS_PER_MINUTE.
        self.budget = CallBudget.share(settings.calls_per_minute, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", 1)))
        self.multi = WeavrClient(settings.multi_url, self.contract, masker, recorder, key_header="api-key",
                                 key=settings.api_key, timeout=settings.timeout, budget=self.budget)
        self.simulator = WeavrClient(settings.simulator_url, load_contract("simulator"), masker, recorder,
                                     key_header="programme-key", key=settings.programme_key, timeout=settings.timeout,
                                     budget=self.budget)

    @property
    def name(self) -> str:
        return self.settings.target

    def control(self, method: str, route: str, json=None) -> dict | None:
        """The emulator's control plane; scenarios that need it are tagged @emulator_only."""
        if not self.settings.is_emulator:
            raise ConfigError("this step needs the emulator's control plane; tag the scenario @emulator_only")
        answer = requests.request(method, f"{self.settings.base_url}/_emulator{route}", json=json, timeout=10,
                                  headers=control_headers(self.settings.control_key))
        answer.raise_for_status()
        return answer.json() if answer.content else None

    def close(self) -> None:
        self.multi.session.close()
        self.simulator.session.close()
        if self.process:
            self.process.stop()
