"""Events and missed opportunities, scored against the gold annotations."""

from __future__ import annotations

import pandas as pd

from oversight_research.tables import read_table
from oversight_research.timeline import event_type, interval_days, missed_opportunities


def test_seed_case_yields_the_39_day_gap(corpus_tables):
    missed = read_table("missed_opportunities", corpus_tables)
    gaps = missed[(missed["warning_date"] == "2023-05-05") & (missed["harm_date"] == "2023-06-13")]
    assert gaps["interval_days"].tolist() == [39]
    assert gaps["day_exact"].all()


def test_two_seeds_about_the_same_killings_share_a_case(corpus_tables):
    cases = read_table("cases", corpus_tables)
    together = cases[cases["doc_ids"].str.contains("000_e0dd04bc3f82b1c3")]
    assert "001_4acca05a35b64bc4" in together["doc_ids"].iloc[0]
    assert len(cases) >= 10  # unrelated documents are not merged


def test_case_overrides(tmp_path):
    from oversight_research.pipeline import extract

    (tmp_path / "a.txt").write_text("Jo Bloggs was killed on 1 May 2020.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("An officer was dismissed on 2 May 2021.\n", encoding="utf-8")
    (tmp_path / "cases.csv").write_text("doc_id,case_id\na,my-case\nb,my-case\n", encoding="utf-8")
    extract(tmp_path, tmp_path / "out", progress=False)
    cases = read_table("cases", tmp_path / "out")
    assert cases["case_id"].tolist() == ["my-case"] and cases["doc_ids"].iloc[0] == "a;b"


def test_interval_is_computed_at_the_coarser_precision():
    assert interval_days("2023-05-05", "2023-06-13") == (39, "day")
    assert interval_days("2023-05", "2023-06-13") == (31, "month")
    assert interval_days("2022", "2023-06-13") == (365, "year")


def test_event_type_takes_the_nearest_cue():
    sentence = "The man was the victim of an acid attack on 27 July 2016."
    start = sentence.index("27 July")
    assert event_type(sentence, start, start + 12) == "harm"
    sentence = "Police received intelligence on 3 May 2016 about a threat."
    start = sentence.index("3 May")
    assert event_type(sentence, start, start + 10) == "warning_sign"


def test_missed_opportunities_skip_warnings_after_harm():
    events = pd.DataFrame([
        {"case_id": "c", "event_id": "1", "doc_id": "d", "date": "2020-01-10", "precision": "day",
         "event_type": "warning_sign", "sentence": "a call", "start": 0, "end": 1},
        {"case_id": "c", "event_id": "2", "doc_id": "d", "date": "2020-02-01", "precision": "day",
         "event_type": "harm", "sentence": "killed", "start": 0, "end": 1},
        {"case_id": "c", "event_id": "3", "doc_id": "d", "date": "2020-03-01", "precision": "day",
         "event_type": "warning_sign", "sentence": "complaint", "start": 0, "end": 1},
    ])
    missed = missed_opportunities(events)
    assert missed["interval_days"].tolist() == [22]
