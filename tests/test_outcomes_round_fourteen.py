"""Outcomes, rule round fourteen (session 13): classes counted over every set (read on gathered/vault8).

Invented sentences, one case or more per change (docs/codebook.md, "Round fourteen (session 13)")."""

from __future__ import annotations

import pytest
from test_outcomes import assert_actual


# Learning: a recommendation whose object is a change of practice (any tense, the noun, or made to
# someone), and new practice put in place (training or guidance that is new, extra or further).
@pytest.mark.parametrize(
    "text,expected,absent",
    [
        ("The commissioner recommended changes to the force's custody procedures.", ("learning", None), None),
        ("The watchdog has recommended retraining for the control room staff.", ("learning", None), None),
        ("It is recommending further training for the firearms unit.", ("learning", None), None),
        ("The report made recommendations for improvements in call grading.", ("learning", None), None),
        ("The ombudsman recommended a full review of how missing people are searched for.", ("learning", None), None),
        ("We recommended to the constabulary that it should update its bail checks.", ("learning", None), None),
        ("Updated guidance has since been introduced for custody staff.", ("learning", None), None),
        ("The constabulary has rolled out refresher training on first aid.", ("learning", None), None),
        # a recommendation to someone of a step of discipline is no learning (the exclusion of the frame)
        (
            "The ombudsman recommended to the chief constable that the sergeant face a misconduct hearing.",
            None,
            "learning",
        ),
        # a recommendation of something that is no change of practice (the practice class)
        ("The inspector recommended a transfer to another station.", None, "learning"),
        # training the officers had at the time, not a new practice (the modifier of `practice_given`)
        ("The constable had been given first aid training two years before.", None, "learning"),
        ("Both officers had received training in restraint.", None, "learning"),
    ],
)
def test_learning_practice_change(text: str, expected: tuple | None, absent: str | None) -> None:
    assert_actual(text, expected, absent)


# Investigation opened: a body directed to investigate by a prosecutor named in full (the directed
# frame reaches twelve words).
@pytest.mark.parametrize(
    "text,expected,absent",
    [
        (
            "The PIRC was directed by the Crown Office and Procurator Fiscal Service (COPFS) to investigate"
            " the handling of the report.",
            ("investigation_opened", None),
            None,
        ),
        # (the police investigating a crime are no oversight body; unchanged)
        ("Detectives are investigating the burglary at the shop.", None, "investigation_opened"),
    ],
)
def test_investigation_directed(text: str, expected: tuple | None, absent: str | None) -> None:
    assert_actual(text, expected, absent)


# A hearing someone is to face, faces or will face is the decision that there is a case to answer
# (`status.prospective`); the past, and the gerund after a preposition, stay the hearing.
@pytest.mark.parametrize(
    "text,expected,absent",
    [
        ("Two constables are to face gross misconduct hearings over the raid.", ("case_to_answer", 2), None),
        ("The inspector will now face a public disciplinary hearing.", ("case_to_answer", 1), None),
        ("A call handler faces a disciplinary panel over the lost call.", ("case_to_answer", 1), None),
        ("The watchdog said the sergeant was still to face a gross misconduct hearing.", ("case_to_answer", 1), None),
        # the past: the hearing was held
        ("The sergeant faced a gross misconduct hearing in May and kept her job.", ("misconduct_hearing", 1), None),
        # the gerund after a preposition: not a decision that there is a case to answer
        ("The constable resigned before facing a gross misconduct hearing.", None, "case_to_answer"),
        ("The detective quit prior to facing a misconduct hearing.", None, "case_to_answer"),
        # a hearing held is no case to answer
        ("The officer was dismissed at a gross misconduct hearing.", ("misconduct_hearing", 1), "case_to_answer"),
    ],
)
def test_hearing_to_face_is_case_to_answer(text: str, expected: tuple | None, absent: str | None) -> None:
    assert_actual(text, expected, absent)
