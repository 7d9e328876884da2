"""Patterns are compared by the strings they accept; every verdict is checked against Python's own regex engine."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support.spec.patterns import Unsupported, compare, doubled, judge_pattern, undoubled


def search(pattern: str, text: str) -> bool:
    """ECMA-262's `$` is the very end; Python's also matches before a final newline."""
    return re.search(re.sub(r"(?<!\\)\$(?=\||$)", r"\\Z", pattern), text) is not None

# Written differently, the same strings (checked on samples below as well as by the automaton).
SAME = [
    (r"^[a-z\-]+$", r"^[a-z-]+$"),                 # an escaped hyphen inside a class
    (r"^[\-a-z]+$", r"^[-a-z]+$"),
    (r"^a\/b$", r"^a/b$"),                         # an escaped slash
    (r"^[\/\.]+$", r"^[/.]+$"),
    (r"^\{x\}$", r"^{x}$"),                        # braces that are not a quantifier
    (r"^[0-9]+$", r"^[0-9]{1,}$"),                 # a quantifier written two ways
    (r"^\d{2}$", r"^[0-9][0-9]$"),
    (r"^[A-Za-z]*$", r"^[a-zA-Z]*$"),
    (r"^(?:ab|cd)$", r"^(ab|cd)$"),
    (r"^x\u0041$", r"^xA$"),
    (r"abc", r"^[\s\S]*abc"),                      # unanchored means anywhere (`.` would stop at a newline)
    (r"^a", r"^a.*"),
    (r"^[\s]$", r"^\s$"),
]

NARROWER = [  # old, new, a string the new pattern refuses
    (r"^[0-9]+$", r"^[0-9]{1,12}$", "0000000000000"),
    (r"^[0-9]*$", r"^[0-9]{6}$", ""),
    (r"^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{11,30}$", r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$", "AA000000000000a"),
    (r"^[a-z]+$|^[0-9]+$", r"^[a-z]+$", "0"),
    (r"^a", r"^a.*$", "a\n"),
]
WIDER = [
    (r"^[0-9]{6}$", r"^[0-9]{4,6}$", "0000"),
    (r"^[^0-9|]*$", r"^[^0-9]*$", "|"),
]


@pytest.mark.parametrize("old, new", SAME)
def test_patterns_that_differ_only_in_writing_are_equal(old, new):
    assert compare(old, new).verdict == "equal"
    assert judge_pattern(old, new).comparison.verdict == "equal"
    for sample in ("", "a", "ab", "a-b", "a/b", "{x}", "xA", "123", "12", "abc", "zabc", "\nabc", "AbC", " ", "\t"):
        assert search(old, sample) == search(new, sample), sample


@pytest.mark.parametrize("old, new, refused", NARROWER)
def test_a_narrower_pattern_names_a_string_it_now_refuses(old, new, refused):
    result = compare(old, new)
    assert (result.verdict, result.refused) == ("narrower", refused)
    assert search(old, refused) and not search(new, refused)


@pytest.mark.parametrize("old, new, accepted", WIDER)
def test_a_wider_pattern_names_a_string_it_now_accepts(old, new, accepted):
    result = compare(old, new)
    assert (result.verdict, result.accepted) == ("wider", accepted)
    assert search(new, accepted) and not search(old, accepted)


def test_a_pattern_both_narrower_and_wider_is_changed():
    result = compare(r"^[a-c]+$", r"^[b-d]+$")
    assert result.verdict == "changed" and (result.refused, result.accepted) == ("a", "d")


def test_a_literal_backslash_is_not_an_escape():
    # read literally, 3.32.1's `^\\+[0-9]+$` wants backslashes, not a plus sign
    assert compare(r"^\\+[0-9]+$", r"^\+[0-9]+$").verdict == "changed"


def test_a_side_that_doubled_every_backslash_is_read_as_meant():
    assert doubled(r"^\\+[0-9]+$") and not doubled(r"^\+[0-9]+$") and not doubled("^[0-9]+$")
    assert undoubled(r"^[^0-9\\|]*$") == r"^[^0-9\|]*$"
    judged = judge_pattern(r"^\\+[0-9]+$", r"^\+[0-9]+$")
    assert (judged.comparison.verdict, judged.undoubled_side) == ("equal", "old")
    # halved, the old pattern is still narrower than a wider new one, and the verdict says how it was read
    judged = judge_pattern(r"^[a-z\\-]*$", r"^[a-z0-9\-]*$")
    assert judged.comparison.verdict == "wider" and "doubled backslashes" in judged.explain()


def test_patterns_the_comparison_does_not_decide():
    for pattern in (r"^(?=a)a$", r"^(a)\1$", r"\bword", r"^a(?<=a)$", "^(a|b"):
        with pytest.raises(Unsupported):
            compare(pattern, "^a$")
    assert judge_pattern(r"^(?=a)a$", "^a$") is None


POOL = [r"^[ab]+$", r"^[ab]{1,3}$", r"^a*$", r"^(?:a|b)*$", r"^[a-b]*$", r"a", r"^a", r"b$", r"^[^0]*$",
        r"^\\+0$", r"^\+0$", r"^[\-+0]{2}$", r"^[+\-0][+\-0]$", r"^(?:ab)+$|^0$", r"^.{2}$", r"^[\s\S]{2}$"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(old=st.sampled_from(POOL), new=st.sampled_from(POOL), text=st.text(alphabet="ab0+-\\\n", max_size=5))
def test_every_verdict_agrees_with_a_regex_engine(old, new, text):
    """No string may contradict a verdict: what the old accepted the new accepts unless refusals were found."""
    result = compare(old, new)
    in_old, in_new = search(old, text), search(new, text)
    if in_old and not in_new:
        assert result.refused is not None
    if in_new and not in_old:
        assert result.accepted is not None
    for witness, accepted_by, refused_by in ((result.refused, old, new), (result.accepted, new, old)):
        if witness is not None:
            assert search(accepted_by, witness) and not search(refused_by, witness)
