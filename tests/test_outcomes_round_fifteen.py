"""Outcomes, rule round fifteen (session 15): classes read on gathered/vault9 and vault10.

Invented sentences, one case or more per change (docs/codebook.md, "Round fifteen (session 15)")."""

from __future__ import annotations

import pytest
from test_outcomes import assert_actual, coded


@pytest.mark.parametrize(
    "text,expected,absent",
    [
        # a finding that someone committed gross misconduct, its finder unnamed, in any voice
        ("At the hearing it was found he committed gross misconduct.", ("gross_misconduct_proven", None), None),
        ("It was therefore determined he had committed gross misconduct.", ("gross_misconduct_proven", None), None),
        ("The inspector was proven to have committed gross misconduct.", ("gross_misconduct_proven", 1), None),
        ("PC Dale Moss has been found culpable of gross misconduct.", ("gross_misconduct_proven", 1), None),
        ("The chair decided to uphold the gross misconduct for both officers.", ("gross_misconduct_proven", 2), None),
        # a possibility stays the investigation's finding (case to answer), not a proven one
        ("The IOPC found the sergeant may have committed gross misconduct.", None, "gross_misconduct_proven"),
        ("Our investigation found that two officers had committed gross misconduct.", None, "gross_misconduct_proven"),
        # a breach of the standards as a state found, a disciplinary offence
        (
            "Two former PCs were found to have been in breach of the Standards of Professional Behaviour.",
            ("misconduct_proven", 2),
            None,
        ),
        ("PC Al Reid was found guilty of disciplinary offences by a panel.", ("misconduct_proven", 1), None),
        # acting in breach, denied, is no finding
        (
            "He did not accept that he acted in breach of the Standards of Professional Behaviour.",
            None,
            "misconduct_not_proven",
        ),
        # the earlier regulations' reprimand
        ("A sergeant and three staff have been reprimanded.", ("written_warning", 4), None),
        ("They haven't even been reprimanded for what they did.", None, "written_warning"),
        # a jury's verdict
        (
            "At the trial of PC Jo Bell, the judge told the jurors to return a verdict of not guilty.",
            ("acquittal", 1),
            None,
        ),
        # the threshold not met; cleared by an investigation or over complaints
        (
            "Their actions did not meet the threshold for disciplinary action.",
            ("no_case_to_answer", None),
            None,
        ),
        (
            "Two officers have been cleared following an investigation by the Police Ombudsman.",
            ("no_case_to_answer", 2),
            None,
        ),
        ("Tayside Police have been cleared over complaints from a woman.", ("no_case_to_answer", None), None),
        # the police below the standard, their service inadequate, as a finding
        (
            "It found the performance of three officers and three call handlers fell below the standard expected.",
            ("performance_failings", None),
            None,
        ),
        ("We found the service provided by the police to be unacceptable.", ("performance_failings", None), None),
        # a hearing's finding on the Standards of Professional Behaviour is misconduct, not performance
        (
            "The chair found that the officer fell short of the standards of professional behaviour.",
            None,
            "performance_failings",
        ),
    ],
)
def test_round_fifteen_wording(text, expected, absent):
    assert_actual(text, expected, absent)


@pytest.mark.parametrize(
    "text,present",
    [
        # a contraction's n't negates ("hasn't been dismissed")
        ("PC John Smith hasn't been dismissed.", False),
        ("PC John Smith hasn’t been dismissed.", False),
        ("PC John Smith has been dismissed.", True),
    ],
)
def test_contracted_negation(text, present):
    assert (("dismissal", "actual") in [(c, s) for c, _, _, s in coded(text)]) is present


@pytest.mark.parametrize(
    "text",
    [
        "PC John Smith would have been dismissed had he not resigned before the hearing.",
        "PC John Smith would have been dismissed if he had not already resigned.",
    ],
)
def test_counterfactual_resignation_is_asserted(text):
    assert_actual(text, ("resigned_or_retired", 1), None)


def test_condition_stays_hypothetical():
    assert ("dismissal", "actual") not in [(c, s) for c, _, _, s in coded("If he is dismissed he will appeal.")]


def test_operators_are_staff_and_counted():
    assert coded("A detective sergeant and five communication operators are now facing disciplinary action.") == [
        ("case_to_answer", 6, "mixed", "actual")
    ]
