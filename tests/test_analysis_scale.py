"""Figures stay readable and fast on a large corpus: aggregate or cap, never one mark per document."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from oversight_research import analysis  # noqa: E402


def test_corpus_figure_switches_to_a_distribution_for_many_documents():
    articles = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(500)],
            "published": ["2020-01-01"] * 500,
            "publisher": ["P"] * 500,
            "n_words": range(500),
            "boilerplate_lines": [0] * 500,
        }
    )
    fig = analysis.plot_corpus(articles)
    right = fig.axes[1]
    assert right.get_title() == "Words of article text per document" and len(right.get_yticklabels()) < 50


def test_per_case_statement_figure_draws_only_the_busiest_cases():
    rows = pd.DataFrame(
        {"case_id": [f"c{i % 100}" for i in range(400)], "group": ["family"] * 400, "vader_compound": [0.1] * 400}
    )
    fig = analysis.plot_by_case(rows, "vader_compound", "vader", {}, max_cases=12)
    assert len(fig.axes[0].get_yticks()) == 12


def test_cross_case_table_has_one_row_per_case():
    cases = pd.DataFrame({"case_id": [f"c{i}" for i in range(300)], "label": "x", "forces": ""})
    counts = pd.DataFrame(
        {
            "case_id": [f"c{i}" for i in range(300)],
            "category": "dismissal",
            "status": "actual",
            "stage": "sanction",
            "severity": 6.0,
            "count": 1,
            "mentions": 1,
        }
    )
    table = analysis.cross_case(counts.assign(count=counts["count"].astype("Int64")), cases)
    assert len(table) == 300 and (table["highest sanction"] == "dismissal").all() and table["dismissed"].sum() == 300
