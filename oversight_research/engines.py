"""Engines that map per-document extraction over a corpus, in fixed batches.

Documents travel in batches of :data:`BATCH_DOCS` (the corpus's last ones
cut smaller, :data:`TAIL_BATCHES`); each worker extracts its
batch (through the cache) and writes the batch's rows as one part per table
(``parts_dir/<table>/part-<index>.arrow``, Arrow IPC), so memory holds one batch,
never the corpus, and only small counts and case keys travel back.

:data:`ENGINES` is the one list of engine names (the CLI offers exactly
these): ``processes`` (a loop with one job, a process pool with more) and
``dask`` (``dask.bag`` on the local scheduler or a ``dask.distributed``
cluster).  Batches are fixed, not derived from the engine or the number of
jobs, so the tables come out byte-identical however they are run.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import ingest, tables
from .cache import extract_cached
from .errors import InputError
from .rules import corpus as corpus_rules
from .text import DIGEST_BYTES, sentence_digest

log = logging.getLogger(__name__)

# Documents per task (and per part): small enough that a few thousand
# documents keep many workers busy.
BATCH_DOCS = 100
TICK_SECONDS = 0.2  # progress reported at most this often by each batch
DOCUMENT_TABLES = ("articles", "sentences", "events", "missed_opportunities", "outcomes", "statements")


@dataclass
class Counts:
    """Documents read, with problems, unreadable, and taken from the cache."""

    documents: int = 0
    problems: int = 0
    unreadable: int = 0
    cached: int = 0

    def add(self, other: Counts) -> None:
        self.documents += other.documents
        self.problems += other.problems
        self.unreadable += other.unreadable
        self.cached += other.cached


@dataclass
class Batch(Counts):
    """What a worker reports for one batch; its rows are already in the batch's parts."""

    case_keys: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # cache entries that could not be used or written
    digests: list[Digests] = field(default_factory=list)  # per document, for the template-text filter


# A document's sentence fingerprints (:func:`sentence_digests`): its doc_id,
# the numbers of its sentences long enough to be template text, and their
# digests concatenated (``text.DIGEST_BYTES`` each, in the same order) -- a
# few bytes a sentence travel back from the workers, never the text.
Digests = tuple[str, tuple[int, ...], bytes]


def sentence_digests(doc_id: str, sentences: list[dict]) -> Digests:
    """The fingerprints of a document's sentences of at least
    ``rules/corpus.yaml`` ``template_text.min_words`` words
    (:func:`text.sentence_digest`), computed from its ``sentences`` rows, so
    the same whether they were extracted or read from the cache; a sentence
    reporting the finding of the case's investigation
    (``template_text.case_finding``) has none: it is never template text."""
    rules = corpus_rules.load().template_text
    numbers, digests = [], []
    for row in sentences:
        if rules.case_finding.search(row["text"]):  # (the case's own finding, in a body's standard wording)
            continue
        if (digest := _digest(row["text"], rules.min_words)) is not None:
            numbers.append(row["sentence"])
            digests.append(digest)
    return doc_id, tuple(numbers), b"".join(digests)


def _digest(text: str, min_words: int) -> bytes | None:
    """:func:`text.sentence_digest` of ``text``, without splitting it into
    words when its case-folded text is already normalised -- its only
    whitespace single spaces between words, as in most sentences: then that
    text is the one hashed, and its words are its spaces plus one.  (Every
    whitespace character but the space is unprintable, and case folding
    makes none.)"""
    folded = text.casefold()
    if folded[:1] in ("", " ") or folded[-1] == " " or "  " in folded or not folded.isprintable():
        return sentence_digest(text, min_words)
    if folded.count(" ") + 1 < min_words:
        return None
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=DIGEST_BYTES).digest()


def extract_batch(
    index: int,
    paths: list[Path],
    raw_dir: Path,
    manifest: dict,
    cache_dir: Path | None,
    parts_dir: Path,
    tick: Callable[[int], object] | None = None,
    doc_ids: list[str] | None = None,
) -> Batch:
    """Extract ``paths`` (the ``index``-th batch; ``doc_ids``, their
    :func:`ingest.doc_id` when the caller named them already) and write their
    rows as one part per table (:func:`tables.write_part`).  Progress:
    ``tick(n)`` with the documents done since the last call, at most every
    :data:`TICK_SECONDS` and once at the end (a tick from a worker process is
    a message to the main one, so not one per document)."""
    done = []
    pending, last = 0, time.monotonic()
    for path, doc_id in zip(paths, doc_ids or [ingest.doc_id(path, raw_dir) for path in paths], strict=True):
        done.append(_extract_one(path, doc_id, raw_dir, manifest, cache_dir))
        if tick is not None:
            pending += 1
            if (now := time.monotonic()) - last >= TICK_SECONDS:
                tick(pending)
                pending, last = 0, now
    if tick is not None and pending:
        tick(pending)
    results = [result for result, _, _ in done]
    for name in DOCUMENT_TABLES:
        rows = [row for result in results for row in result[name]]
        tables.write_part(name, rows, tables.part_path(parts_dir, name, index))
    statuses = [result["articles"][0]["status"] for result in results]
    return Batch(
        documents=len(results),
        problems=sum(s != "ok" for s in statuses),
        unreadable=statuses.count("unreadable"),
        cached=sum(cached for _, cached, _ in done),
        case_keys=[key for result in results for key in result["case_keys"]],
        warnings=[warning for _, _, warnings in done for warning in warnings],
        digests=[sentence_digests(result["articles"][0]["doc_id"], result["sentences"]) for result in results],
    )


def _extract_one(
    path: Path, doc_id: str, raw_dir: Path, manifest: dict[str, Any], cache_dir: Path | None
) -> tuple[dict[str, Any], bool, list[str]]:
    # the manifest lists overrides: a document it omits has no row
    return extract_cached(path, raw_dir, {**manifest.get(doc_id, {}), "doc_id": doc_id}, cache_dir)


# A batch to extract: its files, their doc_ids (named once, by the main
# process) and their manifest rows -- only its own, so that a task does not
# carry the whole manifest to its worker (3.7 MB and 0.1 s of CPU per task
# with 100,000 rows).
Job = tuple[list[Path], list[str], dict[str, Any]]
Work = Callable[[int, Job], Batch]


def _extract_job(index: int, job: Job, **options: object) -> Batch:
    paths, doc_ids, manifest = job
    return extract_batch(index, paths, manifest=manifest, doc_ids=doc_ids, **options)  # type: ignore[arg-type]


# A short document that makes every extractor load its rules, lexicons and
# compiled patterns (:func:`warm_up`).
WARM_UP_TEXT = """Officer dismissed after misconduct hearing

Published 5 May 2021

A police officer has been dismissed without notice after a misconduct hearing \
found he used excessive force during an arrest in Leeds on 12 March 2019.

The Independent Office for Police Conduct (IOPC) investigated after Mr John \
Smith, 45, was taken to hospital with serious injuries. He died two days later.

IOPC Director Jane Doe said: "This was a shameful failure. The family have \
waited too long for answers."

A panel found gross misconduct proven. A second officer had no case to answer \
and was given management advice.
"""


def warm_up() -> None:
    """Extract :data:`WARM_UP_TEXT` and drop the result: rules, lexicons and
    compiled patterns load once here, so worker processes forked afterwards
    share them instead of each loading them again (about half a second of
    CPU per worker, more when they load them at the same time).  Only a
    speed-up: when it fails (no writable temporary folder), workers load
    what they need themselves."""
    try:
        with tempfile.TemporaryDirectory(prefix="oversight-warm-up-") as folder:
            path = Path(folder) / "warm-up.txt"
            path.write_text(WARM_UP_TEXT, encoding="utf-8")
            extract_cached(path, Path(folder), {"doc_id": "warm-up"}, None)
    except Exception:  # noqa: BLE001  (never worth a run)
        log.debug("warm-up failed; each worker loads its rules itself", exc_info=True)


def _map_processes(work: Work, batches: list[Job], jobs: int, scheduler: str | None) -> Iterator[Batch]:
    """A loop with one job; a process pool with more (warmed up first when
    its workers are forked from this process, and what they inherit frozen,
    :func:`gc.freeze`, until the pool is shut down: a worker's full
    collections then skip the rules and patterns, 0.07 s of CPU per worker
    on 5,000 documents, and do not copy the pages holding them)."""
    if jobs <= 1:
        yield from map(work, range(len(batches)), batches)
        return
    forked = multiprocessing.get_start_method() == "fork"
    freeze = forked and not gc.get_freeze_count()  # (a host program's own frozen objects are left as they are)
    if forked:
        warm_up()
    if freeze:  # what the workers inherit stays out of their collections, and its pages stay shared
        gc.freeze()
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        yield from pool.map(work, range(len(batches)), batches)
    finally:  # on an interrupt or error: drop the batches not started, wait for those running
        pool.shutdown(wait=True, cancel_futures=True)
        if freeze:  # the objects frozen for the run return to the collector, and the run's cyclic
            gc.unfreeze()  # garbage goes now, not in the middle of whatever the host program does next
            gc.collect()


def _map_dask(work: Work, batches: list[Job], jobs: int, scheduler: str | None) -> Iterator[Batch]:
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
            for part in dask.compute(*parts[i : i + step], **options):
                yield from part
    finally:
        if client is not None:
            client.close()


ENGINES: dict[str, Callable[[Work, list[Job], int, str | None], Iterator[Batch]]] = {
    "processes": _map_processes,
    "dask": _map_dask,
}


# The last TAIL_BATCHES batches of a corpus travel as TAIL_PIECES smaller
# batches each, so that the workers run out of work at about the same time
# (with whole batches, one worker waits for the other's last one: about half
# a batch, 0.2 s of 12 on 5,000 documents with two workers).  Row groups are
# cut by documents (:func:`row_groups`), so the tables are the same.
TAIL_BATCHES = 2
TAIL_PIECES = 4


def _jobs(paths: list[Path], doc_ids: list[str], manifest: dict[str, Any]) -> list[Job]:
    """``paths`` in batches of :data:`BATCH_DOCS` (the last :data:`TAIL_BATCHES`
    cut in :data:`TAIL_PIECES` when there are more, never across a whole
    batch's bounds), each with its doc_ids and its own manifest rows."""
    jobs = []
    starts = range(0, len(paths), BATCH_DOCS)
    for n, i in enumerate(starts):
        end = min(i + BATCH_DOCS, len(paths))
        tail = len(starts) > TAIL_BATCHES and n >= len(starts) - TAIL_BATCHES  # (a corpus of a batch or two: as it is)
        step = -(-(end - i) // TAIL_PIECES) if tail else end - i
        for j in range(i, end, step):
            names = doc_ids[j : min(j + step, end)]
            jobs.append((paths[j : min(j + step, end)], names, {d: manifest[d] for d in names if d in manifest}))
    return jobs


def row_groups(sizes: list[int]) -> list[range]:
    """The parts (batch indexes) of each row group of the final tables, given
    the documents of each part: a row group holds the documents of
    :data:`tables.PARTS_PER_ROW_GROUP` whole batches (one thousand), whether
    they came as those batches or as the smaller pieces of the corpus's
    tail, so the files are the same either way."""
    per_group = BATCH_DOCS * tables.PARTS_PER_ROW_GROUP
    groups: list[range] = []
    done = 0
    for index, size in enumerate(sizes):
        if groups and done % per_group:  # not the first part of a row group
            groups[-1] = range(groups[-1].start, index + 1)
        else:
            groups.append(range(index, index + 1))
        done += size
    return groups


def map_batches(
    paths: list[Path],
    raw_dir: Path,
    manifest: dict,
    parts_dir: Path,
    jobs: int = 1,
    progress: bool = True,
    cache_dir: Path | None = None,
    engine: str = "processes",
    scheduler: str | None = None,
    doc_ids: list[str] | None = None,
) -> Iterator[Batch]:
    """:func:`extract_batch` over ``paths`` (``doc_ids``: their
    :func:`ingest.doc_id`, when the caller has them) in batches of
    ``BATCH_DOCS``, in order, on the chosen engine; each batch writes its own
    parts."""
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    ids = doc_ids if doc_ids is not None else [ingest.doc_id(path, raw_dir) for path in paths]
    batches = _jobs(paths, ids, manifest)
    with tqdm(total=len(paths), desc="extract", unit="doc", disable=not progress) as bar, ExitStack() as stack:
        tick = None  # per document on the process engine; per batch on Dask
        if progress and engine == "processes":
            tick = bar.update if jobs <= 1 else stack.enter_context(_queue_ticks(bar))
        work = partial(_extract_job, raw_dir=raw_dir, cache_dir=cache_dir, parts_dir=parts_dir, tick=tick)
        for batch in ENGINES[engine](work, batches, jobs, scheduler):
            if tick is None:
                bar.update(batch.documents)
            yield batch


@contextmanager
def _queue_ticks(bar: tqdm) -> Iterator[Callable[[int], object]]:
    """A picklable ``tick`` for worker processes: each call puts the number of
    documents done on a managed queue that a thread here adds to the bar."""
    with multiprocessing.Manager() as manager:
        queue = manager.Queue()
        drain = threading.Thread(target=_drain, args=(queue, bar), daemon=True)
        drain.start()
        try:
            yield queue.put
        finally:
            queue.put(None)
            drain.join()


def _drain(queue, bar: tqdm) -> None:
    while (n := queue.get()) is not None:
        bar.update(n)
