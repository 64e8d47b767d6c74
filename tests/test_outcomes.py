"""Outcomes: scored against the gold annotations; counts, negation and status."""

from __future__ import annotations

import pytest
from conftest import ROOT, make_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_research.ingest import Document, Paragraph
from oversight_research.outcomes import codebook, extract_outcomes, phrases


def doc(text: str) -> Document:
    return Document(doc_id="t", path="t.txt", text=text, paragraphs=[Paragraph(0, len(text), "article")])


def coded(text: str) -> list[tuple[str, int | None, str, str]]:
    return [(r["category"], r["count"], r["subject"], r["status"]) for r in extract_outcomes(doc(text))]


@pytest.mark.parametrize("text,count,subject", [
    ("Seventeen officers were investigated by the watchdog.", 17, "officer"),
    ("The remaining two officers were subject to formal unsatisfactory performance procedures.", 2, "officer"),
    ("There was a case to answer for both officer and member of staff.", 2, "mixed"),
    ("A police officer and a civilian member of staff had a case to answer.", 2, "mixed"),
    ("Three call centre staff and one police constable had a case to answer.", 4, "mixed"),
    ("Twelve staff had a case to answer.", 12, "staff"),
])
def test_counts_from_digits_and_number_words(text, count, subject):
    (category, got, got_subject, _), *_ = coded(text)
    assert (got, got_subject) == (count, subject)


def test_counts_carry_over_to_these_and_the_officers():
    text = "Nine officers were found to have performance failings. Seven of these received feedback from their manager."
    assert coded(text)[1] == ("management_action", 7, "officer", "actual")
    text = "Two officers are under investigation. The officers have been placed on restricted duties."
    assert coded(text)[1] == ("restricted_duties", 2, "officer", "actual")


def test_negation_and_contrast():
    assert coded("No case to answer was found for the remaining eight officers.")[0][:2] == ("no_case_to_answer", 8)
    cats = {c for c, *_ in coded("At a misconduct meeting, the case against the police officer was not proven.")}
    assert cats == {"misconduct_meeting", "misconduct_not_proven"}
    cats = [c for c, *_ in coded("A misconduct meeting was arranged rather than a more serious misconduct hearing "
                                 "for three officers.")]
    assert cats == ["misconduct_meeting"]


def test_status_of_non_actual_outcomes():
    statuses = {c: s for c, _, _, s in coded(
        "They would have faced a maximum of a final written warning. "
        "The officers claim they were told they would get off with words of advice. "
        "The watchdog is considering reopening its investigation.")}
    assert statuses == {"final_written_warning": "hypothetical", "management_action": "alleged",
                        "investigation_reopened": "proposed"}


def test_ipcc_era_wording_maps():
    assert coded("Four staff will face misconduct proceedings following an IPCC investigation.")[0][:2] == \
        ("case_to_answer", 4)


def test_codebook_has_a_ladder():
    cats = codebook()["categories"]
    ladder = ["reflective_practice", "management_action", "written_warning", "final_written_warning",
              "reduction_in_rank", "dismissal"]
    assert [cats[c]["severity"] for c in ladder] == sorted(cats[c]["severity"] for c in ladder)
    assert all(cats[c]["stage"] for c in cats)


def test_zero_is_a_count():
    assert coded("Zero were found to have performance failings.")[0][:2] == ("performance_failings", 0)


def test_phrases_keep_offsets():
    s = "for the remaining eight officers"
    (p,) = phrases(s)
    assert s[p.start:p.end] == "the remaining eight officers"


def test_part_of_a_group_counts_the_part():
    assert coded("However, one of those eight officers underwent informal learning.")[0][:2] == ("learning", 1)


def test_bare_staff_has_no_count():
    assert coded("Watchdog staff are being investigated.")[0][:3] == ("investigation_opened", None, "staff")


def test_headline_restating_the_body_is_not_counted_twice():
    rows = extract_outcomes(make_doc("Officer issued final written warning",
                                  "A serving officer was given a final written warning at a misconduct hearing."))
    assert sorted((r["category"], r["start"] > 0) for r in rows) == [("final_written_warning", True),
                                                                       ("misconduct_hearing", True)]
    assert [r["outcome_id"] for r in rows] == ["t:o0", "t:o1"]
    # a headline with an outcome the body does not repeat is kept
    rows = extract_outcomes(make_doc("Officer sacked for gross misconduct", "A misconduct hearing was held on Monday."))
    assert sorted(r["category"] for r in rows) == ["dismissal", "misconduct_hearing"]


def test_all_but_one_counts_against_the_group_before():
    text = "Six officers were investigated. All but one officer had a case to answer."
    assert coded(text)[1][:2] == ("case_to_answer", 5)
    assert coded("All but one officer had a case to answer.")[0][:2] == ("case_to_answer", None)


def test_lower_casing_keeps_offsets_and_any_case_matches():
    from oversight_research.outcomes import lower_same_length

    text = "İstanbul officer SACKED"
    assert len(lower_same_length(text)) == len(text) and lower_same_length(text).endswith("officer sacked")
    rows = extract_outcomes(doc("İİİ The OFFICER was SACKED."))
    assert [(r["category"], r["count"]) for r in rows] == [("dismissal", 1)]


def test_lowered_patterns_match_like_re_i_and_refuse_case_switches():
    import re

    from oversight_research.text import lowered_pattern

    cue = r"\bfinal written warning\b|\bUPP\b|(?P<Num>\d+)\s+Officers"
    for text in ("A FINAL Written Warning", "formal upp", "Seventeen 17 officers", "nothing here"):
        assert [m.span() for m in lowered_pattern(cue).finditer(text.lower())] == \
            [m.span() for m in re.finditer(cue, text, re.I)]
    with pytest.raises(ValueError, match="cannot switch case"):
        lowered_pattern(r"(?-i:May)")


def test_required_literals_are_what_every_match_contains():
    from oversight_research.text import required_literals

    assert required_literals(r"\bno case to answer\b") == {"no case to answer"}
    assert required_literals(r"\b(?:allegations?|case) .{0,40}\b(?:dismissed|not upheld)\b") == \
        {"dismissed", "not upheld"}
    assert required_literals(r"\w+ing\b") == {"ing"} and required_literals(r"\d+\s+\w+") is None
    assert required_literals(r"abc|\d+") is None  # one alternative has no literal
    assert required_literals(r"(?i)upp") is None and required_literals(r"x(?i:upp)") == {"x"}  # case-blind parts
    assert required_literals(r"(?=officers?)\w+") == {"officer"}  # a lookahead's text is in the text too


def test_cue_prefilter_never_changes_a_match():
    """text.Cues skips text by its required literals; on every sentence of the
    corpus and of the rule files' own phrases it agrees with the plain regex."""
    from oversight_research import rules
    from oversight_research.ingest import read_document, sentence_spans
    from oversight_research.text import Cues, lower_same_length
    from oversight_research.timeline import cues_by_kind

    lists = [spec["cues"] for spec in codebook()["categories"].values()] + list(cues_by_kind().values())
    raw = ROOT / "data/raw"
    texts = [lower_same_length(d.text[s.start:s.end]) for d in (read_document(p, raw) for p in sorted(raw.glob("*.txt")))
             for _, _, s in sentence_spans(d)]
    texts += [c.replace("\\b", "").replace("\\", "").lower() for spec in rules.load("outcomes")["categories"].values()
              for c in spec.get("cues") or []]  # cue wording itself, so that the matching side is exercised
    lists += [spec["state"] for spec in codebook()["categories"].values() if "state" in spec]
    hits = 0
    for cues in lists:
        assert isinstance(cues, Cues)
        for text in texts:
            expected = cues.any.search(text)
            assert (cues.search(text) is None) == (expected is None), (cues.any.pattern[:60], text)
            hits += expected is not None
    assert hits > 100


def test_phrase_search_near_nouns_finds_the_longest_phrase_the_pattern_allows():
    """The window before each noun (WORDS_BEFORE_NOUN) must hold the longest
    prefix the phrase pattern accepts, or phrases would be cut short."""
    from oversight_research.outcomes import WORDS_BEFORE_NOUN, _phrase_matches

    longest = "seven of those the remaining all but one Senior Road Traffic Unit Patrol Team officers"
    assert len(longest.split()) - 1 == WORDS_BEFORE_NOUN
    sentence = "Filler words come first here, then " + longest + " were dismissed, and two staff resigned."
    expected = [m.span() for m in codebook()["phrase"].finditer(sentence)]
    assert [m.span() for m in _phrase_matches(sentence, sentence.lower())] == expected
    assert sentence[expected[0][0]:expected[0][1]] == longest


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["seven", "Seven", "of", "those", "the", "The", "remaining", "all", "but", "one", "former", "Police", "police",
     "officers", "officer", "Officers", "staff", "members", "special", "constables", "Met", "Road Traffic", "(the",
     "“Two", "were", "dismissed,", "and", "A", "civilian", "member", "PC", "17", "1234", "-", "\n", "ſerving"]),
    max_size=30).map(" ".join))
def test_phrase_search_near_nouns_equals_scanning_every_word(sentence):
    from oversight_research.outcomes import _phrase_matches
    from oversight_research.text import lower_same_length

    expected = [m.span() for m in codebook()["phrase"].finditer(sentence)]
    assert [m.span() for m in _phrase_matches(sentence, lower_same_length(sentence))] == expected
