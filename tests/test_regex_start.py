"""regex_start: patterns compiled with what their matches start with match
exactly as the plain patterns do."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_research import regex_start

PATTERNS = [
    r"\bfoo",  # a prefix after \b
    r"\bno case to answer\b",
    r"(?<!\w)(?:\d{1,3}|one|two)\s+officers?\b",  # a set after a lookbehind
    r"\d\s*[ap](?:m|\.m\.)|\d[:.][0-5]\d",  # branches opening with a class
    r"(?=[ab])(?:\b(?:ab|ba)c?)",  # a lookahead, then \b
    r"(?:x)?yz|\bq",  # an optional item: its set and the next item's
    r"(?<![\w-])(?:has|had)\s+(?:been\s+)?(?:sacked|dismissed)",
    r"a*b",  # a repeat that may be empty
    r"(?:\s+|-)x",  # a category (\s) in the set
    r"\b(?P<w>[a-c]+)\b(?=\s)",
    r"’s\b|\bit’s",  # characters outside Latin-1
    r"(?:^|\s)the",  # ^ inside a group
    r"\B[a-c]",
]

TEXT = st.text(alphabet="abcfoqxyz 019:.-’\nAB", max_size=60)


def test_install_adds_a_start_to_patterns_without_one() -> None:
    assert regex_start._PLAIN is not None
    assert re.compile(r"\bfoo") != regex_start._PLAIN(r"\bfoo", 0)  # (the code differs: a prefix)
    assert re.compile("foo") == regex_start._PLAIN("foo", 0)  # (a prefix already: compiled as before)


@pytest.mark.parametrize(
    "pattern, known",
    [(r"\bfoo", True), (r"(?<!\w)\d", True), (r"\w+", False), (r".x", False), (r"[^a]b", False), (r"a?", False)],
)
def test_the_first_characters_are_known_only_where_they_can_be(pattern: str, known: bool) -> None:
    from re import _parser  # type: ignore[attr-defined]

    first = regex_start.first_characters(_parser.parse(pattern).data)
    assert (first is not None and bool(first[0]) and not first[1]) is known


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(0, 60), st.integers(0, 60))
def test_the_same_matches_as_the_plain_pattern(text: str, pos: int, endpos: int) -> None:
    for source in PATTERNS:
        fast, plain = re.compile(source), regex_start._PLAIN(source, 0)
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]
        a, b = fast.search(text, pos, endpos), plain.search(text, pos, endpos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
        assert fast.sub("#", text) == plain.sub("#", text)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_kept_parse_is_the_parse_of_the_pattern(pattern: str) -> None:
    flags = 0
    unique = pattern + "(?#kept)"  # (not in re's own cache: compiled here, so its parse is kept)
    re.compile(unique, flags)
    kept = regex_start.parsed(unique, flags)
    assert (unique, flags) not in regex_start._PARSED  # given once, then forgotten
    fresh = regex_start.sre_parse.parse(unique, flags)
    assert repr(kept.data) == repr(fresh.data)
    assert kept.state.groupdict == fresh.state.groupdict and kept.state.flags == fresh.state.flags
    assert regex_start.parsed(unique, flags) is not kept  # the second time a new parse


def test_the_kept_parses_are_bounded() -> None:
    for k in range(regex_start._PARSED_KEPT + 10):
        re.compile(rf"\bbounded{k}x")
    assert len(regex_start._PARSED) <= regex_start._PARSED_KEPT
