"""Per-document extraction: one raw file → its rows in every per-document table.

:func:`extract_document` is a pure function of the file's bytes (and its
manifest row), so any engine can map it over a corpus: a loop, a process pool
or Dask (:mod:`engines`).  :data:`EXTRACTORS` lists the extractors that read
the parsed document; an extractor that fails loses its own rows only, never
the document, and the failure is recorded in the document's problems.
Every row of the correctable tables then gets its stable ``row_id``
(:func:`corrections.add_row_ids`), which researchers' corrections name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from . import cases, corrections, ingest
from .ingest import Document
from .outcomes import extract_outcomes
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


def extract_document(path: Path, raw_dir: Path, manifest_row: dict | None = None) -> dict[str, list[dict]]:
    """One raw file → its rows in every per-document table (and case keys)."""
    doc = ingest.read_document(path, raw_dir, manifest_row)
    sentences = ingest.sentence_rows(doc)
    result: dict[str, list[dict]] = {"sentences": sentences}
    for name, extractor in EXTRACTORS:
        try:
            result[name] = extractor(doc)
        except Exception as exc:  # an extractor bug must not lose the document
            log.exception("%s: %s extractor failed", doc.doc_id, name)
            doc.problems.append(f"{name} extractor failed: {type(exc).__name__}: {exc}")
            doc.status = "partial" if doc.status == "ok" else doc.status
            result[name] = []
    result["missed_opportunities"] = document_missed_opportunities(result["events"])
    corrections.add_row_ids(result)  # stable ids: doc, table, offsets, type -- never position
    n_article = sum(1 for s in sentences if s["kind"] == "article")
    result["articles"] = [ingest.article_row(doc, n_article)]
    result["case_keys"] = [cases.case_key_row(doc, result["events"])]
    return result
