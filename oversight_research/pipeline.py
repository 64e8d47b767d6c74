"""The extraction pipeline: raw folder → every table in an output folder.

:func:`extract_document` is a pure function from one raw file to its rows in
every per-document table, so any engine can map it over a corpus: a loop, a
process pool (``jobs > 1``) or Dask (``engine="dask"``).  Documents travel in
fixed batches (:func:`extract_batch`); each worker writes its batch's rows as
Parquet parts (a partitioned dataset in a scratch folder inside the output
folder), so memory holds one batch, never the corpus.  Corpus-level work
(grouping documents into cases) runs afterwards on the small per-document
case keys, and the final tables are written part by part with their
``case_id`` filled in.

Each document's result is cached under ``<out>/.cache`` keyed on its bytes,
its manifest row and a fingerprint of the package code and rules: re-running
after adding one document extracts only that document.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from . import __version__, ingest, tables
from . import cases as cases_mod
from .ingest import Document
from .outcomes import extract_outcomes
from .schema import columns
from .sentiment import with_sentiment
from .statements import extract_statements
from .text import count_words
from .timeline import document_missed_opportunities, extract_events

log = logging.getLogger(__name__)

DOCUMENT_TABLES = ("articles", "sentences", "events", "missed_opportunities", "outcomes", "statements")
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
    cached: int = 0

    def count(self, batch: Batch) -> None:
        self.documents += batch.documents
        self.problems += batch.problems
        self.unreadable += batch.unreadable
        self.cached += batch.cached

    def line(self) -> str:
        return (
            f"{self.documents} documents read ({self.cached} unchanged, from the cache), {self.problems} with "
            f"problems ({self.unreadable} unreadable), {len(CORPUS_TABLES)} tables written to {self.out_dir}"
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
    result["missed_opportunities"] = document_missed_opportunities(result["events"])
    n_article = sum(1 for s in sentences if s["kind"] == "article")
    result["articles"] = [article_row(doc, n_article)]
    dates = sorted(e["date"] for e in result["events"] if e["date"])
    result["case_keys"] = [{**cases_mod.case_keys(doc), "first_date": dates[0] if dates else None,
                            "last_date": dates[-1] if dates else None}]
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


# --------------------------------------------------------------------------- cache

@cache
def code_fingerprint() -> str:
    """Hash of the package's code and rules: any change invalidates the cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.yaml")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _cache_path(cache_dir: Path, path: Path, raw_dir: Path, manifest_row: dict | None) -> Path | None:
    try:
        data = ingest.read_inside(path, raw_dir)
    except (ingest.Unreadable, OSError):
        return None  # unreadable files are cheap to re-read; symlinks outside are never followed
    key = hashlib.sha256(data)
    key.update(json.dumps([path.name, manifest_row, code_fingerprint()], sort_keys=True).encode())
    digest = key.hexdigest()
    return cache_dir / digest[:2] / f"{digest}.pickle"


def extract_cached(path: Path, raw_dir: Path, manifest_row: dict | None, cache_dir: Path | None) -> dict:
    """:func:`extract_document`, read from the cache when the same bytes were
    extracted by the same code before.  ``result["cached"]`` says which."""
    where = _cache_path(cache_dir, path, raw_dir, manifest_row) if cache_dir else None
    if where is not None and where.exists():
        with where.open("rb") as fh:
            return {**pickle.load(fh), "cached": True}
    result = extract_document(path, raw_dir, manifest_row)
    if where is not None:
        where.parent.mkdir(parents=True, exist_ok=True)
        tables.atomic_write_bytes(where, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return {**result, "cached": False}


# --------------------------------------------------------------------------- engines

ENGINES = ("processes", "dask")
# Documents per task (and per Parquet part), and parts per row group of the
# final Parquet files (1,000 documents).  Fixed, not derived from --jobs or the
# engine, so that the tables come out byte-identical however they are run;
# small enough batches that a few thousand documents keep many workers busy.
BATCH_DOCS = 100
PARTS_PER_ROW_GROUP = 10


@dataclass
class Batch:
    """What a worker reports for one batch of documents; its rows are already
    in the batch's Parquet parts, so only the small case keys travel back."""
    documents: int = 0
    problems: int = 0
    unreadable: int = 0
    cached: int = 0
    case_keys: list[dict] = field(default_factory=list)


def extract_batch(index: int, paths: list[Path], raw_dir: Path, manifest: dict, cache_dir: Path | None,
                  parts_dir: Path) -> Batch:
    """Extract ``paths`` (the ``index``-th batch) and write their rows as one
    Parquet part per table: ``parts_dir/<table>/part-<index>.parquet``."""
    results = [_extract_one(path, raw_dir, manifest, cache_dir) for path in paths]
    for name in DOCUMENT_TABLES:
        tables.write_part(name, [row for result in results for row in result[name]], _part(parts_dir, name, index))
    statuses = [result["articles"][0]["status"] for result in results]
    return Batch(documents=len(results), problems=sum(s != "ok" for s in statuses),
                 unreadable=statuses.count("unreadable"), cached=sum(bool(r.get("cached")) for r in results),
                 case_keys=[key for result in results for key in result["case_keys"]])


def _part(parts_dir: Path, table: str, index: int) -> Path:
    return parts_dir / table / f"part-{index:06d}.parquet"


def map_batches(paths: list[Path], raw_dir: Path, manifest: dict, parts_dir: Path, jobs: int = 1,
                progress: bool = True, cache_dir: Path | None = None, engine: str = "processes",
                scheduler: str | None = None) -> Iterator[Batch]:
    """:func:`extract_batch` over ``paths`` in batches of ``BATCH_DOCS``, in
    order, on the chosen engine; each batch writes its own Parquet parts."""
    work = partial(extract_batch, raw_dir=raw_dir, manifest=manifest, cache_dir=cache_dir, parts_dir=parts_dir)
    batches = [paths[i:i + BATCH_DOCS] for i in range(0, len(paths), BATCH_DOCS)]
    with tqdm(total=len(paths), desc="extract", unit="doc", disable=not progress) as bar, ExitStack() as stack:
        if engine == "dask":
            done = _map_dask(work, batches, jobs, scheduler)
        elif jobs <= 1:
            done = map(work, range(len(batches)), batches)
        else:
            done = stack.enter_context(ProcessPoolExecutor(max_workers=jobs)).map(work, range(len(batches)), batches)
        for batch in done:
            bar.update(batch.documents)
            yield batch


def _map_dask(work, batches: list[list[Path]], jobs: int, scheduler: str | None) -> Iterator[Batch]:
    """Map ``work`` over the batches with ``dask.bag`` (one partition per
    batch): the local scheduler, or a ``dask.distributed`` cluster at
    ``scheduler``.  Partitions are computed a few at a time and reported in
    order, so the driver never holds the corpus."""
    try:
        import dask
        import dask.bag as db
    except ImportError as exc:
        raise InputError("the dask engine needs dask: pip install 'oversight-research[dask]'") from exc
    client = None
    if scheduler:
        from dask.distributed import Client

        client = Client(scheduler)
    try:
        bag = db.from_sequence(list(enumerate(batches)), npartitions=len(batches))
        parts = bag.map(lambda item: work(*item)).to_delayed()
        step = max(2, 2 * max(1, jobs))
        options = {} if client else {"scheduler": "processes" if jobs > 1 else "sync", "num_workers": jobs}
        for i in range(0, len(parts), step):
            for part in dask.compute(*parts[i:i + step], **options):
                yield from part
    finally:
        if client is not None:
            client.close()


def _extract_one(path: Path, raw_dir: Path, manifest: dict, cache_dir: Path | None) -> dict:
    row = manifest.get(path.stem)
    if manifest and row is None:
        row = {"problem": "not listed in manifest.csv; metadata detected from the text"}
    return extract_cached(path, raw_dir, row, cache_dir)


# --------------------------------------------------------------------------- writing

def _table_chunks(parts_dir: Path, name: str, batches: int, doc_case: dict[str, str]) -> Iterator[pa.Table]:
    """Table ``name`` from its parts, ``PARTS_PER_ROW_GROUP`` at a time in
    batch order, with ``case_id`` filled in."""
    for first in range(0, batches, PARTS_PER_ROW_GROUP):
        chunk = pa.concat_tables([_read_part(parts_dir, name, index)
                                  for index in range(first, min(batches, first + PARTS_PER_ROW_GROUP))])
        if "case_id" in chunk.column_names:
            case_ids = pa.array([doc_case.get(d) for d in chunk.column("doc_id").to_pylist()], pa.string())
            chunk = chunk.set_column(chunk.column_names.index("case_id"), "case_id", case_ids)
        yield chunk


def _read_part(parts_dir: Path, name: str, index: int) -> pa.Table:
    part = _part(parts_dir, name, index)
    if not part.exists():
        raise InputError(f"{part} is missing: with --scheduler, the output folder must be on a file "
                         "system every Dask worker can write to")
    return pq.read_table(part, schema=tables.arrow_schema(name))


def _write_table(name: str, parts_dir: Path, batches: int, doc_case: dict[str, str], out_dir: Path) -> list[Path]:
    return tables.write_table_chunks(name, _table_chunks(parts_dir, name, batches, doc_case), out_dir)


def _write_document_tables(parts_dir: Path, batches: int, doc_case: dict[str, str], out_dir: Path,
                           jobs: int) -> list[Path]:
    """Write the per-document tables from their parts, ``jobs`` tables at a
    time (the largest, sentences, first); tables without ``case_id`` are not
    sent the case map."""
    work = [(name, parts_dir, batches, doc_case if "case_id" in columns(name) else {}, out_dir)
            for name in ("sentences", "statements", "events", "outcomes", "articles", "missed_opportunities")]
    if jobs <= 1:
        written = [_write_table(*args) for args in work]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            written = list(pool.map(_write_table, *zip(*work, strict=True)))
    by_name = dict(zip((args[0] for args in work), written, strict=True))
    return [path for name in DOCUMENT_TABLES for path in by_name[name]]


def extract(raw_dir: Path, out_dir: Path, jobs: int = 1, progress: bool = True, cache: bool = True,
            engine: str = "processes", scheduler: str | None = None) -> Summary:
    """Extract every table from ``raw_dir`` into ``out_dir``.

    Workers write each batch's rows as Parquet parts in a scratch folder
    inside ``out_dir`` (a partitioned dataset, so memory holds one batch
    whatever the corpus size); cases are then grouped from the small case
    keys and the final tables written part by part with ``case_id`` filled."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    paths = raw_files(raw_dir)
    if not paths:
        raise InputError(f"no .txt or .html files in {raw_dir}")
    manifest, warnings = ingest.read_manifest(raw_dir)
    stems = {p.stem for p in paths}
    warnings += [f"manifest.csv names {d!r} but there is no such file" for d in sorted(set(manifest) - stems)]
    out_dir.mkdir(parents=True, exist_ok=True)
    parts_dir = Path(tempfile.mkdtemp(prefix=".parts-", dir=out_dir))
    summary, keys, batches = Summary(out_dir=out_dir, warnings=warnings), [], 0
    try:
        for batch in map_batches(paths, raw_dir, manifest, parts_dir, jobs, progress,
                                 out_dir / ".cache" if cache else None, engine, scheduler):
            summary.count(batch)
            keys.extend(batch.case_keys)
            batches += 1
        case_rows, doc_case = cases_mod.group(keys, cases_mod.read_overrides(raw_dir))
        summary.written += _write_document_tables(parts_dir, batches, doc_case, out_dir, jobs)
        summary.written += tables.write_table("cases", tables.to_frame("cases", case_rows), out_dir)
        summary.written.append(tables.write_datapackage(out_dir))
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    return summary
