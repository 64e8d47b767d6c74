"""Round fourteen (session 13): structural rules counted over every set, read
on gathered/vault8 first (docs/codebook.md, "Round fourteen (session 13)").
Invented sentences, none copied from a document."""

from __future__ import annotations

import pytest

from oversight_research.timeline import document_missed_opportunities, event_type


def _typed(sentence: str, date_text: str) -> str:
    """The type ``event_type`` gives the date expression ``date_text`` of ``sentence``."""
    at = sentence.index(date_text)
    return event_type(sentence, at, at + len(date_text))


def _doc_events(text: str, tmp_path, name: str = "d") -> list[dict]:
    from oversight_research.ingest import read_document
    from oversight_research.timeline import extract_events

    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return extract_events(read_document(path, tmp_path, None))


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
