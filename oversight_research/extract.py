"""Per-document extraction: one raw file → its rows in every per-document table.

:func:`extract_document` is a pure function of the file's bytes (and its
manifest row), so any engine can map it over a corpus: a loop, a process pool
or Dask (:mod:`engines`).  :data:`EXTRACTORS` lists the extractors that read
the parsed document (frozen, with the per-document view they share: its
lower-cased text and sentence spans, :class:`ingest.Document`); an extractor
that fails loses its own rows only, never the document, and the failure is
listed in the document's articles row (its problems, and status ``partial``).
Every row an extractor returns is checked against :mod:`schema`
(:func:`check_rows`: a key the table does not have, or a column the row lacks,
raises :class:`RowKeyError` naming both), then gets the ``sentence_id`` of the
sentence holding its evidence (:func:`add_sentence_ids`, one bisection per
row) and, in the correctable tables, its stable ``row_id``
(:func:`corrections.add_row_ids`), which researchers' corrections name.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path

from . import cases, corrections, ingest
from .ingest import Document
from .outcomes import extract_outcomes
from .schema import TABLES, columns
from .sentiment import with_sentiment
from .statements import extract_statements
from .timeline import document_missed_opportunities, extract_events

log = logging.getLogger(__name__)


def statements_with_sentiment(doc: Document) -> list[dict]:
    return with_sentiment(extract_statements(doc))


# (table, extractor) in the order they run; each returns that table's rows.
EXTRACTORS: tuple[tuple[str, Callable[[Document], list[dict]]], ...] = (
    ("events", extract_events),
    ("outcomes", extract_outcomes),
    ("statements", statements_with_sentiment),
)


# Columns filled here or later, after the extractors ran: an extractor need not give them.
FILLED = frozenset({"case_id", "row_id", "review", "sentence_id", "harm_sentence_id"})
# sentence column -> the offset column whose sentence it names
SENTENCE_OF = {"sentence_id": "start", "harm_sentence_id": "harm_start"}


class RowKeyError(ValueError):
    """An extractor returned a row whose keys are not its table's columns (a bug in the extractor)."""


def check_rows(table: str, rows: Iterable[Mapping[str, object]]) -> None:
    """Raise :class:`RowKeyError` unless every row has exactly ``table``'s
    columns of :mod:`schema` (keys starting with ``_`` are the extractor's own
    and are never written; :data:`FILLED` columns may be missing)."""
    expected, required = _row_keys(table)
    for n, row in enumerate(rows):
        keys = row.keys()  # the usual row passes by set operations
        if keys >= required and (keys <= expected or all(k.startswith("_") for k in keys - expected)):
            continue
        unknown = sorted(k for k in row if k not in expected and not k.startswith("_"))
        missing = [c for c in columns(table) if c in required and c not in row]  # in the table's order
        if unknown or missing:
            what = [f"unknown key(s) {', '.join(map(repr, unknown))}"] if unknown else []
            what += [f"missing key(s) {', '.join(map(repr, missing))}"] if missing else []
            raise RowKeyError(f"table {table!r}, row {n}: {'; '.join(what)} (the columns are defined in schema.py)")


@cache
def _row_keys(table: str) -> tuple[frozenset[str], frozenset[str]]:
    """``table``'s columns, and those an extractor must give (not :data:`FILLED`)."""
    names = columns(table)
    return frozenset(names), frozenset(c for c in names if c not in FILLED)


@cache
def _sentence_columns(table: str) -> tuple[tuple[str, str], ...]:
    """``table``'s sentence columns, each with the offset column it is found from (:data:`SENTENCE_OF`)."""
    return tuple((c, SENTENCE_OF[c]) for c in columns(table) if c in SENTENCE_OF) if table in TABLES else ()


def sentence_finder(sentences: list[dict]) -> Callable[[object], int | None]:
    """offset → the ``sentence`` number of the sentence whose span holds it (None outside every sentence)."""
    ordered = sorted(sentences, key=lambda s: s["start"])
    starts = [s["start"] for s in ordered]

    def find(offset: object) -> int | None:
        if not isinstance(offset, int):
            return None
        i = bisect.bisect_right(starts, offset) - 1
        return ordered[i]["sentence"] if i >= 0 and offset < ordered[i]["end"] else None

    return find


def add_sentence_ids(result: dict[str, list[dict]]) -> None:
    """Give every row of a table with a ``sentence_id`` (``harm_sentence_id``)
    column the sentence holding its ``start`` (``harm_start``), in place."""
    find = sentence_finder(result.get("sentences") or [])
    for table, rows in result.items():
        wanted = _sentence_columns(table)
        for row in rows if wanted else ():
            for column, offset in wanted:
                row[column] = find(row.get(offset))


def extract_document(
    path: Path, raw_dir: Path, manifest_row: dict | None = None, data: bytes | None = None
) -> dict[str, list[dict]]:
    """One raw file → its rows in every per-document table (and case keys);
    ``data``, the file's bytes when the caller read them already."""
    doc = ingest.read_document(path, raw_dir, manifest_row, data)
    sentences = ingest.sentence_rows(doc)
    result: dict[str, list[dict]] = {"sentences": sentences}
    failed: list[str] = []  # the extractors that failed: the articles row says so, the document stays as read
    for name, extractor in EXTRACTORS:
        try:
            result[name] = extractor(doc)
        except Exception as exc:  # an extractor bug must not lose the document
            log.exception("%s: %s extractor failed", doc.doc_id, name)
            failed.append(f"{name} extractor failed: {type(exc).__name__}: {exc}")
            result[name] = []
        check_rows(name, result[name])  # outside the try: a row that does not fit its table is a bug, not data
    result["missed_opportunities"] = document_missed_opportunities(result["events"])
    check_rows("missed_opportunities", result["missed_opportunities"])
    add_sentence_ids(result)
    corrections.add_row_ids(result)  # stable ids: doc, table, offsets, type -- never position
    n_article = sum(1 for s in sentences if s["kind"] == "article")
    result["articles"] = [ingest.article_row(doc, n_article, failed)]
    # an unreadable document has nothing to group by: it is in no case (its case_id stays empty)
    result["case_keys"] = [] if doc.status == "unreadable" else [cases.case_key_row(doc, result["events"])]
    return result
