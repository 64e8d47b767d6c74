"""tables.rows_to_arrow: rows (dicts) → Arrow, with the values of to_frame."""

from __future__ import annotations

import math

from oversight_research import tables


def sentence(**values: object) -> dict:
    row = {"doc_id": "d", "paragraph": 0, "sentence": 0, "start": 0, "end": 5, "kind": "article", "text": "Hello"}
    return {**row, **values}


def test_rows_of_the_right_types_give_the_schema_and_their_values():
    rows = [sentence(), sentence(sentence=1, start=6, end=9, text="Bye", page=2, _own="not written")]
    arrow = tables.rows_to_arrow("sentences", rows)
    assert arrow.schema == tables.arrow_schema("sentences")
    assert arrow.column("text").to_pylist() == ["Hello", "Bye"]
    assert arrow.column("page").to_pylist() == [None, 2]  # a missing key is null
    assert "_own" not in arrow.column_names


def test_a_value_that_needs_coercing_is_coerced_like_to_frame():
    rows = [sentence(doc_id=7, text=float("nan")), sentence(start=True), {}]
    arrow = tables.rows_to_arrow("sentences", rows)
    assert arrow.column("doc_id").to_pylist() == ["7", "d", None]
    assert arrow.column("text").to_pylist() == [None, "Hello", None]  # NaN is missing
    assert arrow.column("start").to_pylist() == [0, 1, None]
    assert arrow.equals(tables.arrow_table("sentences", tables.to_frame("sentences", rows)))


def test_numbers_are_rounded_to_six_places_whatever_else_the_row_holds():
    rows = [
        {"doc_id": "d", "start": 0, "end": 3, "polarity": 1 / 3, "vader_compound": "0.25", "subjectivity": math.nan},
        {"doc_id": 5, "start": 4, "end": 9, "polarity": 2, "vader_compound": None, "subjectivity": 0.1234567},
    ]
    arrow = tables.rows_to_arrow("statements", rows)
    assert arrow.schema == tables.arrow_schema("statements")
    assert arrow.column("polarity").to_pylist() == [0.333333, 2.0]
    assert arrow.column("vader_compound").to_pylist() == [0.25, None]
    assert arrow.column("subjectivity").to_pylist() == [None, 0.123457]
    assert arrow.column("doc_id").to_pylist() == ["d", "5"]


def test_no_rows_give_an_empty_table_of_the_schema():
    arrow = tables.rows_to_arrow("events", [])
    assert arrow.num_rows == 0 and arrow.schema == tables.arrow_schema("events")


def test_reading_the_rows_of_no_documents_gives_an_empty_table_not_an_arrow_error(corpus_tables):
    """``doc_ids=[]`` (a gold folder with no annotation among the tables) once
    raised ArrowTypeError from the Parquet filter."""
    everything = tables.read_table("outcomes", corpus_tables)
    none = tables.read_table("outcomes", corpus_tables, doc_ids=[])
    assert len(everything) > 0 and none.empty and list(none.columns) == list(everything.columns)
    some = sorted(set(everything["doc_id"]))[:1]
    assert set(tables.read_table("outcomes", corpus_tables, doc_ids=iter(some))["doc_id"]) == set(some)
