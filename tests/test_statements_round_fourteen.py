"""Statements, round fourteen (session 13): each rule with invented sentences, positive and negative."""

from __future__ import annotations

import pytest
from conftest import make_doc as doc

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
