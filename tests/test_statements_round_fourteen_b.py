"""Statements, round fourteen second pass (session 13): each rule with invented sentences, positive and negative."""

from __future__ import annotations

import pytest
from conftest import make_doc as doc

from oversight_research.statements import extract_statements


def last_speaker(*paragraphs: str) -> tuple[str | None, str]:
    row = extract_statements(doc(*paragraphs))[-1]
    return row["speaker"], row["role"]


# 1. A gendered pronoun after a speaker of unknown gender goes to that speaker, not back past
#    them to an earlier speaker of the pronoun's gender
@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # an official of unknown gender quoted last: "she added" continues the official
        (
            [
                "Her mother, Ruth Ellory, said: “We were ignored for years.”",
                "Deputy Chief Constable Sam Okafor said: “We accept the findings in full.”",
                "She added that the delay in the inquiry had been “deeply regrettable”.",
            ],
            ("Sam Okafor", "police"),
        ),
        # a family lawyer of unknown gender quoted last: "He said" continues the lawyer
        (
            [
                "Chief Superintendent Mr Alan Pryce said: “We have apologised to the family.”",
                "One of the family's solicitors, Robin Achebe, said: “This is an admission.”",
                "He said: “The family are relieved, but it came far too late.”",
            ],
            ("Robin Achebe", "family"),
        ),
        # the same with the quotation before the verb
        (
            [
                "His brother Mr Dean Ross said: “We want the truth.”",
                "IOPC director Jo Marsh said: “We will look again.”",
                "“The evidence will be examined afresh,” he said.",
            ],
            ("Jo Marsh", "oversight_body"),
        ),
        # guard kept: the speaker quoted last is known to be a man, so "she" goes back to the woman
        (
            [
                "Her mother, Ruth Ellory, said: “We were ignored for years.”",
                "Deputy Chief Constable Mr Sam Okafor said: “We accept the findings in full.”",
                "She added that the apology had come “far too late”.",
            ],
            ("Ruth Ellory", "family"),
        ),
        # guard kept: a woman quoted last and a known man before: "he" goes back to the man
        (
            [
                "Chief Superintendent Mr Alan Pryce said: “We have apologised to the family.”",
                "His widow, Mrs Carol Dunne, said: “The apology is not enough.”",
                "He said: “Lessons have been learned across the force.”",
            ],
            ("Alan Pryce", "police"),
        ),
    ],
)
def test_pronoun_does_not_step_over_speaker_of_unknown_gender(paragraphs, expected):
    assert last_speaker(*paragraphs) == expected
