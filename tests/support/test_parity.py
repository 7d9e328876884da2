"""Parity: recording, pairing and comparing exchanges, and `make parity` over a recording made against a varied
emulator listing the varied fields and nothing else."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from emulator.variation import for_seed
from support.emulator_process import EmulatorProcess, fetch_programme
from support.masking import Masker
from support.parity.__main__ import main
from support.parity.compare import compare, normalise
from support.parity.record import FORMAT, MANIFEST, ExchangeLog, NotARecording, load, start, with_shapes
from support.parity.shapes import shape

ROOT = Path(__file__).resolve().parents[2]


def exchange(scenario, operation, response, status=200, request=None, sequence=0):
    return {"scenario": scenario, "sequence": sequence, "namespace": "multi", "operationId": operation,
            "method": "POST", "path": "/x", "request": request, "status": status, "response": response}


# -- shapes and normalising ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("1925124228178632057", "<digits>"), ("0b8a3c1e-7d4f-4a7e-9e0a-3f2b1c4d5e6f", "<uuid>"),
    ("a" * 10 + "0123456789abcdef", "<hex>"), ("eyJhbGciOiJIUzI1NiJ9.abc_DEF.x-y", "<jwt>"),
    ("kQ3_xZp9Lm2NvB8cRt5Yw1Ha", "<base64url>"), ("WEAVR-12345", "WEAVR-#"), ("COMPLETED", "COMPLETED")])
def test_a_value_that_differs_every_run_is_read_as_its_shape(text, expected):
    assert shape(text) == expected


def test_ids_tokens_and_times_compare_by_shape_amounts_and_states_by_value():
    one = exchange("s", "transferCreate", {"id": "111", "creationTimestamp": 1700000000000, "state": "COMPLETED",
                                           "destinationAmount": {"currency": "EUR", "amount": "100"}})
    same = exchange("s", "transferCreate", {"id": "222222", "creationTimestamp": 1800000000123, "state": "COMPLETED",
                                            "destinationAmount": {"currency": "EUR", "amount": "100"}})
    assert compare([one], [same]).divergences == []
    other = exchange("s", "transferCreate", {"id": "abc-1", "creationTimestamp": 1, "state": "PENDING",
                                             "destinationAmount": {"currency": "EUR", "amount": "150"}})
    found = {(d.pointer, d.kind) for d in compare([one], [other]).divergences}
    assert found == {("/id", "value"), ("/state", "value"), ("/destinationAmount/amount", "value")}


def test_a_value_the_scenario_sent_compares_by_where_it_was_sent():
    recorded = [exchange("s", "corporateCreate", {"rootUser": {"email": "ann@x.io"}}, request={"email": "Ann@x.io"}),
                exchange("s", "corporateGet", {"rootUser": {"email": "ann@x.io", "surname": "Lee"}}, sequence=1)]
    replayed = [exchange("s", "corporateCreate", {"rootUser": {"email": "bo@y.io"}}, request={"email": "bo@y.io"}),
                exchange("s", "corporateGet", {"rootUser": {"email": "bo@y.io", "surname": "Lee"}}, sequence=1)]
    assert compare(recorded, replayed).divergences == []
    replayed[1]["response"]["rootUser"]["email"] = "someone-else@y.io"
    assert [(d.operation_id, d.pointer) for d in compare(recorded, replayed).divergences] == [
        ("corporateGet", "/rootUser/email")]


def test_status_missing_extra_order_and_length_are_each_their_own_divergence():
    a = [exchange("s", "feesGet", {"fees": [{"d": "SETUP"}, {"d": "MONTHLY"}], "count": 2, "gone": 1}),
         exchange("s", "cardBlock", {"errorCode": "INSTRUMENT_MARKED_LOST_STOLEN"}, status=409, sequence=1),
         exchange("s", "accountsGet", {"accounts": [1, 2, 3]}, sequence=2)]
    b = [exchange("s", "feesGet", {"fees": [{"d": "MONTHLY"}, {"d": "SETUP"}], "count": 2, "new": 1}),
         exchange("s", "cardBlock", None, status=204, sequence=1),
         exchange("s", "accountsGet", {"accounts": [1, 2]}, sequence=2)]
    found = {(d.operation_id, d.pointer, d.kind) for d in compare(a, b).divergences}
    assert found == {("feesGet", "/fees", "order"), ("feesGet", "/gone", "missing"), ("feesGet", "/new", "extra"),
                     ("cardBlock", "", "status"), ("cardBlock", "/errorCode", "missing"),
                     ("accountsGet", "/accounts", "length")}


def test_exchanges_pair_by_scenario_and_occurrence_and_the_rest_is_unpaired():
    a = [exchange("s", "op", {"n": 1}), exchange("s", "op", {"n": 2}, sequence=1)]
    b = [exchange("s", "other", {}), exchange("s", "op", {"n": 1}, sequence=1), exchange("s", "op", {"n": 2}, sequence=2)]
    result = compare(a, b)
    assert result.divergences == [] and result.paired == 2
    assert result.unpaired == [("s", "other", "replayed only")]


def test_a_number_echoes_only_under_the_key_it_was_sent_as():
    sent = {("day", "1"): "<sent corporateCreate#1 /dateOfBirth/day>"}
    assert normalise({"day": 1, "count": 1}, sent) == {"day": "<sent corporateCreate#1 /dateOfBirth/day>",
                                                        "count": 1}


# -- recording ------------------------------------------------------------------------------------------------
def test_a_recorded_exchange_is_masked_and_a_secret_keeps_only_its_shape(tmp_path):
    start(tmp_path, "sandbox", "https://sandbox.example")
    masker = Masker(["the-api-key-123"])
    log = ExchangeLog(tmp_path, masker)
    log.add("features/x.feature::test_y", "multi", "loginWithPassword", "POST", "/login_with_password",
            {"email": "a@b.c", "password": {"value": "Secret-pass-1"}}, 200,
            {"token": "0b8a3c1e-7d4f-4a7e-9e0a-3f2b1c4d5e6f", "note": "key the-api-key-123"})
    [line] = load(tmp_path)
    text = json.dumps(line)
    assert "Secret-pass-1" not in text and "the-api-key-123" not in text and "0b8a3c1e" not in text
    assert line["response"]["token"] == "***:<uuid>" and line["request"]["password"] == {"value": "***"}
    assert line["scenario"] == "features/x.feature::test_y" and line["status"] == 200
    assert with_shapes({"pin": 1234}, {"pin": "***"}) == {"pin": "***"}  # only strings carry a shape


@pytest.mark.parametrize("make", ["missing", "file", "empty folder", "other manifest", "bad line", "no lines"])
def test_a_path_that_is_not_a_recording_is_one_clear_line(tmp_path, capsys, make):
    target = tmp_path / "recording"
    if make == "file":
        target.write_text("x")
    elif make != "missing":
        target.mkdir()
    if make in ("other manifest",):
        (target / MANIFEST).write_text(json.dumps({"format": "something else"}))
    if make in ("bad line", "no lines"):
        (target / MANIFEST).write_text(json.dumps({"format": FORMAT}))
    if make == "bad line":
        (target / "exchanges-main-1.jsonl").write_text("not json\n")
    with pytest.raises(NotARecording):
        load(target)
    assert main([str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and str(target) in err[0], err


# -- make parity on a recording made against --vary 1 --------------------------------------------------------
# A small slice: fee amounts, fee and account lists, sign-in tokens, validation words, an IBAN's bank details.
SLICE = ["features/managed_accounts/fee_charges.feature", "features/managed_accounts/managed_accounts.feature",
         "features/managed_accounts/managed_account_lifecycle.feature::"
         "test_an_account_upgraded_with_an_iban_answers_its_bank_details",
         # A required field's error word (the managed-account features leave that check to the baseline).
         "features/baseline/baseline.feature::test_operation_refuses_a_body_without_its_required_field_field"
         "[managedAccountCreate-POST-/managed_accounts-corporate-currency]"]


def explained_by(row: dict, seed: int) -> str | None:
    """The variation entry of `seed` that accounts for a divergence row, or None."""
    variation = for_seed(seed)
    pointer, kind, operation = row["pointer"], row["kind"], row["operationId"]
    leaf = pointer.rsplit("/", 1)[-1]
    if leaf == "token":
        return "token_format"
    if pointer.startswith("/syntaxErrors/"):
        return "error_words"
    if leaf in {"beneficiaryBank", "beneficiaryBankAddress", "paymentReference"}:
        return "bank_details"
    if kind in ("missing", "extra") and leaf in variation.dropped_fields:
        return "optional_fields"  # left out by the varied sandbox, so answered only by the plain emulator
    if kind == "order" or (operation.endswith("sGet") and "/*/" in pointer and not _is_money(leaf)):
        return "list_order"  # in another order, or another item on a page of one
    if _is_money(leaf) or operation.endswith("ChargeFee"):
        return "fee_amounts"  # an amount, a balance after a fee, a fee the balance no longer covers
    return None


def _is_money(leaf: str) -> bool:
    return "amount" in leaf.lower() or "balance" in leaf.lower()


def test_make_parity_on_a_varied_recording_lists_the_varied_fields_and_nothing_else(tmp_path):
    seed = 1
    process = EmulatorProcess(tmp_path / "logs", args=("--vary", str(seed)))
    base = process.start()
    try:
        programme = fetch_programme(base)
        profiles = programme["profiles"]
        recorded = tmp_path / "recorded"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEAVR_", "PYTEST_XDIST"))}
        env.update({"WEAVR_TARGET": "sandbox", "WEAVR_BASE_URL": base, "WEAVR_API_KEY": programme["apiKey"],
                    "WEAVR_PROGRAMME_KEY": programme["programmeKey"],
                    "WEAVR_CORPORATE_PROFILE_ID": profiles["corporate"],
                    "WEAVR_CONSUMER_PROFILE_ID": profiles["consumer"],
                    "WEAVR_MANAGED_ACCOUNTS_PROFILE_ID": profiles["managedAccounts"],
                    "WEAVR_TRANSFERS_PROFILE_ID": profiles["transfers"],
                    "WEAVR_REPORTS_DIR": str(tmp_path / "reports"), "WEAVR_PARITY_DIR": str(recorded)})
        run = subprocess.run([sys.executable, "-m", "pytest", *SLICE, "-q", "-p", "no:randomly", "-n", "0",
                              f"--alluredir={tmp_path / 'allure'}"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=600)
    finally:
        process.stop()
    # The varied emulator fails the suite's assumed checks (fee amounts, error words): the recording is made anyway.
    assert "passed" in run.stdout, run.stdout[-2000:] + run.stderr[-2000:]
    assert not any(programme["apiKey"] in p.read_text() for p in recorded.glob("exchanges-*.jsonl"))

    replay_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")}
    done = subprocess.run([sys.executable, "-m", "support.parity", str(recorded), "--workers", "0"], cwd=ROOT,
                          env=replay_env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = json.loads((recorded / "divergences.json").read_text())
    unexplained = [row for row in rows if explained_by(row, seed) is None]
    assert not unexplained, f"divergences no variation of seed {seed} explains: {unexplained}"
    found = {explained_by(row, seed) for row in rows}
    assert found >= {"token_format", "error_words", "list_order", "fee_amounts", "bank_details",
                     "optional_fields"}, found
    replay_log = (recorded / "replay" / "replay.log").read_text()
    # The plain emulator passes every replayed scenario: pytest's closing line counts no failure.
    assert re.search(r"^=* ?\d+ passed", replay_log, re.M) and not re.search(r"\d+ failed", replay_log), \
        replay_log[-2000:]
    assert "/choices" in (recorded / "divergences.md").read_text()


def test_the_suite_started_emulator_takes_its_seed_from_weavr_emulator_vary():
    from support.config import ConfigError
    from support.emulator_process import variation_args

    assert variation_args(None) == [] and variation_args(" ") == []
    assert variation_args("3") == ["--vary", "3"]
    with pytest.raises(ConfigError, match="WEAVR_EMULATOR_VARY is 'three': give a whole number"):
        variation_args("three")
