"""Statements, round thirteen (session 12): each rule with invented sentences, positive and negative."""

from __future__ import annotations

import pytest
from conftest import make_doc as doc

from oversight_research.statements import aconf, extract_statements


def speakers(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(r["speaker"], r["role"]) for r in extract_statements(doc(*paragraphs))]


BODY = "The Independent Office for Police Conduct (IOPC) investigated the force’s response."


# 0. Clean-up of round twelve: one family noun phrase (``family_subject``) for the narrative
# subject and the family opening; the office noun of a spokesperson's body only after a
# possessive
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The family welcomed the decision.", "The family"),
        ("His bereaved mother has campaigned for years.", "His bereaved mother"),
        ("Members of Ann Cole’s family reacted with anger.", "Members of Ann Cole’s family"),
        # "members of" + the determiner: no separate "members of the" opener is needed
        ("Members of the Reid family reacted with anger.", "Members of the Reid family"),
        ("Officers of the force reacted with anger.", None),
        ("Mother whose son died speaks out", "Mother"),
        # a capitalised family noun is a family noun only where the sentence opens with it
        ("The Family were present with their lawyers.", None),
        ("The Reid Family were present.", None),
    ],
)
def test_family_subject_phrase(text, expected):
    m = aconf()["family_subject"].match(text)
    assert (m.group("who") if m else None) == expected


def test_capitalised_family_inside_a_sentence_is_not_a_narrative_subject():
    rows = speakers(
        "Tom Reid died in May after a police chase.",
        "The Family were present with their lawyers today.",
        "The inquest will be held in July because of a “backlog”.",
    )
    assert rows == [(None, "other")]
    rows = speakers(
        "Tom Reid died in May after a police chase.",
        "The family were present with their lawyers today.",
        "The inquest will be held in July because of a “backlog”.",
    )
    assert rows == [("family", "family")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a kin noun then the relative's name: the name (the ledger links the two)
        ("Mother Ann Reid met the force on Monday to “learn what went wrong”.", ("Ann Reid", "family")),
        ("Her parents Ann and Tom Reid met the force to “learn what went wrong”.", ("parents", "family")),
        ("Mother whose son died in custody “heartbroken” by findings", ("Mother", "family")),
    ],
)
def test_family_opening_on_a_sole_body_page(sentence, expected):
    assert speakers(BODY, sentence) == [expected]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # the office noun after a possessive is part of the body's name
        ("A spokesman for the Ombudsman's office said: “The report will follow soon.”", "Ombudsman's office spokesman"),
        # without the possessive "office" is no part of a name: not "Ombudsman office spokesman"
        (
            "A spokesman for the Ombudsman office said: “The report will follow soon.”",
            "spokesman for the Ombudsman office",
        ),
    ],
)
def test_office_noun_only_after_a_possessive(paragraph, expected):
    assert speakers(paragraph)[0][0] == expected
