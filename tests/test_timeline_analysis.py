"""Notebook 01's selection of missed opportunities from the extracted table."""

from __future__ import annotations

import pandas as pd
import pytest

from oversight_research import tables
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


def test_one_missed_opportunity_is_reported_as_its_interval_not_a_median_and_range():
    from oversight_research.analysis.summary import missed_finding

    one = pd.DataFrame(
        [{"case_id": "a", "doc_id": "d", "start": 0, "warning_date": "2021-05-01", "harm_date": "2021-05-02"}]
    ).assign(interval_days=1, day_exact=True)
    text = missed_finding(one, CASES, "year").text
    assert "an interval of 1 day (n = 1" in text and "median" not in text and "1 days" not in text
    two = pd.concat([one, one.assign(warning_date="2021-04-01", interval_days=31)], ignore_index=True)
    assert "median interval 16 days, range 1 to 31 days (n = 2" in missed_finding(two, CASES, "year").text
    ones = pd.concat([one, one.assign(warning_date="2021-04-30", harm_date="2021-05-01")], ignore_index=True)
    assert "median interval 1 day, range 1 to 1 day (n = 2" in missed_finding(ones, CASES, "year").text


def test_nothing_extracted_is_nothing_to_review_not_all_0_rows():
    from oversight_research.analysis.summary import review_finding

    empty = pd.DataFrame(
        [
            {"table": t, "rows": 0, "reviewed": 0, "corrected": 0, "added": 0, "dropped": 0, "unmatched corrections": 0}
            for t in ("events", "outcomes")
        ]
    )
    text = review_finding(empty).text
    assert text.startswith("Nothing to review") and "all 0" not in text
    assert review_finding(empty.assign(rows=3)).text.startswith(
        "No row has been reviewed by a researcher yet: all 6 rows"
    )


def test_the_notebook_summary_of_one_missed_opportunity_gives_its_interval():
    from oversight_research.analysis import missed_summary

    one = pd.DataFrame([{"case_id": "a", "interval_days": 1, "day_exact": True}])
    assert missed_summary(one) == "1 missed opportunity in 1 case: an interval of 1 day."
    two = pd.DataFrame([{"case_id": "a", "interval_days": 1, "day_exact": True}] * 2)
    assert missed_summary(two).startswith("2 missed opportunities in 1 case; median interval 1 day;")


def test_unreadable_documents_are_in_no_case_and_not_counted_as_cases(tmp_path):
    from oversight_research.analysis.summary import corpus_finding
    from oversight_research.pipeline import extract

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("PC Ann Cole was dismissed on 5 May 2020 after a hearing.\n", encoding="utf-8")
    (raw / "empty.txt").write_text("", encoding="utf-8")
    (raw / "broken.pdf").write_bytes(b"\x00\x01 not a pdf")
    out = tmp_path / "out"
    extract(raw, out, progress=False)
    articles, cases = tables.read_table("articles", out), tables.read_table("cases", out)
    assert set(articles.loc[articles["status"] == "unreadable", "doc_id"]) == {"empty", "broken"}
    assert cases["doc_ids"].tolist() == ["a"]
    assert "grouped into 1 case (an unreadable document is in no case)." in corpus_finding(articles, cases).text


def test_a_one_day_interval_reads_1_day_on_the_timeline():
    import matplotlib.pyplot as plt

    from oversight_research.analysis import plot_timelines

    events = pd.DataFrame(
        {
            "case_id": ["a", "a"],
            "date": ["2021-05-01", "2021-05-02"],
            "precision": ["day", "day"],
            "event_type": ["warning_sign", "harm"],
            "date_text": ["1 May 2021", "2 May 2021"],
            "doc_id": ["d", "d"],
            "start": [0, 20],
            "end": [10, 30],
        }
    )
    missed = pd.DataFrame(
        [
            {
                "case_id": "a",
                "warning_date": "2021-05-01",
                "harm_date": "2021-05-02",
                "interval_days": 1,
                "day_exact": True,
            }
        ]
    )
    (fig,) = plot_timelines(events, pd.DataFrame({"case_id": ["a"], "label": ["A"]}), missed, ["harm", "warning_sign"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "1 day" in texts and "1 days" not in texts and fig.alt_text.endswith("first harm, 1 day.")
    plt.close(fig)
