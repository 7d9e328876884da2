"""One dialect of features: the share of generic HTTP step lines per features folder may only go down, and
each step line means one step.

The share is support.step_dialect's (steps of steps/http_steps.py and resource_steps.py, over every step line
of the folder). LIMITS holds each folder's figure as it was last lowered; a folder may go below its limit and
never above. When a rewrite lowers a folder, lower its limit here so the gain is kept.
"""
from __future__ import annotations

import re
import textwrap

from support import step_dialect
from support.step_catalogue import STEPS, steps_of

# Folder -> the highest generic share it may have, in percent (one decimal, as `python -m support.step_dialect`
# prints it). Figures of 2026-12-06, before identities, auth and users were rewritten: identities 78.1,
# auth 71.6, users 68.9.
LIMITS = {
    "auth": 0.0,
    "beneficiaries": 61.8,
    "bulks": 26.5,
    "confirmations": 45.5,
    "events": 8.7,
    "identities": 0.0,
    "linked_accounts": 53.4,
    "managed_accounts": 65.2,
    "managed_cards": 44.1,
    "sends": 51.0,
    "transfers": 49.0,
    "users": 0.0,
    "wire_transfers": 46.2,
}
# A folder not yet listed is written in the domain's words from the start.
NEW_FOLDER_LIMIT = 25.0


def test_generic_share_per_folder_only_goes_down():
    over = [f"{share.folder}: {share.percent:.1f}% generic ({share.generic} of {share.lines} step lines), "
            f"limit {LIMITS.get(share.folder, NEW_FOLDER_LIMIT)}%"
            for share in step_dialect.shares()
            if round(share.percent, 1) > LIMITS.get(share.folder, NEW_FOLDER_LIMIT)]
    assert not over, ("features written in generic HTTP steps grew; use or add the area's domain steps "
                      "(docs/steps.md):\n" + "\n".join(over))


def test_generic_lines_are_recognised_in_outlines_and_backgrounds(tmp_path):
    folder = tmp_path / "area"
    folder.mkdir()
    (folder / "one.feature").write_text(textwrap.dedent('''\
        Feature: one
          Background:
            Given a corporate is onboarded and logged in

          Scenario: called in generic words
            When GET "/corporates" is called as the corporate
            Then the response status is 200
            And the response field "rootUser.active" equals true

          Scenario Outline: said in the domain's words
            When the corporate logs in
            Then the response status is <status>
            And the error code is "<code>"

            Examples:
              | status | code |
              | 403    | NOPE |
              | 409    | NOT  |
        '''), encoding="utf-8")
    (share,) = step_dialect.shares(tmp_path)
    # The background counts once, the outline's lines once each, with the first row's values filled in.
    assert (share.folder, share.generic, share.lines) == ("area", 5, 7)


# Two generic steps that both read `the response field "x.0" equals what GET ... answers as ...`; pytest-bdd
# runs the read-back one (the later definition), which is what the lines mean.
KNOWN_OVERLAPS = {frozenset({"http_steps.response_field_equals", "http_steps.response_equals_read_back"})}


def test_each_step_line_means_one_step():
    """A new domain step whose words also fit another step's pattern would take its lines over silently (the
    user activation step once took `the back office deactivates the corporate`): each line matches one step."""
    patterns = [(keyword.lower(), re.compile(regex), f"{module.stem}.{step['function']}")
                for module in sorted(STEPS.glob("*_steps.py")) for step in steps_of(module)
                for keyword, regex in zip(step["keywords"], step["regexes"], strict=False)]
    overlapping = set()
    for feature in sorted(step_dialect.FEATURES.rglob("*.feature")):
        for keyword, text in step_dialect.step_lines(feature):
            hits = frozenset(name for kind, pattern, name in patterns if kind == keyword and pattern.fullmatch(text))
            if len(hits) > 1 and hits not in KNOWN_OVERLAPS:
                overlapping.add(f"{feature.relative_to(step_dialect.FEATURES)}: {keyword} {text}: {sorted(hits)}")
    assert not overlapping, "step lines that more than one step matches:\n" + "\n".join(sorted(overlapping))
