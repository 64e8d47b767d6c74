"""Round nine (session 7): a chronology entry whose paragraph goes on to a
death or injury found is the harm (``document.entry_found``), and the report
verbs' missing synonyms ("notified", "was reported as"). Invented sentences."""

from __future__ import annotations

import pytest
from conftest import doc_events as _doc_events
from conftest import typed as _typed

from oversight_research.timeline import document_missed_opportunities, event_type

_EARLIER = "On 2 March 2020, a neighbour telephoned Anyshire Police to report threats against the woman.\n\n"


@pytest.mark.parametrize(
    "entry,after",
    [
        # the finding in every voice and of every kind: dead, unconscious, injured, a body, pronounced dead
        (
            "On 9 April 2020, police received a call from paramedics asking for help.",
            "Officers found the woman unconscious.",
        ),
        ("On 9 April 2020, her son rang 999.", "Officers forced entry and found her dead."),
        ("On 9 April 2020, a relative contacted the police.", "They discovered the body of the woman in the garden."),
        (
            "On 9 April 2020, the force received a report from a passer-by.",
            "Officers found the man with serious head injuries.",
        ),
        (
            "On 9 April 2020, a relative contacted the police.",
            "Officers went to the house. The woman was pronounced dead.",
        ),
        ("On 9 April 2020, a relative contacted the police.", "Police gained entry. The woman was already deceased."),
        ("On 9 April 2020, officers visited the address.", "They found the tenant collapsed in the hallway."),
        ("On 9 April 2020, officers were called to the flat.", "The victim died at the scene."),
        # round ten: the plural, two people found dead
        ("On 9 April 2020, paramedics answered a welfare call.", "They sadly found the bodies of a couple inside."),
        ("On 9 April 2020, a neighbour rang 101.", "Officers discovered their bodies in the kitchen."),
    ],
)
def test_an_entry_whose_paragraph_goes_on_to_a_death_found_is_the_harm(entry, after, tmp_path):
    text = "Police contact with a woman\n\n" + _EARLIER + entry + " " + after + "\n"
    events = _doc_events(text, tmp_path)
    types = {e["date"]: e["event_type"] for e in events}
    assert types["2020-04-09"] == "harm"
    assert types["2020-03-02"] == "warning_sign"
    rows = document_missed_opportunities(events)
    assert [(r["warning_date"], r["harm_date"]) for r in rows] == [("2020-03-02", "2020-04-09")]


def test_the_finding_may_open_the_next_paragraph_when_the_entry_closes_its_own(tmp_path):
    text = (
        "Police contact with a child\n\n"
        + _EARLIER
        + "On 9 April 2020, Anyshire Police received a call from the ambulance service.\n\n"
        "Officers attended and found the child unconscious. The child died in hospital two days later.\n"
    )
    events = _doc_events(text, tmp_path)
    rows = document_missed_opportunities(events)
    assert [(r["warning_date"], r["harm_date"]) for r in rows] == [("2020-03-02", "2020-04-09")]


@pytest.mark.parametrize(
    "entry,after",
    [
        # time passing: not the entry's day
        ("On 9 April 2020, a relative contacted the police.", "The woman was later found dead."),
        ("On 9 April 2020, a relative contacted the police.", "She was found dead in her flat weeks afterwards."),
        # too far on: more than `entry_reach` undated sentences
        (
            "On 9 April 2020, a relative contacted the police.",
            "Officers spoke to her. They gave advice. The case was filed. Officers found her dead.",
        ),
        # found, but not harmed
        ("On 9 April 2020, a relative contacted the police.", "Officers found the woman safe and well."),
    ],
)
def test_an_entry_is_not_the_harm_when_the_death_is_told_apart(entry, after, tmp_path):
    # (the body dates a harm, so a death told without a date is not taken as the paragraph's day either)
    text = "Police contact with a woman\n\n" + _EARLIER + entry + " " + after + "\n\nShe was killed on 20 April 2020.\n"
    types = {e["date"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types["2020-04-09"] != "harm"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # "notified", a synonym of told/informed, in the active, the passive, and with the force named
        ("On 3 May 2021, Anyshire Police were notified of a man threatening his neighbour.", "3 May 2021"),
        ("On 3 May 2021, the hospital notified police that the patient had left.", "3 May 2021"),
        ("On 3 May 2021, a teacher notified Anyshire Police about the boy.", "3 May 2021"),
        ("On 3 May 2021, staff notified officers of the threat.", "3 May 2021"),
        # a person reported in the passive, in every tense
        ("In May 2021 her son was reported as missing from home.", "May 2021"),
        ("In May 2021 the patient had been reported as absent without leave.", "May 2021"),
        ("In May 2021 both men were reported as carrying knives.", "May 2021"),
    ],
)
def test_notified_and_reported_as_are_reports_to_the_police(sentence, date_text):
    assert _typed(sentence, date_text) == "warning_sign"


@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        # the reduced passive of "raised concerns", "made a call": a headline's or a noun phrase's
        ("Welfare concerns raised with police - Anyshire Police, June 2021", "June 2021", "warning_sign"),
        ("Concerns reported for a child - Anyshire Police, August 2022", "August 2022", "warning_sign"),
        ("The concern voiced by a neighbour on 4 May 2021 was not passed on.", "4 May 2021", "warning_sign"),
        ("The calls made to police by the woman in March 2019 were graded as routine.", "March 2019", "warning_sign"),
        ("A report received from a teacher on 2 May 2019 was not recorded.", "2 May 2019", "warning_sign"),
        ("Complaints logged with the force in 2018 went unanswered.", "2018", "warning_sign"),
        # ... not concerns raised in an oversight body's report
        ("The concerns raised in the IOPC report of June 2021 were accepted.", "June 2021", "inquiry"),
    ],
)
def test_the_reduced_passive_of_a_report_is_a_report(sentence, date_text, expected):
    assert _typed(sentence, date_text) == expected


@pytest.mark.parametrize(
    "sentence,text",
    [
        # a period of years told back from (or after) the harm is a span like "in the weeks before": no one date
        ("In the six years before her death, he was arrested 23 times.", "In the six years before her death"),
        (
            "He was reported to police nine times in the two years before he killed her.",
            "in the two years before he killed",
        ),
        (
            "During the years before she was murdered, her family called the police.",
            "During the years before she was murdered",
        ),
        ("In the three years after his death, the force changed its policy.", "In the three years after his death"),
    ],
)
def test_a_period_of_years_before_the_harm_is_unresolved(sentence, text, tmp_path):
    body = "A woman was murdered on 3 May 2019.\n\n" + sentence + "\n"
    events = {e["date_text"]: e for e in _doc_events(body, tmp_path)}
    assert events[text]["date"] is None


def test_a_counted_lapse_from_the_harm_is_still_resolved(tmp_path):
    body = "A woman was murdered on 3 May 2019.\n\nSix years before her death, he was arrested for assault.\n"
    events = {e["date_text"]: e for e in _doc_events(body, tmp_path)}
    assert events["Six years before her death"]["date"] == "2013"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # the force's own handling of a call or log, in the verb, every voice (police action, no contact)
        ("The request was risk assessed by a call handler at 1.04pm on 3 May 2021.", "1.04pm on 3 May 2021"),
        ("A call handler risk-assessed the call on 3 May 2021 as a priority.", "3 May 2021"),
        ("The log was accepted at 1.31pm on 3 May 2021 by a dispatcher.", "1.31pm on 3 May 2021"),
        ("On 3 May 2021 the incident was allocated to a local officer.", "3 May 2021"),
        ("A dispatcher opened a log on 3 May 2021.", "3 May 2021"),
        ("At 11.39am on 3 May 2021, an officer recorded information on the log.", "At 11.39am on 3 May 2021"),
        ("On 3 May 2021 a supervisor added a note to the incident log.", "3 May 2021"),
    ],
)
def test_the_forces_handling_of_a_log_is_police_action(sentence, date_text):
    assert _typed(sentence, date_text) == "police_action"


def test_handling_a_day_before_the_harm_stays_police_action(tmp_path):
    text = (
        "Police response to a welfare check request\n\n"
        "On 8 May 2021 at 12.35pm a neighbour asked police to check on the man. "
        "The request was risk assessed by a call handler at 1.04pm. "
        "The log was accepted at 1.31pm by a dispatcher.\n\n"
        "The man was found dead on 9 May 2021.\n"
    )
    types = {e["date_text"]: e["event_type"] for e in _doc_events(text, tmp_path)}
    assert types["1.04pm"] == "police_action"
    assert types["1.31pm"] == "police_action"
    assert types["8 May 2021 at 12.35pm"] == "warning_sign"


@pytest.mark.parametrize(
    "sentence",
    [
        # the state found told as a noun phrase, in the sentence that dates the contact
        "When officers arrived at her home on 3 May 2021, they found her in an unresponsive state.",
        "Officers forced entry on 3 May 2021 and found the man in a critical condition.",
        "Police attended on 3 May 2021 and found him in an unconscious state.",
    ],
)
def test_a_state_found_as_a_noun_phrase_dates_the_harm(sentence):
    at = sentence.index("3 May 2021")
    from oversight_research.dates import find_mentions
    from oversight_research.timeline import _death_found

    mentions = find_mentions(sentence)
    assert _death_found(sentence, at, at + len("3 May 2021"), mentions)


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # killing's synonyms, in every form
        ("A mother and daughter were slaughtered in their flat in 1993.", "1993"),
        ("He slaughtered three people in March 2001.", "March 2001"),
        ("The massacre of the villagers in 1972 was never investigated.", "1972"),
        ("She was butchered at her home in May 2004.", "May 2004"),
        # a state found, in the passive with "to be"
        ("He was found to be unresponsive in his cell on 30 April 2018.", "30 April 2018"),
        ("The woman was found to be unconscious on 30 April 2018.", "30 April 2018"),
    ],
)
def test_synonyms_of_killing_and_a_state_found_are_harm(sentence, date_text):
    assert _typed(sentence, date_text) == "harm"


def test_a_collapse_days_before_a_death_is_one_incident(tmp_path):
    text = (
        "Custody death\n\n"
        "He was arrested on April 29 2018 and detained. "
        "He was found to be unresponsive in his cell at around 7.45am the following morning. "
        "He died in a hospital on May 8 2018.\n"
    )
    events = _doc_events(text, tmp_path)
    types = {e["date"]: e["event_type"] for e in events}
    assert types["2018-04-30"] == "harm"
    assert document_missed_opportunities(events) == []


@pytest.mark.parametrize(
    "contact",
    [
        # an entry told by its only date, wherever it stands: an offset, a time, a day
        "Officers attended approximately four hours later.",
        "Officers went to the flat at 11pm.",
        "Officers attended the address later that day.",
    ],
)
def test_an_entry_told_by_its_only_date_is_the_harm_found_after_it(contact, tmp_path):
    text = (
        "Police response to a 999 call\n\n"
        "On 7 July 2019, a man called 999 to report that his neighbour had threatened to take his own life. "
        + contact
        + " They informed the control room that they had found a man hanging.\n"
    )
    events = _doc_events(text, tmp_path)
    harm = [e for e in events if e["event_type"] == "harm"]
    assert [e["date"] for e in harm] == ["2019-07-07"]
    assert harm[0]["date_text"] != "7 July 2019"
    rows = document_missed_opportunities(events)
    assert [(r["warning_date"], r["harm_date"]) for r in rows] == [("2019-07-07", "2019-07-07")]


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # the death pronounced at the contact the one date marks, every form of the verb
        (
            "An ambulance arrived an hour after 3pm on 7 July 2019 and the man was pronounced dead.",
            "3pm on 7 July 2019",
        ),
        ("Officers forced entry on 7 July 2019 and the woman was declared dead.", "7 July 2019"),
        ("Paramedics attended on 7 July 2019 and he was later confirmed dead.", "7 July 2019"),
    ],
)
def test_a_death_pronounced_at_the_contact_dates_the_harm(sentence, date_text):
    from oversight_research.dates import find_mentions
    from oversight_research.timeline import _death_found

    at = sentence.index(date_text)
    assert _death_found(sentence, at, at + len(date_text), find_mentions(sentence))


@pytest.mark.parametrize(
    "plan",
    [
        # a plan or expectation told in the past, in every form: no step of the narrative
        "Police rang her back and arranged to visit her the next day.",
        "The officer agreed to return the following day.",
        "The officer who dealt with it would be on duty the next day.",
        "An appointment was scheduled for the next day.",
        "Officers promised to call her the next day.",
    ],
)
def test_a_plan_told_in_the_past_is_no_step_of_the_narrative(plan, tmp_path):
    text = (
        "A woman was murdered\n\nAt 6pm on 5 May 2009 she called the police. "
        + plan
        + " At about 2.45am the following morning he broke into her home.\n"
    )
    events = {e["date_text"]: e["date"] for e in _doc_events(text, tmp_path)}
    planned = next(d for t, d in events.items() if t.lower().startswith(("the next", "the following day")))
    assert planned == "2009-05-06"
    assert events["At about 2.45am the following morning"] == "2009-05-06"


def test_updating_the_log_is_police_action():
    sentence = "On 28 June 2019 the officer updated the log with a reference number."
    at = sentence.index("28 June 2019")
    assert event_type(sentence, at, at + len("28 June 2019")) == "police_action"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # unconscious beside unresponsive, every verb of the cue
        ("She was found two days later in the garage, where she was unconscious, on 10 March 2019.", "10 March 2019"),
        ("He became unconscious in the van on 10 March 2019.", "10 March 2019"),
        ("The man was unconscious on 10 March 2019 when paramedics arrived.", "10 March 2019"),
    ],
)
def test_unconscious_is_a_harm_like_unresponsive(sentence, date_text):
    assert _typed(sentence, date_text) == "harm"


@pytest.mark.parametrize(
    "sentence",
    [
        # the police told of something in the passive, whoever in the force is told
        "On 21 May 2016 a GMP officer was informed that the man had left his bail address.",
        "On 21 May 2016 the call handler was told that he had a knife.",
        "On 21 May 2016 the control room was notified that she was missing.",
        "On 21 May 2016 officers had been warned that he was violent.",
    ],
)
def test_anyone_in_the_force_told_in_the_passive_is_a_warning(sentence):
    at = sentence.index("21 May 2016")
    assert event_type(sentence, at, at + len("21 May 2016")) == "warning_sign"


@pytest.mark.parametrize(
    "sentence",
    [
        # the place visited with a possessive of its own: a name's, a noun's
        "Police attended VB's property in June 2012 after a report of damage.",
        "Officers attended the man’s address in June 2012.",
        "An officer visited the victim's home in June 2012.",
    ],
)
def test_a_visit_to_someones_home_is_police_action(sentence):
    at = sentence.index("June 2012")
    assert event_type(sentence, at, at + len("June 2012")) == "police_action"


@pytest.mark.parametrize(
    "sentence,date_text",
    [
        # discovered, the synonym of found, in the contact's sentence
        (
            "On 25 November 2017 at 8.57am, the force was contacted by a member of the public who had discovered a body.",
            "25 November 2017 at 8.57am",
        ),
        ("Officers forced entry on 3 May 2019 and discovered her dead.", "3 May 2019"),
        ("Police attended on 3 May 2019 and discovered the man unresponsive.", "3 May 2019"),
    ],
)
def test_discovered_is_a_discovery_like_found(sentence, date_text):
    from oversight_research.dates import find_mentions
    from oversight_research.timeline import _death_found

    at = sentence.index(date_text)
    assert _death_found(sentence, at, at + len(date_text), find_mentions(sentence))


# Round eleven (session 9): "the incident" placed or dated by a preposition or a verb of happening
# is the case's happening (harm); an anaphor, a log, a domestic incident or a contact's incident is not.
@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        ("The panel reviewed what the constable did during the incident in May 2019.", "May 2019", "harm"),
        ("The charge relates to an incident in Anytown on 4 June 2021.", "4 June 2021", "harm"),
        ("The third incident took place in the town centre in August 2015.", "August 2015", "harm"),
        ("At the time of the incident on 9 May 2022 the driver was unaware.", "9 May 2022", "harm"),
        ("The report looked at the incidents in March 2017 at the school.", "March 2017", "harm"),
        # not: an anaphor of an incident already told, a domestic incident, a log, a contact
        ("The sergeant gave a false account of this incident on 3 March 2019.", "3 March 2019", "other"),
        ("The incident in question occurred on 3 March 2019.", "3 March 2019", "other"),
        ("Officers attended a domestic incident on 3 March 2019.", "3 March 2019", "warning_sign"),
        ("An incident log was opened on 3 March 2019.", "3 March 2019", "police_action"),
        ("Two officers were sent to an incident on 3 March 2019.", "3 March 2019", "police_action"),
    ],
)
def test_the_incident_dated_is_the_harm(sentence, date_text, expected):
    assert _typed(sentence, date_text) == expected


# Round eleven (session 9): a title's month labels the case; when the body dates no harm, it is the harm's.
@pytest.mark.parametrize(
    "title",
    [
        "Response to reports of threats made to a woman - Anyshire Police, March 2019",
        "Police contact with a woman before her death - Anyshire Constabulary, March 2019",
        "Officers' handling of 999 calls from a neighbour - Anyshire Police, March 2019",
    ],
)
def test_a_title_month_is_the_harm_when_the_body_dates_none(title, tmp_path):
    body = "\n\nOfficers were told that the man had not been seen for some time. The force has accepted the learning.\n"
    events = _doc_events(title + body, tmp_path)
    assert [e["event_type"] for e in events if e["date"] == "2019-03"] == ["harm"]


@pytest.mark.parametrize(
    "body,expected",
    [
        # the body dates no harm but a warning in the title's month: the title month is the warnings'
        ("On 4 March 2019 a neighbour called the police to report threats.", "warning_sign"),
        # the body dates the harm in another month: the title month is the warnings' (unchanged)
        (
            "On 4 March 2019 a neighbour called the police to report threats. On 2 May 2019 the woman was killed.",
            "warning_sign",
        ),
        # an investigation the title names keeps its type
        ("The investigation found no case to answer.", "investigation"),
    ],
)
def test_a_title_month_keeps_its_type_when_the_body_dates_a_harm_or_it_names_an_inquiry(body, expected, tmp_path):
    title = (
        "Calls to police about threats to a woman - Anyshire Police, March 2019"
        if expected == "warning_sign"
        else "Investigation into an officer's conduct - Anyshire Police, March 2019"
    )
    events = _doc_events(title + "\n\n" + body + "\n", tmp_path)
    assert [e["event_type"] for e in events if e["date"] == "2019-03"] == [expected]


# Round eleven (session 9): the collision's verb, the blows of a use of force by their verbs, and the
# offences or abuse that "took place".
@pytest.mark.parametrize(
    "sentence,date_text,expected",
    [
        ("The patrol car collided with a cyclist on the ring road in June 2020.", "June 2020", "harm"),
        ("His motorbike had collided with a lorry near the bridge on 2 May 2018.", "2 May 2018", "harm"),
        ("The sergeant kneed the prisoner twice in the cell in June 2020.", "June 2020", "harm"),
        ("A constable headbutted a protester during the march in June 2020.", "June 2020", "harm"),
        ("It was alleged the officer slapped a teenager outside the station in June 2020.", "June 2020", "harm"),
        ("The officer grabbed her by the throat at the bus stop in June 2020.", "June 2020", "harm"),
        ("The man was struck three times by armed officers in a car park in June 2020.", "June 2020", "harm"),
        ("The abuse took place between 1990 and 1994, when the girls were in care.", "1990", "harm"),
        ("The offences took place in a children's home in June 1985.", "June 1985", "harm"),
        # not: a hold or a hit of the sentence's other senses, an offence not said to have happened
        ("The force was hit by budget cuts in June 2020.", "June 2020", "other"),
        ("He held the post of inspector until June 2020.", "June 2020", "other"),
        (
            "The van collided with a bollard in the car park in June 2020 and its bumper was damaged.",
            "June 2020",
            "other",
        ),
    ],
)
def test_collision_and_force_verbs_are_harm(sentence, date_text, expected):
    assert _typed(sentence, date_text) == expected
