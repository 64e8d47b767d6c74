"""Round thirteen (session 12): classes counted over every set, read on
gathered/vault8 first (docs/codebook.md, "Round thirteen (session 12)").
Invented sentences, none copied from a document."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import typed as _typed
from test_dates import _sentences

from oversight_research.dates import Context, resolve_all
from oversight_research.timeline import event_type


def _typed_mention(sentence: str, date_text: str) -> str:
    """The type of the date expression ``date_text`` as the pipeline types it (with its family)."""
    from oversight_research.dates import find_mentions

    at = sentence.index(date_text)
    m = next(m for m in find_mentions(sentence) if m.start <= at < m.end)
    return event_type(sentence, m.start, m.end, m.family, m.text)


def _dates(text: str, ctx: Context) -> list[str | None]:
    return [m.date for ms in resolve_all(text, _sentences(text), ctx) for m in ms]


_PUBLISHED = Context(published=dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "text,expected",
    [
        # a year that dates an event of the case is the narrative's year (harm, report, arrest, attributive)
        ("The lodger was killed in 2016. He had been beaten in a park on 3 November.", ["2016", "2016-11-03"]),
        ("Her sister rang the police in 2019. The man broke in on 4 December.", ["2019", "2019-12-04"]),
        ("After the 2017 stabbing the street was closed. The boy was hurt on 2 March.", ["2017", "2017-03-02"]),
        ("He was arrested in 2015, the court heard. He was freed on 9 May.", ["2015", "2015-05-09"]),
    ],
)
def test_a_year_that_dates_an_event_is_the_narrative_year(text, expected):
    assert _dates(text, _PUBLISHED) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a background fact's year: no event of the case in its clause
        ("The watchdog was set up in 2018. A neighbour rang police on 4 December.", ["2018", "2023-12-04"]),
        (
            "New guidance came out in 2016 and tells staff to log every call. She rang on 4 December.",
            ["2016", "2023-12-04"],
        ),
        # a span's bound or a financial year ("since 2005", "2017-18"): even with an event word in the clause
        ("He had been arrested again and again since 2005. He rang on 4 December.", ["2005", "2023-12-04"]),
        ("The review counted deaths in custody in 2017-18. Officers came on 4 December.", ["2017", "2023-12-04"]),
    ],
)
def test_a_background_year_or_a_span_bound_is_no_narrative_year(text, expected):
    assert _dates(text, _PUBLISHED) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "On 8 May 2019, the boy had climbed onto the roof by the time officers arrived.",
        "On 8 May 2019, the boy had run off by the time the police arrived.",
        "On 8 May 2019, the boy had been on the roof when officers arrived.",
        "On 8 May 2019, the boy stayed on the roof until PC Dale arrived.",
    ],
)
def test_an_arrival_in_a_time_clause_is_not_what_a_date_outside_it_marks(sentence):
    assert _typed(sentence, "On 8 May 2019") != "police_action"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # the date inside the time clause is the arrival's own
        ("When police arrived around noon the next day they knocked at the flat.", "the next day"),
        ("We looked at the gap between the call and when officers attended later that night.", "later that night"),
        ("By the time officers arrived at 4pm the flat was empty.", "at 4pm"),
        # a "when" clause that tells no arrival keeps its cue for the date before it
        ("On 3 June 2020 she was at home when officers were sent to the address.", "On 3 June 2020"),
    ],
)
def test_an_arrival_dated_inside_its_time_clause_is_police_action(sentence, date_text):
    assert _typed(sentence, date_text) == "police_action"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        ("On 4 March 2019 Anyshire Police responded to a report of shouting at a flat.", "On 4 March 2019"),
        ("Officers came into contact with the teenager on 9 May at a bus station.", "on 9 May"),
        ("On 9 May the teenager came into contact with officers at a bus station.", "On 9 May"),
        ("The woman was last seen by police officers on 2 April 2016, at a hostel.", "2 April 2016"),
        ("He was returned by police to a care home in June 2020.", "June 2020"),
        ("On 7 July officers drove him home from the town centre.", "On 7 July"),
    ],
)
def test_a_police_contact_told_by_more_verbs_and_subjects(sentence, date_text):
    assert _typed(sentence, date_text) == "police_action"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # contact with someone other than the police, or a passive whose agent is not the police
        ("On 9 May the teenager came into contact with a youth worker at a bus station.", "On 9 May"),
        ("The woman was last seen by her sister on 2 April 2016, at a hostel.", "2 April 2016"),
        ("On 7 July his brother drove him home from the town centre.", "On 7 July"),
    ],
)
def test_a_contact_with_someone_other_than_the_police_is_no_police_contact(sentence, date_text):
    assert _typed(sentence, date_text) != "police_action"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        ("He told the call handler he had not seen his brother since 6.15pm, when he left for work.", "6.15pm"),
        ("The boy, who had been missing from a care home in Leeds since 3 April 2019, was vulnerable.", "3 April 2019"),
        ("Her bank card had not been used and her phone had been switched off since the night of 2 May.", "2 May"),
        ("Officers were told that nobody had heard from the man since about 9pm on 7 June.", "9pm on 7 June"),
    ],
)
def test_a_date_after_since_that_starts_an_absence_is_other(sentence, date_text):
    assert _typed(sentence, date_text) == "other"


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a state that is itself the event keeps its type; a report dated without "since" is the report's
        ("The sergeant has been suspended since June 2021 after the hearing.", "June 2021", "outcome"),
        ("She reported her son missing at 6.15pm on 3 April 2019.", "6.15pm on 3 April 2019", "warning_sign"),
    ],
)
def test_a_state_that_is_the_event_or_no_since_keeps_its_type(sentence, date_text, expected):
    assert _typed(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        ("The parents of a boy who was stabbed in a park today called for a public inquiry.", "today"),
        (
            "The widow of a driver killed in a pursuit, yesterday criticised the force's handling of her complaint.",
            "yesterday",
        ),
        ("Detectives today apologised to the sister of a woman who was murdered by her partner.", "today"),
        ("Relatives of a man shot dead by officers in 1998 this week welcomed the new report.", "this week"),
    ],
)
def test_a_deictic_day_before_a_reaction_verb_is_the_statement_day(sentence, date_text):
    assert _typed_mention(sentence, date_text) == "other"


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a deictic before any other verb, or a dated day (no deictic) before a reaction verb, is typed as usual
        ("A teenager was stabbed today in the town centre.", "today", "harm"),
        ("A man who was stabbed on 3 May 2019 called for help from a neighbour.", "3 May 2019", "harm"),
    ],
)
def test_no_reaction_day_without_a_deictic_before_a_reaction_verb(sentence, date_text, expected):
    assert _typed_mention(sentence, date_text) == expected


def _doc_events(text: str, tmp_path) -> list[dict]:
    from oversight_research.ingest import read_document
    from oversight_research.timeline import extract_events

    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    return extract_events(read_document(path, tmp_path, None))


@pytest.mark.parametrize("label", ["Incident Date:", "Date of death:", "Date of Incident:"])
def test_an_incident_label_line_dates_the_harm(label, tmp_path):
    text = (
        "Ombudsman finds no fault after man dies in a cell\n\n"
        f"{label} 4 March 2013\n\n"
        "The Ombudsman looked at how officers dealt with a man held overnight at a station."
    )
    rows = [r for r in _doc_events(text, tmp_path) if r["date"] == "2013-03-04"]
    assert rows and rows[0]["event_type"] == "harm"


def test_a_byline_or_stamp_line_is_no_incident_label(tmp_path):
    text = (
        "Ombudsman finds no fault after man dies in a cell\n\n"
        "Published Date: 4 March 2013\n\n"
        "The Ombudsman looked at how officers dealt with a man held overnight at a station."
    )
    rows = [r for r in _doc_events(text, tmp_path) if r["date"] == "2013-03-04"]
    assert rows and rows[0]["event_type"] == "publication"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # a sentence-opening deictic, the saying's subject after it, then the verb
        ('Last night, the family\'s lawyer, Jo Bloggs, said: "This was a failed investigation."', "Last night"),
        ("Yesterday her brother Sam Doe said the family had been let down.", "Yesterday"),
        # a deictic right before "said:" whatever cue the subject holds (a direct quotation follows)
        ("The head of the inquiry team Ann Roe yesterday said:", "yesterday"),
    ],
)
def test_a_deictic_day_of_a_saying_told_by_its_subject_is_other(sentence, date_text):
    assert _typed_mention(sentence, date_text) == "other"


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # what is said announces an institutional act (no direct quotation): typed as usual
        ("Yesterday the force said the sergeant had been dismissed.", "Yesterday", "outcome"),
        # a cue among the subject's words, or a dated month (not a deictic), keeps the cue's type
        ("Yesterday a man was arrested after a neighbour said he had a knife.", "Yesterday", "police_action"),
        ("In May 2019 she said she feared for her life.", "May 2019", "warning_sign"),
    ],
)
def test_no_saying_day_for_an_announcement_a_cue_or_a_dated_month(sentence, date_text, expected):
    assert _typed_mention(sentence, date_text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a step of the proceedings is the page's news: the latest such day on or before publication
        (
            "The assault happened on 3 March 2021. At the hearing on 6 April, the panel found misconduct.",
            ["2021-03-03", "2024-04-06"],
        ),
        (
            "He was stopped on 3 March 2021. He admitted the offence at a magistrates' court on 4 February.",
            ["2021-03-03", "2024-02-04"],
        ),
        ("He was stopped on 3 March 2021. He was sentenced on 4 October to six months.", ["2021-03-03", "2023-10-04"]),
        # any other day-month goes on in the narrative's year
        ("The assault happened on 3 March 2021. She called police again on 6 April.", ["2021-03-03", "2021-04-06"]),
    ],
)
def test_a_proceedings_day_takes_the_page_year_not_the_narrative_year(text, expected):
    assert _dates(text, _PUBLISHED) == expected


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        ("Two officers were charged in 2015, although the case collapsed in 2017.", "2017"),
        ("The charges against him were eventually dropped in March 2019 after a review.", "March 2019"),
        ("The CPS dropped the case six months later for lack of evidence.", "six months later"),
        ("On 4 May the last of the constables had the case against him discontinued.", "On 4 May"),
    ],
)
def test_a_case_dropped_or_collapsed_is_proceedings(sentence, date_text):
    assert _typed(sentence, date_text) == "proceedings"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # something else dropped or collapsed is no step of the proceedings
        ("He collapsed in his cell on 4 May 2019 and died in hospital.", "4 May 2019"),
        ("She dropped her son at school on 4 May 2019 and called police an hour later.", "4 May 2019"),
    ],
)
def test_something_else_dropped_or_collapsed_is_no_proceedings(sentence, date_text):
    assert _typed(sentence, date_text) != "proceedings"
