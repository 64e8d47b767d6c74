"""Rows reference their sentence (issue 18), and rows that do not fit their table are refused (issue 14 §3)."""

from __future__ import annotations

import pytest
from conftest import RAW, SEEDS

from oversight_research import extract as extract_mod
from oversight_research.schema import TABLES, columns
from oversight_research.tables import read_table

# table -> (sentence column, offset column) for every evidence table
EVIDENCE = {
    table: [
        (c, "harm_start" if c == "harm_sentence_id" else "start") for c in columns(table) if c.endswith("sentence_id")
    ]
    for table in TABLES
    if "sentence_id" in columns(table)
}


def test_every_table_with_evidence_offsets_has_a_sentence_id():
    assert set(EVIDENCE) == {"events", "outcomes", "statements", "missed_opportunities"}
    assert EVIDENCE["missed_opportunities"] == [("sentence_id", "start"), ("harm_sentence_id", "harm_start")]


@pytest.mark.parametrize("table", sorted(EVIDENCE))
def test_sentence_id_names_the_sentence_whose_span_holds_the_start(corpus_tables, table):
    rows = read_table(table, corpus_tables)
    sentences = read_table("sentences", corpus_tables).set_index(["doc_id", "sentence"])
    assert len(rows), table
    for column, offset in EVIDENCE[table]:
        assert rows[column].notna().all(), (table, column)  # every evidence of this corpus lies in a sentence
        spans = sentences.loc[list(zip(rows["doc_id"], rows[column].astype(int), strict=True)), ["start", "end"]]
        starts = rows[offset].to_numpy()
        assert ((spans["start"].to_numpy() <= starts) & (starts < spans["end"].to_numpy())).all(), (table, column)


def test_sentence_finder_is_none_outside_every_sentence():
    sentences = [{"sentence": 0, "start": 5, "end": 10}, {"sentence": 1, "start": 12, "end": 20}]
    find = extract_mod.sentence_finder(sentences)
    assert [find(o) for o in (4, 5, 9, 10, 11, 12, 19, 20, None)] == [None, 0, 0, None, None, 1, 1, None, None]


def test_the_parquet_copy_carries_sentence_id_as_an_integer(corpus_tables):
    import pyarrow.parquet as pq

    schema = pq.read_schema(corpus_tables / "events.parquet")
    assert str(schema.field("sentence_id").type) == "int64"


def _with_row_change(change):
    """The events extractor with ``change`` applied to each row it returns."""
    original = dict(extract_mod.EXTRACTORS)["events"]

    def changed(doc):
        return [change(dict(row)) for row in original(doc)]

    return tuple((name, changed if name == "events" else fn) for name, fn in extract_mod.EXTRACTORS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda row: {**row, "confidence": 0.5}, "unknown key(s) 'confidence'"),
        (lambda row: {k: v for k, v in row.items() if k != "date_text"}, "missing key(s) 'date_text'"),
    ],
)
def test_a_row_with_an_unknown_or_missing_key_is_refused_naming_table_and_key(monkeypatch, change, message):
    monkeypatch.setattr(extract_mod, "EXTRACTORS", _with_row_change(change))
    with pytest.raises(extract_mod.RowKeyError) as raised:
        extract_mod.extract_document(RAW / f"{SEEDS[0]}.txt", RAW)
    assert "table 'events'" in str(raised.value) and message in str(raised.value)


def test_rows_as_extracted_pass_the_check_and_private_keys_are_allowed():
    result = extract_mod.extract_document(RAW / f"{SEEDS[0]}.txt", RAW)
    for table in EVIDENCE:
        extract_mod.check_rows(table, result[table])
    extract_mod.check_rows("events", [{**result["events"][0], "_internal": 1}])
