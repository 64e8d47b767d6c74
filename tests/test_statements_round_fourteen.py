"""Statements, round fourteen (session 13): each rule with invented sentences, positive and negative."""

from __future__ import annotations

import pytest
from conftest import make_doc as doc

from oversight_research.entities import people
from oversight_research.statements import extract_statements


def speakers(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(r["speaker"], r["role"]) for r in extract_statements(doc(*paragraphs))]


QUOTE = "Commissioner Ruth Penrose said: “The force missed every chance to help him.”"


# 1. A person titled only "Commissioner" on a page of a commissioner-led oversight body
@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # the PIRC or the IPCC named, no Commissioner of police: the body's head
        ("The Police Investigations and Review Commissioner (PIRC) examined the call.", "oversight_body"),
        ("The IPCC looked into how officers in Leeds handled the calls.", "oversight_body"),
        # the page's force is the Met, but nobody is called its Commissioner: still the body's
        ("The IPCC said the Metropolitan Police failed the family of Dan Ellory.", "oversight_body"),
        # no commissioner-led oversight body on the page: a police commissioner, as before
        ("The IOPC looked into how officers in Leeds handled the calls.", "police"),
        ("Officers in Leeds handled the calls badly, a review found.", "police"),
        # the page writes a Commissioner of police: the bare title may be his or hers
        ("The IPCC examined the case. The Met Commissioner has apologised.", "police"),
        ("The IPCC examined the case. The Commissioner of the Metropolitan Police apologised.", "police"),
        # an elected commissioner on the page: not the oversight body's
        ("The IPCC examined the case, and the Police and Crime Commissioner asked questions.", "police"),
    ],
)
def test_bare_commissioner_heads_the_pages_commissioner_led_body(opening, expected):
    assert speakers(opening, QUOTE) == [("Ruth Penrose", expected)]


def test_commissioner_with_a_force_in_the_title_stays_police():
    rows = speakers(
        "The IPCC looked into how officers in Leeds handled the calls.",
        "Assistant Commissioner Ruth Penrose said: “The force missed every chance to help him.”",
    )
    assert rows == [("Ruth Penrose", "police")]


def test_commissioner_described_as_an_officer_stays_police():
    # a lower-case description with a role cue is more than the bare title
    rows = speakers(
        "The IPCC looked into how officers in Leeds handled the calls.",
        "Commissioner Ruth Penrose, a serving police officer, said: “The force missed every chance to help him.”",
    )
    assert rows == [("Ruth Penrose", "police")]


# 2. A word that opens a sentence before its subject is no part of a name
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Although Ruth Penrose accepted the findings, she objected.", ["Ruth Penrose"]),
        ("Could Dan Ellory have been saved?", ["Dan Ellory"]),
        ("Both Ann Cole and Tom Reid gave evidence.", ["Ann Cole", "Tom Reid"]),
        ("While Tom Reid waited, officers left.", ["Tom Reid"]),
        # the same words inside a name's run are not stripped from names elsewhere
        ("Tom Reid spoke while Ann Cole listened.", ["Tom Reid", "Ann Cole"]),
    ],
)
def test_sentence_openers_are_not_names(text, expected):
    assert [n for n, _, _ in people(text, tail=True)] == expected


def test_pronoun_after_a_subordinate_opening_resolves_to_the_titled_person():
    rows = speakers(
        "Police Ombudsman, Mrs Ruth Penrose said the force had been slow.",
        "Although Mrs Penrose accepted that the officers tried to help, she had concerns.",
        "She described as “unacceptable” the delay in giving first aid.",
    )
    assert rows == [("Ruth Penrose", "oversight_body")]


# 3. The person harmed is the victim, even when a description names his or her relatives
# ("Ms Cole, her husband Ray and their son …", "Mr Reid, who lived with his mother")
HARMED_COLE = "Ms Cole, her husband Ray and their son moved next door in 2010."
SPEAKS_COLE = "Ms Cole wrote in her diary: “It felt like it would never end.”"
REID_LIVED = "Mr Reid, who lived with his mother, called the police."
SPEAKS_REID = "Mr Reid told the call handler: “They are out to get me.”"


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a harm verb with the person as its object, in the gerund or the past
        (("Tom Gibb, 48, is accused of murdering Ann Cole in Harrow.", HARMED_COLE, SPEAKS_COLE), "victim_or_witness"),
        (("Tom Gibb admitted he had stalked Ann Cole for a year.", HARMED_COLE, SPEAKS_COLE), "victim_or_witness"),
        # a verb that harms nobody: her relatives' mention makes her family, as before
        (("Tom Gibb, 48, is accused of insulting Ann Cole in Harrow.", HARMED_COLE, SPEAKS_COLE), "family"),
        # an apposition before "who died"
        (
            (
                "The inquest heard the case of Tom Reid, a 39-year-old former factory worker, who died in May.",
                REID_LIVED,
                SPEAKS_REID,
            ),
            "victim_or_witness",
        ),
        (
            (
                "The inquest heard the case of Tom Reid, a 39-year-old former factory worker, who lived in Leeds.",
                REID_LIVED,
                SPEAKS_REID,
            ),
            "family",
        ),
    ],
)
def test_the_person_harmed_is_the_victim(paragraphs, expected):
    assert [role for _, role in speakers(*paragraphs)] == [expected]


@pytest.mark.parametrize(
    "opening",
    [
        # an apposition naming another person: "who died" may be that person
        "The inquest heard from Ann Reid, the mother of Tom, who died in hospital in May.",
        "The inquest heard from Ann Reid, the victim’s mother, who died in hospital in May.",
    ],
)
def test_an_apposition_naming_a_relative_does_not_make_the_speaker_harmed(opening):
    assert speakers(opening, "Ms Reid told the court: “He was let down.”") == [("Ann Reid", "family")]
