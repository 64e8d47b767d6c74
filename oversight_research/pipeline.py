"""The extraction pipeline: raw folder → every table in an output folder.

This module only orchestrates.  Per-document extraction is :mod:`extract`
(through the cache of :mod:`cache`), mapped over the corpus in batches by an
engine of :mod:`engines`; each batch's rows go to Arrow parts in a scratch
folder inside the output folder.  Corpus-level work (grouping documents into
cases, :mod:`cases`) runs afterwards on the small per-document case keys, and
the final tables are written part by part with their ``case_id`` filled in
(:mod:`tables`).

Nothing lost, nothing mixed: a run holds the output folder's lock
(:func:`tables.folder_lock`; a second run into it fails at once), first
removes what an interrupted run left there, writes every table into a
staging folder inside it and publishes them together as one generation
(:func:`tables.publish`).  A run that fails or is stopped (Ctrl-C, SIGTERM
from ``timeout``, SLURM or ``docker stop``) before publishing leaves the
previous generation as it was; a full disk ends in :class:`errors.DiskFull`.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import cases as cases_mod
from . import corrections, ingest, tables
from .engines import DOCUMENT_TABLES, Counts, Digests, map_batches, row_groups
from .errors import InputError, Terminated
from .rules import corpus as corpus_rules
from .schema import columns
from .text import DIGEST_BYTES

# What researchers' corrections decided (:mod:`corrections`): the codes behind
# reviewers' agreement, and the corrections that found no row.
REVIEW_TABLES = ("review_codes", "corrections_unmatched")
CORPUS_TABLES = (*DOCUMENT_TABLES, "cases", *REVIEW_TABLES)


@dataclass
class Summary(Counts):
    written: list[Path] = field(default_factory=list)
    out_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)
    generation: str | None = None
    template_outcomes: int = 0  # outcome rows dropped by the template-text filter
    template_documents: int = 0  # documents that lost any

    def line(self) -> str:
        dropped = (
            f", {self.template_outcomes} outcome rows of {self.template_documents} documents dropped as template "
            "text (articles.template_outcomes)"
            if self.template_outcomes
            else ""
        )
        return (
            f"{self.documents} documents read ({self.cached} unchanged, from the cache), {self.problems} with "
            f"problems ({self.unreadable} unreadable){dropped}, {len(CORPUS_TABLES)} tables written to "
            f"{self.out_dir}"
        )


def same_bytes(articles: Path) -> list[str]:
    """A warning per set of readable documents with the same sha256 (one file
    saved twice, or in two folders): each copy is counted in every table."""
    import pyarrow.parquet as pq

    frame = pq.read_table(articles, columns=["doc_id", "sha256", "status"]).to_pylist()
    by_hash: dict[str, list[str]] = {}
    for row in frame:
        if row["status"] != "unreadable":
            by_hash.setdefault(row["sha256"], []).append(row["doc_id"])
    return [
        f"documents {', '.join(map(repr, ids))} have the same bytes: each is counted in every table and figure"
        " (remove the copies unless that is meant)"
        for ids in by_hash.values()
        if len(ids) > 1
    ]


def raw_files(raw_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Every file under ``raw_dir``, subfolders included (sorted; hidden files
    and the manifest, cases and sources files aside): each becomes one row of
    ``articles``, an unsupported type an ``unreadable`` one.  An ``out_dir``
    equal to or inside ``raw_dir`` is refused (the tables would overwrite the
    user's files and be read as documents next time)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(f"input folder {raw_dir} does not exist or is not a folder")
    if out_dir is not None and (out := Path(out_dir).resolve()).is_relative_to(raw_dir.resolve()):
        where = "the" if out == raw_dir.resolve() else "inside the"
        raise InputError(f"output folder {out_dir} is {where} input folder {raw_dir}; choose one outside it")
    return ingest.list_raw_files(raw_dir)


def template_sentences(
    digests: list[Digests], keys: list[dict], doc_case: dict[str, str], overrides: dict[str, str]
) -> dict[str, frozenset[int]]:
    """doc_id → the numbers of its sentences that are template text (only
    documents with any): sentences whose digest (:func:`engines.sentence_digests`)
    occurs in documents of at least ``rules/corpus.yaml``
    ``template_text.min_documents`` different cases.

    A document counts by its case (``doc_case``) when it has a case key (a
    reference, a victim, or a row of ``cases.csv``), so syndicated copies of
    one story about one case count once; a document without one counts by
    its title, case-folded (syndicated copies share their headline), else by
    itself.  One pass over the digests to count, one to mark: linear in the
    corpus, and independent of the order and engine the documents were
    extracted with."""
    need = corpus_rules.load().template_text.min_documents
    keyed = {k["doc_id"] for k in keys if k["reference"] or k["victims"]} | overrides.keys()
    titles = {k["doc_id"]: " ".join(k["title"].casefold().split()) for k in keys}

    def unit(doc_id: str) -> str:
        if doc_id in keyed:
            return f"case:{doc_case.get(doc_id, doc_id)}"
        return f"title:{titles[doc_id]}" if titles.get(doc_id) else f"doc:{doc_id}"

    def hashes(blob: bytes) -> list[bytes]:
        return [blob[i : i + DIGEST_BYTES] for i in range(0, len(blob), DIGEST_BYTES)]

    seen: dict[bytes, tuple[str, ...]] = {}
    for doc_id, _, blob in digests:
        own = unit(doc_id)
        for digest in hashes(blob):
            units = seen.get(digest)
            if units is None:
                seen[digest] = (own,)
            elif len(units) < need and own not in units:
                seen[digest] = (*units, own)
    template = {digest for digest, units in seen.items() if len(units) >= need}
    out = {}
    for doc_id, numbers, blob in digests if template else ():
        hits = frozenset(n for n, digest in zip(numbers, hashes(blob), strict=True) if digest in template)
        if hits:
            out[doc_id] = hits
    return out


def _write_table(
    name: str,
    parts_dir: Path,
    batches: int,
    doc_case: dict[str, str],
    out_dir: Path,
    drop: dict[str, frozenset[int]] | None = None,
    fill: dict[str, dict[str, object]] | None = None,
    groups: list[range] | None = None,
) -> list[Path]:
    chunks = tables.table_chunks(parts_dir, name, batches, doc_case, drop, fill, groups)
    return tables.write_table_chunks(name, chunks, out_dir)


# The per-document tables in the order they are written (the largest first).
WRITE_ORDER = ("sentences", "statements", "events", "outcomes", "articles", "missed_opportunities")
# Tables that nothing corpus-level changes (no case_id, no corrections, no template filter or fill):
# with more than one job they are written while the corpus-level steps run.
EARLY_TABLES = ("sentences",)


def _table_work(
    name: str,
    parts_dir: Path,
    batches: int,
    doc_case: dict[str, str],
    out_dir: Path,
    template: dict[str, frozenset[int]] | None = None,
    dropped: dict[str, int] | None = None,
    groups: list[range] | None = None,
) -> tuple:
    """The arguments of :func:`_write_table` for table ``name``."""
    options: dict[str, tuple[dict | None, dict | None]] = {
        "outcomes": (template or None, None),
        "articles": (None, {"template_outcomes": dropped or {}}),
    }
    case_map = doc_case if "case_id" in columns(name) else {}
    return (name, parts_dir, batches, case_map, out_dir, *options.get(name, (None, None)), groups)


def _write_document_tables(
    parts_dir: Path,
    batches: int,
    doc_case: dict[str, str],
    out_dir: Path,
    template: dict[str, frozenset[int]] | None = None,
    dropped: dict[str, int] | None = None,
    groups: list[range] | None = None,
    writers: Executor | None = None,
    early: dict[str, Future[list[Path]]] | None = None,
) -> list[Path]:
    """Write the per-document tables from their parts (``groups``: the parts
    of each row group, :func:`engines.row_groups`), the largest, sentences,
    first: one after another, or in the threads of ``writers``
    (:func:`_table_writers`, with more than one job): Arrow reads the parts and writes
    CSV and Parquet without holding the GIL, and a thread needs no fork of
    the (by now large) main process nor its copied pages, which cost more
    than half the writing's wall time.  ``early``: the tables already being
    written (:data:`EARLY_TABLES`).  Tables without ``case_id`` are not sent
    the case map.  ``outcomes`` loses its machine rows resting on
    ``template`` sentences; ``articles.template_outcomes`` gets ``dropped``."""
    early = early or {}
    work = [
        _table_work(name, parts_dir, batches, doc_case, out_dir, template, dropped, groups)
        for name in WRITE_ORDER
        if name not in early
    ]
    if writers is None:
        written = [_write_table(*args) for args in work]
    else:
        written = [future.result() for future in [writers.submit(_write_table, *args) for args in work]]
    by_name = dict(zip((args[0] for args in work), written, strict=True))
    by_name.update((name, future.result()) for name, future in early.items())
    return [path for name in DOCUMENT_TABLES for path in by_name[name]]


@contextmanager
def _table_writers(jobs: int) -> Iterator[ThreadPoolExecutor | None]:
    """Threads for writing the final tables with more than one job (None
    with one); on leaving, the tables not started are dropped and those
    being written finished, so that nothing writes into the staging folder
    once the run has moved on (to publish it, or to clean it up)."""
    if jobs <= 1:
        yield None
        return
    pool = ThreadPoolExecutor(max_workers=min(jobs, len(WRITE_ORDER)))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _write_review_tables(applied: corrections.Applied, out_dir: Path) -> list[Path]:
    """``review_codes`` and ``corrections_unmatched`` (empty without corrections)."""
    rows = {
        "review_codes": corrections.review_code_rows(applied),
        "corrections_unmatched": corrections.unmatched_rows(applied),
    }
    return [
        path for name in REVIEW_TABLES for path in tables.write_table(name, tables.to_frame(name, rows[name]), out_dir)
    ]


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """While the block runs, SIGTERM raises :class:`errors.Terminated` in the
    main thread (as Ctrl-C raises ``KeyboardInterrupt``), so that every
    ``finally`` cleans up.  Left alone outside the main thread or when a
    handler is already installed (nested calls, a host program's own)."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def terminated(signum: int, frame: object) -> None:
        raise Terminated(f"stopped by signal {signum} (SIGTERM)")

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _cache_warnings(warnings: list[str], shown: int = 3) -> list[str]:
    if len(warnings) <= shown:
        return warnings
    return [*warnings[:shown], f"... and {len(warnings) - shown} more cache entries (re-extracted or not cached)"]


def extract(
    raw_dir: Path,
    out_dir: Path,
    jobs: int = 1,
    progress: bool = True,
    cache: bool = True,
    engine: str = "processes",
    scheduler: str | None = None,
    corrections_dir: Path | None = None,
) -> Summary:
    """Extract every table from ``raw_dir`` into ``out_dir``, as one generation.

    Under the lock of ``out_dir``, workers write each batch's rows as Arrow
    parts in a staging folder inside ``out_dir`` (a partitioned dataset, so
    memory holds one batch whatever the corpus size); cases are then grouped
    from the small case keys, the final tables written part by part with
    ``case_id`` filled into the staging folder, and published together.
    Researchers' corrections (:mod:`corrections`; ``corrections_dir``, else
    ``<raw_dir>/../corrections`` when it exists) are applied to the parts
    first, so the cached per-document results never depend on them."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    corrections.refuse_output_holding_corrections(out_dir)
    paths = raw_files(raw_dir, out_dir)
    if not paths:
        raise InputError(f"no files in {raw_dir}")
    doc_ids = ingest.doc_ids(paths, raw_dir)  # named once, here: the workers are given them
    manifest, warnings = ingest.read_manifest(raw_dir, set(doc_ids))
    warnings += ingest.read_cases_file(raw_dir, set(doc_ids))[1]
    out_dir.mkdir(parents=True, exist_ok=True)
    cache_dir = out_dir / ".cache" if cache else None
    with sigterm_raises(), tables.folder_lock(out_dir):
        scratch = [out_dir, *(d for d in sorted((out_dir / ".cache").glob("*")) if d.is_dir())]
        tables.clean_leftovers(*scratch)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
        parts_dir = staging / "parts"
        summary, keys, batches, cache_warnings = Summary(out_dir=out_dir, warnings=warnings), [], 0, []
        sizes: list[int] = []  # documents per batch
        digests: list[Digests] = []
        try:
            batches_done = map_batches(
                paths, raw_dir, manifest, parts_dir, jobs, progress, cache_dir, engine, scheduler, doc_ids
            )
            for batch in batches_done:
                summary.add(batch)
                keys.extend(batch.case_keys)
                digests.extend(batch.digests)
                cache_warnings += batch.warnings
                batches += 1
                sizes.append(batch.documents)
            groups = row_groups(sizes)
            with _table_writers(jobs) as writers:
                early = {
                    name: writers.submit(
                        _write_table, *_table_work(name, parts_dir, batches, {}, staging, groups=groups)
                    )
                    for name in (EARLY_TABLES if writers is not None else ())
                }
                applied = corrections.apply_to_parts(
                    parts_dir, batches, corrections_dir or corrections.default_dir(raw_dir)
                )
                summary.warnings += applied.warnings
                overrides = cases_mod.read_overrides(raw_dir)
                case_rows, doc_case = cases_mod.group(keys, overrides)
                template = template_sentences(digests, keys, doc_case, overrides)
                del digests  # the corpus's fingerprints are not needed any more
                dropped = tables.count_dropped(parts_dir, "outcomes", batches, template)
                summary.template_outcomes, summary.template_documents = sum(dropped.values()), len(dropped)
                written = _write_document_tables(
                    parts_dir, batches, doc_case, staging, template, dropped, groups, writers, early
                )
            written += tables.write_table("cases", tables.to_frame("cases", case_rows), staging)
            written += _write_review_tables(applied, staging)
            written.append(tables.write_datapackage(staging))
            summary.warnings += same_bytes(staging / "articles.parquet")
            shutil.rmtree(parts_dir)  # room for nothing but the tables while they move in
            summary.generation = tables.publish(staging, out_dir, CORPUS_TABLES)
        except OSError as exc:
            if not tables.is_disk_full(exc):
                raise
            used = tables.size_of(staging)
            shutil.rmtree(staging, ignore_errors=True)
            previous = sum(
                tables.size_of(out_dir / f"{name}.{ext}") for name in CORPUS_TABLES for ext in ("csv", "parquet")
            )
            raise tables.disk_full_error(out_dir, used, previous) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    summary.warnings += _cache_warnings(cache_warnings)
    summary.written = [out_dir / path.name for path in written] + [out_dir / tables.GENERATION_FILE]
    return summary
