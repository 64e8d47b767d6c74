"""Round twelve (session 10): classes counted over every set, read on
gathered/vault7 first (docs/codebook.md, "Round twelve (session 10)").
Invented sentences, none copied from a document."""

from __future__ import annotations

import pytest

from oversight_research.timeline import event_type


def _typed(sentence: str, date_text: str) -> str:
    """The type ``event_type`` gives the date expression ``date_text`` of ``sentence``."""
    at = sentence.index(date_text)
    return event_type(sentence, at, at + len(date_text))


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        ("The constabulary had four interactions with the teenager in the weeks before he died.", "in the weeks"),
        ("Officers had face to face contact with the suspect on 3 March, when he came back to the town.", "on 3 March"),
        ("We examined Anyshire Police's contact with the man between 2 May 2019 and 9 June 2019.", "2 May 2019"),
        ("The review set out previous police contact with the pair, including one at 6pm on 8 April.", "on 8 April"),
        ("The police had several dealings with her in the spring of 2018.", "2018"),
    ],
)
def test_a_police_contact_named_as_a_noun_is_an_earlier_contact(sentence, date_text):
    assert _typed(sentence, date_text) == "warning_sign"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # no contact happened, or it was with family, not with the police
        ("She had no contact with family or friends after 6pm on 3 March.", "on 3 March"),
        ("He had regular contact with friends until 3 March 2015.", "3 March 2015"),
    ],
)
def test_no_contact_or_contact_with_family_is_no_police_contact(sentence, date_text):
    assert _typed(sentence, date_text) != "warning_sign"
