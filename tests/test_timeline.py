"""Events and missed opportunities, scored against the gold annotations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_research.tables import read_table
from oversight_research.timeline import document_missed_opportunities, event_type, interval_days


def test_seed_case_yields_the_39_day_gap(corpus_tables):
    missed = read_table("missed_opportunities", corpus_tables)
    gaps = missed[(missed["warning_date"] == "2023-05-05") & (missed["harm_date"] == "2023-06-13")]
    assert gaps["interval_days"].tolist() == [39]
    assert gaps["day_exact"].all()


def test_two_seeds_about_the_same_killings_share_a_case(corpus_tables):
    cases = read_table("cases", corpus_tables)
    together = cases[cases["doc_ids"].str.contains("000_e0dd04bc3f82b1c3")]
    assert "001_4acca05a35b64bc4" in together["doc_ids"].iloc[0]
    assert len(cases) >= 10  # unrelated documents are not merged


def test_case_overrides(tmp_path):
    from oversight_research.pipeline import extract

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Jo Bloggs was killed on 1 May 2020.\n", encoding="utf-8")
    (raw / "b.txt").write_text("An officer was dismissed on 2 May 2021.\n", encoding="utf-8")
    (raw / "cases.csv").write_text("doc_id,case_id\na,my-case\nb,my-case\n", encoding="utf-8")
    extract(raw, tmp_path / "out", progress=False)
    cases = read_table("cases", tmp_path / "out")
    assert cases["case_id"].tolist() == ["my-case"] and cases["doc_ids"].iloc[0] == "a;b"


def test_interval_is_computed_at_the_coarser_precision():
    assert interval_days("2023-05-05", "2023-06-13") == (39, "day")
    assert interval_days("2023-05", "2023-06-13") == (31, "month")
    assert interval_days("2022", "2023-06-13") == (365, "year")


def test_event_type_takes_the_nearest_cue():
    sentence = "The man was the victim of an acid attack on 27 July 2016."
    start = sentence.index("27 July")
    assert event_type(sentence, start, start + 12) == "harm"
    sentence = "Police received intelligence on 3 May 2016 about a threat."
    start = sentence.index("3 May")
    assert event_type(sentence, start, start + 10) == "warning_sign"


def test_missed_opportunities_skip_warnings_after_harm():
    def event(n: int, date: str, kind: str, sentence: str) -> dict:
        return {
            "event_id": f"d:e{n}",
            "doc_id": "d",
            "date": date,
            "precision": "day",
            "event_type": kind,
            "date_text": date,
            "sentence": sentence,
            "start": 10 * n,
            "end": 10 * n + 5,
        }

    events = [
        event(1, "2020-01-10", "warning_sign", "a call"),
        event(2, "2020-02-01", "harm", "killed"),
        event(3, "2020-03-01", "warning_sign", "complaint"),
    ]
    missed = document_missed_opportunities(events)
    assert [m["interval_days"] for m in missed] == [22]


# --------------------------------------------------------------------------- clause attachment


def _type_of(sentence: str, date_text: str, family: str = "") -> str:
    start = sentence.index(date_text)
    return event_type(sentence, start, start + len(date_text), family, date_text)


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the governing verb before the date wins over cues elsewhere in the sentence
        ("He was arrested on 3 May 2021 and died in hospital a week later.", "3 May 2021", "police_action"),
        ("The man died on 5 June 2021 after he was restrained by officers.", "5 June 2021", "harm"),
        ("Our investigation began on 3 May 2022 after a referral.", "3 May 2022", "investigation"),
        ("On 27 July 2016, a woman was the victim of an acid attack.", "27 July 2016", "harm"),
        # the clause holding the date, not the nearest cue word
        (
            "She called police on 2 March 2020, when her ex-partner threatened to kill her.",
            "2 March 2020",
            "warning_sign",
        ),
        ("The officer, who had attended a domestic incident, was dismissed on 9 May 2022.", "9 May 2022", "outcome"),
        (
            "Her sister reported the threats on 4 April 2019; she was murdered in June 2019.",
            "4 April 2019",
            "warning_sign",
        ),
        ("Her sister reported the threats on 4 April 2019; she was murdered in June 2019.", "June 2019", "harm"),
        # a noun modified by the date ("the 2023 stabbings") and a cue governing its modifier
        ("Officers investigated over failures around the 2023 Nottingham stabbings were told.", "2023", "harm"),
        ("The inquest into his death opened on 12 January 2024.", "12 January 2024", "inquiry"),
        ("He was arrested on suspicion of murder on 8 August 2020.", "8 August 2020", "police_action"),
        ("He was charged with murder on 9 August 2020.", "9 August 2020", "proceedings"),
        # a title date labels the topic before the dash
        ("Man dies following contact with police - Essex Police, January 2018", "January 2018", "harm"),
        ("Response to a missing person report - Kent Police, June 2015", "June 2015", "warning_sign"),
        # misconduct with no victim is other; organisation names are not cues
        (
            "It was alleged that on 4 March 2018 PC A used offensive language in a custody suite.",
            "4 March 2018",
            "other",
        ),
        (
            "In June 2017 the Independent Police Complaints Commission began an investigation.",
            "June 2017",
            "investigation",
        ),
        ("The former officer was jailed on 2 May 2019.", "2 May 2019", "proceedings"),
        ("The court's decision today disappointed the family.", "today", "outcome"),
        ("Published 08 Oct 2018", "08 Oct 2018", "publication"),
        # a relative clause ends at its comma; "published" in prose is not the page's stamp
        (
            "The misconduct hearing, which concluded on 6 June 2023, found gross misconduct proven.",
            "6 June 2023",
            "proceedings",
        ),
        ("The panel found on 6 June 2023 that he would have been dismissed.", "6 June 2023", "outcome"),
        (
            "The Domestic Homicide Review, published in October 2022, found missed opportunities.",
            "October 2022",
            "inquiry",
        ),
        ("A PCSO spoke to the owner on 3 June 2018 and gave words of advice.", "3 June 2018", "police_action"),
        ("He breached his bail conditions on 10 April 2019, but was not arrested.", "10 April 2019", "warning_sign"),
        (
            "The jury concluded on 11 October 2023 that police failings contributed to his death.",
            "11 October 2023",
            "inquiry",
        ),
        ("The CPS decided in June 2019 not to bring charges against the officers.", "June 2019", "proceedings"),
        ("The dog's owner had been spoken to by officers in April 2023.", "April 2023", "police_action"),
        ("A report into the case was published by the inspectorate in September 2019.", "September 2019", "inquiry"),
        ("A neighbour made a report of shouting on 5 May 2020.", "5 May 2020", "warning_sign"),
    ],
)
def test_event_type_by_clause_attachment(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def _doc_events(text: str, tmp_path, name: str = "d") -> list[dict]:
    from oversight_research.ingest import read_document
    from oversight_research.timeline import extract_events

    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return extract_events(read_document(path, tmp_path, None))


FIVE_CHANCES = (
    "Police missed five chances to stop a man who killed his partner\n\n"
    "On 3 January 2021 her mother called 999 to say he had threatened her. "
    "On 14 February 2021 a neighbour reported a disturbance at the flat. "
    "On 2 March 2021 he was arrested for assault and released on bail. "
    "He punched her in the street on 20 March 2021. "
    "On 1 April 2021 she told officers he had breached his bail conditions. "
    "She was murdered at her home on 9 April 2021.\n\n"
    "He was jailed for life on 5 December 2021.\n"
)


def test_a_list_of_earlier_reports_before_a_killing_is_warnings(tmp_path):
    events = _doc_events(FIVE_CHANCES, tmp_path)
    types = {e["date"]: e["event_type"] for e in events}
    assert types == {
        "2021-01-03": "warning_sign",
        "2021-02-14": "warning_sign",
        "2021-03-02": "warning_sign",
        "2021-03-20": "warning_sign",
        "2021-04-01": "warning_sign",
        "2021-04-09": "harm",
        "2021-12-05": "proceedings",
    }
    missed = document_missed_opportunities(events)
    assert [(m["warning_date"], m["interval_days"]) for m in missed] == [
        ("2021-01-03", 96),
        ("2021-02-14", 54),
        ("2021-03-02", 38),
        ("2021-03-20", 20),
        ("2021-04-01", 8),
    ]


def test_contact_during_the_harm_incident_stays_police_action(tmp_path):
    text = (
        "Man dies after arrest\n\nThe man was detained on 20 June 2023 and taken to custody. "
        "He died on 21 June 2023. Officers had interviewed him on 2 May 2023 about a burglary.\n"
    )
    types = {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types == {"2023-06-20": "police_action", "2023-06-21": "harm", "2023-05-02": "warning_sign"}


# --------------------------------------------------------------------------- missed opportunities


def _event(n: int, date: str, kind: str, sentence: str = "", start: int | None = None, **extra) -> dict:
    precision = {1: "year", 2: "month", 3: "day"}[len(date.split("-"))]
    return {
        "doc_id": "d",
        "event_id": f"d:e{n}",
        "date": date,
        "precision": precision,
        "event_type": kind,
        "date_text": date,
        "sentence": sentence,
        "start": n * 10 if start is None else start,
        "end": n * 10 + 5,
        **extra,
    }


@pytest.mark.parametrize(
    "events,expected",
    [
        # the same assault four times (title, body, month and day) is one row, kept at its most precise
        (
            [
                _event(0, "2023-05", "warning_sign", "the May 2023 assault", _headline=True),
                _event(1, "2023-05-05", "warning_sign", "he punched a man on 5 May 2023"),
                _event(2, "2023-05", "warning_sign", "an assault in May 2023"),
                _event(3, "2023-05-05", "warning_sign", "the assault on 5 May 2023"),
                _event(4, "2023-06-13", "harm", "killed three people"),
            ],
            [("2023-05-05", "2023-06-13", 39)],
        ),
        # a missed arrest and an assault of the same month are two warnings
        (
            [
                _event(0, "2023-05", "warning_sign", "officers failed to arrest him a month before"),
                _event(1, "2023-05-05", "warning_sign", "he punched a man"),
                _event(2, "2023-06-13", "harm", "killed"),
            ],
            [("2023-05", "2023-06-13", 31), ("2023-05-05", "2023-06-13", 39)],
        ),
        # a warning after the first harm is not a missed opportunity
        (
            [
                _event(0, "2020-01-10", "warning_sign", "a call"),
                _event(1, "2020-02-01", "harm", "killed"),
                _event(2, "2020-03-01", "warning_sign", "a complaint"),
            ],
            [("2020-01-10", "2020-02-01", 22)],
        ),
        # the same month: allowed when the warning is told first, or when the harm is only in the headline
        (
            [
                _event(0, "2013-07", "harm", "murdered", _headline=True),
                _event(1, "2013-07", "warning_sign", "calls"),
                _event(2, "2013-07", "harm", "murdered at the end of July"),
            ],
            [("2013-07", "2013-07", 0)],
        ),
        (
            [
                _event(0, "2017-02", "harm", "found dead", _headline=True),
                _event(1, "2017-02", "warning_sign", "contacts until February"),
            ],
            [("2017-02", "2017-02", 0)],
        ),
        ([_event(0, "2017-02", "harm", "found dead"), _event(1, "2017-02", "warning_sign", "a later call")], []),
        # no harm, no missed opportunity
        ([_event(0, "2020-01-10", "warning_sign", "a call")], []),
    ],
)
def test_document_missed_opportunities(events, expected):
    rows = document_missed_opportunities(events)
    assert [(r["warning_date"], r["harm_date"], r["interval_days"]) for r in rows] == expected


_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
_PRECISIONS = st.sampled_from(["day", "month", "year"])


@given(
    st.lists(
        st.tuples(_DATES, _PRECISIONS, st.sampled_from(["harm", "warning_sign", "police_action"]), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=300, deadline=None)
def test_every_missed_opportunity_warning_precedes_its_harm(items):
    from oversight_research.dates import truncate

    events = [
        _event(i, truncate(day.isoformat(), precision), kind, "", _headline=headline)
        for i, (day, precision, kind, headline) in enumerate(items)
    ]
    rows = document_missed_opportunities(events)
    harm_dates = {r["harm_date"] for r in rows}
    assert len(harm_dates) <= 1
    seen = set()
    for r in rows:
        keep = {"year": 1, "month": 2, "day": 3}[r["compared_at"]]
        warning = "-".join(r["warning_date"].split("-")[:keep])
        harm = "-".join(r["harm_date"].split("-")[:keep])
        assert warning <= harm
        assert r["interval_days"] >= 0 and r["day_exact"] == (r["compared_at"] == "day")
        assert r["warning_event_id"] not in seen
        seen.add(r["warning_event_id"])


@pytest.mark.parametrize(
    "text,expected",
    [
        # an assault a month before the killing is an earlier assault: a warning sign
        (
            "Woman killed by ex-partner\n\nHe assaulted her on 2 March 2021. He killed her on 9 April 2021.\n",
            {"2021-03-02": "warning_sign", "2021-04-09": "harm"},
        ),
        # the injury a death is told to follow from stays harm
        (
            "Man dies after attack\n\nHe was attacked on 2 March 2021. He died in hospital from his injuries on "
            "9 March 2021.\n",
            {"2021-03-02": "harm", "2021-03-09": "harm"},
        ),
        # "It happened" refers to the harm incident
        (
            "Pedestrian dies\n\nA police van hit a man on a crossing. It happened just after 6.30pm on 19 December "
            "2023.\n",
            {"2023-12-19": "harm"},
        ),
    ],
)
def test_document_level_retyping(text, expected, tmp_path):
    assert {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)} == expected


# --------------------------------------------------------------------------- round 2


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the force named between the verb and "police"
        (
            "On 22 April 2018 a member of the public called Dorset Police to report a disturbance.",
            "22 April 2018",
            "warning_sign",
        ),
        ("A support agency contacted West Midlands Police in October 2016.", "October 2016", "warning_sign"),
        # the force receiving the signal; the oversight body receiving a force's referral is not one
        ("On 4 May 2019 police received a call from a neighbour.", "4 May 2019", "warning_sign"),
        ("We received a conduct referral from the force on 30 April 2024.", "30 April 2024", "investigation"),
        ("A rucksack of knives was handed in to police on 6 May 2021.", "6 May 2021", "warning_sign"),
        (
            "The IOPC looked at the police response to 34 incidents between September 2016 and when she died.",
            "September 2016",
            "warning_sign",
        ),
        ("She made a number of domestic callouts to police in 2020.", "2020", "warning_sign"),
        # a disappearance, and misconduct with a victim, are harm
        ("Her disappearance in November 2017 prompted a huge search.", "November 2017", "harm"),
        ("He began a sexual relationship with a vulnerable woman in 2017.", "2017", "harm"),
        # a relative clause that closed before the date
        ("Ms Hunte, who was found dead on 14 February 2022, made callouts to police in 2021.", "2021", "warning_sign"),
        # a sentence-opening date attaches to the main clause after an interrupting clause
        (
            "On 26 August 2018, after receiving a report by phone, police found she had serious injuries.",
            "26 August 2018",
            "harm",
        ),
        ("On 3 May 2019, after a neighbour rang, officers attended the address.", "3 May 2019", "police_action"),
    ],
)
def test_event_type_round_two(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # restraint days before a death in hospital is the harm incident, not an earlier separate contact
        (
            "Man dies after restraint\n\nHe was restrained by officers on 13 July 2017. He died on 15 July 2017.\n",
            {"2017-07-13": "police_action", "2017-07-15": "harm"},
        ),
        # an injury (a collision) a week before the death is the same incident
        (
            "Man dies after crash\n\nHe was injured in a collision on 2 March 2021. He died on 9 March 2021.\n",
            {"2021-03-02": "harm", "2021-03-09": "harm"},
        ),
        # a page that tells no other harm is about the assault
        (
            "Officer dismissed\n\nPC Smith assaulted a woman at her home on 4 May 2019. He was dismissed on 2 June "
            "2021.\n",
            {"2019-05-04": "harm", "2021-06-02": "outcome"},
        ),
    ],
)
def test_document_level_retyping_round_two(text, expected, tmp_path):
    assert {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)} == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        ("It mishandled a rape allegation she made in December 2015.", "December 2015", "warning_sign"),
        ("Police logged a domestic abuse report from her on 3 May 2019.", "3 May 2019", "warning_sign"),
    ],
)
def test_the_report_of_an_offence_is_a_warning(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the death's adjunct: "died following restraint ... on <date>" is the death's date
        ("Kevin Clarke died following restraint by officers in Lewisham on 9 March 2018.", "9 March 2018", "harm"),
        (
            "He died on 15 July 2017, following restraint by police two days earlier.",
            "two days earlier",
            "police_action",
        ),
        # reported evidence: the date is the hearing's
        ("On Monday, the jury heard Mr Begley was not armed when police shot him.", "On Monday", "inquiry"),
        ("On Tuesday the court was told that she had been stabbed.", "On Tuesday", "proceedings"),
        # complaints about the police, files sent to the CPS and officers arrested are investigation
        (
            "Complaints made against a senior officer by two retired officers - Lancashire Police, June 2017",
            "June 2017",
            "investigation",
        ),
        ("A full file of evidence was passed to the CPS last year.", "last year", "investigation"),
        ("Three serving police officers were arrested in March 2016.", "March 2016", "investigation"),
        # reported breaches of an order are warnings; a life support switched off is the death
        ("The woman reported three breaches of the NMO during November.", "during November", "warning_sign"),
        ("His life support machine was switched off seven days later.", "seven days later", "harm"),
        # misconduct with a victim
        ("He sent inappropriate messages to a vulnerable woman in June 2020.", "June 2020", "harm"),
    ],
)
def test_event_type_round_two_news(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        ("On 3 June 2020 the woman told a PCSO she was frightened of him.", "3 June 2020", "warning_sign"),
        ("In May 2019 she said she feared for her life.", "May 2019", "warning_sign"),
    ],
)
def test_fear_told_to_an_officer_is_a_warning(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


# --------------------------------------------------------------------------- round 3 (issue 17, holdout causes)


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a report whose content is the harm itself dates the harm
        ("Later, on 12 September, police received a report that he had stabbed the woman.", "12 September", "harm"),
        ("On 4 June a neighbour called police to say that the man had been shot.", "4 June", "harm"),
        # ... but a report of a threat stays a warning
        ("On 4 June a neighbour called police to say that the man had threatened her.", "4 June", "warning_sign"),
        # a relative clause with no cue of its own dates the noun it modifies
        (
            "Officers mishandled the emergency call which was made on the morning of 3 May 2015.",
            "3 May 2015",
            "warning_sign",
        ),
        # a date told as the death itself
        ("We still want to know what happened to him on the day he died.", "on the day he died", "harm"),
        # ... unless its clause says what happened on it
        (
            "Officers arrested him on the night that he died.",
            "on the night that he died",
            "police_action",
        ),
        # going to the police in person, and police ignoring what they were told, are warnings
        ("On 19 August, her ex-partner attended a police station to make a statement.", "19 August", "warning_sign"),
        ("Officers ignored the discovery of a bag of weapons behind her home in May 2021.", "May 2021", "warning_sign"),
        # reports counted or in the passive
        ("A second report was made in June 2022.", "June 2022", "warning_sign"),
        ("Officers visited the owner in July 2022 and gave him words of advice.", "July 2022", "police_action"),
        # the harm: firing a weapon, a coma, a strip-search
        ("He burst into her home in November 2018 and fired a bolt into her stomach.", "November 2018", "harm"),
        ("He slipped into a coma shortly after being pinned down by officers in August 2010.", "August 2010", "harm"),
        # released without charge is police action; an inquest's conclusion about a death is the inquest's
        ("He was arrested and released without charge the next day.", "the next day", "police_action"),
        ("The coroner recorded a conclusion of accidental death on 3 May 2022.", "3 May 2022", "inquiry"),
        # violence the sentence tells the death followed from is the harm
        ("He pushed her down the stairs on 3 May 2021, causing injuries from which she died.", "3 May 2021", "harm"),
        ("He assaulted her on 3 May 2021 and she died in hospital a week later.", "3 May 2021", "harm"),
        ("He assaulted her on 3 May 2021 and was arrested a week later.", "3 May 2021", "warning_sign"),
        # striking with a weapon, setting alight, being dead
        ("Mr Jones hit her over the head with a hammer on 12 October 2020.", "12 October 2020", "harm"),
        (
            "In the early hours of 14 February 2022, he broke into her home and set it alight.",
            "14 February 2022",
            "harm",
        ),
        ("Two days later, on 5 May 2021, she was dead.", "5 May 2021", "harm"),
        # what someone heard is not a hearing; the police told, in the passive; a warrant for an arrest
        ("A neighbour reported hearing screams on 2 May 2021.", "2 May 2021", "warning_sign"),
        ("The misconduct hearing on 3 May 2021 found the case proven.", "3 May 2021", "proceedings"),
        ("Police were told on 12 April 2021 that he had a knife.", "12 April 2021", "warning_sign"),
        ("A warrant for his arrest was issued on 2 April 2021 but was not executed.", "2 April 2021", "warning_sign"),
        # a harm that is what a report tells: the report is dated
        ("She reported being raped by him in January 2021.", "January 2021", "warning_sign"),
        ("She was raped by a man she met online in May 2019.", "May 2019", "harm"),
        # other ways of harming or dying
        ("He was knocked down by a police car in Leeds on 3 May 2021.", "3 May 2021", "harm"),
        ("The man lost consciousness in the back of the van on 3 May 2021.", "3 May 2021", "harm"),
        ("She was groomed by the officer from March 2019.", "March 2019", "harm"),
        # a chain of adjuncts of a death
        ("The man died after being detained following an incident in the town on 3 May.", "3 May", "harm"),
        # ... not a date days away from the death
        ("He died two weeks after being arrested following a fight on 3 May.", "3 May", "police_action"),
    ],
)
def test_event_type_round_three(sentence, date_text, expected):
    family = "harm_anchored" if "died" in date_text else ""
    assert _type_of(sentence, date_text, family) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a day told again without a type of its own is the contact first narrated on it
        (
            "Welfare check - Anyshire Police\n\n"
            "On 30 January 2017, a man called police as he was concerned for his neighbour. "
            "Officers who went to her flat on 30 January 2017 said that they made the decision not to force entry. "
            "On 21 July 2017 she was found dead.\n",
            {"2017-01-30": "warning_sign", "2017-07-21": "harm"},
        ),
        # a death told without a date happened on the day its paragraph last dated
        (
            "Response to a concern for welfare - Anyshire Police\n\n"
            "On 30 January 2017, a neighbour called police as he was concerned for the woman.\n\n"
            "On 21 July 2017 a further call was made to the police by a neighbour. "
            "Officers forced entry and found the woman dead.\n",
            {"2017-01-30": "warning_sign", "2017-07-21": "harm"},
        ),
    ],
)
def test_document_level_retyping_round_three(text, expected, tmp_path):
    assert {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)} == expected


def test_a_headline_month_before_the_harm_is_the_time_of_the_warnings(tmp_path):
    text = (
        "Police contact with woman before she was murdered - Anyshire Police, August 2019\n\n"
        "On 16 August 2019, a woman made a telephone complaint to police about threats from her ex-partner. "
        "On 12 September 2019, police received a report that her ex-partner had stabbed the woman.\n"
    )
    events = _doc_events(text, tmp_path)
    assert [(e["date"], e["event_type"]) for e in events] == [
        ("2019-08", "warning_sign"),
        ("2019-08-16", "warning_sign"),
        ("2019-09-12", "harm"),
    ]
    rows = document_missed_opportunities(events)
    assert [(r["warning_date"], r["harm_date"], r["interval_days"]) for r in rows] == [("2019-08-16", "2019-09-12", 27)]


def test_an_offset_from_the_harm_is_resolved_against_the_typed_harm(tmp_path):
    text = (
        "Report finds police failures\n\n"
        "A report found police binned evidence of stalking a year before he killed her.\n\n"
        "Her ex-husband burst into her home in November 2018 and fired a bolt into her stomach.\n"
    )
    events = _doc_events(text, tmp_path)
    assert [(e["date_text"], e["date"], e["event_type"]) for e in events] == [
        ("a year before he killed", "2017", "warning_sign"),
        ("November 2018", "2018-11", "harm"),
    ]
    assert [(r["warning_date"], r["harm_date"]) for r in document_missed_opportunities(events)] == [("2017", "2018-11")]


@pytest.mark.parametrize(
    "line,date",
    [
        ("Sami Quadri1 January 2022", "2022-01-01"),  # a byline run into its date
        ("By Jane Reporter, 5 May 2023", "2023-05-05"),
        ("Tue 3 May 2022 10.12 BST", "2022-05-03"),
        ("Posted on May 5, 2023 by admin", "2023-05-05"),
        ("5th May 2023 at 10:15", "2023-05-05"),
        ("Published 12 May 2023 | Updated 13 May 2023", "2023-05-12"),  # a line of two stamps
        ("Published 12 May 2023 | Updated 13 May 2023", "2023-05-13"),
        ("By Jane Smith, Crime Reporter | 5 May 2023", "2023-05-05"),  # a byline with a role
        ("5th May 2023 - 10:15am", "2023-05-05"),  # the time beside the stamp's date
        ("Wed 4 Jun 2014 07.44 EDT", "2014-06-04"),  # a US edition's time zone
        ("Date of report: 13/08/2024", "2024-08-13"),  # a coroner's report's header
    ],
)
def test_a_stamp_or_byline_line_is_the_publication(line, date, tmp_path):
    text = f"Officer dismissed\n\n{line}\n\nAn officer was dismissed at a hearing on 2 May 2023.\n"
    events = _doc_events(text, tmp_path)
    assert (date, "publication") in [(e["date"], e["event_type"]) for e in events]


def test_the_event_rules_are_typed_and_a_wrong_edit_names_its_key():
    from oversight_research.rules import RulesError, events
    from oversight_research.rules.events import EventRules

    loaded = events.load()
    assert loaded.dates.numbers["a couple of"] == 2 and loaded.dates.holidays["christmas eve"] == (12, 24)
    assert set(loaded.clauses.title_priority) <= set(loaded.types) | {"other"}
    from importlib import resources

    import yaml

    from oversight_research import rules

    data = yaml.safe_load(resources.files(rules).joinpath("events.yaml").read_text(encoding="utf-8"))
    data["dates"]["numbers"]["seven"] = "seven"
    with pytest.raises(RulesError, match="dates.numbers"):
        EventRules.parse(rules.Reader("events", data))
    data = yaml.safe_load(resources.files(rules).joinpath("events.yaml").read_text(encoding="utf-8"))
    data["nearest"]["after_wieght"] = 3
    with pytest.raises(RulesError, match="nearest.after_wieght"):
        EventRules.parse(rules.Reader("events", data))


@given(
    st.lists(
        st.tuples(st.sampled_from(["harm", "warning_sign", "outcome"]), st.integers(0, 30), st.integers(1, 12)),
        max_size=14,
    )
)
@settings(max_examples=300, deadline=None)
def test_outermost_drops_exactly_the_cues_inside_a_longer_cue_of_another_type(items):
    from oversight_research.timeline import outermost

    found = [(kind, start, start + length) for kind, start, length in items]
    naive = [
        c
        for c in found
        if not any(o[0] != c[0] and o[1] <= c[1] and c[2] <= o[2] and (o[2] - o[1]) > (c[2] - c[1]) for o in found)
    ]
    assert outermost(found) == naive


def test_two_chronology_entries_dated_alike_are_two_warnings(tmp_path):
    text = (
        "Police contact with woman before her murder - Anyshire Police\n\n"
        "On 19 August 2019, her ex-partner attended a police station to admit that he had threatened her friend.\n\n"
        "On 19 August 2019, the woman attended a police station and complained about threats.\n\n"
        "Officers who spoke to the woman on 19 August 2019 said she did not seem at risk.\n\n"
        "On 12 September 2019, police received a report that her ex-partner had stabbed the woman.\n"
    )
    rows = document_missed_opportunities(_doc_events(text, tmp_path))
    assert [(r["warning_date"], r["harm_date"]) for r in rows] == [
        ("2019-08-19", "2019-09-12"),
        ("2019-08-19", "2019-09-12"),
    ]


def test_a_range_of_years_counts_from_its_start_year():
    events = [
        _event(0, "2022-02-14", "harm", "found stabbed"),
        {
            **_event(1, "2020", "warning_sign", "made callouts to police in 2020 and 2021"),
            "precision": "range",
            "date_end": "2021",
        },
        _event(2, "2021-06-29", "warning_sign", "in a police call-out"),
    ]
    rows = document_missed_opportunities(events)
    assert [(r["warning_date"], r["harm_date"], r["interval_days"], r["compared_at"]) for r in rows] == [
        ("2020", "2022-02-14", 731, "year"),
        ("2021-06-29", "2022-02-14", 230, "day"),
    ]


def test_the_event_another_date_is_told_from_does_not_type_a_date(tmp_path):
    text = (
        "Woman murdered by stalker\n\n"
        "Jordan Smith killed Amy Jones at her flat on 10 September 2021.\n\n"
        "On 8 September 2021, two days before the murder, she dialled 999 to say he was outside her flat.\n"
    )
    events = _doc_events(text, tmp_path)
    assert ("8 September 2021", "warning_sign") in [(e["date_text"], e["event_type"]) for e in events]
    assert [(r["warning_date"], r["harm_date"]) for r in document_missed_opportunities(events)] == [
        ("2021-09-08", "2021-09-10")
    ]


def test_an_offset_followed_by_the_harm_dates_the_harm(tmp_path):
    text = (
        "Officer failed a stalking victim\n\n"
        "She was killed by her former boyfriend in August 2016.\n\n"
        "An officer fined her for wasting police time. Five months later she was dead.\n"
    )
    events = _doc_events(text, tmp_path)
    assert ("Five months later", "2016-08", "harm") in [(e["date_text"], e["date"], e["event_type"]) for e in events]


def test_a_stamp_above_the_title_leaves_the_title_the_headline(tmp_path):
    text = (
        "Published 04 Feb 2021\n\n"
        "Welfare check before man's death - Kent Police, June 2019\n\n"
        "On 3 June 2019 the man's sister called Kent Police because she had not heard from him.\n\n"
        "He was found dead at his home on 6 June 2019.\n"
    )
    events = _doc_events(text, tmp_path)
    assert [(e["date_text"], e["_headline"]) for e in events][:2] == [("04 Feb 2021", False), ("June 2019", True)]
    assert [(r["warning_date"], r["harm_date"]) for r in document_missed_opportunities(events)] == [
        ("2019-06-03", "2019-06-06")
    ]


def test_a_time_beside_a_stamp_date_is_part_of_the_stamp(tmp_path):
    text = "Officer dismissed\n\n5th May 2023 - 10:15am\n\nAn officer was dismissed at a hearing on 2 May 2023.\n"
    events = _doc_events(text, tmp_path)
    assert [(e["date_text"], e["event_type"]) for e in events][:2] == [
        ("5th May 2023", "publication"),
        ("10:15am", "publication"),
    ]


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the day of a saying is the statement's day, not the day of what was said
        (
            "The family said yesterday they were still waiting for police to explain the missed chances.",
            "yesterday",
            "other",
        ),
        ("Campaigners said on Tuesday that the killing showed the need for training.", "on Tuesday", "other"),
        ("I also said in May 2014 that his death was wholly avoidable.", "May 2014", "other"),
        ("The charity today said the attack could have been prevented.", "today", "other"),
        ("It emerged on Monday that the stabbing had been reported.", "on Monday", "other"),
        # ... unless it announces an institutional act that day
        ("The force said on Friday that the officer had been dismissed.", "on Friday", "outcome"),
        # ... and a cue before the date in its clause still governs it
        ("She told police on 3 May that he had threatened her.", "3 May", "warning_sign"),
        # a verdict whose object is the offence told with its own complement dates the offence
        ("Smith was jailed for life for the murder of Jane Doe in 2017.", "2017", "harm"),
        (
            "He was convicted of stabbing two students and a caretaker in Anytown in June last year.",
            "June last year",
            "harm",
        ),
        # ... not a bare offence, nor a charge
        ("He was convicted of murder in 2019.", "2019", "proceedings"),
        ("He was charged with the murder of Jane Doe on 8 August.", "8 August", "proceedings"),
    ],
)
def test_event_type_round_four(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a harm told as possible after a modal is the fear or threat: a warning
        ("In March 2014, she told a nurse she feared he might kill her.", "March 2014", "warning_sign"),
        ("On 3 May he said he would kill her.", "3 May", "warning_sign"),
        # ... not a harm that happened
        ("On 3 May he killed her.", "3 May", "harm"),
    ],
)
def test_a_harm_under_a_modal_is_a_warning(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # a death told without a date of its own, then the contact it happened in, dated: the death's date
        (
            "Inquest opens\n\nJo Bloggs was shot dead while in a car, during a police stop in Anytown in April 2005.\n",
            "2005-04",
            "harm",
        ),
        (
            "Trial ends\n\nThe court heard about Mr Doe, who died in hospital an hour after officers were called to the scene, on 15 August 2016.\n",
            "2016-08-15",
            "harm",
        ),
        # ... not a contact told in a sentence of its own (a missing full stop) or after a semicolon
        (
            "Inquest opens\n\nThe wait over the death of Jo Bloggs is over.The man was detained at a police station in 2013.\n",
            "2013",
            "police_action",
        ),
        ("Inquest opens\n\nJo Bloggs died; he had been arrested in 2013.\n", "2013", "police_action"),
    ],
)
def test_the_one_date_of_a_sentence_telling_a_death_is_the_deaths(text, date, expected, tmp_path):
    assert {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)}[date] == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # in the nearest-cue fallback, a temporal clause the date is not in tells another event
        ("The force was already reeling this week after it missed opportunities to catch him.", "this week", "other"),
        ("He was sent to a secure hospital last year after admitting manslaughter.", "last year", "other"),
        # ... while a date inside the temporal clause still reads it
        ("Officers searched the flat after she was attacked on 3 May.", "3 May", "harm"),
    ],
)
def test_a_temporal_clause_without_the_date_does_not_type_it(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def test_a_harm_told_back_from_the_harm_is_an_earlier_harm(tmp_path):
    text = (
        "Mother seeks new inquest\n\n"
        "Had officers investigated an attack on Mr Doe two days before he died, he might be alive.\n\n"
        "On 10 March 2013 he was stabbed to death at his flat.\n"
    )
    events = _doc_events(text, tmp_path)
    assert [(e["date"], e["event_type"]) for e in events] == [("2013-03-08", "warning_sign"), ("2013-03-10", "harm")]
    assert [(r["warning_date"], r["harm_date"]) for r in document_missed_opportunities(events)] == [
        ("2013-03-08", "2013-03-10")
    ]


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a date between a body and its finding verb dates the finding: an outcome
        (
            "The panel today (Friday 5 June) ruled they amounted to gross misconduct.",
            "today (Friday 5 June)",
            "outcome",
        ),
        ("An IOPC investigation last year found the officers had no case to answer.", "last year", "outcome"),
        # ... not the body's own happening, nor an inquest's conclusion
        ("The hearing on 6 June was adjourned.", "on 6 June", "proceedings"),
        ("The misconduct hearing on 3 May 2021 found the case proven.", "3 May 2021", "proceedings"),
        ("The inquest on 11 October concluded that police failings contributed.", "on 11 October", "inquiry"),
    ],
)
def test_a_date_before_a_finding_verb_dates_the_finding(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


# --- a run-on "sentence" of many dates is typed in windows: linear, same types near each date ---


def test_every_date_is_typed_from_a_bounded_window_of_a_long_sentence():
    from oversight_research.dates import DateMention
    from oversight_research.timeline import _views, clause_rules

    window = clause_rules().window
    pieces, mentions, at = [], [], 0
    for i in range(400):
        piece = f"then a report on {1 + i % 28} May 2019 was logged, "
        start = at + piece.index(str(1 + i % 28))
        text = f"{1 + i % 28} May 2019"
        mentions.append(DateMention(start, start + len(text), text, "day_month_year"))
        pieces.append(piece)
        at += len(piece)
    sentence = "".join(pieces)
    assert len(sentence) > 2 * window
    views = list(_views(sentence, 0, mentions))
    assert len(views) == len(mentions)
    for m, (offset, text, inside, _) in zip(mentions, views, strict=True):
        assert offset <= m.start and m.end <= offset + len(text) and len(text) <= 2 * window + len(m.text)
        assert sentence[offset : offset + len(text)] == text
        assert m in inside and all(offset <= n.start and n.end <= offset + len(text) for n in inside)
    short = "On 3 May 2019 she called police."
    whole = list(_views(short, 10, mentions[:1]))
    assert whole == [(10, short, mentions[:1], {})]


def test_a_date_far_into_a_run_on_sentence_keeps_the_type_its_clause_gives(tmp_path):
    filler = "; ".join(f"a meeting was held on {1 + i % 28} March 2018" for i in range(300))
    text = f"{filler}; and she was stabbed to death on 9 April 2019.\n"
    rows = _doc_events(text, tmp_path)
    last = [r for r in rows if r["date_text"] == "9 April 2019"]
    assert last and last[0]["event_type"] == "harm"


def test_the_police_contacts_before_the_harm_are_compared_with_its_most_precise_mention(tmp_path):
    # a title's month is the harm's; the contacts are compared with the day the body gives it
    text = (
        "Woman is murdered following a domestic incident - Northshire Police, September 2017\n\n"
        "On 17 September 2017, her partner contacted police asking them to remove him. "
        "The following morning, officers spoke to the woman at her mother's address. "
        "On 25 September 2017, she was murdered at her home.\n"
    )
    types = {e["date_text"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types["The following morning"] == "warning_sign"
    assert types["25 September 2017"] == "harm"


@pytest.mark.parametrize(
    "sentence,date_text,family,expected",
    [
        # an offset told back from an event: the event's clause closes at the comma (clauses.anchor_close)
        (
            "Seven weeks before the mother died, a neighbour called the police.",
            "Seven weeks before",
            "offset",
            "warning_sign",
        ),
        ("A month earlier, she had reported him to police.", "A month earlier", "offset", "warning_sign"),
        # ... without a comma the cues after it are the event's only
        ("She called police two weeks before he was killed.", "two weeks before", "offset", "warning_sign"),
        ("Two weeks before he was killed in his flat.", "Two weeks before", "offset", "other"),
    ],
)
def test_the_clause_of_an_offset_told_back_from_an_event_closes_at_its_comma(sentence, date_text, family, expected):
    assert _type_of(sentence, date_text, family) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a cue modifying an institutional head noun is part of its noun phrase (clauses.compound_heads)
        (
            "This came to our attention on 3 July 2019 as a Death or Serious Injury (DSI) referral.",
            "3 July 2019",
            "investigation",
        ),
        ("On 3 May 2019 a murder investigation was launched.", "3 May 2019", "investigation"),
        ("On 3 May 2019 the stabbing trial opened at the crown court.", "3 May 2019", "proceedings"),
        # ... a lower-case word or a full stop between them ends the phrase
        ("On 3 May 2019 he died in custody. The investigation began.", "3 May 2019", "harm"),
        ("On 3 May 2019 he was killed before the trial of his brother.", "3 May 2019", "harm"),
    ],
)
def test_a_cue_modifying_an_institutional_head_noun_is_not_its_own(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def test_an_undated_death_told_as_a_charge_does_not_date_the_harm(tmp_path):
    # "charged with murder" is the proceedings' object, not the death happening that day
    text = (
        "Wanted man murdered homeowner after report to police - Northshire Police, June 2019\n\n"
        "On 19 June 2019, a man reported that a known man kept staying at his house. "
        "On 30 June 2019, the known man was arrested for robbery at the address. "
        "The known man was subsequently charged with murder.\n"
    )
    types = {e["date_text"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types["30 June 2019"] == "police_action"
    assert types["June 2019"] == "harm"
    missed = document_missed_opportunities(_doc_events(text, tmp_path))
    assert [(m["warning_date"], m["harm_date"]) for m in missed] == [("2019-06-19", "2019-06")]


def test_an_undated_death_found_after_a_dated_contact_is_still_the_harm(tmp_path):
    text = (
        "Woman found dead after calls to police\n\n"
        "On 3 May 2019 she called police. On 21 July 2019 a further call was made. "
        "Officers forced entry and found the woman dead.\n"
    )
    types = {e["date_text"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types["21 July 2019"] == "harm"


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        ("He was shown as wanted for a robbery offence committed in November 2018.", "November 2018", "warning_sign"),
        ("In March 2019 he was recalled to prison.", "March 2019", "warning_sign"),
        ("He breached the order on 3 May 2019.", "3 May 2019", "warning_sign"),
        ("In March 2019 he was cautioned for assaulting her.", "March 2019", "warning_sign"),
    ],
)
def test_warning_sign_language_of_missed_arrests_and_orders(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "text,date_text,expected",
    [
        # a death found by the police contact the one date marks dates the death (clauses.discovery)
        ("Officers forced entry on 3 May 2019 and found him unresponsive.", "3 May 2019", "harm"),
        ("Police attended the flat on 3 May 2019, where they found the woman dead.", "3 May 2019", "harm"),
        ("Officers found him hanging in woodland at 8.36am on 30 April 2018.", "8.36am on 30 April 2018", "harm"),
        # ... not a death found after a temporal clause, or in the next sentence
        ("Officers had visited her on 3 May 2019 before she was found dead.", "3 May 2019", "police_action"),
        # (a contact a week before the death: an earlier, separate contact)
        ("Officers attended on 3 May 2019. A week later she was found dead.", "3 May 2019", "warning_sign"),
    ],
)
def test_a_death_the_police_contact_found_dates_the_harm(text, date_text, expected, tmp_path):
    events = _doc_events(f"Headline about a case\n\n{text}\n", tmp_path)
    assert {e["date_text"]: e["event_type"] for e in events}[date_text] == expected


def test_a_disappearance_before_a_death_is_a_warning(tmp_path):
    text = (
        "Man found dead after being reported missing - Northshire Police, April 2018\n\n"
        "On 18 April 2018, his wife reported him missing. "
        "On 29 April 2018, the man went missing for a second time. "
        "Officers found him hanging in woodland at 8.36am on 30 April 2018.\n"
    )
    events = _doc_events(text, tmp_path)
    types = {e["date_text"]: e["event_type"] for e in events}
    assert types["29 April 2018"] == "warning_sign"
    assert types["8.36am on 30 April 2018"] == "harm"
    missed = document_missed_opportunities(events)
    assert [(m["warning_date"], m["harm_date"]) for m in missed] == [
        ("2018-04-18", "2018-04-30"),
        ("2018-04-29", "2018-04-30"),
    ]


def test_a_disappearance_with_no_death_told_stays_the_harm(tmp_path):
    text = "Woman missing since May\n\nShe went missing on 3 May 2019 after calling police on 1 May 2019.\n"
    assert {e["date_text"]: e["event_type"] for e in _doc_events(text, tmp_path)}["3 May 2019"] == "harm"


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        ("Following his acquittal in October 2024, we reviewed our original decision.", "October 2024", "proceedings"),
        ("His conviction in May 2019 was quashed.", "May 2019", "proceedings"),
        ("He had previous convictions from 2015 for violence.", "2015", "warning_sign"),
    ],
)
def test_the_nouns_of_a_verdict_are_proceedings(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def test_an_uncued_date_under_an_inquest_headline_is_the_inquests(tmp_path):
    # clauses.headline_topics: the headline's institutional process is what an uncued date marks
    text = "Inquest into the death of John Doe opens\n\nOpens 7 September, 10am\n\nScheduled to 2 October\n"
    types = {e["date_text"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types == {"7 September, 10am": "inquiry", "2 October": "inquiry"}


def test_an_uncued_date_under_another_headline_stays_other(tmp_path):
    text = "Officer's statement on the investigation\n\nThe family spoke to reporters on 7 September 2020.\n"
    assert [e["event_type"] for e in _doc_events(text, tmp_path)] == ["other"]


def test_a_demonstrative_day_with_no_day_told_before_is_no_event(tmp_path):
    text = "Man jailed\n\nHe deserved prison for his role in a crime that night.\n"
    assert [e["date_text"] for e in _doc_events(text, tmp_path)] == []
    text = "Man jailed\n\nOn 3 May 2019 police were called. He was arrested that night.\n"
    assert [(e["date_text"], e["date"]) for e in _doc_events(text, tmp_path)] == [
        ("3 May 2019", "2019-05-03"),
        ("that night", "2019-05-03"),
    ]


# --------------------------------------------------------------------------- round 4 (issue 17, second round)


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # police follow-ups to a warning: a risk re-graded, a task raised to visit
        (
            "On 4 March 2021 the risk level was raised to high and officers searched the park.",
            "4 March 2021",
            "police_action",
        ),
        ("Later, on 4 March 2021, the risk grading was upgraded to medium.", "4 March 2021", "police_action"),
        ("A task was created for an officer to visit her on 5 March 2021.", "5 March 2021", "police_action"),
        # ... while a risk assessment not done, and the call itself, stay warnings
        ("No risk assessment was completed on 5 March 2021.", "5 March 2021", "warning_sign"),
        ("On 5 March 2021 she called police to report that he had threatened her.", "5 March 2021", "warning_sign"),
        # advice to call is no call: the date belongs to what else the sentence tells
        (
            "She was advised to call police and an officer visited her home on 6 March 2021.",
            "6 March 2021",
            "police_action",
        ),
        (
            "He was told to call 999 if she came back, and was given a crime number on 6 March 2021.",
            "6 March 2021",
            "other",
        ),
    ],
)
def test_police_follow_ups_to_a_warning_are_police_action(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # officers arrested: the arrest of the officers themselves is the start of an investigation
        ("Two officers were arrested in March 2016.", "March 2016", "investigation"),
        ("A sergeant who worked at the station was arrested in March 2016.", "March 2016", "investigation"),
        ("Two officers, and a retired police officer, were arrested in March 2016.", "March 2016", "investigation"),
        # ... but not across a clause with a subject of its own, nor with a verb that does not agree
        ("Officers attended on 3 May 2021 and the man was arrested for robbery.", "3 May 2021", "police_action"),
        ("Officers went to the flat on 3 May 2021, and he was arrested.", "3 May 2021", "police_action"),
        ("Officers searched the house where a suspect was arrested on 3 May 2021.", "3 May 2021", "police_action"),
    ],
)
def test_officers_arrested_is_clause_scoped(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a temporal adjunct a counted lapse away from its main clause: the date is the adjunct's event
        (
            "She collapsed at the station two hours after being brought there by her brother on 3 May 2021.",
            "3 May 2021",
            "other",
        ),
        ("He was found dead a week after being driven home by friends on 3 May 2021.", "3 May 2021", "other"),
        # ... while the adjunct's own cue still types it, and with no lapse the death's adjunct keeps the death
        ("He died two days after being arrested on 3 May 2021.", "3 May 2021", "police_action"),
        ("Kevin Doe died following restraint by officers on 9 March 2018.", "9 March 2018", "harm"),
        ("She collapsed at the station on 3 May 2021.", "3 May 2021", "harm"),
    ],
)
def test_a_date_in_a_lapsed_adjunct_is_not_the_main_clauses(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the force's own missing-person inquiry and a dispatch are police action
        (
            "She said that officers were slow in the missing person investigation of 4 and 5 May.",
            "4 and 5 May",
            "police_action",
        ),
        ("The missing persons enquiry began on 4 May 2021.", "4 May 2021", "police_action"),
        (
            "The court heard the officer had been sent by the control room to a man who fell at 2am.",
            "2am",
            "police_action",
        ),
        ("Two officers were dispatched to the scene on 4 May 2021.", "4 May 2021", "police_action"),
        # ... while a missing person report stays a warning
        ("Response to a missing person report - Anyshire Police, June 2015", "June 2015", "warning_sign"),
    ],
)
def test_missing_person_inquiries_and_dispatches_are_police_action(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a coroner's report to prevent future deaths is the inquiry's, not a death
        ("The coroner sent a Prevention of Future Deaths report to the force this month.", "this month", "inquiry"),
        ("A Regulation 28 report was issued to the chief constable on 3 May 2022.", "3 May 2022", "inquiry"),
        # ... while a death told as a happening stays the harm
        ("She died on 3 May 2022 at her home.", "3 May 2022", "harm"),
    ],
)
def test_a_coroners_report_is_the_inquiry(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the gerunds of detention and restraint are police action
        ("The officer seen detaining him on 3 May 2021 will not be charged.", "3 May 2021", "police_action"),
        ("Officers were filmed restraining a man on 3 May 2021.", "3 May 2021", "police_action"),
        # ... while a restraining order stays a warning sign (the longer cue)
        ("She obtained a restraining order on 3 May 2021.", "3 May 2021", "warning_sign"),
    ],
)
def test_detaining_and_restraining_are_police_action(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a suspect's state under a force's own investigation is no investigation event
        (
            "On 4 May 2021, the mother of a man who was under investigation by Anyshire Police reported him missing.",
            "4 May 2021",
            "warning_sign",
        ),
        # ... while officers under investigation, and an investigation by the force's watchdog, stay investigation
        ("On 4 May 2021, four officers were under investigation for misconduct.", "4 May 2021", "investigation"),
        ("An investigation by the IOPC began on 4 May 2021.", "4 May 2021", "investigation"),
    ],
)
def test_a_suspect_under_a_forces_investigation_is_no_investigation(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the offences of injury by name are harm, also as a verdict's object told with its complement
        (
            "He was found not guilty of inflicting grievous bodily harm during an incident in the early hours of 3 May 2021.",
            "3 May 2021",
            "harm",
        ),
        ("He caused her actual bodily harm on 3 May 2021.", "3 May 2021", "harm"),
        # ... while a bare charge stays proceedings
        ("He was charged with GBH on 3 May 2021.", "3 May 2021", "proceedings"),
    ],
)
def test_bodily_harm_offences_are_harm(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # an anchor clause goes on past a comma-closed relative clause inside it
        (
            "He flew to Spain on Saturday after Miss Doe, who was pregnant, was killed.",
            "on Saturday",
            "other",
        ),
        # ... and without the relative clause the anchor clause was already skipped
        ("He flew to Spain on Saturday after Miss Doe was killed.", "on Saturday", "other"),
        # a date inside the anchor clause is still the anchor event's
        ("He fled after Miss Doe, who was pregnant, was killed on 3 May 2021.", "3 May 2021", "harm"),
    ],
)
def test_an_anchor_clause_spans_its_relative_clause(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def _typed_events(rows: list[tuple[str | None, str | None, str, str]]):
    import pandas as pd

    return pd.DataFrame(rows, columns=["date", "date_end", "date_text", "event_type"])


@pytest.mark.parametrize(
    "gold, extracted, expected",
    [
        (  # two mentions of one day and a range ending on it pair in turn, not by spelling alone
            [
                ("2019-09-12", "12 September", "warning_sign"),
                ("2019-09-12", "12 September", "warning_sign"),
                ("2019-09-12", "Later, on 12 September", "harm"),
            ],
            [
                ("2019-08-21", "2019-09-12", "Between 21 August and 12 September", "warning_sign"),
                ("2019-09-12", None, "12 September", "warning_sign"),
                ("2019-09-12", None, "12 September", "harm"),
            ],
            [("warning_sign", "warning_sign"), ("warning_sign", "warning_sign"), ("harm", "harm")],
        ),
        (  # an unresolved gold date pairs only with an unresolved extraction of the same mention
            [(None, "more than 12 hours after", "harm"), (None, "the same day", "inquiry")],
            [(None, None, "Four hours later", "other"), (None, None, "the same day", "inquiry")],
            [("inquiry", "inquiry")],
        ),
        (  # ... where one expression holds the other as whole words: one mention, however far it reaches
            [(None, "July 16th", "harm"), (None, "around 6.30pm", "police_action")],
            [(None, None, "6.30pm", "police_action"), (None, None, "on July 16th", "warning_sign")],
            [("harm", "warning_sign"), ("police_action", "police_action")],
        ),
        (  # gold not in reading order: the alike expressions pair
            [
                ("2015-06-23", "the morning of her death", "warning_sign"),
                ("2015-06-23", "later that day", "harm"),
            ],
            [
                ("2015-06-23", None, "later that day", "harm"),
                ("2015-06-23", None, "on the morning of her death", "warning_sign"),
            ],
            [("warning_sign", "warning_sign"), ("harm", "harm")],
        ),
    ],
)
def test_the_evaluator_pairs_each_gold_event_with_its_own_mention(gold, extracted, expected):
    from oversight_research.evaluate import event_type_pairs

    doc = {"events": [{"date": d, "text": t, "type": k} for d, t, k in gold]}
    pairs = event_type_pairs(doc, _typed_events(extracted))
    assert [(g, x) for g, x, _ in pairs] == expected


# --------------------------------------------------------------------------- round s4


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a report named by the body or process that wrote it is that body's document: an inquiry
        ("Yesterday a Police Complaints Authority report said the force had failed her.", "Yesterday", "inquiry"),
        ("The Jo Bloggs investigation report was published yesterday.", "yesterday", "inquiry"),
        ("I welcomed the Public Inquiry report of Sir John Doe published on 5 July 2013.", "5 July 2013", "inquiry"),
        ("A serious case review report was published in June 2019.", "June 2019", "inquiry"),
        # ... not a report made to the police
        ("In May 2019 she made a report of stalking to the police.", "May 2019", "warning_sign"),
        ("On 3 May her son reported her missing.", "3 May", "warning_sign"),
    ],
)
def test_a_report_named_by_its_author_is_an_inquiry(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # a call whose content, told without "that", is the harm itself dates the harm
        (
            "Woman dies\n\nAt 1.16pm on 20 January 2022, her mother contacted Anyshire Police reporting she "
            "found her daughter dead.\n",
            "2022-01-20",
            "harm",
        ),
        (
            "Woman dies\n\nAt 5.13pm on 22 January 2018 the fire service contacted the police to inform them "
            "they had received reports of a woman on fire.\n",
            "2018-01-22",
            "harm",
        ),
        (
            "Man shot\n\nOn 4 June 2020 a passer-by phoned the police to say a man had been shot in the street.\n",
            "2020-06-04",
            "harm",
        ),
        # ... not a content told as intended or threatened
        (
            "Man dies\n\nOn 9 April 2016 his sister called police and said he would kill himself.\n",
            "2016-04-09",
            "warning_sign",
        ),
        (
            "Woman dies\n\nOn 22 January 2018 a friend called the police and said the woman was going to set "
            "herself on fire.\n",
            "2018-01-22",
            "warning_sign",
        ),
        # ... nor a content dated apart from the call
        (
            "Man killed\n\nOn 12 March 2019, she phoned the police and told them she had stabbed him two days "
            "previously.\n",
            "2019-03-12",
            "warning_sign",
        ),
        # ... nor a call whose content is no harm
        (
            "Woman dies\n\nOn 3 May 2018 a neighbour called police reporting she had not been seen for days.\n",
            "2018-05-03",
            "warning_sign",
        ),
    ],
)
def test_a_call_telling_the_harm_without_that_dates_the_harm(text, date, expected, tmp_path):
    assert {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)}[date] == expected


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # a release of the perpetrator before the harm is an earlier separate contact, however near
        (
            "Man stabbed\n\nPolice did not know Joe Doe had been in custody, and he was released on 29 July 2005. "
            "Later, on 29 July 2005, he stabbed Jo Bloggs to death.\n",
            "2005-07-29",
            "warning_sign",
        ),
        # ... so is an arrest over violence with no use of force told
        (
            "Woman killed\n\nIn June 2016 police arrested a man for offences against his ex-partner, whom he had "
            "previously been convicted of assaulting. He murdered her on 20 June 2016.\n",
            "2016-06",
            "warning_sign",
        ),
        # ... not an arrest with restraint before a death in custody: the harm incident
        (
            "Man dies in custody\n\nOn 3 May 2019 officers restrained and arrested a man for assaulting a "
            "neighbour. He died in custody on 3 May 2019.\n",
            "2019-05-03",
            "harm",
        ),
    ],
)
def test_a_release_or_an_arrest_over_violence_before_the_harm_is_a_warning(text, date, expected, tmp_path):
    types = [e["event_type"] for e in _doc_events(text, tmp_path) if e["date"] == date]
    assert expected in types and (expected != "warning_sign" or "police_action" not in types)


def test_a_bail_told_back_from_the_harm_is_a_warning(tmp_path):
    text = (
        "Woman murdered\n\nOn the final occasion, in March 2002, they found her strangled body. "
        "He had been arrested for attacking his wife but bailed by police the day before the murder.\n"
    )
    types = {e["date_text"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types["the day before the murder"] == "warning_sign"


def test_a_line_that_is_a_range_is_no_stamp(tmp_path):
    text = "Inquest into the death of Jo Bloggs closes\n\n18 - 29 October 2021\n\nThe jury returned its conclusion.\n"
    types = {(e["date"], e["event_type"]) for e in _doc_events(text, tmp_path)}
    assert ("2021-10-18", "publication") not in types and ("2021-10-18", "inquiry") in types


@pytest.mark.parametrize(
    "text,expected",
    [
        # a title month holding the body's first harm, dated to the day, is the harm's month
        (
            "Actions taken following missing person's report - Anyshire Police, March 2018\n\n"
            "On 25 January 2018 a woman called police to report that her son was missing. "
            "On 21 March 2018 the body of the young man was found.\n",
            "harm",
        ),
        # ... not when the first harm is known only to the month the title shares with a warning
        (
            "Response to missing person's report - Anyshire Police, June 2015\n\n"
            "In June 2015 at about 5.30am a man called police to report his partner missing. "
            "At 8.30am a member of the public found the woman's body.\n",
            "warning_sign",
        ),
        # ... and a title month before the harm's stays the time of the warnings
        (
            "Police contact with woman before being murdered - Anyshire Police, August 2019\n\n"
            "On 16 August 2019 a woman reported threats to police. On 12 September 2019 she was murdered.\n",
            "warning_sign",
        ),
    ],
)
def test_a_title_month_holding_the_first_harm_is_the_harms(text, expected, tmp_path):
    title = [e for e in _doc_events(text, tmp_path) if e["_headline"]]
    assert [e["event_type"] for e in title] == [expected]


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a harm that is the infinitive of an intention, plan or threat is intended: a warning sign
        (
            "At 4.10pm the man rang again and told an operator he was intending to drive to the bridge to "
            "kill himself.",
            "At 4.10pm",
            "warning_sign",
        ),
        (
            "On 2 March 2020 the woman called police because her ex-partner had threatened to kill her.",
            "2 March 2020",
            "warning_sign",
        ),
        ("In June 2017 he told a friend he planned to go to her flat to kill her.", "June 2017", "warning_sign"),
        ("In May 2015 he vowed to kill his neighbour.", "May 2015", "warning_sign"),
        # ... not a harm that happened: an attempt, a harm after "and", a harm noun with its determiner
        ("On 2 March 2020 he tried to kill her with a knife.", "2 March 2020", "harm"),
        ("On 2 March 2020 he vowed to leave and killed her.", "2 March 2020", "harm"),
        ("On 9 August 2018 the man was stabbed in the street.", "9 August 2018", "harm"),
    ],
)
def test_a_harm_intended_or_threatened_is_a_warning_sign(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "text,date,expected",
    [
        # in a document that tells no death or injury, a report or call to the police warns of nothing
        (
            "Officer dismissed\n\nOn 19 July 2009 a woman reported an incident to police. "
            "The officer later gave her wrong advice and was dismissed.\n",
            "2009-07-19",
            "other",
        ),
        (
            "Officer sacked over calls\n\nA man complained to the force on 4 March 2015 about the officer's "
            "messages. The officer was sacked.\n",
            "2015-03-04",
            "other",
        ),
        # ... but a report before a death or an injury is a warning sign
        (
            "Woman dies\n\nA woman who was killed by her former partner had asked police for help. "
            "On 19 July 2009 she reported an incident to police.\n",
            "2009-07-19",
            "warning_sign",
        ),
        (
            "Man hurt\n\nOn 19 July 2009 a woman reported an incident to police. "
            "Her neighbour was later seriously injured.\n",
            "2009-07-19",
            "warning_sign",
        ),
    ],
)
def test_a_report_in_a_document_telling_no_harm_is_other(text, date, expected, tmp_path):
    assert {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)}[date] == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the last sighting of a missing person, told in a report, is neither the report nor a harm
        (
            "A neighbour rang police on 9 June 2021 because the man had not been seen or heard from since 2 June 2021.",
            "2 June 2021",
            "other",
        ),
        ("His carer said she had last seen him on 14 March.", "14 March", "other"),
        ("Her sister reported her missing and said she was last seen on 1 May 2016.", "1 May 2016", "other"),
        ("The boy was last seen at 7pm on 3 October 2019 near a bus stop.", "3 October 2019", "other"),
        # ... the report itself stays a warning sign
        (
            "A neighbour rang police on 9 June 2021 because the man had not been seen or heard from since 2 June 2021.",
            "9 June 2021",
            "warning_sign",
        ),
    ],
)
def test_a_last_sighting_is_other(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        (
            "Officers visited her home on 1 and 4 January 2016 after she reported threats.",
            [("2016-01-01", 50), ("2016-01-04", 47)],
        ),
        (
            "She called police on Friday 1 and Monday 4 January 2016 to report threats.",
            [("2016-01-01", 50), ("2016-01-04", 47)],
        ),
        ("She reported threats to police between 1 and 4 January 2016.", [("2016-01-01", 50)]),
        ("She reported threats to police from 1 to 4 January 2016.", [("2016-01-01", 50)]),
    ],
)
def test_coordinated_days_of_a_warning_are_two_missed_opportunities_a_span_is_one(tmp_path, told, expected):
    """ "1 and 4 January" tells two happenings (the gold gives two events, one
    row each); a span of days is one warning, counted from its start."""
    text = f"Woman murdered after reports to police\n\n{told} She was murdered on 20 February 2016.\n"
    rows = document_missed_opportunities(_doc_events(text, tmp_path))
    assert [(r["warning_date"], r["interval_days"]) for r in rows] == expected


# --------------------------------------------------------------------------- round five (issue 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visit to the home the day before the death is an earlier, separate contact
        (
            "Police contact before a death\n\nOn 2 June 2018, officers went to a man's home on two occasions. "
            "He was pronounced dead in hospital on 3 June 2018.\n",
            {"2018-06-02": "warning_sign", "2018-06-03": "harm"},
        ),
        # officers seeing the woman the day before she was killed: a contact, and an earlier one
        (
            "Woman shot by husband\n\nOfficers saw the woman on 25 January 2018 and took further details. "
            "Her husband shot her dead on 26 January 2018.\n",
            {"2018-01-25": "warning_sign", "2018-01-26": "harm"},
        ),
        # a contact hours before the death, on its day, is part of the incident
        (
            "Man found dead\n\nAt 6.50pm on 14 February 2017 officers saw the man at his window and left. "
            "He was confirmed dead at 9.16pm on 14 February 2017.\n",
            {"2017-02-14": "harm"},
        ),
    ],
)
def test_a_contact_on_an_earlier_day_than_the_harm_is_separate(text, expected, tmp_path):
    events = _doc_events(text, tmp_path)
    assert {e["date"]: e["event_type"] for e in events if e["event_type"] != "police_action"} == expected
    if "6.50pm" in text:
        assert [e["event_type"] for e in events][0] == "police_action"


def test_a_span_of_contacts_reaching_the_harms_day_is_part_of_the_incident(tmp_path):
    text = (
        "Missing man found dead\n\nOfficers visited the address on 29 and 30 April 2018. "
        "He was found dead on 30 April 2018.\n"
    )
    types = [(e["date"], e["event_type"]) for e in _doc_events(text, tmp_path)]
    assert types == [("2018-04-29", "police_action"), ("2018-04-30", "harm")]


def test_officers_finding_the_man_unwell_date_the_harm(tmp_path):
    text = (
        "Concern for welfare\n\nOn 20 May 2022, police received a call of concern for a man's welfare. "
        "On 21 May 2022, officers attended the address and found the man to be unwell after an overdose. "
        "He died in hospital on 22 May 2022.\n"
    )
    events = _doc_events(text, tmp_path)
    assert {e["date"]: e["event_type"] for e in events}["2022-05-21"] == "harm"
    assert [(m["warning_date"], m["harm_date"]) for m in document_missed_opportunities(events)] == [
        ("2022-05-20", "2022-05-21")
    ]


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        ("A man who died in a crash was fleeing police, an inquest jury ruled today.", "today", "inquiry"),
        (
            "The jury ruled on Tuesday, 4 March, 2025 that she had been unlawfully killed.",
            "Tuesday, 4 March, 2025",
            "inquiry",
        ),
        (
            "An inquest jury returned a verdict of misadventure at Leeds Coroner's Court on Thursday.",
            "on Thursday",
            "inquiry",
        ),
        # a disciplinary panel's ruling stays an outcome, a criminal court stays proceedings
        ("The panel ruled on Tuesday that he should be dismissed.", "on Tuesday", "outcome"),
        ("He appeared at Leeds Crown Court on Thursday.", "on Thursday", "proceedings"),
    ],
)
def test_an_inquest_jurys_ruling_and_the_coroners_court_are_the_inquest(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        # the event an offset is counted forward from does not type it: the bodies were found then
        (
            "The bodies of the woman and her son were found at her cottage five days after he was released on bail.",
            "five days after",
            "harm",
        ),
        ("Five days after she called the police, he killed her.", "Five days after", "harm"),
        ("He was arrested two days after the murder.", "two days after", "police_action"),
    ],
)
def test_the_event_a_forward_offset_is_counted_from_does_not_type_it(sentence, date_text, expected):
    assert _type_of(sentence, date_text, "offset") == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        ("She returned home at 8.22pm, to find her partner dead.", "8.22pm", "harm"),
        ("At 7am his mother discovered her son unresponsive in his bed.", "At 7am", "harm"),
        ("At 7am she found her partner's phone.", "At 7am", "other"),
    ],
)
def test_finding_a_named_relative_dead_is_the_harm(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        # a comma-closed relative clause with no cue of its own between it and the date: the date is
        # the interrupted main clause's
        (
            "He was reported missing from the hospital, which provides mental health care, on 16 November 2015.",
            "16 November 2015",
            "warning_sign",
        ),
        # a relative clause with a cue after its comma keeps the cue ("the relative clause closed before")
        ("Ms Hunte, who lived alone, was killed on 14 May 2021.", "14 May 2021", "harm"),
    ],
)
def test_a_date_after_a_closed_relative_clause_is_the_interrupted_clauses(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        ("She died in hospital six days after she was assaulted at her home in August 2020.", "August 2020", "harm"),
        ("She was assaulted at her home in August 2020 and reported it to police.", "August 2020", "warning_sign"),
        # a verdict for an earlier offence: the offence keeps the date, an earlier assault
        (
            "Police knew he had been convicted for assaulting a former partner in 2009.",
            "2009",
            "warning_sign",
        ),
        ("He was convicted in 2009.", "2009", "proceedings"),
    ],
)
def test_violence_a_death_is_told_to_follow_and_an_offence_a_verdict_names(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        ("In June 2019, PC Green responded to an incident at a shop.", "In June 2019", "police_action"),
        ("Sergeant Smith attended the flat on 3 May 2020.", "3 May 2020", "police_action"),
        (
            "Officers had taken him to Little Brook Hospital, Dartford, on 17 June for an assessment.",
            "17 June",
            "police_action",
        ),
    ],
)
def test_police_contact_by_a_named_officer_or_taking_someone_to_hospital(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def test_a_contact_telling_a_collapse_days_before_the_death_is_the_incident(tmp_path):
    text = (
        "Man dies after police contact\n\nHe fell unconscious after officers had taken him to the hospital on "
        "17 June 2009. He died in intensive care on 23 June 2009.\n"
    )
    types = {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types == {"2009-06-17": "police_action", "2009-06-23": "harm"}


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        ("He died a week after crashing a stolen car in Surrey in 2009.", "2009", "harm"),
        ("He was left paralysed after a scuffle outside a nightclub in 2013.", "2013", "harm"),
        ("The constable committed the act of violence while off duty in December 2019.", "December 2019", "harm"),
    ],
)
def test_harm_vocabulary_crashing_scuffle_act_of_violence(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        (
            "At 11.09am, the call handler recorded their risk assessment on the incident log.",
            "At 11.09am",
            "police_action",
        ),
        ("At 11.09am the call was closed and no risk assessment was completed.", "At 11.09am", "warning_sign"),
        ("On 3 May 2019 officers did not complete a DASH risk assessment.", "On 3 May 2019", "warning_sign"),
    ],
)
def test_a_risk_assessment_done_is_police_action_one_not_done_a_warning(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        (
            "Police had been called to his home on August 30, 2010, after he went missing.",
            "August 30, 2010",
            "police_action",
        ),
        ("The officer had been called to the family home in January.", "in January", "police_action"),
        # an officer phoning someone is no dispatch
        ("The next day the officer called her and went to see her.", "The next day", "other"),
    ],
)
def test_police_sent_to_the_scene_in_the_perfect_or_singular(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def test_the_forces_handling_of_a_warning_weeks_before_the_harm_stays_police_action(tmp_path):
    text = (
        "Missing man found dead\n\nOn 25 January 2018 his mother called police to report him missing. "
        "After a risk assessment the incident was closed on 26 January 2018. "
        "Officers visited the address on 2 February 2018. "
        "On 21 March 2018 his body was found.\n"
    )
    events = _doc_events(text, tmp_path)
    types = {e["date"]: e["event_type"] for e in events}
    assert types == {
        "2018-01-25": "warning_sign",
        "2018-01-26": "police_action",  # the force's handling: no contact with anyone
        "2018-02-02": "warning_sign",  # a visit weeks before: an earlier separate contact
        "2018-03-21": "harm",
    }
    assert [m["warning_date"] for m in document_missed_opportunities(events)] == ["2018-01-25", "2018-02-02"]


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        (
            "Later that evening, the incident was re-graded as a high risk missing person enquiry.",
            "Later that evening",
            "police_action",
        ),
        (
            "On 19 February 2018 the police regraded the incident as a low-risk missing person.",
            "19 February 2018",
            "police_action",
        ),
        # a call graded on receipt is the warning's own grading
        ("On 3 May 2018 her call was graded as a standard response.", "3 May 2018", "warning_sign"),
    ],
)
def test_an_incident_regraded_by_the_force_is_police_action(sentence, date_text, expected):
    assert _type_of(sentence, date_text, "offset" if date_text.startswith("Later") else "") == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        ("The woman was found on 1 July 2018 by a family member in woodland.", "1 July 2018", "harm"),
        ("The woman was found safe on 1 July 2018.", "1 July 2018", "other"),
        ("He was found guilty on 1 July 2018.", "1 July 2018", "proceedings"),
    ],
)
def test_the_person_missing_found_is_the_discovery_of_the_harm(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        (
            "The first report into the shooting by the Ombudsman five years ago was rejected.",
            "five years ago",
            "inquiry",
        ),
        ("Yesterday, the IPCC released its investigation into the case.", "Yesterday", "inquiry"),
        # the shooting keeps a date of its own
        ("The shooting in June 1994 was investigated.", "June 1994", "harm"),
    ],
)
def test_an_oversight_report_and_its_release_are_the_inquiry(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # police sent to where something happens: the dispatch verb and its destination, whoever the subject
        (
            "The constabulary were called to the scene around 9pm on 3 March 2019 after a neighbour's call.",
            "3 March 2019",
            "police_action",
        ),
        (
            "The sergeant, who had been sent to a disturbance on 4 May 2020, later gave evidence.",
            "4 May 2020",
            "police_action",
        ),
        (
            "Officers had responded to an incident in the town centre on 2 June 2018 and found him.",
            "2 June 2018",
            "police_action",
        ),
        # someone taken or brought into custody, a date or a few words between
        (
            "The complainant had been taken into Anytown Police Station on 5 January 2017.",
            "5 January 2017",
            "police_action",
        ),
        ("He had been brought into the police station by colleagues in March 2022.", "March 2022", "police_action"),
        # a body named by any possessive is the harm's discovery
        ("Mr Smith's body was found in the harbour in February 1997.", "February 1997", "harm"),
        ("Ms Jones’s body was discovered at her flat on 19 December.", "19 December", "harm"),
        # the perpetrator going to a property is no dispatch
        ("He breached his bail conditions by going to their property on 8 April 2024.", "8 April 2024", "warning_sign"),
    ],
)
def test_police_sent_or_taking_someone_into_custody_is_police_action(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # an inquest or investigation into a harm told with the harm's own complement: the harm keeps the date
        (
            "The family asked for a fresh inquest into the killing of a local shopkeeper 40 years ago.",
            "40 years ago",
            "harm",
        ),
        (
            "The investigation of the murder of John Smith from Anytown, Countyshire, in 1997 was flawed.",
            "1997",
            "harm",
        ),
        (
            "A review into Mrs Brown's death in the town centre on 3 May 2011 heard she had called police.",
            "3 May 2011",
            "harm",
        ),
        # ... but a verb after the harm leaves the date to the inquest
        ("The inquest into his death will commence on Monday 12 November.", "Monday 12 November", "inquiry"),
        ("The inquest into the death of John Smith from Anytown concluded on 24 January.", "24 January", "inquiry"),
        (
            "The inquest into the death of John Smith returned its conclusions on 29 October 2021.",
            "29 October 2021",
            "inquiry",
        ),
    ],
)
def test_an_inquest_into_a_harm_told_with_its_complement_dates_the_harm(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


# --------------------------------------------------------------------------- session 6, second events helper


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a report whose content is the assault itself, told in the passive: the harm's date
        (
            "On 7 June 2019, the force received a report that a man had been badly assaulted in the street.",
            "7 June 2019",
            "harm",
        ),
        ("On 2 May 2018 police received a report that a woman had been attacked.", "2 May 2018", "harm"),
        # the victim's own complaint of what the offender did (active) stays a report: a warning
        (
            "On 2 May 2018 she phoned police to report that her ex-partner had assaulted her.",
            "2 May 2018",
            "warning_sign",
        ),
        # an assault reported as threatened stays a warning (no passive harm told)
        ("On 2 May 2018 police received a report that he had threatened her.", "2 May 2018", "warning_sign"),
    ],
)
def test_a_report_telling_the_assault_itself_in_the_passive_dates_the_harm(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "body,date_text,expected",
    [
        # background told inside a report, dated back from it: the background's time, not the report's
        (
            "On 3 March 2020 a friend called police and expressed concern, including that he had been evicted "
            "from his flat the previous day.",
            "the previous day",
            "other",
        ),
        (
            "On 3 March 2020 police received a call about a sighting of the man at a bus stop at 11pm the "
            "previous evening.",
            "11pm the previous evening",
            "other",
        ),
        (
            "On 3 March 2020 his wife contacted police at 6pm and reported that he had left the house at 9am "
            "that morning.",
            "9am that morning",
            "other",
        ),
        # the report itself dated back: still the report
        ("He had called police the previous day.", "the previous day", "warning_sign"),
        # a content telling its own warning keeps it: a threat, an assault
        (
            "On 3 March 2020 she reported that he had threatened her the previous day.",
            "the previous day",
            "warning_sign",
        ),
    ],
)
def test_background_told_inside_a_report_is_not_the_report(body, date_text, expected, tmp_path):
    text = f"Man found dead after police contact\n\n{body} He was found dead on 30 March 2020.\n"
    found = [e for e in _doc_events(text, tmp_path) if e["date_text"] == date_text]
    assert [e["event_type"] for e in found] == [expected]


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the officer's employment changed, told as a verb: an outcome
        ("The officer was suspended from the force in October 2018.", "October 2018", "outcome"),
        ("The constable had been suspended since June, the force said.", "since June", "outcome"),
        ("The driver, PC John Smith, retired last year.", "last year", "outcome"),
        ("PC Smith resigned in March 2019.", "March 2019", "outcome"),
        # a suspended sentence is no suspension from duty; a retired officer (adjective) is no retirement
        ("He was given a suspended sentence in May 2019.", "May 2019", "other"),
        ("He was jailed and given a suspended sentence in May 2019.", "May 2019", "proceedings"),
        ("A retired officer was interviewed under caution in May 2019.", "May 2019", "police_action"),
    ],
)
def test_a_change_of_the_officers_employment_is_an_outcome(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # every form of the lemma: "attacking" as "attacked", a counted "committed both offences"
        ("The officer denied attacking a man at the station in January 2017.", "in January 2017", "harm"),
        ("PC Smith committed both offences while on duty last year.", "last year", "harm"),
        ("He committed two offences in the town centre in May 2019.", "May 2019", "harm"),
    ],
)
def test_every_form_of_a_harm_lemma_is_a_harm(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


def test_the_cue_literals_read_from_tokens_are_those_the_text_holds():
    """``timeline._present_literals`` (a literal without whitespace read from
    the tokens, one with it tested on the text) is the set of cue literals
    each sentence of the raw documents holds, and of invented edge cases."""
    from pathlib import Path

    from oversight_research import timeline
    from oversight_research.text import lower_same_length

    _, literals = timeline._cue_plan()
    root = Path(__file__).resolve().parent.parent / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "raw").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "gathered" / "raw").glob("*.txt"))]
    sentences = [s for text in texts for s in text.split(". ")]
    sentences.append("He was arrested.On bail, (charged) with murder;\tfound\ndead “stabbed” in the  street")
    for sentence in sentences:
        lowered = lower_same_length(sentence)
        assert timeline._present_literals(lowered) == {w for w in literals if w in lowered}, sentence
    assert len(sentences) > 1000


# --------------------------------------------------------------------------- round ten (session 8)


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # the happening named by its noun and dated in the relative clause after it, every verb and opening
        (
            "The force was asked to review its handling of the incident, which happened in Leeds on 3 May 2019.",
            "3 May 2019",
        ),
        ("The charges concern an alleged assault that took place outside a bar in 2015.", "2015"),
        ("Detectives looked again at the attack which had occurred near the station in June 2018.", "June 2018"),
        ("The watchdog examined the altercation, which occurred at a party on 2 March 2021.", "2 March 2021"),
        ("Nobody was charged over the fight that happened in the car park in August 2016.", "August 2016"),
        # the noun told as the subject before its verb
        ("The teenager told officers that the assault happened in the park in late 2017.", "late 2017"),
        # the case's happening named as the tragic or fatal events
        ("The inquiry will look at contact with the police before the tragic events of 4 June.", "4 June"),
        ("The review focuses on the force's role in the fatal events of 9 March 2020.", "9 March 2020"),
    ],
)
def test_round_ten_an_incident_noun_dated_in_its_relative_clause_is_the_harm(sentence, date_text):
    assert _type_of(sentence, date_text) == "harm"


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a date in the possessive is the determiner of the noun after it
        ("We received a referral from the force about yesterday’s tragic events in the town.", "yesterday’s", "harm"),
        ("The officer was suspended until the outcome of Monday's hearing at headquarters.", "Monday's", "proceedings"),
        ("The family said they welcomed today's inquest verdict after the investigation.", "today's", "inquiry"),
        # no cue in the noun phrase after it: the clause decides, as before
        ("The IOPC investigation into yesterday's events was opened.", "yesterday's", "investigation"),
    ],
)
def test_round_ten_a_possessive_date_takes_the_cue_of_its_noun(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # a second predicate of the same subject, opened by "and"/"but" and an auxiliary, is its own clause
        ("Two constables denied assault and were cleared at the Old Bailey on Thursday.", "on Thursday", "proceedings"),
        ("The officer was cleared of assault but was dismissed in May 2019.", "May 2019", "outcome"),
        ("He stabbed his neighbour in 2015 and was jailed at the crown court in 2016.", "2016", "proceedings"),
        ("He stabbed his neighbour in 2015 and was jailed at the crown court in 2016.", "2015", "harm"),
        ("She reported the threats and had been told to call 999 on 2 June 2020.", "2 June 2020", "warning_sign"),
    ],
)
def test_round_ten_a_coordinated_predicate_with_an_auxiliary_is_its_own_clause(sentence, date_text, expected):
    assert _type_of(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # a flag on the police system is intelligence: a warning sign, whatever it flags
        ("A 'self-harm' marker had been added to his record two years previously.", "two years previously"),
        ("Officers placed a suicide marker on the address in 2017.", "2017"),
        ("High risk warning markers were put on her address in March 2019.", "March 2019"),
        ("In 2016 the force added a violence marker to his name.", "2016"),
    ],
)
def test_round_ten_a_marker_on_the_police_system_is_a_warning(sentence, date_text):
    assert _type_of(sentence, date_text) == "warning_sign"


def _row(n: int, date: str, kind: str, date_text: str, start: int) -> dict:
    return {
        "event_id": f"d:e{n}",
        "doc_id": "d",
        "date": date,
        "precision": "day",
        "event_type": kind,
        "date_text": date_text,
        "sentence": "a call to police" if kind == "warning_sign" else "found dead",
        "start": start,
        "end": start + len(date_text),
    }


@pytest.mark.parametrize(
    "warning_text,harm_text,expected",
    [
        # a day's order told by the clock, whatever order the text tells it in: every clock notation
        ("7.14am", "about 9.20am on 16 May 2019", 1),
        ("at 11:05", "at 14:30 on 16 May 2019", 1),
        ("just after 1am", "at approximately 5am on 16 May 2019", 1),
        ("10pm", "11.45pm on 16 May 2019", 1),
        # the warning's time after the harm's, or no time to compare: not before the harm
        ("10.30am", "about 9.20am on 16 May 2019", 0),
        ("the same day", "about 9.20am on 16 May 2019", 0),
        ("7.14am", "16 May 2019", 0),
    ],
)
def test_round_ten_a_warning_told_after_the_harm_of_its_day_precedes_it_by_the_clock(warning_text, harm_text, expected):
    events = [
        _row(1, "2019-05-16", "harm", harm_text, 10),
        _row(2, "2019-05-16", "warning_sign", warning_text, 100),
    ]
    assert len(document_missed_opportunities(events)) == expected


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # a verdict either way is proceedings, the acquittal as much as the conviction
        ("He had been charged with assault but was found not guilty on 3 May 2019.", "3 May 2019"),
        ("The constable was found guilty of assault on 3 May 2019.", "3 May 2019"),
    ],
)
def test_round_ten_a_verdict_of_not_guilty_is_proceedings(sentence, date_text):
    assert _type_of(sentence, date_text) == "proceedings"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # misconduct with a victim: sexual images in every wording, a position used or exploited
        ("A hearing was told that in May 2020 the officer sent a sexual photo to a colleague.", "May 2020"),
        ("In 2021 the constable shared sexual images of a woman he met on duty.", "2021"),
        ("In 2019 he used his senior position to take advantage of a junior officer.", "2019"),
        ("The sergeant exploited his position with a victim of crime in March 2018.", "March 2018"),
        ("In June 2017 he took advantage of a vulnerable woman he had met at work.", "June 2017"),
        # falling ill, every tense, with or without an adverb
        ("She fell ill on 3 May 2024 while waiting in the cell.", "3 May 2024"),
        ("On 3 May 2024 he became seriously unwell in custody.", "3 May 2024"),
        ("The prisoner was taken ill on 3 May 2024 at the station.", "3 May 2024"),
    ],
)
def test_round_ten_harm_vocabulary_paradigms(sentence, date_text):
    assert _type_of(sentence, date_text) == "harm"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # the police given or shown something: information to police, a warning sign
        ("Mr Smith gave officers the name of his attacker on 9 March 2005.", "9 March 2005"),
        ("In August 2021 the woman showed Kent Police officers doorbell footage of him.", "August 2021"),
        ("On 2 May 2019 she provided police with a description of the car.", "2 May 2019"),
        # the police learning something, in the active as in the passive ("police were made aware")
        ("Officers later found out that he was staying with his brother on 16 March 2005.", "16 March 2005"),
        ("Police became aware of a similar threat on 25 January 2014.", "25 January 2014"),
        ("On 3 May 2019 detectives learned that he had bought a knife.", "3 May 2019"),
    ],
)
def test_round_ten_the_police_given_shown_or_learning_something_is_a_warning(sentence, date_text):
    assert _type_of(sentence, date_text) == "warning_sign"


def test_round_ten_a_sentence_given_to_an_officer_is_no_report():
    sentence = "We note the sentence given to PC Chris Smith on 19 February 2021."
    assert _type_of(sentence, "19 February 2021") != "warning_sign"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # a page's date label anywhere in its line, and a full date run into a 24-hour clock
        ("By Jo Smith | Posted: August 22, 2012", "August 22, 2012"),
        ("Issued: 3.25pm, Friday, 28 June 2019, Corporate Communications", "Friday, 28 June 2019"),
        ("12 February 2024 17:00 Officer dismissed following misconduct hearing", "12 February 2024"),
        ("Last updated: 4 March 2021", "4 March 2021"),
    ],
)
def test_round_ten_a_pages_stamp_is_its_publication(sentence, date_text):
    assert _type_of(sentence, date_text) == "publication"


def test_round_ten_a_clock_in_prose_is_no_stamp():
    sentence = "He was arrested at 10:20pm on 3 May 2019 after a call."
    assert _type_of(sentence, "3 May 2019") != "publication"


def _doc_events(text: str, tmp_path) -> list[dict]:
    from oversight_research.ingest import read_document
    from oversight_research.timeline import extract_events

    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    return extract_events(read_document(path, tmp_path, None))


@pytest.mark.parametrize(
    "sentence,harm_text",
    [
        # the date right after an offset's event is that event's: its cues type it
        ("He was released by police a month before he killed her in March 2021.", "March 2021"),
        ("Officers visited two days before she was murdered on 9 May 2019.", "9 May 2019"),
        ("Police took no action weeks before he stabbed his partner in June 2018.", "June 2018"),
    ],
)
def test_round_ten_the_date_after_an_offsets_event_is_that_events(sentence, harm_text, tmp_path):
    events = _doc_events("Police contact with a woman\n\n" + sentence + "\n", tmp_path)
    assert {e["date_text"]: e["event_type"] for e in events}[harm_text] == "harm"


def test_round_ten_a_date_after_the_event_and_a_conjunction_is_not_the_events(tmp_path):
    sentence = "He was released a month before he killed her and was arrested in March 2021."
    events = _doc_events("Police contact with a woman\n\n" + sentence + "\n", tmp_path)
    assert {e["date_text"]: e["event_type"] for e in events}["March 2021"] != "harm"


def test_round_ten_a_body_contacted_through_which_is_no_police_contact():
    sentence = "She was sent a link to the crisis team website, which she contacted on 23 November 2018."
    assert _type_of(sentence, "23 November 2018") != "police_action"
    assert _type_of("Her sister contacted officers on 23 November 2018.", "23 November 2018") == "warning_sign"
