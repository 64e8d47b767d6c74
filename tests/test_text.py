"""Segmentation and the shared pattern helpers (oversight_research/text.py):
every unit is a span that slices the exact text back out, and every fast
matcher gives exactly the matches of the plain regular expression."""

from __future__ import annotations

import re

import pytest

from oversight_research.text import (
    Cues,
    Span,
    WordPattern,
    count_words,
    holds_literal,
    letter_led,
    lines,
    lower_same_length,
    lowered_pattern,
    required_literals,
    sentences,
    strip_span,
)


def _split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text, Span(0, len(text)))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The officer was dismissed. He appealed.", ["The officer was dismissed.", "He appealed."]),
        ("PC Smith met Dr. Jones. They spoke.", ["PC Smith met Dr. Jones.", "They spoke."]),
        ("Det. Supt. Hall said it. The panel agreed.", ["Det. Supt. Hall said it.", "The panel agreed."]),
        ("It happened at 3 p.m. on Friday.", ["It happened at 3 p.m. on Friday."]),
        ("J. K. Rowling wrote. Then she left.", ["J. K. Rowling wrote.", "Then she left."]),
        ("Was he warned? Yes! He was.", ["Was he warned?", "Yes!", "He was."]),
        ("A sentence without a full stop", ["A sentence without a full stop"]),
    ],
)
def test_sentences_split_at_real_boundaries_only(text, expected):
    assert _split(text) == expected


def test_sentence_spans_lie_inside_their_paragraph_and_in_order():
    text = "Intro line.\nFirst one. Second one.  Third one.\nTail."
    first = text.index("First")
    para = Span(first, text.index("\nTail"))
    spans = sentences(text, para)
    assert [text[s.start : s.end] for s in spans] == ["First one.", "Second one.", "Third one."]
    assert all(para.start <= s.start < s.end <= para.end for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_lines_keep_offsets_across_every_line_ending():
    text = "one\r\ntwo\nthree\u2028four"
    assert [text[s.start : s.end] for s in lines(text)] == ["one", "two", "three", "four"]


def test_strip_span_never_inverts_an_all_blank_span():
    text = "a    b"
    s = strip_span(text, Span(1, 5))
    assert s.start <= s.end and text[s.start : s.end] == ""


def test_count_words():
    assert count_words("The officer, PC A. Smith, was dismissed.") == 7


def test_lower_same_length_keeps_every_offset():
    text = "İstanbul POLICE Ünit"
    lowered = lower_same_length(text)
    assert len(lowered) == len(text)
    assert lowered.endswith("police ünit")


@pytest.mark.parametrize(
    "pattern",
    [r"gross misconduct", r"(?:dismiss|sack)(?:ed|al)\b", r"\bPC\s+\w+", r"final written warnings?"],
)
@pytest.mark.parametrize(
    "text",
    ["The PC Jones was DISMISSED for Gross Misconduct.", "two final written warnings were given", "sacked"],
)
def test_lowered_pattern_gives_the_matches_of_re_ignorecase(pattern, text):
    plain = [m.span() for m in re.finditer(pattern, text, re.I)]
    fast = [m.span() for m in lowered_pattern(pattern).finditer(lower_same_length(text))]
    assert fast == plain


@pytest.mark.parametrize("text", ["he was dismissed", "xdismissed", "", "dismissed at once, dismissed"])
def test_word_pattern_matches_like_the_plain_pattern(text):
    pattern = r"\bdismiss(?:ed|al)"
    assert [m.span() for m in WordPattern(pattern).finditer(text)] == [m.span() for m in re.finditer(pattern, text)]


def test_required_literals_are_necessary_for_a_match():
    literals = required_literals(r"(?:final|written) warning")
    assert literals is not None and holds_literal("a final written warning", literals)
    assert not holds_literal("no sanction at all", literals)


@pytest.mark.parametrize(
    ("text", "literals", "holds"),
    [
        ("anything", None, True),
        ("anything", frozenset(), False),
        ("a final warning", frozenset({"final"}), True),
        ("a final warning", frozenset({"written", "warning"}), True),
        ("a final warning", frozenset({"written", "barred"}), False),
        ("", frozenset({"x"}), False),
    ],
)
def test_holds_literal_is_whether_any_literal_occurs(text, literals, holds):
    assert holds_literal(text, literals) is holds


def test_cues_skip_text_without_their_literals_but_miss_nothing():
    cues = Cues([r"misconduct hearing", r"barred list"])
    assert not cues.may_match("the officer resigned")
    lowered = "a misconduct hearing found the barred list applied"
    assert [m.group(0) for m in cues.matches(lowered)] == ["misconduct hearing", "barred list"]


@pytest.mark.parametrize(
    ("patterns", "text"),
    [
        ([r"misconduct hearing", r"barred list"], "The Barred List, then a misconduct hearing"),
        ([r"\bdismiss(?:ed)?\b", r"\bdis\w+"], "he was dismissed"),
        ([r"(a)(b)", r"c(d)"], "xx cd ab"),
        ([r"warning", r"final (written )?warning"], "a final written warning"),
    ],
)
def test_cues_search_is_the_first_match_of_the_whole_alternation(patterns, text):
    cues = Cues(patterns)
    assert "any" not in vars(cues)  # compiled on first use only
    lowered = lower_same_length(text)
    found, expected = cues.search(lowered), re.search("|".join(f"(?:{p})" for p in patterns), text, re.I)
    assert (found and found.span()) == (expected and expected.span())
    alternation = "|".join(f"(?:{p})" for p in patterns)  # (alternatives at a word start open with their letter)
    assert cues.any.pattern == lowered_pattern(letter_led(alternation) or alternation).pattern


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bab|\bcd", r"a(?<!\wa)b|c(?<!\wc)d"),
        (r"(?:\bab)|(?:\b(?:cd|ef)g\b)", r"a(?<!\wa)b|c(?<!\wc)dg\b|e(?<!\we)fg\b"),  # a group: each alternative
        (r"\b(?:in|out)(?:er|side)\b", r"i(?<!\wi)n(?:er|side)\b|o(?<!\wo)ut(?:er|side)\b"),
        (r"\b(?:a|b)?c", None),  # a repeated group
        (r"\b(?:x|y)(z)", None),  # a capturing group in a copied tail
        (r"\b(?:(x)|y)z", None),  # an alternative opening with a capturing group
        (r"\b[ab]c", None),  # a class
        (r"(?:\bfoo|bar)", None),  # not at a word start
    ],
)
def test_letter_led(pattern, expected):
    assert letter_led(pattern) == expected
    if expected is not None:
        text = "in inner outside xab ab cdg efg cd, cdgx outer"
        assert [m.span() for m in re.finditer(expected, text)] == [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (
            r"\b((?:IOPC|IPCC)\s+reference)\s*:?\s*(\d{4}/\d{3,})",
            "See xIOPC reference 2016/1234 and IPCC reference: 2019/12345.",
        ),
        (r"\bin\b", "within the bin, in time"),
        (r"\bin", "within"),
        (r"\b(?:a|b)+c", "xab abc"),
        (r"\bdied\b", "she died"),
    ],
)
def test_a_single_word_cue_searches_as_its_regex_does(pattern, text):
    cues = Cues([pattern])
    lowered = lower_same_length(text)
    found, expected = cues.search(lowered), re.compile(f"(?:{pattern})", re.I).search(lowered)
    assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
    assert cues._loose is not None and cues._loose.pattern == lowered_pattern(f"(?:{pattern[2:]})").pattern


@pytest.mark.parametrize(
    "patterns",
    [[r"(?P<who>officer) said", r"(?P<who>constable) said"], [r"(?i)officer", r"constable"], [r"x", r"(?s)y."]],
)
def test_cues_whose_alternation_cannot_compile_fail_when_built(patterns):
    for pattern in patterns:
        re.compile(pattern)  # each cue alone is valid
    with pytest.raises(re.error):
        Cues(patterns)


def test_cues_with_a_group_name_compile_their_alternation_at_once():
    assert "any" in vars(Cues([r"(?P<who>officer) said", r"constable"]))


# --------------------------------------------------------------------------- the rules of rules/text.yaml


def _text_rules(**changes):
    import copy

    from oversight_research import rules
    from oversight_research.rules import text as text_rules

    data = copy.deepcopy(rules.load("text"))
    data.update(changes)
    return text_rules.TextRules.parse(rules.Reader("text", data))


def test_the_sentence_rules_are_data_not_code():
    from oversight_research import text
    from oversight_research.rules import text as text_rules

    assert not hasattr(text, "ABBREVIATIONS") and not hasattr(text, "_BOUNDARY")
    loaded = text_rules.load()
    assert {"dr", "supt", "p.m", "sept"} <= loaded.abbreviations
    assert all(w == w.lower() for w in loaded.abbreviations)
    assert loaded.sentence_end.pattern.startswith("[.!?]") and not loaded.sentence_end.flags & re.I


def test_an_abbreviation_added_to_the_yaml_keeps_its_sentence_whole(monkeypatch):
    from oversight_research.rules import text as text_rules

    sentence = "The Cmnr. Smith report was read. It was long."
    assert _split(sentence) == ["The Cmnr.", "Smith report was read.", "It was long."]
    edited = _text_rules(abbreviations=[*text_rules.load().abbreviations, "CMNR"])  # compared lower-cased
    monkeypatch.setattr(text_rules, "load", lambda: edited)
    assert _split(sentence) == ["The Cmnr. Smith report was read.", "It was long."]


def test_the_sentence_end_pattern_comes_from_the_yaml(monkeypatch):
    from oversight_research.rules import text as text_rules

    edited = _text_rules(sentence_end=r"[.!?;]+(?=\s+[A-Z])")  # a researcher's edit: semicolons end sentences
    monkeypatch.setattr(text_rules, "load", lambda: edited)
    assert _split("He left; She stayed. Then it ended.") == ["He left;", "She stayed.", "Then it ended."]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "word",
        " The officer’s lawyer said: “It wasn't fair.” ",
        "rock 'n' roll, ''quoted'', it's’ ’tis O'Neill-Smith_2 x'",
        "Zoë Müller and İlker met at 10:30 — £5 each…",
        "na\u00efve caf\u00e9 \u2028 line\x00null \ud800 \U0001f600 emoji",
        "a'b'c a’’b a' 'b ' ’ a",
    ],
)
def test_count_words_counts_the_words_the_word_pattern_finds(text):
    from oversight_research.text import words

    assert count_words(text) == len(words(text)) == len(re.findall(r"\w+(?:['’]\w+)*", text))


def test_count_words_agrees_with_the_word_pattern_on_random_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from oversight_research.text import words

    alphabet = st.sampled_from(list("aZ9_ '’\n\t.,-“”‘•–—\xa0…£é€ßİ\u2028\x00?\ud800\U0001f600"))

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=80) | st.text(max_size=80))
    def agrees(text: str) -> None:
        assert count_words(text) == len(words(text))

    agrees()


def test_cues_step_search_and_holds_match_agree_with_the_alternation() -> None:
    # seven or more cues opening with \b and a letter: searched after a non-word character;
    # one that may open with "-" ([\w-]+) is kept apart, behind its own literals
    patterns = [
        r"\bkill(?:ed|ing)?\b",
        r"\b(?:acid |knife )?attack(?:ed|s)?\b",
        r"\bmurder\w*",
        r"\bfound dead\b",
        r"\b(?<!re-)graded\b",
        r"\b\d+ calls\b",
        r"\bdied\b",
        r"\b(?:his|her|[\w-]+'s) bod(?:y|ies)\b",
    ]
    cues = Cues(patterns)
    assert cues._step is None  # (the last cue can open with "-")
    step, rest = cues._parts
    assert step is not None and [p.pattern for p, _ in rest] == [patterns[-1]]
    stepped = Cues(patterns[:-1])
    assert stepped._step is not None
    texts = [
        "killed",
        "he was killed.",
        "skilled workers",
        "a knife attack",
        "counterattacked",
        "re-graded as low",
        "was graded low",
        "3 calls were made",
        "x3 calls",
        "the man's body was found",
        "x-'s bodies",
        "nobody died",
        "found dead, murdered",
        "",
    ]
    for text in texts:
        expected = stepped.any.search(text)
        found = stepped.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
        assert cues.holds_match(text) is (cues.any.search(text) is not None), text
        expected = cues.any.search(text)  # (the step part and the other cue: the leftmost of them)
        found = cues.search_all(text)
        assert (found and found.span()) == (expected and expected.span()), text
