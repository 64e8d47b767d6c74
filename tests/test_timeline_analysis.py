"""Notebook 01's selection of missed opportunities from the extracted table."""

from __future__ import annotations

import pandas as pd
import pytest

from oversight_research.analysis import missed_for


def table(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"case_id": c, "doc_id": d, "start": s, "warning_date": w, "harm_date": h, "interval_days": 0}
            for c, d, s, w, h in rows
        ]
    )


CASES = pd.DataFrame({"case_id": ["a", "b"]})


def test_a_warning_two_documents_report_is_listed_once():
    missed = table(
        ("a", "d1", 5, "2023-05-05", "2023-06-13"),
        ("a", "d2", 9, "2023-05-05", "2023-06-13"),
        ("a", "d2", 20, "2023-04", "2023-06-13"),
    )
    chosen = missed_for(missed, CASES, "year")
    assert chosen[["doc_id", "warning_date"]].values.tolist() == [["d1", "2023-05-05"], ["d2", "2023-04"]]


@pytest.mark.parametrize(
    "min_precision, kept",
    [
        ("day", ["2023-05-05"]),
        ("month", ["2023-05-05", "2023-04"]),
        ("year", ["2023-05-05", "2023-04", "2022", "2023-05-01"]),
    ],
)
def test_min_precision_applies_to_both_dates(min_precision, kept):
    missed = table(
        ("b", "d", 1, "2023-05-05", "2023-06-13"),
        ("b", "d", 2, "2023-04", "2023-06-13"),
        ("b", "d", 3, "2022", "2023-06-13"),
        ("b", "d", 4, "2023-05-01", "2023"),
    )
    assert missed_for(missed, CASES, min_precision)["warning_date"].tolist() == kept


def test_other_cases_and_bad_precision():
    missed = table(("z", "d", 1, "2023-05-05", "2023-06-13"))
    assert missed_for(missed, CASES, "day").empty
    with pytest.raises(ValueError, match="min_precision"):
        missed_for(missed, CASES, "week")


def test_unknown_event_types_are_refused_not_silently_drawn_as_nothing():
    from oversight_research.analysis import EVENT_TYPES, check_event_types

    with pytest.raises(ValueError, match=r"unknown event type\(s\) \['nonsense'\]"):
        check_event_types(["harm", "nonsense"])
    with pytest.raises(ValueError, match="must be a list"):
        check_event_types("harm")
    assert check_event_types(["harm", "warning_sign"]) == ["harm", "warning_sign"] and "other" in EVENT_TYPES
