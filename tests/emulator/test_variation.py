"""`--vary SEED`: each varied choice changes with the seed, every varied answer stays within the description
(strict mode: an answer that breaks its schema raises), and seed 0 is today's emulator."""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from emulator.app import EmulatorApp
from emulator.programme import load_programme
from emulator.variation import (
    CONFLICT_SITES,
    DEFAULT,
    DOCUMENTED_ORDER,
    ENTRIES,
    OPTIONAL_CANDIDATES,
    SeedError,
    for_seed,
    parse_seed,
)

from .cards_helpers import create_card
from .contract_cases import CASES
from .helpers import Emu
from .test_managed_accounts import charge, create_account, deposit, verified_corporate
from .test_transfers import transfer

SEEDS = (1, 2, 3)


def varied(seed: int) -> Emu:
    emu = Emu()
    emu.app = EmulatorApp(load_programme(), strict=True, variation=for_seed(seed))
    emu.programme = emu.app.world.programme
    return emu


def seed_where(condition, limit: int = 200) -> int:
    """The first seed whose variation meets `condition` (seeds are cheap to make)."""
    return next(seed for seed in range(1, limit) if condition(for_seed(seed)))


# -- the seed itself ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["abc", "-1", "1.5", "", " ", "0x10"])
def test_a_seed_that_is_not_a_whole_number_is_refused(text):
    with pytest.raises(SeedError, match="give a whole number of 0 or more"):
        parse_seed(text)


@pytest.mark.parametrize("argv, env", [(["--vary", "abc"], {}), ([], {"WEAVR_EMULATOR_VARY": "seven"})])
def test_the_command_line_refuses_a_bad_seed_in_one_line_with_status_2(argv, env, tmp_path):
    done = subprocess.run([sys.executable, "-m", "emulator", "--port", "0", *argv], capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", **env}, cwd=str(_root()))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "whole number" in lines[0], done.stderr


def test_seed_zero_is_the_default_variation_and_varies_nothing():
    assert for_seed(0) is DEFAULT and parse_seed("0") == 0
    assert not DEFAULT.varied and EmulatorApp(load_programme()).variation is DEFAULT
    assert DEFAULT.programme(load_programme()) == load_programme()


# -- every entry changes with the seed ---------------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_every_entry_differs_from_the_default_on_a_varied_seed(seed):
    today, other = DEFAULT.describe(), for_seed(seed).describe()
    assert set(today) == set(other) == set(ENTRIES)
    same = [entry for entry in ENTRIES if today[entry] == other[entry]]
    assert not same, f"seed {seed} leaves {same} as today"


def test_seeds_differ_from_each_other_and_one_seed_always_gives_the_same():
    assert for_seed(5) == for_seed(5)
    seen = {entry: {str(for_seed(seed).describe()[entry]) for seed in range(1, 40)} for entry in ENTRIES}
    # list_order and conflict_order have one alternative each (the other way round); every other entry several.
    single = {entry for entry, values in seen.items() if len(values) < 2}
    assert single == {"list_order", "conflict_order"}, single


# -- each entry, as answered -----------------------------------------------------------------------------
def test_list_order_without_sort_order_is_reversed_but_a_documented_default_is_kept():
    for seed, expected in ((0, ["second", "first"]), (1, ["first", "second"])):
        emu = varied(seed)
        owner = verified_corporate(emu)
        first = create_account(emu, owner, friendlyName="first")["id"]
        create_account(emu, owner, friendlyName="second")
        listed = emu.call("GET", "/managed_accounts", token=owner["token"]).body["accounts"]
        assert [account["friendlyName"] for account in listed] == expected, seed
        deposit(emu, first, 100)
        deposit(emu, first, 200)
        # Statements are oldest first by default, as the description says: never varied.
        statement = emu.call("GET", f"/managed_accounts/{first}/statement", token=owner["token"]).body
        assert [entry["balanceAdjustment"]["amount"] for entry in statement["entries"]] == [100, 200], seed
    assert "managedAccountStatement" in DOCUMENTED_ORDER


@pytest.mark.parametrize("seed", SEEDS)
def test_ids_have_the_seeds_length_and_step(seed):
    variation, emu = for_seed(seed), varied(seed)
    owner = verified_corporate(emu)
    ids = [int(create_account(emu, owner)["id"]) for _ in range(2)]
    assert all(len(str(number)) == variation.id_digits for number in ids), ids
    assert ids[1] - ids[0] == variation.id_step and ids[1] < 2**63
    assert (variation.id_digits, variation.id_step) != (18, 1)


TOKEN_SHAPES = {"urlsafe": r"[A-Za-z0-9_-]{32}", "hex": r"[0-9a-f]{64}",
                "uuid": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                "jwt": r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"}


@pytest.mark.parametrize("seed", (0, *SEEDS))
def test_tokens_have_the_seeds_format(seed):
    token = varied(seed).corporate()["token"]
    style = for_seed(seed).token_style
    assert re.fullmatch(TOKEN_SHAPES[style], token), (style, token)
    assert (style == "urlsafe") == (seed == 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_timestamps_follow_the_seeds_clock(seed):
    variation, emu = for_seed(seed), varied(seed)
    owner = verified_corporate(emu)
    before = int(time.time() * 1000)
    stamp = create_account(emu, owner)["creationTimestamp"]
    after = int(time.time() * 1000)
    assert before + variation.clock_skew_ms - 1000 <= stamp <= after + variation.clock_skew_ms
    if variation.whole_seconds:
        assert stamp % 1000 == 0


def test_a_dropped_optional_field_is_left_out_where_the_answer_stays_valid():
    seed = seed_where(lambda v: "lastUpdatedTimestamp" in v.dropped_fields)
    for number, present in ((0, True), (seed, False)):
        emu = varied(number)  # strict: the trimmed answer is checked against its schema
        owner = verified_corporate(emu)
        account = create_account(emu, owner)["id"]
        deposit(emu, account, 1000)
        assert charge(emu, owner, account).status == 200
        fee = emu.call("GET", "/fees", token=owner["token"]).body["fees"][0]
        assert fee["status"] == "COMPLETED"
        assert ("lastUpdatedTimestamp" in fee) is present, (number, fee)
    assert set(for_seed(seed).dropped_fields) <= set(OPTIONAL_CANDIDATES)


def test_fields_whose_meaning_the_description_states_are_never_dropped():
    described = {"executionTimestamp", "renewalTimestamp", "cancellationReason", "challengeExemptionReason",
                 "authForwardingDefaultTimeoutDecision", "tag"}  # the last two: the client sets them
    assert not described & set(OPTIONAL_CANDIDATES)
    assert not any(described & for_seed(seed).dropped_fields for seed in range(1, 60))


def test_a_required_field_is_never_dropped():
    # `creationTimestamp` is required in every answer; make it a candidate and it must stay.
    variation = for_seed(1)
    still_valid = lambda body: "creationTimestamp" in body  # noqa: E731  the schema's say, in little
    trimmed = variation.__class__(**{**vars(variation), "dropped_fields": frozenset({"creationTimestamp", "tag"})})
    # The required one stays, the other optional one still goes.
    assert trimmed.without_optional({"creationTimestamp": 1, "tag": "t"}, still_valid) == {"creationTimestamp": 1}
    assert trimmed.without_optional({"creationTimestamp": 1, "x": {"creationTimestamp": 2}},
                                    lambda body: True) == {"x": {}}


def test_validation_words_are_other_words_of_the_descriptions_list():
    seed = seed_where(lambda v: v.error_words.get("required") == "HAS_TEXT" and "maxLength" in v.error_words)
    for number, missing_word, long_word in ((0, "REQUIRED", "SIZE"), (seed, "HAS_TEXT", "AT_MOST")):
        emu = varied(number)
        body = emu.corporate_body()
        del body["rootUser"]["name"]
        body["company"]["name"] = "x" * 1000
        answer = emu.call("POST", "/corporates", body)
        assert answer.status == 400
        words = {field["fieldName"]: field["error"] for field in answer.body["syntaxErrors"]["invalidFields"]}
        assert words == {"rootUser.name": missing_word, "company.name": long_word}, (number, words)


def test_where_two_conflict_codes_apply_the_seed_picks_which_is_answered():
    assert set(for_seed(1).conflict_firsts) == set(CONFLICT_SITES)
    for seed, code in ((0, "AMOUNT_INVALID"), (1, "CURRENCY_MISMATCH")):
        emu = varied(seed)
        owner = verified_corporate(emu)
        euros = create_account(emu, owner)["id"]
        pounds = create_account(emu, owner, currency="GBP")["id"]
        answer = transfer(emu, owner, euros, pounds, 0)  # a zero amount between currencies: both apply
        assert (answer.status, answer.body) == (409, {"errorCode": code}), seed
    for seed, code in ((0, "INSTRUMENT_MARKED_LOST_STOLEN"), (1, "INSTRUMENT_ALREADY_BLOCKED")):
        emu = varied(seed)
        owner = verified_corporate(emu)
        card = create_card(emu, owner)
        base = f"/managed_cards/{card['id']}"
        assert emu.call("POST", f"{base}/physical", {"deliveryAddress": _delivery(), "activationCode": "123456"},
                        token=owner["token"]).status == 200
        assert emu.call("POST", f"{base}/physical/report_lost", token=owner["token"]).status == 204
        answer = emu.call("POST", f"{base}/block", token=owner["token"])
        assert (answer.status, answer.body) == (409, {"errorCode": code}), seed


@pytest.mark.parametrize("seed", SEEDS)
def test_fee_amounts_are_the_seeds_programme(seed):
    variation, emu = for_seed(seed), varied(seed)
    expected = max(1, round(100 * variation.fee_factor))
    assert emu.call("GET", "/programme", mount="/_emulator").body["customFees"]["SETUP_FEE"]["EUR"] == expected
    owner = verified_corporate(emu)
    account = create_account(emu, owner)["id"]
    deposit(emu, account, 1000)
    answer = charge(emu, owner, account)
    assert answer.status == 200, answer.body
    assert emu.call("GET", f"/managed_accounts/{account}", token=owner["token"]).body["balances"][
        "actualBalance"] == 1000 - expected != 900


@pytest.mark.parametrize("seed", (0, *SEEDS))
def test_bank_details_name_the_seeds_bank(seed):
    emu, bank = varied(seed), for_seed(seed).bank
    owner = verified_corporate(emu)
    account = create_account(emu, owner)["id"]
    details = emu.call("POST", f"/managed_accounts/{account}/iban", token=owner["token"]).body["bankAccountDetails"][0]
    assert details["beneficiaryBank"] == bank["beneficiaryBank"]
    assert details["paymentReference"] == bank["paymentReferencePrefix"] + account
    assert (details["beneficiaryBank"] == "Weavr Sandbox Bank") == (seed == 0)


# -- every answer stays within the description --------------------------------------------------------------
@pytest.mark.parametrize("index, key", list(enumerate(sorted(CASES, key=str))),
                         ids=lambda value: value if isinstance(value, int) else "-".join(str(p) for p in value if p))
def test_every_operation_answers_within_its_schema_on_a_varied_seed(index, key):
    """Each documented case of contract_cases on one of the seeds in turn, strict: a varied answer that breaks
    its schema or answers an undeclared status raises. (Which 409 a case meets may vary, so the code is not
    compared.)"""
    namespace, operation_id, _, _ = key
    emu = varied(SEEDS[index % len(SEEDS)])
    answer = CASES[key](emu)
    operation = emu.app.contracts[namespace].by_id[operation_id]
    assert operation.declares(answer.status), f"{operation_id} answered undeclared {answer.status}"


def _delivery() -> dict:
    return {"name": "Ann", "surname": "Lee", "addressLine1": "1 Main St", "city": "Valletta", "postCode": "VLT 1010",
            "country": "MT"}


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_every_entry_is_written_down_and_links_the_choice_that_states_its_default():
    choices = _root() / "emulator" / "choices"
    written = (choices / "variation.md").read_text(encoding="utf-8")
    for entry, link in ENTRIES.items():
        assert f"| `{entry}` |" in written, f"{entry} is not in emulator/choices/variation.md"
        assert (choices / link.split("#")[0]).is_file(), f"{entry} links {link}, which does not exist"
