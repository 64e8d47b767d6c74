"""Temporal expressions: one test per family, and the things that are not dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from oversight_research.dates import Context, find_mentions, resolve_all, resolve_with_cursors


def resolved(text: str, published: str | None = None) -> list[tuple[str, str | None, str]]:
    ctx = Context(published=dt.date.fromisoformat(published) if published else None)
    out = resolve_all(text, [find_mentions(text)], ctx)[0]
    return [(m.text, m.date, m.precision) for m in out]


@pytest.mark.parametrize(
    "text,value,precision",
    [
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
    ],
)
def test_absolute_dates(text, value, precision):
    found = resolved(text)
    assert [(d, p) for _, d, p in found] == [(value, precision)]


@pytest.mark.parametrize("text", ["covering a period between 2012-2015.", "from 2012 to 2015 the unit"])
def test_ranges_have_start_and_end(text):
    ctx = Context()
    (mention,) = resolve_all(text, [find_mentions(text)], ctx)[0]
    assert (mention.date, mention.date_end, mention.precision) == ("2012", "2015", "range")


@pytest.mark.parametrize(
    "text,published,value",
    [
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
    ],
)
def test_relative_to_publication(text, published, value):
    assert [d for _, d, _ in resolved(text, published)] == [value]


def test_relative_without_anchor_stays_undated():
    assert resolved("In March, the watchdog said it will reinvestigate.") == [("In March", None, "unknown")]
    assert resolved("He was arrested last year.") == [("last year", None, "unknown")]


def test_offsets_anchor_to_an_explicit_date_nearby():
    text = "Officers failed to investigate an assault in May 2023 which could have stopped the killings a month later."
    assert [d for _, d, _ in resolved(text)] == ["2023-05", "2023-06"]
    text = "He punched a man on May 5 2023, a month before he killed three people."
    assert [d for _, d, _ in resolved(text)] == ["2023-05-05", "2023-04"]


def test_offset_before_a_harm_uses_the_harm_date():
    ctx = Context(harm_date="2023-06-13")
    text = "Officers failed to arrest him a month before he killed three people."
    (mention,) = resolve_all(text, [find_mentions(text)], ctx)[0]
    assert (mention.date, mention.anchor) == ("2023-05", "explicit")


def test_time_of_day_takes_the_day_established_before():
    sentences = [
        "The man was detained on 20 June 2023 in the town.",
        "An ambulance was called at 12.35pm.",
        "He died just after 1pm.",
    ]
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
    # a lower-case "at" is the preposition, not part of the expression (as the gold codes it)
    assert resolved("at around 1.45am on Saturday 22 July 2017 officers") == [
        ("around 1.45am on Saturday 22 July 2017", "2017-07-22", "day")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "IOPC reference 2016/070829",
        "the 65-year-old caretaker",
        "examining 14 allegations",
        "Officers may face proceedings and may be dismissed.",
        "under the Police (Conduct) Regulations 2020 the panel",
        "under the Police Reform Act 2002 powers",
        "a budget of 100M",
        "There were 2000 officers at the event.",
    ],
)
def test_not_dates(text):
    assert resolved(text) == []


def test_impossible_dates_are_kept_undated():
    assert resolved("It was dated 31 February 2020 in the file.") == [("31 February 2020", None, "unknown")]


# --------------------------------------------------------------------------- coordinated dates, context, tense


@pytest.mark.parametrize(
    "text,start,end,precision",
    [
        ("The hearing sat on 12 and 13 May 2022 in Bristol.", "2022-05-12", "2022-05-13", "day"),
        ("It sat on Thursday 3 and Friday 4 March 2022.", "2022-03-03", "2022-03-04", "day"),
        ("Officers were interviewed 7-9 October 2019.", "2019-10-07", "2019-10-09", "day"),
        ("She was away from 30 December to 2 January 2020.", "2019-12-30", "2020-01-02", "day"),
        ("Reports were made between June and August 2019.", "2019-06", "2019-08", "month"),
        ("Calls were logged from November to February 2021.", "2020-11", "2021-02", "month"),
    ],
)
def test_coordinated_days_and_months_give_start_and_end(text, start, end, precision):
    ctx = Context()
    (mention,) = resolve_all(text, [find_mentions(text)], ctx)[0]
    assert (mention.date, mention.date_end, mention.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.iopc.gov.uk/news/man-dies-22122023110500", (2023, 12)),
        ("https://example.org/2021/11/officer-dismissed", (2021, 11)),
        ("https://example.org/news/20190424-statement", (2019, 4)),
        ("https://example.org/news/12345678", None),
        ("https://example.org/reference/2016/070829", None),
    ],
)
def test_url_date_stamp_gives_year_and_month(url, expected):
    from oversight_research.timeline import url_year_month

    assert url_year_month(url) == expected


@pytest.mark.parametrize(
    "text,hint,expected",
    [
        ("He was found on Tuesday (19 December).", (2023, 12), "2023-12-19"),
        ("He was arrested on 3 March.", (2021, 11), "2021-03-03"),
        ("He was arrested on 30 November.", (2021, 11), "2021-11-30"),  # the URL's month, never its day
    ],
)
def test_day_month_takes_the_url_year(text, hint, expected):
    ctx = Context(year_hint=hint[0], month_hint=hint[1])
    assert [m.date for m in resolve_all(text, [find_mentions(text)], ctx)[0]] == [expected]


def _sentences(text: str) -> list:
    parts, pos = [], 0
    for sentence in text.split(". "):
        start = text.index(sentence, pos)
        parts.append(find_mentions(text, start, start + len(sentence)))
        pos = start + len(sentence)
    return parts


@pytest.mark.parametrize(
    "text,expected",
    [
        ("On 3 May 2019 she called police. On 9 June he attacked her.", ["2019-05-03", "2019-06-09"]),
        ("In March 2018 a neighbour complained. He was arrested on 2 April.", ["2018-03", "2018-04-02"]),
        ("He was stopped on 4 July.", [None]),  # no full date before it: unresolved
    ],
)
def test_day_month_on_undated_page_takes_year_of_nearest_full_date(text, expected):
    out = resolve_all(text, _sentences(text), Context())
    assert [m.date for ms in out for m in ms] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He will appear in court on 20 July.", "2023-07-20"),
        ("She is due to be sentenced on 3 May.", "2024-05-03"),
        ("They are scheduled to give evidence on 1 July.", "2023-07-01"),
        ("He appeared in court on 20 July.", "2022-07-20"),
        ("The inquiry will begin in February.", "2024-02"),
        ("The inquiry began in February.", "2023-02"),
        # court listings are told forward
        ("The case is next listed at the magistrates' court on 2 July.", "2023-07-02"),
        ("He is remanded in custody until 5 July.", "2023-07-05"),
        ("He was remanded in custody until 5 June.", "2023-06-05"),
    ],
)
def test_future_tense_resolves_forward(text, expected):
    ctx = Context(published=dt.date(2023, 6, 21))
    assert [m.date for m in resolve_all(text, [find_mentions(text)], ctx)[0]] == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "He was detained on 20 June 2023. Officers checked him at 11.40pm. He was found unresponsive at 1.15am. "
            "An ambulance arrived at 1.40am",
            ["2023-06-20", "2023-06-20", "2023-06-21", "2023-06-21"],
        ),
        (
            "He was detained on 20 June 2023. He was booked in at 9am. He died at 3pm",
            ["2023-06-20", "2023-06-20", "2023-06-20"],
        ),
    ],
)
def test_overnight_times_roll_past_midnight(text, expected):
    out = resolve_all(text, _sentences(text), Context())
    assert [m.date for ms in out for m in ms] == expected


@pytest.mark.parametrize(
    "text",
    [
        "under the 2020 Regulations the panel found",
        "the 2015 to 2017 government cut police budgets",
        "the 2019-2020 Regulations apply",
        "during the 2010 election campaign",
    ],
)
def test_names_with_years_are_not_events(text):
    assert resolved(text) == []


@pytest.mark.parametrize(
    "text,published,value",
    [
        ("IOPC statement following today's ruling", "2021-05-26", "2021-05-26"),
        ("The documentary was broadcast last night.", "2025-02-04", "2025-02-03"),
    ],
)
def test_deictic_forms(text, published, value):
    assert [d for _, d, _ in resolved(text, published)] == [value]


# --------------------------------------------------------------------------- round 2


@pytest.mark.parametrize(
    "text,value,precision",
    [
        ("She was found dead on Valentine's Day in 2022.", "2022-02-14", "day"),
        ("He was stabbed on Christmas Eve 2019.", "2019-12-24", "day"),
        ("Published Date: 08.10.2013", "2013-10-08", "day"),
    ],
)
def test_named_days_and_dotted_dates(text, value, precision):
    assert [(d, p) for _, d, p in resolved(text)] == [(value, precision)]


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("Between September 2016 and February 2017 she called police.", "2016-09", "2017-02"),
        ("Calls were made from June 2015 to March 2016.", "2015-06", "2016-03"),
    ],
)
def test_month_year_ranges_give_start_and_end(text, start, end):
    (mention,) = resolve_all(text, [find_mentions(text)], Context())[0]
    assert (mention.date, mention.date_end, mention.precision) == (start, end, "month")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A few weeks later, police received a referral.", "A few weeks later"),
        ("Officers were called to a domestic incident at 12.35pm on Sunday.", "12.35pm on Sunday"),
        ("The inquest will be held in April next year.", "April next year"),
    ],
)
def test_expression_text_as_the_gold_codes_it(text, expected):
    assert [t for t, _, _ in resolved(text)] == [expected]


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.theguardian.com/uk/2005/jun/17/ukcrime", (2005, 6)),
        ("https://example.org/news/2019/September/officer-charged", (2019, 9)),
    ],
)
def test_url_month_names(url, expected):
    from oversight_research.timeline import url_year_month

    assert url_year_month(url) == expected


@pytest.mark.parametrize(
    "text,hint,expected",
    [
        ("The file was sent to the CPS last year.", (2021, 3), "2020"),
        ("He died more than six years ago.", (2005, 6), "1999"),
        ("The officer resigned last month.", (2021, 10), "2021-09"),
        ("The CPS yesterday announced no charges.", (2005, 6), None),  # a day-scale offset needs the day
        ("Officers were called on Sunday.", (2024, 6), None),
    ],
)
def test_relative_to_a_url_stamp(text, hint, expected):
    ctx = Context(year_hint=hint[0], month_hint=hint[1])
    assert [m.date for m in resolve_all(text, [find_mentions(text)], ctx)[0]] == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a narrative in an earlier year than the page's date keeps that year
        (
            "A support agency called police in October 2016. She had contact with police in October",
            ["2016-10", "2016-10"],
        ),
        (
            "A friend called on 21 September 2016. The woman reported breaches during November",
            ["2016-09-21", "2016-11"],
        ),
        # a date printed in the publication's own year does not change the rule
        ("He was charged in January 2019. He appeared in court on 3 March", ["2019-01", "2019-03-03"]),
        # two sentences on, the narrative year still holds; many sentences on too (the nearest full date before)
        ("She called in October 2016. Officers visited. She rang in March", ["2016-10", "2016-03"]),
        (
            "She called in October 2016. Officers visited. They left. They came back. She was found on 6 November",
            ["2016-10", "2016-11-06"],
        ),
        # the last full date told decides, not the first one
        (
            "He was bailed in May 2015. He was arrested on 2 June 2017. Officers visited. He was released on 9 June",
            ["2015-05", "2017-06-02", "2017-06-09"],
        ),
        # a day-month apposed to "yesterday" is told from the page's date
        ("The assault was in May 2016. The force said yesterday (28 April) it would appeal", ["2016-05", "2019-04-28"]),
    ],
)
def test_narrative_year_of_a_day_month(text, expected):
    out = resolve_all(text, _sentences(text), Context(published=dt.date(2019, 4, 29)))
    assert [m.date for ms in out for m in ms] == expected


@pytest.mark.parametrize(
    "text,harm,expected",
    [
        (
            "The call was made on the morning of Ms Kapoor's death.",
            "2015-06-23",
            ("on the morning of Ms Kapoor's death", "2015-06-23"),
        ),
        ("She rang police the day before he died.", "2021-04-09", ("the day before he died", "2021-04-08")),
        ("He was seen two days after the attack.", "2021-04-09", ("two days after the attack", "2021-04-11")),
        (
            "She was found 11 days after she was reported missing.",
            "2017-11-07",
            ("11 days after she was reported missing", None),
        ),  # the disappearance is not a dated harm
        ("In the days before his death he called 999.", "2021-04-09", ("In the days before his death", None)),
        ("He died two hours after he was shot in July 2013.", "2013-07", ("July 2013", "2013-07")),
    ],
)
def test_dates_told_from_the_harm(text, harm, expected):
    out = resolve_all(text, [find_mentions(text)], Context(harm_date=harm))[0]
    assert [(m.text, m.date) for m in out][-1] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He was sacked in mid-2019.", [("mid-2019", "2019")]),
        ("She left in mid-May 2019.", [("mid-May 2019", "2019-05")]),
        ("At the end of July she was murdered.", [("At the end of July", "2021-07")]),
        (
            "On 3 May 2019 he left. A fortnight later he died.",
            [("3 May 2019", "2019-05-03"), ("A fortnight later", "2019-05-17")],
        ),
        ("Months later the weapons were found.", [("Months later", None)]),  # no count: unresolved
    ],
)
def test_parts_of_periods_and_uncounted_offsets(text, expected):
    out = resolve_all(text, _sentences(text), Context(published=dt.date(2021, 8, 1)))
    assert [(m.text, m.date) for ms in out for m in ms] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # an offset whose own and previous sentences tell no date takes the day told two sentences back
        (
            "She reported an assault on 14 January 2020. Officers arrested him. He was released on bail the next day",
            ["2020-01-14", "2020-01-15"],
        ),
        ("She called on 3 May 2020. Officers attended. They left. He was bailed the next day", ["2020-05-03", None]),
    ],
)
def test_offsets_reach_back_two_sentences(text, expected):
    out = resolve_all(text, _sentences(text), Context())
    assert [m.date for ms in out for m in ms] == expected


def _run_on(n: int) -> str:
    """One run-on sentence of ``n`` clauses: day-months without a year (which
    nothing on an undated page anchors) each followed by an offset."""
    return (
        "The family said that "
        + ", and ".join(f"on {1 + i % 28} June the officer visited, a week later he called" for i in range(n))
        + "."
    )


def test_resolve_all_resolves_each_mention_a_bounded_number_of_times(monkeypatch):
    """Issue 18 finding 8: the first anchoring date after a mention is found by
    one forward scan per sentence, not by re-resolving the rest of the sentence
    for every mention (quadratic: 26 s for a 64 KB run-on sentence)."""
    import oversight_research.dates as dates

    text = _run_on(300)
    mentions = find_mentions(text)
    assert len(mentions) == 600
    calls = []
    real = dates.resolve
    monkeypatch.setattr(
        dates, "resolve", lambda m, ctx, t="", cur=None: calls.append(m) or real(m, ctx, t, cur or dates.Cursor())
    )
    out = resolve_all(text, [mentions], Context())[0]
    assert len(calls) <= 3 * len(mentions)  # each mention once, and at most once per tense ahead (old: ~45,000)
    assert [m.date for m in out] == [None] * 600


def test_an_offset_before_any_date_takes_the_first_date_after_it_in_its_sentence():
    text = "A week later, and the next day, he returned; on 3 May 2019 police came, and on 9 June 2019 they left."
    out = resolve_all(text, [find_mentions(text)], Context())[0]
    assert [(m.text, m.date) for m in out] == [
        ("A week later", "2019-05-10"),
        ("the next day", "2019-05-04"),
        ("3 May 2019", "2019-05-03"),
        ("9 June 2019", "2019-06-09"),
    ]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # the weekday decides the year the publication date alone would get wrong
        ("Inquest opens Tuesday 13 November", "2018-11-08", "2018-11-13"),
        ("He was stopped on Monday 5 November", "2018-11-08", "2018-11-05"),
        # a weekday that fits no nearby year changes nothing
        ("He was stopped on Friday 5 November", "2018-11-08", "2018-11-05"),
    ],
)
def test_a_weekday_decides_the_year_of_a_day_month(text, published, expected):
    assert [d for _, d, _ in resolved(text, published)] == [expected]


def _dated(text: str, published: str) -> list[str | None]:
    ctx = Context(published=dt.date.fromisoformat(published))
    return [m.date for ms in resolve_all(text, _sentences(text), ctx) for m in ms]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # a weekday that fits no year near the narrative's is the page's news: the latest such day
        ("In May 2019 he assaulted a colleague. The panel sat on Friday, 8 December", "2024-02-12", "2023-12-08"),
        ("In May 2019 he assaulted a colleague. The panel sat on Friday 8 December", "2024-02-12", "2023-12-08"),
        ("The first report came in March 2016. On Monday 16 September the inquest opens", "2019-09-20", "2019-09-16"),
        ("She was abused in June 2021. The ruling came on Thursday (26 September)", "2024-09-30", "2024-09-26"),
        # a weekday that fits the narrative's year keeps it
        ("In May 2019 he assaulted a colleague. On Friday 6 December he was arrested", "2024-02-12", "2019-12-06"),
        # no weekday: the narrative's year, as before
        ("In May 2019 he assaulted a colleague. On 8 December he was arrested", "2024-02-12", "2019-12-08"),
    ],
)
def test_a_weekday_that_fits_no_narrative_year_takes_the_pages(text, published, expected):
    assert _dated(text, published)[-1] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # round ten: a clock's own words between a time and its date - a time zone, "hours"
        ("She was arrested at 10:20 BST on 23 May 2024 in the town.", "2024-05-23"),
        ("He was found at 03.48 hours on the 30th January 2021 by a friend.", "2021-01-30"),
        ("Paramedics arrived at about 9.05pm GMT on 4 March 2019.", "2019-03-04"),
        ("The call was logged at 14:10 hrs on 2 June 2020.", "2020-06-02"),
    ],
)
def test_a_time_and_its_date_are_one_mention_across_a_clocks_words(text, expected):
    out = resolved(text)
    assert len(out) == 1 and out[0][1] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # round ten: a deictic day and the weekday naming it are one mention, the deictic's
        ("A hearing today (Friday) found the case proven.", [("today (Friday)", "2024-06-14")]),
        ("He was found not guilty today, Friday, after a trial.", [("today, Friday", "2024-06-14")]),
        ("The panel met yesterday (Thursday) at headquarters.", [("yesterday (Thursday)", "2024-06-13")]),
        # a weekday glued to a date of its own stays that date's mention
        (
            "The hearing yesterday (Thursday, June 13) was in private.",
            [("yesterday", "2024-06-13"), ("Thursday, June 13", "2024-06-13")],
        ),
    ],
)
def test_a_deictic_day_and_the_weekday_naming_it_are_one_mention(text, expected):
    assert [(t, d) for t, d, _ in resolved(text, "2024-06-14")] == expected


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # round ten: "the next month/year" is told from the narrative's last date, "next month" from the page's
        ("In August 2021 she showed officers footage. The next month he stabbed her", "2023-11-09", "2021-09"),
        ("He was bailed in March 2019. The following year he attacked her again", "2023-11-09", "2020"),
        ("He was bailed in March 2019. He is due to be sentenced next month", "2023-11-09", "2023-12"),
    ],
)
def test_the_next_month_is_the_narratives_and_next_month_the_pages(text, published, expected):
    assert _dated(text, published)[-1] == expected


def test_every_family_match_holds_its_precheck():
    """The prechecks that let most windows skip a family are necessary
    conditions: every match of the family's pattern, on every raw document
    and on invented edge cases, holds a match of its precheck."""
    from pathlib import Path

    from oversight_research import dates
    from oversight_research.text import lower_same_length

    root = Path(__file__).resolve().parent.parent / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "raw").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "gathered" / "raw").glob("*.txt"))]
    texts.append(
        "between 1 Sept. and 4 Oct 2019, 3rd of May 2020, 9.30 p.m., at 21:05, 12/05/2019, 2019-05-12, "
        "at the end of March, Sept 3, in mid- June, the day before he died, two weeks after she was attacked, "
        "June - August 2019, 2015 to 2017, Quadri1 January 2022"
    )
    checked = 0
    for text in texts:
        lowered = lower_same_length(text)
        for entry in (family.find for family in dates.FAMILIES):
            if entry.precheck is None:
                continue
            for m in entry.pattern.finditer(lowered if entry.on_lowered else text):
                assert entry.precheck.search(lowered, m.start(), m.end()), (entry.family, m.group())
                checked += 1
    assert checked > 400


def test_a_day_told_with_of_is_a_day_month():
    assert resolved("On the 5th of May she called.", "2023-06-21") == [("5th of May", "2023-05-05", "day")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the date right after an offset is its own value: the offset is told from the date before
        (
            "She made a complaint in April 2023. She died around two months later on June 20 2023.",
            [("April 2023", "2023-04"), ("around two months later", "2023-06"), ("June 20 2023", "2023-06-20")],
        ),
        (
            "He was bailed on 3 May 2021. A week later, on 10 May 2021, he returned.",
            [("3 May 2021", "2021-05-03"), ("A week later", "2021-05-10"), ("10 May 2021", "2021-05-10")],
        ),
    ],
)
def test_a_date_in_apposition_to_an_offset_is_not_its_anchor(text, expected):
    out = resolve_all(text, _sentences(text), Context())
    assert [(m.text, m.date) for sentence in out for m in sentence] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a weekday in a name is no date
        ("The former Sheffield Wednesday striker died.", []),
        ("Police were busy on Good Friday.", []),
        ("On Wednesday the family spoke.", [("On Wednesday", "2023-06-21")]),
        ("Last Friday he was charged.", [("Last Friday", "2023-06-16")]),
        # a length of time is no offset
        ("He was jailed for 18 months after being found guilty.", []),
        # a weekday glued to a day-month is the day-month's expression, without "on"
        ("The hearing was on Monday June 19.", [("Monday June 19", "2023-06-19")]),
    ],
)
def test_names_and_durations_are_no_dates(text, expected):
    assert [(t, d) for t, d, _ in resolved(text, "2023-06-21")] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # an offset finer than its anchor is told from the anchor's middle, at the anchor's precision
        ("She called police in January 2022. Two weeks later he attacked her.", "2022-01"),
        ("She called police in January 2022. Three weeks later he attacked her.", "2022-02"),
        ("He attacked her in January 2022. Two weeks earlier she had called police.", "2022-01"),
        ("He attacked her in January 2022. Three weeks earlier she had called police.", "2021-12"),
    ],
)
def test_an_offset_finer_than_its_anchor_is_told_from_its_middle(text, expected):
    out = resolve_all(text, _sentences(text), Context())
    assert [m.date for sentence in out for m in sentence][1] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a forward offset landing in a later year than the page is told from another event: no date
        ("Published 4 February 2025. He was dismissed more than four years after the complaint.", None),
        # ... one within the page's year keeps its date
        ("He was arrested in January 2025. Two weeks later he was charged.", "2025-01"),
    ],
)
def test_a_forward_offset_past_the_page_year_is_unresolved(text, expected):
    out = resolve_all(text, _sentences(text), Context(published=dt.date(2025, 2, 4)))
    assert [m.date for sentence in out for m in sentence][-1] == expected


# --------------------------------------------------------------------------- the date grammar's vocabulary is data


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("He was arrested a fortnight ago.", "2023-06-21", "2023-06-07"),  # dates.units: fortnight = 14 days
        ("He was arrested three weeks ago.", "2023-06-21", "2023-05-31"),
        ("It opened two years ago.", "2023-06-21", "2021"),  # a year unit keeps year precision
        ("She was seen last night.", "2023-06-21", "2023-06-20"),  # dates.deictic
        ("She was seen this evening.", "2023-06-21", "2023-06-21"),
        ("The report is due next month.", "2023-06-21", "2023-07"),  # dates.relative_words
        ("It closed in June last year.", "2023-06-21", "2022-06"),
    ],
)
def test_the_vocabulary_of_units_and_relative_words(text, published, expected):
    assert [d for _, d, _ in resolved(text, published)] == [expected]


@pytest.mark.parametrize("text", ["It closed at the end of 2018.", "It closed in early 2018."])
def test_a_part_of_a_year_is_one_expression(text):
    # dates.period_parts (matched as written)
    assert [(t.split()[0], d) for t, d, _ in resolved(text)][0][1] == "2018"
    assert resolved(text)[0][0].split()[0] in ("the", "early")


def test_overnight_threshold_and_prechecks_come_from_the_rules():
    from oversight_research import dates
    from oversight_research.rules import events

    words = events.load().dates
    assert (words.evening_from, words.morning_before) == (18, 12)
    assert dates._BY_NAME["range"].precheck == words.prechecks["range"]
    assert set(words.prechecks) <= {f.name for f in dates.FAMILIES}


@pytest.mark.parametrize(
    "key,value,problem",
    [
        ("units", {"week": [7, "weekday"]}, "must be \\[count"),
        ("units", {"week": [0, "day"]}, "must be \\[count"),
        ("deictic", {"yesterday": "minus one"}, "whole number"),
        ("prechecks", {"range": "(unclosed"}, "not a valid pattern"),
    ],
)
def test_a_wrong_date_rule_names_its_key(key, value, problem):
    from oversight_research.rules import Reader, RulesError, load
    from oversight_research.rules.events import DateWords

    data = dict(load("events")["dates"])
    data[key] = value
    with pytest.raises(RulesError, match=problem):
        DateWords.parse(Reader("events", data, "dates"))


@pytest.mark.parametrize(
    "text,expected",
    [
        # dates.units: an hour offset from a date keeps its day, in whole days
        ("He was released on 29 July 2005. Just six hours later he stabbed a man.", "2005-07-29"),
        ("She called on 3 May 2020. 48 hours later he attacked her.", "2020-05-05"),
        ("She called on 3 May 2020. Three hours earlier he had threatened her.", "2020-05-03"),
        # the parts of a day after "the following"
        ("She called on 3 May 2020. The following evening he attacked her.", "2020-05-04"),
    ],
)
def test_hour_offsets_and_parts_of_the_day_from_a_date(text, expected):
    assert resolved(text)[-1][1:] == (expected, "day")


@pytest.mark.parametrize(
    "text",
    [
        "He died in hospital an hour after an ambulance was called.",
        "He died two hours after he was shot.",
        "She collapsed 18 hours after being brought there.",
    ],
)
def test_an_hour_lapse_told_from_an_event_is_no_date(text):
    # dates.event_lapse_units: a lapse within the incident, not a date
    assert resolved(text, "2020-06-01") == []


def resolved_by_sentence(text: str, published: str) -> list[tuple[str, str | None, str]]:
    """Like ``resolved``, with the text cut into sentences at ". "."""
    import re

    bounds = [0, *(m.end() for m in re.finditer(r"\.\s+", text)), len(text)]
    found = [find_mentions(text, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    out = resolve_all(text, found, Context(published=dt.date.fromisoformat(published)))
    return [(m.text, m.date, m.precision) for sentence in out for m in sentence]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # a chronology told by days moves forward: a coarser date told back from it is an aside
        (
            "On 28 June 2019, the log was updated. He was wanted for a robbery committed in November 2018. "
            "On 30 June, a neighbour called the police.",
            "2021-07-08",
            "2019-06-30",
        ),
        # ... with no day told before, the coarser date gives the year (the narrative year)
        (
            "A support agency called police in October 2016. She had contact with police in October.",
            "2019-04-29",
            "2016-10",
        ),
        # ... and the page's own stamp is no narrative's day
        (
            "Published 29 Apr 2019. In July 2013 she called police. At the end of July she was murdered.",
            "2019-04-29",
            "2013-07",
        ),
    ],
)
def test_a_day_month_continues_the_chronology_told_by_days(text, published, expected):
    assert resolved_by_sentence(text, published)[-1][1] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a date told in the pluperfect is a flashback: the next sentence goes on from the narrative's day
        (
            "On 3 April 2020, a man was reported missing. They said they had last seen the man on 27 March. "
            "Later that evening, the incident was re-graded.",
            "2020-04-03",
        ),
        (
            "On 3 April 2020, she called police. She had previously called them on 1 March. "
            "The next day officers visited her.",
            "2020-04-04",
        ),
        # ... a date in the simple past moves the narrative on
        (
            "On 3 April 2020, a man was reported missing. He was seen in town on 5 April. "
            "Later that evening, the incident was re-graded.",
            "2020-04-05",
        ),
    ],
)
def test_an_offset_goes_on_from_the_narratives_day_not_a_flashback(text, expected):
    assert resolved_by_sentence(text, "2020-06-01")[-1][1] == expected


@pytest.mark.parametrize(
    "text,expression",
    [
        ("He was dismissed more than four years after the hearing.", "more than four years after the hearing"),
        ("Less than a week after making the allegation she was killed.", "Less than a week after making"),
        ("She called on 29 July 2005. Just six hours later he stabbed a man.", "Just six hours later"),
        ("Almost exactly two years ago, the report was published.", "Almost exactly two years ago"),
        ("He was jailed for more than 18 months after the trial.", None),  # a duration, still no date
    ],
)
def test_an_approximated_count_is_part_of_the_offset(text, expression):
    # dates.approximators
    found = [t for t, _, _ in resolved(text, "2015-07-05") if "after" in t or "later" in t or "ago" in t]
    assert found == ([expression] if expression else [])


def _by_paragraph(text: str, published: str) -> list[tuple[str, str | None]]:
    """Resolve ``text`` cut into sentences at ". " and paragraphs at blank lines."""
    import re

    found, paragraphs, at = [], [], 0
    for number, paragraph in enumerate(text.split("\n\n")):
        bounds = [0, *(m.end() for m in re.finditer(r"\.\s+", paragraph)), len(paragraph)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            found.append(find_mentions(text, at + a, at + b))
            paragraphs.append(number)
        at += len(paragraph) + 2
    out, _ = resolve_with_cursors(text, found, Context(published=dt.date.fromisoformat(published)), paragraphs)
    return [(m.text, m.date) for sentence in out for m in sentence]


@pytest.mark.parametrize(
    "text,expected",
    [
        # an offset with no date in its sentence goes on from the day its paragraph last told
        (
            "On 18 April 2018, his wife reported him missing. She said he had sent a text. "
            "He was treated as a medium risk. Officers located him the following morning. "
            "He was discharged from hospital the following day.",
            [
                ("18 April 2018", "2018-04-18"),
                ("the following morning", "2018-04-19"),
                ("the following day", "2018-04-20"),
            ],
        ),
        # ... not from an earlier paragraph's, beyond `dates.offset_sentences`
        (
            "On 18 April 2018, his wife reported him missing.\n\nShe said he had sent a text. "
            "He was treated as a medium risk. Officers located him the following morning.",
            [("18 April 2018", "2018-04-18"), ("the following morning", None)],
        ),
    ],
)
def test_an_offset_goes_on_from_its_paragraphs_day(text, expected):
    assert _by_paragraph(text, "2020-01-08") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("On 3 May 2019 she called police. Officers arrived that night.", ("that night", "2019-05-03")),
        ("On 3 May 2019 she called police. He was arrested the same day.", ("the same day", "2019-05-03")),
        ("On 3 May 2019 she called police. Later that day he was arrested.", ("Later that day", "2019-05-03")),
    ],
)
def test_that_night_and_the_same_day_are_the_day_last_told(text, expected):
    assert tuple(resolved_by_sentence(text, "2019-06-12")[-1][:2]) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("In the weeks that followed, police received several more reports.", "In the weeks that followed"),
        ("Over the following months, she reported further incidents.", "Over the following months"),
        ("She called in the following days and weeks to ask.", "in the following days and weeks"),
        ("No further actions were carried out during the following week.", "during the following week"),
        ("There has been a spate of attacks in recent days.", "in recent days"),
    ],
)
def test_spans_of_days_weeks_and_months_are_unresolved_mentions(text, expected):
    assert resolved(text, "2020-05-01") == [(expected, None, "unknown")]


def test_the_following_day_is_still_a_day():
    assert resolved("On 3 May 2019 she called. She was visited the following day.")[-1][1] == "2019-05-04"


@pytest.mark.parametrize(
    "text,expected",
    [
        # a year or a month told before an offset is what it goes on from
        (
            "During 2007 there were 46 incidents. The following year there were another 34.",
            [("2007", "2007"), ("The following year", "2008")],
        ),
        (
            "They found her body in March last year. His body was found two months later.",
            [("March last year", "2020-03"), ("two months later", "2020-05")],
        ),
        # an offset goes on from the offset told before it
        (
            "She first called on 28 November 2013. Eight days later she complained, "
            "and she was visited the following day. One week later she was murdered.",
            [
                ("28 November 2013", "2013-11-28"),
                ("Eight days later", "2013-12-06"),
                ("the following day", "2013-12-07"),
                ("One week later", "2013-12-14"),
            ],
        ),
        # ... and from a time of day told on a known day
        (
            "On 22 January 2018 at 11am her son called. At 5.13pm a fire was reported. She died the next day.",
            [("22 January 2018 at 11am", "2018-01-22"), ("At 5.13pm", "2018-01-22"), ("the next day", "2018-01-23")],
        ),
    ],
)
def test_an_offset_goes_on_from_a_year_a_month_or_an_earlier_offset(text, expected):
    out = resolve_all(text, _sentences(text), Context(published=dt.date(2021, 8, 1)))
    assert [(m.text, m.date) for ms in out for m in ms] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # "the day" of an event nothing before dates: an unresolved mention, not the day last told
        ("On 3 May 2019 she called. Further action on the day may have led to help.", ("on the day", None)),
        ("On 3 May 2019 she called. The actions of police on the day were reviewed.", ("on the day", None)),
        (
            "In March 2010 he died. A summary was published on the same day that the watchdog reported.",
            ("on the same day", None),
        ),
        # ... while "the day" a clause of its own dates is not this (the clause tells which day)
        ("On 3 May 2019 she called. The report emerged on the day the charity spoke.", ("3 May 2019", "2019-05-03")),
        ("On 3 May 2019 she called. He led the search on the day Ms Smith was murdered.", ("3 May 2019", "2019-05-03")),
        # ... and "the same day" alone is the day last told
        ("On 3 May 2019 she called. He was arrested the same day.", ("the same day", "2019-05-03")),
    ],
)
def test_the_day_of_an_untold_event_is_unresolved(text, expected):
    assert tuple(resolved_by_sentence(text, "2019-06-12")[-1][:2]) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a sentence-opening "the same day", "Later that evening", "Four hours later" goes on from the
        # narrative's last date however far back it was told, a paragraph on too (`dates.offset_sentences`
        # does not bound it)
        (
            "On 4 March 2019 at 9am a man called police.\n\nOfficers took her to hospital. She was discharged. "
            "Nobody rang back.\n\nAt 2pm the same day, she called again.",
            [("4 March 2019 at 9am", "2019-03-04"), ("At 2pm the same day", "2019-03-04")],
        ),
        (
            "On 4 March 2019 a carer reported him missing. They said they had last seen him on 1 March.\n\n"
            "He was graded medium risk.\n\nLater that evening, the grading was raised.",
            [("4 March 2019", "2019-03-04"), ("1 March", "2019-03-01"), ("Later that evening", "2019-03-04")],
        ),
        (
            "A relative called on 4 March 2019. The call was graded urgent. Nobody was free.\n\n"
            "A sergeant went alone.\n\nFour hours later, he returned.",
            [("4 March 2019", "2019-03-04"), ("Four hours later", "2019-03-04")],
        ),
        # ... not one inside a clause ("a crime that night", a page later in a quotation)
        (
            "He died on 4 March 2019. He was 29.\n\nHis brother said. He was there. "
            "He deserved prison for a crime that night.",
            [("4 March 2019", "2019-03-04"), ("that night", None)],
        ),
        # ... nor one told from the event after it ("Seven weeks before she died")
        (
            "She called on 4 March 2019. Nobody came. They left.\n\nSeven weeks before she died, a neighbour called.",
            [("4 March 2019", "2019-03-04"), ("Seven weeks before she died", None)],
        ),
        # ... nor one told on from a date the text leaves unknown ("Two days after his arrest … The next day")
        (
            "In June 2016 he was arrested. He was bailed.\n\nTwo days after his arrest, he breached bail. "
            "He was re-bailed. The next day, both were found dead.",
            [("June 2016", "2016-06"), ("Two days after his arrest", None), ("The next day", None)],
        ),
    ],
)
def test_a_sentence_opening_offset_goes_on_from_the_narratives_last_date(text, expected):
    assert _by_paragraph(text, "2020-01-08") == expected


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("The chase ended in a collision in August, 2008.", None, ("August, 2008", "2008-08", "month")),
        ("An arrest was made in November, 2014.", "2021-05-01", ("November, 2014", "2014-11", "month")),
        ("They were shot dead on June 6 last year.", "2012-08-22", ("June 6 last year", "2011-06-06", "day")),
        ("She was murdered on 24 July last year.", "2012-05-01", ("24 July last year", "2011-07-24", "day")),
        ("It was set up on 3 March this year.", "2012-05-01", ("3 March this year", "2012-03-03", "day")),
        # an undated page: the whole expression, unresolved
        ("The inquiry began on October 16 last year.", None, ("October 16 last year", None, "unknown")),
    ],
)
def test_month_comma_year_and_a_day_month_told_with_last_year(text, published, expected):
    assert resolved(text, published) == [expected]


@pytest.mark.parametrize(
    "text,hint,expected",
    [
        # the nearest full date before it decides the year, ahead of the URL stamp's year
        ("She was attacked in December 2008. On 19 December she was found.", (2014, 10), ["2008-12", "2008-12-19"]),
        ("He died in July 2016. On Wednesday 13 July police came.", (2019, 12), ["2016-07", "2016-07-13"]),
        ("On 19 December she was found.", (2014, 10), ["2013-12-19"]),  # no full date: the stamp's year
    ],
)
def test_day_month_on_an_undated_page_prefers_the_nearest_full_date_to_the_url_year(text, hint, expected):
    out = resolve_all(text, _sentences(text), Context(year_hint=hint[0], month_hint=hint[1]))
    assert [m.date for ms in out for m in ms] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # an offset from an event, set right after a date: that event, counted the other way
        ("He died on 19 July 2017, nine days after the restraint.", ["2017-07-19", "2017-07-10"]),
        ("A referral was made on 9 February 2009 - three days after the body was found.", ["2009-02-09", "2009-02-06"]),
        ("He was charged on 3 May 2019, two days before the hearing.", ["2019-05-03", "2019-05-05"]),
        # not set right after the date: counted from it as before
        ("He was released on 28 May 2010. He attacked her five days after that.", ["2010-05-28", "2010-06-02"]),
    ],
)
def test_an_offset_apposed_to_a_date_dates_the_event_after_it(text, expected):
    out = resolve_all(text, _sentences(text), Context())
    assert [m.date for ms in out for m in ms] == expected


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("Advice which we received last week was considered.", "2023-09-29", ("last week", "2023-09", "month")),
        ("The hearing was held last week.", "2023-04-03", ("last week", "2023-03", "month")),  # the month it falls in
        ("The hearing will be held next week.", "2023-04-28", ("next week", "2023-05", "month")),
    ],
)
def test_a_week_relative_to_publication_is_kept_at_its_month(text, published, expected):
    assert resolved(text, published) == [expected]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # told from an event no date tells: the whole expression, unresolved
        ("Published 3 November 2017. He died a week after the crash.", "2017-11-03", "a week after the crash"),
        ("The file was sent 17 days before the deadline.", None, "17 days before the deadline"),
        ("He was seen a few days prior to the murder.", None, "a few days prior to the murder"),
        ("He died a week after crashing a car.", None, "a week after crashing"),
        ("It was reported four months after it occurred.", None, "four months after it occurred"),
    ],
)
def test_an_unresolved_offset_from_an_event_includes_the_event(text, published, expected):
    out = resolve_all(
        text, _sentences(text), Context(published=dt.date.fromisoformat(published) if published else None)
    )
    offsets = [m for ms in out for m in ms if m.family == "offset"]
    assert [(m.text, m.date) for m in offsets] == [(expected, None)]
    assert text[offsets[0].start : offsets[0].end] == expected


def test_a_resolved_offset_keeps_its_own_words():
    text = "On 3 May 2019 he was arrested. He was charged two days after the hearing."
    out = resolve_all(text, _sentences(text), Context())
    assert [(m.text, m.date) for ms in out for m in ms] == [
        ("3 May 2019", "2019-05-03"),
        ("two days after", "2019-05-05"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The inquest concluded this evening (January 24), when the jury returned.", "this evening (January 24)"),
        ("He appeared on Tuesday (January 14) at court.", "Tuesday (January 14)"),
        ("The IOPC yesterday (11 December 2019) published a report.", "yesterday (11 December 2019)"),
    ],
)
def test_a_glued_date_keeps_the_parenthesis_it_opened(text, expected):
    assert [m.text for m in find_mentions(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "He was jailed for a minimum 32 years after admitting murder.",
        "Details will be published at least 5 days before the hearing.",
        "Officers may be held for up to 3 days after arrest.",
    ],
)
def test_a_bounded_length_of_time_is_no_offset(text):
    assert resolved(text, "2020-05-01") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("If police had acted, she would still be alive today.", []),
        ("It is so unfair that he isn't here with us today.", []),
        ("She told BBC Radio 4's Today programme she was repulsed.", []),
        ("The report is published today.", [("today", "2020-05-01", "day")]),
        ("He is alive and was discharged today.", [("today", "2020-05-01", "day")]),
    ],
)
def test_today_meaning_nowadays_or_in_a_name_is_no_date(text, expected):
    assert resolved(text, "2020-05-01") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He reported threats in the weeks leading up to his death.", "in the weeks leading up to his death"),
        ("She called police in the two months leading up to her death.", "in the two months leading up to her death"),
        ("There were chances in the days and hours before his death.", "in the days and hours before his death"),
    ],
)
def test_a_span_told_back_from_the_harm_is_one_unresolved_expression(text, expected):
    text = "He died on 3 May 2019. " + text
    out = resolve_all(text, [find_mentions(text)], Context(harm_date="2019-05-03"))[0]
    assert [(m.text, m.date) for m in out][1:] == [(expected, None)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a counted later/earlier offset anywhere in its sentence goes on from the narrative's last day,
        # however far back it was told
        (
            "On 7 July 2019 a man called 999. The call was graded. No officer was free. "
            "Officers attended approximately four hours later",
            ["2019-07-07", "2019-07-07"],
        ),
        (
            "On 3 May 2018 she was reported missing. Officers searched. Her phone was off. "
            "The woman was found two days later in woodland",
            ["2018-05-03", "2018-05-05"],
        ),
        # ... but not from a month: the day stays unknown
        (
            "In July 2019 a man called 999. The call was graded. No officer was free. Officers attended two days later",
            ["2019-07", None],
        ),
    ],
)
def test_a_counted_offset_goes_on_from_the_narratives_last_day(text, expected):
    out = resolve_all(text, _sentences(text), Context(published=dt.date(2020, 1, 1)))
    assert [m.date for ms in out for m in ms] == expected


def test_lower_casing_neither_makes_nor_unmakes_a_digit():
    """The digit gate is read on the lower-cased window (``dates._window_bits``):
    exact because no character's lower case differs from it in being a digit."""
    import sys

    from oversight_research.text import lower_same_length

    digit = re.compile(r"\d")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        assert bool(digit.match(c)) == bool(digit.match(lower_same_length(c))), hex(code)


def test_the_token_gates_are_the_substring_gates():
    """The gates and literal tests read from a window's tokens are the
    substring tests they stand for, on every window of the raw documents
    and on invented edge cases (words run into punctuation, a literal with
    a space, a digit outside ASCII)."""
    from pathlib import Path

    from oversight_research import dates
    from oversight_research.text import holds_literal, lower_same_length

    root = Path(__file__).resolve().parent.parent / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "raw").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "gathered" / "raw").glob("*.txt"))]
    texts.append(
        "Christmas-time, (yesterday) on the\tday; on  the night ٣ years; Jan. JUNE mid-May 'date' "
        "prior to the end of\nMay, “Today” the beginning of: 19th 2020-01-02 after-hours"
    )

    def holds(lower: str, words: tuple[str, ...]) -> bool:
        return any(w in lower for w in words)

    windows = 0
    for text in texts:
        lowered = lower_same_length(text)
        bounds = [0, *(m.end() for m in re.finditer(r"[.!?]\s+|\n", text)), len(text)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            window = lowered[start:end]
            bits = dates._window_bits(window)
            digit = dates._DIGIT.search(text, start, end) is not None
            month = dates._CAP_MONTH_START.search(text, start, end) is not None
            unit = holds(window, dates._UNIT_TESTS)
            expected = (
                digit,
                unit,
                month,
                "date" in window,
                holds(window, dates._HOLIDAY_TESTS),
                unit and holds(window, dates._ANCHOR_TESTS),
                digit and month,
                unit and holds(window, dates._SPAN_WORDS),
            )
            assert dates._gates(text, window, start, end, bits) == expected, window
            assert bits & dates._ANY_GATE or not any(expected), window  # (the early exit)
            for family in dates.FAMILIES:
                literals = family.find.literals
                literal_bits, spaced = dates._FAMILY_TESTS[family.name]
                got = literals is None or bool(bits & literal_bits) or any(w in window for w in spaced)
                assert got == holds_literal(window, literals), (family.name, window)
            windows += 1
    assert windows > 1000
