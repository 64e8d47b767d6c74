"""The extraction pipeline: raw folder → every table in an output folder.

:func:`extract_document` is a pure function from one raw file to its rows in
every per-document table, so any engine can map it over a corpus: a loop, a
process pool (``jobs > 1``) or Dask.  Corpus-level work (grouping documents
into cases) runs afterwards on the per-document results.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tqdm import tqdm

from . import cases as cases_mod
from . import ingest, tables
from .ingest import Document
from .outcomes import extract_outcomes
from .sentiment import with_sentiment
from .statements import extract_statements
from .text import count_words
from .timeline import extract_events

log = logging.getLogger(__name__)

DOCUMENT_TABLES = ("articles", "sentences", "events", "outcomes", "statements")
CORPUS_TABLES = (*DOCUMENT_TABLES, "cases")


class InputError(Exception):
    """The input folder cannot be used at all (message is for the user)."""


@dataclass
class Summary:
    documents: int = 0
    problems: int = 0
    unreadable: int = 0
    written: list[Path] = field(default_factory=list)
    out_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.documents} documents read, {self.problems} with problems "
            f"({self.unreadable} unreadable), {len(CORPUS_TABLES)} tables written to {self.out_dir}"
        )


def article_row(doc: Document, n_sentences: int) -> dict:
    kept = doc.article_paragraphs()
    article_text = "\n".join(doc.text[p.start:p.end] for p in kept)
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        **{k: doc.meta.get(k) for k in ("title", "publisher", "published", "source_url", "reference")},
        "published_source": doc.meta.get("published_source", "none"),
        "n_chars": len(article_text),
        "n_words": count_words(article_text),
        "n_paragraphs": len(kept),
        "n_sentences": n_sentences,
        "boilerplate_lines": sum(doc.boilerplate.values()),
        "boilerplate_reasons": ";".join(f"{k}={v}" for k, v in sorted(doc.boilerplate.items())),
        "comment_lines": doc.comment_lines,
        "status": doc.status,
        "problems": "; ".join(doc.problems),
    }


def sentence_rows(doc: Document) -> list[dict]:
    return [
        {
            "doc_id": doc.doc_id, "paragraph": number, "sentence": i, "start": span.start,
            "end": span.end, "kind": para.kind, "text": doc.text[span.start:span.end],
        }
        for i, (number, para, span) in enumerate(ingest.sentence_spans(doc))
    ]


def extract_document(path: Path, raw_dir: Path, manifest_row: dict | None = None) -> dict[str, list[dict]]:
    """One raw file → its rows in every per-document table (and case keys)."""
    doc = ingest.read_document(path, raw_dir, manifest_row)
    sentences = sentence_rows(doc)
    result: dict[str, list[dict]] = {"sentences": sentences}
    for name, extractor in (("events", extract_events), ("outcomes", extract_outcomes),
                            ("statements", statements_with_sentiment)):
        try:
            result[name] = extractor(doc)
        except Exception as exc:  # an extractor bug must not lose the document
            log.exception("%s: %s extractor failed", doc.doc_id, name)
            doc.problems.append(f"{name} extractor failed: {type(exc).__name__}: {exc}")
            doc.status = "partial" if doc.status == "ok" else doc.status
            result[name] = []
    n_article = sum(1 for s in sentences if s["kind"] == "article")
    result["articles"] = [article_row(doc, n_article)]
    result["case_keys"] = [cases_mod.case_keys(doc)]
    return result


def statements_with_sentiment(doc: Document) -> list[dict]:
    return with_sentiment(extract_statements(doc))


def raw_files(raw_dir: Path) -> list[Path]:
    """Every .txt/.html file in ``raw_dir`` (sorted; hidden files skipped)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(f"input folder {raw_dir} does not exist or is not a folder")
    return sorted(
        p for p in raw_dir.iterdir()
        if p.suffix.lower() in ingest.SUFFIXES and not p.name.startswith(".") and (p.is_file() or p.is_symlink())
    )


def map_documents(paths: list[Path], raw_dir: Path, manifest: dict, jobs: int = 1,
                  progress: bool = True) -> Iterator[dict[str, list[dict]]]:
    """Run :func:`extract_document` over ``paths`` with ``jobs`` processes."""
    work = partial(_extract_with_manifest, raw_dir=raw_dir, manifest=manifest)
    bar = partial(tqdm, total=len(paths), desc="extract", unit="doc", disable=not progress)
    if jobs <= 1:
        yield from bar(map(work, paths))
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from bar(pool.map(work, paths, chunksize=max(1, min(64, len(paths) // (jobs * 8) or 1))))


def _extract_with_manifest(path: Path, raw_dir: Path, manifest: dict) -> dict[str, list[dict]]:
    row = manifest.get(path.stem)
    if manifest and row is None:
        row = {"problem": "not listed in manifest.csv; metadata detected from the text"}
    return extract_document(path, raw_dir, row)


def collect(results: Iterable[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {name: [] for name in (*DOCUMENT_TABLES, "case_keys")}
    for result in results:
        for name, rows in result.items():
            merged[name].extend(rows)
    return merged


def extract(raw_dir: Path, out_dir: Path, jobs: int = 1, progress: bool = True) -> Summary:
    """Extract every table from ``raw_dir`` into ``out_dir``."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    paths = raw_files(raw_dir)
    if not paths:
        raise InputError(f"no .txt or .html files in {raw_dir}")
    manifest, warnings = ingest.read_manifest(raw_dir)
    stems = {p.stem for p in paths}
    warnings += [f"manifest.csv names {d!r} but there is no such file" for d in sorted(set(manifest) - stems)]
    merged = collect(map_documents(paths, raw_dir, manifest, jobs, progress))
    overrides = cases_mod.read_overrides(raw_dir)
    case_rows, doc_case = cases_mod.group(merged.pop("case_keys"), merged["events"], overrides)
    for name in ("events", "outcomes", "statements"):
        for row in merged[name]:
            row["case_id"] = doc_case.get(row["doc_id"])
    merged["cases"] = case_rows
    summary = write_all(merged, out_dir)
    summary.warnings = warnings
    return summary


def write_all(merged: dict[str, list[dict]], out_dir: Path) -> Summary:
    summary = Summary(out_dir=out_dir)
    for name in CORPUS_TABLES:
        summary.written += tables.write_table(name, tables.to_frame(name, merged[name]), out_dir)
    summary.written.append(tables.write_datapackage(out_dir))
    articles = merged["articles"]
    summary.documents = len(articles)
    summary.problems = sum(1 for a in articles if a["status"] != "ok")
    summary.unreadable = sum(1 for a in articles if a["status"] == "unreadable")
    return summary
