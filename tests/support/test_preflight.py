"""The preflight check turns a bad target or key into one line before any scenario runs."""
from __future__ import annotations

import pytest

from support.config import ConfigError, Settings
from support.emulator_process import EmulatorProcess
from support.preflight import preflight


@pytest.fixture(scope="module")
def emulator_url(tmp_path_factory):
    process = EmulatorProcess(tmp_path_factory.mktemp("logs"))
    url = process.start()
    yield url
    process.stop()


def test_a_running_emulator_passes_and_lends_its_programme(emulator_url):
    settings = Settings(target="emulator", base_url=emulator_url)
    preflight(settings)
    assert settings.api_key and settings.profile("corporate")


def test_a_refused_key_is_named(emulator_url):
    settings = Settings(target="emulator", base_url=emulator_url, api_key="wrong-key-123456")
    with pytest.raises(ConfigError, match="refused the api-key .*WEAVR_API_KEY"):
        preflight(settings)


def test_an_unreachable_target_is_named():
    with pytest.raises(ConfigError, match="no emulator answers at http://127.0.0.1:9"):
        preflight(Settings(target="emulator", base_url="http://127.0.0.1:9"))
    with pytest.raises(ConfigError, match="cannot reach http://127.0.0.1:9"):
        preflight(Settings(target="sandbox", base_url="http://127.0.0.1:9", api_key="k", timeout=2))


def test_a_suite_started_emulator_needs_no_check():
    preflight(Settings(target="emulator", base_url=None))
