"""The outcome analysis the notebook draws: per-case counts, flow, cross-case table."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import gold

from oversight_research import analysis
from oversight_research.tables import read_table

PORT = "003_06204bd7a1a3ea7d"


def rows(*specs: tuple) -> pd.DataFrame:
    """Outcome rows from (doc_id, case_id, category, count, status, start)."""
    frame = pd.DataFrame(specs, columns=["doc_id", "case_id", "category", "count", "status", "start"])
    return frame.assign(subject="officer", count=frame["count"].astype("Int64"))


def test_counts_add_up_within_a_document_and_take_the_largest_across_documents():
    frame = rows(
        ("a", "c", "learning", 1, "actual", 10),
        ("a", "c", "learning", 1, "actual", 90),
        ("a", "c", "learning", 1, "actual", 90),  # the same sentence twice is one mention
        ("b", "c", "learning", 1, "actual", 5),
    )
    counts = analysis.case_counts(frame)
    (row,) = counts.itertuples()
    assert (row.count, row.mentions) == (2, 4)


def test_mentions_without_number_keep_count_empty():
    counts = analysis.case_counts(rows(("a", "c", "suspension", None, "actual", 0)))
    assert counts["count"].isna().all() and counts["mentions"].tolist() == [1]


def test_non_actual_outcomes_are_left_out_unless_asked():
    frame = rows(("a", "c", "final_written_warning", 3, "hypothetical", 0), ("a", "c", "dismissal", 1, "actual", 9))
    cases = pd.DataFrame({"case_id": ["c"], "label": ["C"], "forces": [""]})
    assert analysis.select_outcomes(frame, cases)["category"].tolist() == ["dismissal"]
    assert len(analysis.select_outcomes(frame, cases, include_non_actual=True)) == 2
    table = analysis.cross_case(analysis.case_counts(frame), cases)
    assert table.loc[0, "highest sanction"] == "dismissal" and table.loc[0, "non-actual mentions"] == 1


def test_subject_is_validated():
    with pytest.raises(ValueError, match="subject must be one of"):
        analysis.select_outcomes(rows(), pd.DataFrame({"case_id": []}), subject="officers")


def test_ladder_orders_sanctions_by_severity():
    ladder = analysis.categories()
    sanctions = ladder[ladder["stage"] == "sanction"]
    assert sanctions["severity"].is_monotonic_increasing
    assert ladder["stage"].iloc[0] == "assessment" and sanctions["category"].iloc[-1] == "dismissal"


def test_stephen_port_flow_matches_the_gold_annotation(corpus_tables):
    """17 investigated → 9 performance failings + 8 no case to answer → 2 UPP; 7 management action; 5 promoted."""
    outcomes, cases = read_table("outcomes", corpus_tables), read_table("cases", corpus_tables)
    case_id = outcomes.loc[outcomes["doc_id"] == PORT, "case_id"].iloc[0]
    chosen = analysis.select_outcomes(outcomes[outcomes["doc_id"] == PORT], cases)
    got = analysis.flow(analysis.case_counts(chosen))
    got = got[got["case_id"] == case_id]
    got = got.dropna(subset=["count"]).set_index("category")["count"].astype(int).to_dict()
    expected: dict[str, int] = {}
    for o in gold(PORT)["outcomes"]:
        if o["count"] is not None:
            expected[o["category"]] = expected.get(o["category"], 0) + o["count"]
    assert got == expected


def test_a_cross_case_column_is_rules_not_code(monkeypatch):
    """A column added to ``outcomes.cross_case`` of rules/analysis.yaml reaches the table with no
    code change, and a category added to a column's list is counted in it."""
    from dataclasses import replace
    from types import MappingProxyType

    from oversight_research.analysis import outcomes as outcome_analysis
    from oversight_research.rules.analysis import CrossCaseColumn

    columns = dict(outcome_analysis._RULES.cross_case)
    columns["warned"] = CrossCaseColumn("sum_of", categories=("written_warning", "final_written_warning"))
    monkeypatch.setattr(
        outcome_analysis, "_RULES", replace(outcome_analysis._RULES, cross_case=MappingProxyType(columns))
    )
    frame = rows(("a", "c", "final_written_warning", 2, "actual", 0), ("a", "c", "written_warning", 1, "actual", 9))
    cases = pd.DataFrame({"case_id": ["c"], "label": ["C"], "forces": [""]})
    table = analysis.cross_case(analysis.case_counts(frame), cases)
    assert list(table.columns)[-2:] == ["warned", "non-actual mentions"] and table.loc[0, "warned"] == 3
