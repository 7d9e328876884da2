"""Configuration: defaults, the .env file, and one clear line for each mistake."""
from __future__ import annotations

import pytest

from support.config import ConfigError, load_settings


def test_defaults_to_the_emulator_started_by_the_suite(tmp_path):
    settings = load_settings({}, env_file=tmp_path / "absent.env")
    assert settings.target == "emulator" and settings.base_url is None


def test_sandbox_needs_keys_and_profiles_named_in_one_line(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_settings({"WEAVR_TARGET": "sandbox"}, env_file=tmp_path / "absent.env")
    message = str(error.value)
    assert "\n" not in message and "WEAVR_API_KEY" in message and "WEAVR_CORPORATE_PROFILE_ID" in message


def test_sandbox_settings_from_env_file_with_environment_winning(tmp_path):
    env = tmp_path / ".env"
    env.write_text("WEAVR_TARGET=sandbox\nWEAVR_API_KEY=file-key\nWEAVR_PROGRAMME_KEY=p\n"
                   "WEAVR_CORPORATE_PROFILE_ID=11\nWEAVR_CONSUMER_PROFILE_ID=22\n")
    settings = load_settings({"WEAVR_API_KEY": "env-key"}, env_file=env)
    assert settings.base_url == "https://sandbox.weavr.io"
    assert settings.api_key == "env-key" and settings.profile("corporate") == "11"
    assert settings.multi_url == "https://sandbox.weavr.io/multi"


def test_unknown_target_and_bad_url_are_one_line_errors(tmp_path):
    with pytest.raises(ConfigError, match="WEAVR_TARGET"):
        load_settings({"WEAVR_TARGET": "prod"}, env_file=tmp_path / "x")
    with pytest.raises(ConfigError, match="WEAVR_BASE_URL"):
        load_settings({"WEAVR_BASE_URL": "localhost:8080"}, env_file=tmp_path / "x")


def test_missing_profile_names_its_variable(tmp_path):
    settings = load_settings({}, env_file=tmp_path / "x")
    with pytest.raises(ConfigError, match="WEAVR_MANAGED_CARDS_PROFILE_ID"):
        settings.profile("managedCards")


def test_named_env_file_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="WEAVR_ENV_FILE"):
        load_settings({"WEAVR_ENV_FILE": str(tmp_path / "missing.env")})


@pytest.mark.parametrize("value", ["0", "-5", "abc", "nan", "inf"])
def test_a_timeout_that_cannot_be_waited_is_refused_in_one_line(tmp_path, value):
    with pytest.raises(ConfigError) as error:
        load_settings({"WEAVR_TIMEOUT_SECONDS": value}, env_file=tmp_path / "x")
    assert str(error.value) == (f"WEAVR_TIMEOUT_SECONDS is {value!r}: set it to a number of seconds above 0, "
                                "such as 20")


def test_a_timeout_in_seconds_and_the_control_key_are_read(tmp_path):
    settings = load_settings({"WEAVR_TIMEOUT_SECONDS": "2.5", "WEAVR_EMULATOR_CONTROL_KEY": "ck-123456"},
                             env_file=tmp_path / "x")
    assert settings.timeout == 2.5 and settings.control_key == "ck-123456"
    assert load_settings({}, env_file=tmp_path / "x").timeout == 20
