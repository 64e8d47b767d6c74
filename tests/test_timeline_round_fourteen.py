"""Round fourteen (session 13): structural rules counted over every set, read
on gathered/vault8 first (docs/codebook.md, "Round fourteen (session 13)").
Invented sentences, none copied from a document."""

from __future__ import annotations

import pytest
from conftest import doc_events as _doc_events
from conftest import typed as _typed

from oversight_research.timeline import document_missed_opportunities


def _event(n: int, date: str, text: str, sentence: str, kind: str = "warning_sign") -> dict:
    start = sentence.index(text) + 1000 * n
    return {
        "doc_id": "d",
        "event_id": f"d:e{n}",
        "date": date,
        "date_end": None,
        "precision": "day",
        "date_text": text,
        "event_type": kind,
        "sentence": sentence,
        "start": start,
        "end": start + len(text),
    }


_FIRST_CALL = "Her brother phoned the police at 2.10am to say she had not come home."
_SECOND_CALL = "He rang again at 3.40am, saying she had a heart condition."
_BOTH_CALLS = "Her brother phoned the police twice that night, at 2.10am and at 3.40am, to say she had not come home."
_UNTIMED = "On 9 May 2022 her brother phoned the police to say she had not come home."
_FOUND = "At about 11am on 9 May 2022 she was found dead in a flat."


@pytest.mark.parametrize(
    "warnings,harm,expected",
    [
        ([("2.10am", _FIRST_CALL), ("3.40am", _SECOND_CALL)], ("2022-05-09", "day"), 2),
        # the same time of day told again is one warning
        ([("2.10am", _FIRST_CALL), ("2.10am", "The call at 2.10am was graded as routine.")], ("2022-05-09", "day"), 1),
        # two times told in one sentence stay one warning, as before
        ([("2.10am", _BOTH_CALLS), ("3.40am", _BOTH_CALLS)], ("2022-05-09", "day"), 1),
        # a harm told only by its month orders nothing by the clock
        ([("2.10am", _FIRST_CALL), ("3.40am", _SECOND_CALL)], ("2022-05", "month"), 1),
    ],
)
def test_two_times_of_the_harm_day_in_two_sentences_are_two_warnings(warnings, harm, expected):
    events = [_event(n, "2022-05-09", text, sentence) for n, (text, sentence) in enumerate(warnings)]
    found = _event(len(events), harm[0], "At about 11am on 9 May 2022", _FOUND, "harm")
    events.append({**found, "precision": harm[1]})
    assert len(document_missed_opportunities(events)) == expected


def test_a_timed_mention_of_a_day_is_kept_before_an_untimed_one():
    events = [_event(0, "2022-05-09", "9 May 2022", _UNTIMED), _event(1, "2022-05-09", "2.10am", _FIRST_CALL)]
    events.append(_event(2, "2022-05-09", "At about 11am on 9 May 2022", _FOUND, "harm"))
    assert [r["warning_text"] for r in document_missed_opportunities(events)] == ["2.10am"]


_RELEASED = (
    "Woman killed in crash after driver left custody - Anyshire Police\n\n"
    "At 8.10pm on 3 March 2021 an officer stopped a van in Anytown because of the way it was being driven.\n\n"
    "The officer took the driver to a police station, where his detention was authorised at 8.55pm on 3 March 2021.\n\n"
    "At 10.20am on 4 March 2021 the driver was deemed fit for release from custody.\n\n"
    "At 2.15pm on 4 March 2021 the van he was driving hit a car and a woman was killed.\n"
)


def _types(events: list[dict]) -> list[tuple[str, str]]:
    return [(e["date_text"], e["event_type"]) for e in events if e["event_type"] != "publication"]


def test_contacts_before_a_release_that_precedes_the_harm_are_warnings(tmp_path):
    types = dict(_types(_doc_events(_RELEASED, tmp_path)))
    assert types["At 8.10pm on 3 March 2021"] == "warning_sign"
    assert types["8.55pm on 3 March 2021"] == "warning_sign"
    assert types["At 10.20am on 4 March 2021"] == "warning_sign"
    assert types["At 2.15pm on 4 March 2021"] == "harm"


def test_custody_with_no_release_before_the_death_stays_police_action(tmp_path):
    text = _RELEASED.replace("deemed fit for release from custody", "found unresponsive in his cell").replace(
        "the van he was driving hit a car and a woman was killed", "he died in hospital"
    )
    types = dict(_types(_doc_events(text, tmp_path)))
    assert types["At 8.10pm on 3 March 2021"] == "police_action"


def test_a_release_told_after_the_harm_retypes_nothing(tmp_path):
    text = (
        "Man died after arrest - Anyshire Police\n\n"
        "At 8.10pm on 3 March 2021 officers restrained a man in Anytown and took him into custody.\n\n"
        "At 9.30pm on 3 March 2021 he died in hospital.\n\n"
        "A second man arrested with him was released on bail on 5 March 2021.\n"
    )
    types = dict(_types(_doc_events(text, tmp_path)))
    assert types["At 8.10pm on 3 March 2021"] == "police_action"


_RELEASE_LINE = "The man was released on bail at 6pm on 2 March 2021."
_STOP_LINE = "Officers stopped the man in Anytown on 2 March 2021."
_CRASH_LINE = "His car hit a wall on 4 March 2021 and he was killed."


@pytest.mark.parametrize(
    "contact,release,harm_date,expected",
    [
        # told before the release, dated on or before its day: one episode, a warning
        ((0, "2021-03-02"), (1, "2021-03-02"), "2021-03-04", "warning_sign"),
        # told after the release: not part of what was released
        ((2, "2021-03-02"), (1, "2021-03-02"), "2021-03-04", "police_action"),
        # dated after the release's day, though told before it
        ((0, "2021-03-03"), (1, "2021-03-02"), "2021-03-04", "police_action"),
        # a release after the first harm ends no episode before it
        ((0, "2021-03-05"), (1, "2021-03-06"), "2021-03-04", "police_action"),
    ],
)
def test_the_released_episode_is_what_came_before_the_release(contact, release, harm_date, expected):
    from oversight_research.timeline import _released_episode

    stop = _event(contact[0], contact[1], "2 March 2021", _STOP_LINE, "police_action")
    freed = _event(release[0], release[1], "6pm on 2 March 2021", _RELEASE_LINE, "warning_sign")
    harm = _event(3, harm_date, "4 March 2021", _CRASH_LINE, "harm")
    _released_episode([stop, freed, harm], harm)
    assert stop["event_type"] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "On 4 May 2021 two officers reached the address.",
        "On 4 May 2021 PC Jones got to her home.",
        "On 4 May 2021 the sergeant returned to the man's flat.",
        "On 4 May 2021 police finally reached the scene.",
    ],
)
def test_reaching_a_place_is_a_police_arrival(sentence):
    assert _typed(sentence, "4 May 2021") == "police_action"


@pytest.mark.parametrize(
    "sentence",
    [
        "On 4 May 2021 the inspector reached a decision on the complaint.",
        "On 4 May 2021 police reached a settlement with the family.",
        "On 4 May 2021 the unit reached its target.",
        "On 4 May 2021 officers returned to work.",
    ],
)
def test_reaching_no_place_is_no_police_arrival(sentence):
    assert _typed(sentence, "4 May 2021") != "police_action"
