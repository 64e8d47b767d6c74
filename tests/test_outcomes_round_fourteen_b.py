"""Outcomes, rule round fourteen, second pass (session 13): a finding told as an addition is a row of its own.

Invented sentences (docs/codebook.md, "Round fourteen, second pass (session 13)")."""

from __future__ import annotations

import pytest
from test_outcomes import coded


def _rows(text: str, category: str) -> list[tuple[int | None, str]]:
    return [(n, subject) for c, n, subject, status in coded(text) if c == category and status == "actual"]


# An additive adverb before a verb of finding ("the jury also found", "was also criticised"): a further
# finding, not the first told again, so it keeps a row of its own (`merge.additional`).
@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The coroner criticised Northshire Police for serious failings. "
            "The jury also found that officers had failed to carry out welfare checks.",
            [(None, "force"), (None, "officer")],
        ),
        (
            "The review found failings in how the force handled the reports. "
            "Sergeant Amos Tull was also criticised for failing to supervise the search.",
            [(None, "force"), (1, "officer")],
        ),
        # no additive adverb: the second sentence tells the first finding again (one row, as before)
        (
            "The coroner criticised Northshire Police for serious failings. "
            "The jury found that officers had failed to carry out welfare checks.",
            [(None, "force")],
        ),
        # a verb of saying after "also" is no further finding (the verb class of the frame)
        (
            "The coroner criticised Northshire Police for serious failings. "
            "He also said that the force had failed to record the calls.",
            [(None, "force")],
        ),
    ],
)
def test_additional_finding_is_its_own_row(text: str, expected: list[tuple[int | None, str]]) -> None:
    assert _rows(text, "performance_failings") == expected


# Only the categories listed (`merge.additional_categories`): a sanction or a hearing's finding
# "also found" is the same outcome told again.
def test_additional_only_for_listed_categories() -> None:
    text = (
        "The panel found PC Dana Lane had committed gross misconduct. "
        "It also found her conduct amounted to gross misconduct."
    )
    assert _rows(text, "gross_misconduct_proven") == [(1, "officer")]
