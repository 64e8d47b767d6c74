"""Temporal expressions: one test per family, and the things that are not dates."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight_research.dates import Context, find_mentions, resolve_all


def resolved(text: str, published: str | None = None) -> list[tuple[str, str | None, str]]:
    ctx = Context(published=dt.date.fromisoformat(published) if published else None)
    out = resolve_all(text, [find_mentions(text)], ctx)[0]
    return [(m.text, m.date, m.precision) for m in out]


@pytest.mark.parametrize("text,value,precision", [
    ("It happened on 27 July 2016 in the city.", "2016-07-27", "day"),
    ("It happened on June 13 2023 in the city.", "2023-06-13", "day"),
    ("Published 08 Oct 2018", "2018-10-08", "day"),
    ("The call on 13/06/2023 was graded.", "2023-06-13", "day"),
    ("It was alleged that on 4th March 2018, PC A used language.", "2018-03-04", "day"),
    ("News • Sep 13, 2017 14:22 BST", "2017-09-13", "day"),
    ("The assault in May 2023 was not investigated.", "2023-05", "month"),
    ("The inquiry ended in August 2018.", "2018-08", "month"),
    ("In 2015 the force had 40 detectives.", "2015", "year"),
    ("Proceedings completed in early 2019.", "2019", "year"),
])
def test_absolute_dates(text, value, precision):
    found = resolved(text)
    assert [(d, p) for _, d, p in found] == [(value, precision)]


@pytest.mark.parametrize("text", ["covering a period between 2012-2015.", "from 2012 to 2015 the unit"])
def test_ranges_have_start_and_end(text):
    ctx = Context()
    (mention,) = resolve_all(text, [find_mentions(text)], ctx)[0]
    assert (mention.date, mention.date_end, mention.precision) == ("2012", "2015", "range")


@pytest.mark.parametrize("text,published,value", [
    ("He killed three people last year.", "2024-03-11", "2023"),
    ("They were stabbed in June last year.", "2024-03-11", "2023-06"),
    ("The watchdog announced the change on Monday.", "2024-03-11", "2024-03-11"),
    ("It was announced on Friday.", "2024-03-11", "2024-03-08"),
    ("They launched an investigation last month.", "2024-03-11", "2024-02"),
    ("In March, the watchdog said it will reinvestigate.", "2024-06-01", "2024-03"),
    ("In March, the watchdog said it will reinvestigate.", "2024-02-01", "2023-03"),
    ("The investigation finished three years ago.", "2021-05-01", "2018"),
    ("It happened earlier this year.", "2021-05-01", "2021"),
    ("The man was detained on Tuesday (20 June).", "2023-06-22", "2023-06-20"),
])
def test_relative_to_publication(text, published, value):
    assert [d for _, d, _ in resolved(text, published)] == [value]


def test_relative_without_anchor_stays_undated():
    assert resolved("In March, the watchdog said it will reinvestigate.") == [("In March", None, "unknown")]
    assert resolved("He was arrested last year.") == [("last year", None, "unknown")]


def test_offsets_anchor_to_an_explicit_date_nearby():
    text = ("Officers failed to investigate an assault in May 2023 which could have stopped the killings "
            "a month later.")
    assert [d for _, d, _ in resolved(text)] == ["2023-05", "2023-06"]
    text = "He punched a man on May 5 2023, a month before he killed three people."
    assert [d for _, d, _ in resolved(text)] == ["2023-05-05", "2023-04"]


def test_offset_before_a_harm_uses_the_harm_date():
    ctx = Context(harm_date="2023-06-13")
    text = "Officers failed to arrest him a month before he killed three people."
    (mention,) = resolve_all(text, [find_mentions(text)], ctx)[0]
    assert (mention.date, mention.anchor) == ("2023-05", "explicit")


def test_time_of_day_takes_the_day_established_before():
    sentences = ["The man was detained on 20 June 2023 in the town.",
                 "An ambulance was called at 12.35pm.", "He died just after 1pm."]
    text = " ".join(sentences)
    parts, pos = [], 0
    for s in sentences:
        start = text.index(s, pos)
        parts.append(find_mentions(text, start, start + len(s)))
        pos = start + len(s)
    out = resolve_all(text, parts, Context())
    assert [m.date for ms in out for m in ms] == ["2023-06-20"] * 3
    assert [m.precision for ms in out for m in ms] == ["day"] * 3


def test_time_attached_to_a_date_is_one_mention():
    assert resolved("at around 1.45am on Saturday 22 July 2017 officers") == [
        ("at around 1.45am on Saturday 22 July 2017", "2017-07-22", "day")]


@pytest.mark.parametrize("text", [
    "IOPC reference 2016/070829",
    "the 65-year-old caretaker",
    "examining 14 allegations",
    "Officers may face proceedings and may be dismissed.",
    "under the Police (Conduct) Regulations 2020 the panel",
    "under the Police Reform Act 2002 powers",
    "a budget of 100M",
    "There were 2000 officers at the event.",
])
def test_not_dates(text):
    assert resolved(text) == []


def test_impossible_dates_are_kept_undated():
    assert resolved("It was dated 31 February 2020 in the file.") == [("31 February 2020", None, "unknown")]
