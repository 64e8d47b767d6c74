"""Outcomes, rule round twelve (session 10): classes counted over every set (read on gathered/vault7).

Invented sentences, one case or more per change (docs/codebook.md, "Round twelve (session 10)")."""

from __future__ import annotations

import pytest
from test_outcomes import assert_actual, doc

from oversight_research.outcomes import extract_outcomes


def actual(text: str) -> list[tuple[str, int | None]]:
    return [(r["category"], r["count"]) for r in extract_outcomes(doc(text)) if r["status"] == "actual"]


def has_actual(text: str, category: str) -> bool:
    """Is ``category`` among the actual outcomes of ``text``?"""
    return category in [c for c, _ in actual(text)]


# The prosecutors' threshold not met: a criminal or evidential threshold, or the threshold for a
# prosecution, charge, referral or conviction, is no further action; a misconduct threshold is not.
@pytest.mark.parametrize(
    "text,expected,absent",
    [
        (
            "Prosecutors decided the sergeant's conduct did not reach the criminal threshold.",
            ("no_further_action", 1),
            None,
        ),
        (
            "The watchdog concluded the two constables' actions did not meet the threshold for prosecution.",
            ("no_further_action", 2),
            None,
        ),
        (
            "The file on the detective never met the evidential threshold for a referral to prosecutors.",
            ("no_further_action", 1),
            None,
        ),
        (
            "The case against the inspector had not passed the charging threshold, the lawyers said.",
            ("no_further_action", 1),
            None,
        ),
        # a misconduct threshold, and a bare threshold, are not the prosecutors'
        (
            "The officer's conduct did not meet the threshold for a misconduct hearing.",
            None,
            "no_further_action",
        ),
        ("The officer did not reach the fitness threshold in training.", None, "no_further_action"),
    ],
)
def test_threshold_not_met(text: str, expected: tuple | None, absent: str | None) -> None:
    assert_actual(text, expected, absent)


# An investigation of the case's crime or death by the police or the coroner, or a search for a
# missing person, is no investigation of the police; an oversight body's, or a misconduct one, is.
@pytest.mark.parametrize(
    "text,opened",
    [
        ("Northshire Constabulary began a criminal investigation into the murder of the shopkeeper.", False),
        ("Detective Jane Hale, of Northshire Police, was directing an inquiry into an alleged burglary.", False),
        ("On 3 March 2022 I commenced an investigation into the death of the patient.", False),
        ("The teenager was reported missing and an investigation was launched to try to locate him.", False),
        ("The IOPC began an investigation into the death of the pensioner.", True),
        ("Northshire Police began a misconduct investigation into the alleged assault.", True),
    ],
)
def test_crime_investigation_is_no_start(text: str, opened: bool) -> None:
    assert has_actual(text, "investigation_opened") is opened


# "Retired" or "resigned" as an adjective (a state, in a noun phrase) is no outcome, nor is being
# prevented "from retiring"; the finite verb still is.
@pytest.mark.parametrize(
    "text,retired",
    [
        ("Retired headteacher Ann Vale, 79, was found at her home.", False),
        ("Detectives seized a laptop belonging to a retired inspector's neighbour.", False),
        ("The report was read on retired sergeant Tom Hale's behalf.", False),
        ("The claims were made by a superintendent (now retired) in 2015.", False),
        ("The tribunal stopped the constable from retiring before the hearing.", False),
        ("The sergeant retired before the misconduct hearing.", True),
        ("Two officers have since resigned from the force.", True),
    ],
)
def test_retired_as_adjective(text: str, retired: bool) -> None:
    assert has_actual(text, "resigned_or_retired") is retired


# The force taking up learning: acting on or taking forward recommendations or learning, its own
# procedures reviewed or changed (done, with a possessive or in the perfect passive, the police named);
# the force's learning (no count). Not an investigation's step, a recommendation, nor another body's.
@pytest.mark.parametrize(
    "text,expected",
    [
        ("The constabulary said it had acted on the recommendations of the review.", ("learning", None)),
        (
            "The force is taking forward the lessons identified by the inquest, a senior officer said.",
            ("learning", None),
        ),
        ("Northshire Police told the ombudsman it had revised its guidance on missing children.", ("learning", None)),
        ("Police admitted mistakes and procedures have since been updated.", ("learning", None)),
        ("We interviewed the officers and reviewed relevant policies and procedures.", None),
        ("A spokesman for the council said they have changed their processes.", None),
    ],
)
def test_force_takes_up_learning(text: str, expected: tuple | None) -> None:
    rows = actual(text)
    if expected:
        assert expected in rows
    else:
        assert "learning" not in [c for c, _ in rows]


# A failing with no people phrase and no pronoun in its sentence is the police's in general: no count
# from the person the document is about (`ledger.focus_free`); a pronoun still counts.
@pytest.mark.parametrize(
    "text,count",
    [
        ("PC Ann Hale was dismissed for gross misconduct. The coroner said it was a missed opportunity.", None),
        ("PC Ann Hale was dismissed for gross misconduct. The review found she had missed an opportunity.", 1),
    ],
)
def test_failing_takes_no_focus_count(text: str, count: int | None) -> None:
    assert [n for c, n in actual(text) if c == "performance_failings"] == [count]


# A prosecution ended by a court or a prosecutor (stayed, abandoned, halted; "directed no prosecution"
# of the police) is no further action; "not guilty" negates nothing after it.
@pytest.mark.parametrize(
    "text,expected",
    [
        ("The magistrate \u201cstayed\u201d the prosecution of the two constables.", "no_further_action"),
        ("After two days of evidence against the sergeant, the trial was later abandoned.", "no_further_action"),
        ("The constable pleaded not guilty and the case was eventually halted.", "no_further_action"),
        ("Prosecutors directed no prosecution of the three officers involved.", "no_further_action"),
        ("The file was sent late, resulting in the prosecutors directing no prosecution.", None),
        ("The detective stayed on the case for a year.", None),
    ],
)
def test_prosecution_ended(text: str, expected: str | None) -> None:
    categories = [c for c, _ in actual(text)]
    if expected:
        assert expected in categories
    else:
        assert "no_further_action" not in categories


# An official finder's criticism of the police's conduct, the finder the subject of a coordinated
# predicate (up to 160 characters before the verb) or the object parts of the police act.
@pytest.mark.parametrize(
    "text,failing",
    [
        (
            "The ombudsman's report into the crash last spring found no evidence of misconduct by any of the"
            " officers, but sharply criticised police procedures for pursuits.",
            True,
        ),
        ("The coroner ruled the death accidental and criticised several aspects of the police response.", True),
        ("His family said they had criticised several aspects of the police response for years.", False),
    ],
)
def test_finder_criticism_coordinated(text: str, failing: bool) -> None:
    assert ("performance_failings" in [c for c, _ in actual(text)]) is failing


# More start language: "organised" or "set up" an investigation, and a decision told with "will".
@pytest.mark.parametrize(
    "text",
    [
        "The force organised an investigation into the sergeant.",
        "The watchdog set up an independent inquiry into the two officers.",
        "Having assessed the referral, we decided we will carry out an independent investigation.",
    ],
)
def test_more_start_language(text: str) -> None:
    assert "investigation_opened" in [c for c, _ in actual(text)]
