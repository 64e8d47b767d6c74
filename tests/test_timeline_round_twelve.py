"""Round twelve (session 10): classes counted over every set, read on
gathered/vault7 first (docs/codebook.md, "Round twelve (session 10)").
Invented sentences, none copied from a document."""

from __future__ import annotations

import pytest
from conftest import typed as _typed
from test_dates import _sentences


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


def _dates(text: str, ctx) -> list[str | None]:
    from oversight_research.dates import resolve_all

    return [m.date for ms in resolve_all(text, _sentences(text), ctx) for m in ms]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a year told alone is the narrative's year for the day-months after it, as a full date's is
        ("The teenager was killed in 2017. He was stabbed near a bus stop on 8 October", ["2017", "2017-10-08"]),
        ("Since the 2016 shooting the family have waited. The man was shot on 2 March", ["2016", "2016-03-02"]),
        # the page's own year is no narrative's: the latest such day before publication
        ("The review was published in 2024. It met on 2 March", ["2024", "2024-03-02"]),
    ],
)
def test_a_year_told_alone_gives_its_year_to_a_later_day_month(text, expected):
    import datetime as dt

    from oversight_research.dates import Context

    assert _dates(text, Context(published=dt.date(2024, 6, 1))) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # an undated page: the year told alone gives its year, before the URL's
        ("She died in 2019 after a fall. She was found on 5 May", ["2019", "2019-05-05"]),
        # ... but not to a day to come, nor to a day told with "today"/"this afternoon" (the URL's year
        # and month then: the next 5 May after April 2023, the last one before it)
        ("He was arrested in 2019. He will appear in court on 5 May", ["2019", "2023-05-05"]),
        ("The assault took place in 2019. The hearing closed this afternoon (5 May)", ["2019", "2022-05-05"]),
    ],
)
def test_a_year_alone_on_an_undated_page(text, expected):
    from oversight_research.dates import Context

    assert _dates(text, Context(year_hint=2023, month_hint=4)) == expected


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        ("At 4.10pm a patrol arrived at the flat and found nobody inside.", "At 4.10pm"),
        ("On 2 June, PC Jane Doyle arrived at Mill Street to find the man shouting.", "On 2 June"),
        ("Police arrived at the farm shortly after 9pm on 6 March.", "shortly after 9pm on 6 March"),
        ("Two hours later, the sergeant returned to the house.", "Two hours later"),
        ("Sgt Lewis was first on the scene at 3.20am and spoke to neighbours.", "at 3.20am"),
        ("The constable was the first to arrive at the house on 4 May 2021 after a neighbour's call.", "4 May 2021"),
    ],
)
def test_a_police_arrival_is_police_action(sentence, date_text):
    assert _typed(sentence, date_text) == "police_action"


@pytest.mark.parametrize(
    "sentence",
    [
        "On 8 May 2019, the boy had been climbing on the roof when police arrived.",
        "On 8 May 2019, the boy had been climbing on the roof when the police arrived.",
        "On 8 May 2019, the boy stayed on the roof until the patrol arrived.",
    ],
)
def test_an_arrival_told_as_the_time_of_its_main_clause_is_not_the_arrival(sentence):
    assert _typed(sentence, "On 8 May 2019") != "police_action"


@pytest.mark.parametrize(
    "sentence",
    [
        "A neighbour was first on the scene on 8 May 2019 and called for help.",
        "A passer-by was the first to arrive on 8 May 2019 and called for help.",
    ],
)
def test_a_civilian_first_at_the_scene_is_no_police_arrival(sentence):
    assert _typed(sentence, "8 May 2019") != "police_action"


def test_contact_with_someone_other_than_the_police_is_no_police_contact():
    assert _typed("She had contact with her GP on 8 May 2019 about her low mood.", "8 May 2019") != "warning_sign"
