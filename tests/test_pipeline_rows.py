"""extract.check_rows: the usual row passes by set operations; every bad row is still refused."""

from __future__ import annotations

import pytest

from oversight_research import extract
from oversight_research.schema import columns


def outcome(**changes: object) -> dict:
    row = {c: None for c in columns("outcomes") if c not in extract.FILLED}
    return {**row, **changes}


def test_rows_with_every_required_key_and_private_keys_pass():
    extract.check_rows("outcomes", [outcome(), outcome(_cue="x", _score=1, sentence_id=3)])


def test_an_unknown_key_beside_private_ones_is_refused():
    with pytest.raises(extract.RowKeyError, match=r"row 1: unknown key\(s\) 'score'"):
        extract.check_rows("outcomes", [outcome(), outcome(_cue="x", score=1)])


def test_missing_keys_are_named_in_the_table_order():
    row = {k: v for k, v in outcome().items() if k not in ("evidence", "category", "doc_id")}
    with pytest.raises(extract.RowKeyError, match=r"row 0: missing key\(s\) 'doc_id', 'category', 'evidence'"):
        extract.check_rows("outcomes", [row])
