"""Statements, round fifteen (session 15): each rule with invented sentences, positive and negative."""

from __future__ import annotations

import pytest
from conftest import make_doc as doc

from oversight_research.statements import extract_statements


def speakers(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(r["speaker"], r["role"]) for r in extract_statements(doc(*paragraphs))]


QUOTE = "“I feel really angry,” Ann Rourke said."


# 1. The person harmed is the subject of the main verb past an apposition or a relative clause
@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # a relative clause closed by a comma before the main verb: Tom Rourke died, Ann is his relative
        (
            "Tom Rourke, 23, who was described by his family as a “kind and loving brother”, died in custody.",
            "family",
        ),
        ("Tom Rourke, a father of two, died in hospital on 8 January.", "family"),
        ("Tom Rourke, who had called police twice, was stabbed at his home.", "family"),
        # the main verb is not a harm: nobody harmed, Ann has no role
        ("Tom Rourke, who was described by his family as kind, said nothing.", "other"),
        ("Tom Rourke, a father of two, was arrested in March.", "other"),
    ],
)
def test_harmed_past_a_relative_clause(opening, expected):
    assert speakers(opening, QUOTE)[-1] == ("Ann Rourke", expected)  # (quoted words in the opening are a statement too)


def test_tasered_person_is_the_victim():
    rows = speakers(
        "Eddie Mandala, 30, was tasered by officers at a party in Croydon.",
        "“It felt like a disease,” Eddie Mandala said.",
    )
    assert rows == [("Eddie Mandala", "victim_or_witness")]


# 2. A candidate made only of function words names no one
@pytest.mark.parametrize(
    ("who", "plausible"),
    [
        ("but", False),
        ("for her", False),
        ("another", False),
        ("No-one", False),
        ("Another colleague", True),
        ("the family", True),
        ("one of the young men", True),
        ("The special police hearing", True),
    ],
)
def test_function_words_are_no_speaker(who, plausible):
    from oversight_research.statements import _plausible

    assert _plausible(who) is plausible


# 3. The person a sentence is about, harmed as "he"/"she" later in it, is the victim
@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "Eddie Mandala was trying to help officers but it was claimed he was then tasered by them.",
            "victim_or_witness",
        ),
        ("Eddie Mandala was at a party when he was attacked.", "victim_or_witness"),
        # nobody harmed in the sentence
        ("Eddie Mandala was trying to help officers at a party when he saw the fight.", "other"),
    ],
)
def test_harmed_as_a_pronoun_later_in_the_sentence(opening, expected):
    assert speakers(opening, "“It felt wrong,” Mr Mandala said.")[-1] == ("Eddie Mandala", expected)


def test_time_phrase_of_the_proceedings_is_no_part_of_the_speaker():
    rows = extract_statements(
        doc(
            "Tom Gale, 17, died in 2014.",
            "A statement from Tom’s parents, Angela and Gabriel, after the conclusion of the inquest said: "
            "“The inquest revealed a series of serious failings.”",
        )
    )
    assert [(r["speaker"], r["role"]) for r in rows] == [("Tom’s parents, Angela and Gabriel", "family")]


def test_short_form_quotes_the_relative_not_the_person_who_died():
    rows = extract_statements(
        doc(
            "Matthew Pryce's comments came after an inquest into the death of Hannah Pryce, 28, "
            "who was found hanging at her home in 2000.",
            "Mr Pryce said the wait had been “too long”.",
        )
    )
    assert [(r["speaker"], r["role"]) for r in rows] == [("Matthew Pryce", "family")]


def test_short_form_with_no_full_name_is_a_person_pronouns_refer_to():
    rows = extract_statements(
        doc(
            "Deputy assistant commissioner Bas Javid said he “apologises for the distress caused”.",
            "Ms Joel rejected the apology.",
            "In a statement issued through her lawyers, she said: “The investigation confirmed what I knew.”",
        )
    )
    assert [r["speaker"] for r in rows] == ["Bas Javid", "Ms Joel"]


def test_possessive_short_form_is_the_named_person():
    rows = extract_statements(
        doc(
            "Joanne Butler died in 2012 after calling police.",
            "Miss Butler's mother said: “She was failed.”",
        )
    )
    assert "Miss Butler's" not in [r["speaker"] for r in rows]
