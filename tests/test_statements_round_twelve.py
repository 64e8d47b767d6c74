"""Statements, round twelve (session 10): each rule with invented sentences, positive and negative."""

from __future__ import annotations

import pytest
from conftest import make_doc as doc

from oversight_research.statements import extract_statements


def speakers(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(r["speaker"], r["role"]) for r in extract_statements(doc(*paragraphs))]


# 1. A spokesperson of a body is named as the document writes the body: never by a
# canonical key no page writes ("PSNI Ombudsman"), and with the office of a named body
@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ("A spokeswoman for the Police Ombudsman said: “We share the family’s concern.”",),
            [("Police Ombudsman spokeswoman", "oversight_body")],
        ),
        (
            ("A Police Ombudsman investigator said: “The file went to prosecutors in May.”",),
            [("Police Ombudsman investigator", "oversight_body")],
        ),
        (
            ("A spokesman for the Ombudsman's office said: “The report will follow soon.”",),
            [("Ombudsman's office spokesman", "oversight_body")],
        ),
        # the short name when the page writes it
        (
            (
                "The Independent Office for Police Conduct (IOPC) reviewed the case.",
                "A spokesperson for the IOPC said: “Our work is finished.”",
            ),
            [("IOPC spokesperson", "oversight_body")],
        ),
        # an office noun only after a possessive: "for the Kent office" is no name
        (
            ("A spokesman for Kent Police said: “We will not comment.”",),
            [("Kent Police spokesman", "police")],
        ),
    ],
)
def test_spokesperson_named_as_the_page_writes_the_body(paragraphs, expected):
    assert speakers(*paragraphs) == expected


# 2. The Northern Ireland acronyms of the bodies already in the role classes
@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("A spokesperson for PONI said: “The officers were not prosecuted.”", ("PONI spokesperson", "oversight_body")),
        ("An OPONI spokesman said: “We welcome the ruling.”", ("OPONI spokesman", "oversight_body")),
        ("PFNI chair Ann Boyd said: “Our members deserve better.”", ("Ann Boyd", "police")),
        ("PFEW chair Tom Reid said: “Our members deserve better.”", ("Tom Reid", "police")),
        # not inside another word
        ("Ponich Hall said: “We were never told.”", ("Ponich Hall", "other")),
    ],
)
def test_northern_ireland_body_acronyms(paragraph, expected):
    assert speakers(paragraph) == [expected]


# 3. On a page about one oversight body, a quotation nobody is named for goes to that body
# unless its sentence opens with a relative or the family: their words
BODY = "The Independent Office for Police Conduct (IOPC) investigated the force’s response."


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Father Tom Reid met the force on Monday to “learn what went wrong”.", ("Tom Reid", "family")),
        (
            "Members of Ann Cole’s family reacted to the findings with “anger and dismay”.",
            ("Members of Ann Cole’s family", "family"),
        ),
        ("Her parents reacted to the decision with “disbelief”.", ("parents", "family")),
        # the body's finding: the sentence opens with someone else, or with no one
        (
            "Murder victim Ann Cole was “failed by the force”, the findings show.",
            ("Independent Office for Police Conduct", "oversight_body"),
        ),
        (
            "The force was found to have shown “serious failings”.",
            ("Independent Office for Police Conduct", "oversight_body"),
        ),
        # a name that is not the sentence's subject is not a relative speaking
        (
            "Following an Old Bailey trial her father was jailed for her “barbaric” murder.",
            ("Independent Office for Police Conduct", "oversight_body"),
        ),
    ],
)
def test_sole_oversight_body_leaves_a_family_opening_to_the_family(sentence, expected):
    assert speakers(BODY, sentence) == [expected]
