"""The suite sends the control key to an emulator that guards its control plane."""
from __future__ import annotations

from support.config import Settings
from support.emulator_process import EmulatorProcess
from support.masking import Masker
from support.target import Target
from support.traffic import TrafficRecorder


def test_the_control_key_reaches_a_guarded_emulator_and_is_masked(tmp_path):
    process = EmulatorProcess(tmp_path / "logs", args=("--control-key", "control-key-for-tests-2"))
    settings = Settings(target="emulator", base_url=process.start(), control_key="control-key-for-tests-2")
    masker = Masker()
    try:
        target = Target(settings, masker, TrafficRecorder(), tmp_path / "logs")
        try:
            assert target.control("GET", "/clock")["nowMs"] > 0
        finally:
            target.close()
    finally:
        process.stop()
    assert masker.text("key control-key-for-tests-2") == "key ***"
