"""Extraction speed and memory on an N-document corpus built from data/raw.

    python benchmarks/extract.py --docs 10000 --jobs 2

Prints documents/s, MB/s, wall time, CPU time per document (this process and
its worker processes: steadier than wall time on a shared machine), the load
average, peak RSS (this process and its worker processes), and the CPU time per
document of each stage, measured on a sample in this process, so the slow
stage is visible; and the speed of the stock tools
the issue quotes (regex splitting, TextBlob, VADER) beside the speeds it
measured on its prototype machine, so figures from different machines can be
compared.  Figures only: no assertion.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build  # noqa: E402

from oversight_research import cases, engines, ingest, sentiment, tables  # noqa: E402
from oversight_research.cache import extract_cached  # noqa: E402
from oversight_research.ingest import sentence_rows  # noqa: E402
from oversight_research.outcomes import extract_outcomes  # noqa: E402
from oversight_research.pipeline import extract  # noqa: E402
from oversight_research.sentiment import with_sentiment  # noqa: E402
from oversight_research.statements import extract_statements  # noqa: E402
from oversight_research.timeline import extract_events  # noqa: E402


def stage_times(paths: list[Path], raw: Path) -> dict[str, float]:
    """CPU seconds per stage summed over ``paths`` (one process; CPU time, so
    that other processes on a shared machine do not inflate it)."""
    totals = dict.fromkeys(
        ("ingest", "segmentation", "dates/events", "outcomes", "statements", "sentiment", "case keys"), 0.0
    )
    for path in paths:
        t = time.process_time()
        doc = ingest.read_document(path, raw)
        totals["ingest"] += (t1 := time.process_time()) - t
        sentence_rows(doc)
        totals["segmentation"] += (t2 := time.process_time()) - t1
        extract_events(doc)
        totals["dates/events"] += (t3 := time.process_time()) - t2
        extract_outcomes(doc)
        totals["outcomes"] += (t4 := time.process_time()) - t3
        rows = extract_statements(doc)
        totals["statements"] += (t5 := time.process_time()) - t4
        with_sentiment(rows)
        totals["sentiment"] += (t6 := time.process_time()) - t5
        cases.case_keys(doc)
        totals["case keys"] += time.process_time() - t6
    return totals


def worker_times(paths: list[Path], raw: Path) -> dict[str, float]:
    """CPU seconds over ``paths`` of a worker's work besides the stages (one
    process, best of two passes): the rest of a document's extraction (the
    whole ``extract_cached`` minus the stages of :func:`stage_times`: row
    checks, sentence and row ids, the article row, missed opportunities,
    evidence capping), and per batch of ``BATCH_DOCS`` the parts and the
    sentence digests.  The sentiment scores are computed afresh in each pass."""
    kept = getattr(sentiment, "_scores", None)
    stages, whole = float("inf"), float("inf")
    for _ in range(2):
        for measure in ("stages", "whole"):
            if kept is not None:
                kept.cache_clear()
            t = time.process_time()
            if measure == "stages":
                stage_times(paths, raw)
                stages = min(stages, time.process_time() - t)
            else:
                results = [extract_cached(p, raw, {"doc_id": ingest.doc_id(p, raw)}, None)[0] for p in paths]
                whole = min(whole, time.process_time() - t)
    times = {"rows": whole - stages, "parts": 0.0, "digests": 0.0}
    with tempfile.TemporaryDirectory() as parts:
        for index in range(0, len(results), engines.BATCH_DOCS):
            batch = results[index : index + engines.BATCH_DOCS]
            t = time.process_time()
            for name in engines.DOCUMENT_TABLES:
                rows = [row for result in batch for row in result[name]]
                tables.write_part(name, rows, tables.part_path(Path(parts), name, index))
            times["parts"] += (t1 := time.process_time()) - t
            for result in batch:
                engines.sentence_digests(result["articles"][0]["doc_id"], result["sentences"])
            times["digests"] += time.process_time() - t1
    return times


# The single-tool speeds on the machine its targets were set on.
PROTOTYPE = {
    "regex sentence splitting": (4_700, "docs/s"),
    "TextBlob polarity": (6_000, "sentences/s"),
    "VADER compound": (20_000, "sentences/s"),
}


def reference_speeds(paths: list[Path], raw: Path) -> dict[str, float]:
    """This machine's speed with the tools the issue quotes (the package's
    regex sentence splitter, stock TextBlob and stock VADER) on the sample's
    documents and their article sentences: a yardstick for comparing figures
    measured on different machines."""
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    for path in paths[:20]:  # warm-up, on documents of their own: each document splits its sentences once
        sentence_rows(ingest.read_document(path, raw))
    docs = [ingest.read_document(path, raw) for path in paths]
    start = time.perf_counter()
    rows = [sentence_rows(doc) for doc in docs]
    speeds = {"regex sentence splitting": len(docs) / (time.perf_counter() - start)}
    texts = [row["text"] for doc_rows in rows for row in doc_rows if row["kind"] == "article"]
    vader = SentimentIntensityAnalyzer()
    TextBlob("warm up").sentiment  # noqa: B018  (loads the lexicon)
    for name, score in (
        ("TextBlob polarity", lambda t: TextBlob(t).sentiment.polarity),
        ("VADER compound", vader.polarity_scores),
    ):
        start = time.perf_counter()
        for text in texts:
            score(text)
        speeds[name] = len(texts) / (time.perf_counter() - start)
    return speeds


def print_reference(speeds: dict[str, float], docs_per_s: float) -> None:
    """The reference speeds beside the prototype's, and the 333 docs/s target
    scaled by this machine's speed relative to it (geometric mean of the ratios)."""
    print("reference tools, one process (this machine vs the issue's prototype machine):")
    ratios = []
    for name, here in speeds.items():
        there, unit = PROTOTYPE[name]
        ratios.append(here / there)
        print(f"  {name:<25} {here:8,.0f} {unit:<12} (prototype ~{there:,}; ratio {here / there:.2f})")
    scale = statistics.geometric_mean(ratios)
    print(
        f"machine speed relative to the prototype: {scale:.2f}; the 333 docs/s target scaled to this machine: "
        f"{333 * scale:.0f} docs/s; measured: {docs_per_s:.0f} docs/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engine", choices=("processes", "dask"), default="processes")
    parser.add_argument("--corpus", type=Path, help="where to build the corpus (default: a temp folder, reused)")
    parser.add_argument("--sample", type=int, default=300, help="documents timed stage by stage")
    args = parser.parse_args()

    corpus = build(args.docs, args.corpus or Path(tempfile.gettempdir()) / f"oversight-bench-{args.docs}-640w")
    paths = sorted(corpus.glob("*.txt"))
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as out:
        cpu_before = cpu_seconds()
        start = time.perf_counter()
        summary = extract(corpus, Path(out), jobs=args.jobs, progress=False, cache=False, engine=args.engine)
        wall = time.perf_counter() - start
        cpu = [after - before for after, before in zip(cpu_seconds(), cpu_before, strict=True)]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"documents: {summary.documents} ({megabytes:.1f} MB, {megabytes * 1e6 / len(paths) / 1000:.1f} KB each) "
        f"with --jobs {args.jobs} --engine {args.engine}"
    )
    print(f"wall time: {wall:.1f} s   documents/s: {summary.documents / wall:.0f}   MB/s: {megabytes / wall:.2f}")
    print(
        f"CPU per document: {1000 * sum(cpu) / summary.documents:.2f} ms (main process "
        f"{1000 * cpu[0] / summary.documents:.2f}, workers {1000 * cpu[1] / summary.documents:.2f}); "
        f"load average before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    print(f"peak RSS: {own:.0f} MB (main process), {workers:.0f} MB (largest worker)")
    sample = paths[: args.sample]
    print_reference(reference_speeds(sample, corpus), summary.documents / wall)
    stage_times(sample[:20], corpus)  # warm-up: lexicons and compiled rules load on first use
    kept = getattr(sentiment, "_scores", None)  # the score cache (absent from code before 0649aab)
    if kept is not None:
        kept.cache_clear()  # the sample's statements are scored afresh (once per distinct text)
    totals = stage_times(sample, corpus)
    whole = sum(totals.values())
    print(f"per stage, CPU, one process, {len(sample)} documents ({1000 * whole / len(sample):.2f} ms/document):")
    for stage, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<13} {1000 * seconds / len(sample):6.2f} ms/doc  {100 * seconds / whole:5.1f}%")
    run_cpu = 1000 * sum(cpu) / summary.documents
    print(
        f"outside the stages: about {run_cpu - 1000 * whole / len(sample):.2f} ms/doc of CPU "
        f"(the run's {run_cpu:.2f} minus the sample's stages; start-up, parts, tables, process pool)"
    )
    scored = kept.cache_info() if kept is not None else None
    rest = worker_times(sample, corpus)
    print(
        "  of which a worker's, on the same sample in one process: "
        + ", ".join(f"{name} {1000 * seconds / len(sample):.2f}" for name, seconds in rest.items())
        + f" ms/doc; the main process's {1000 * cpu[0] / summary.documents:.2f}; the rest, about "
        f"{run_cpu - 1000 * (whole + sum(rest.values())) / len(sample) - 1000 * cpu[0] / summary.documents:.2f},"
        " is the workers running side by side (and start-up, and the final tables' writers)"
    )
    if scored is not None:
        print(
            f"sentiment scored {scored.misses} distinct statement texts for {scored.hits + scored.misses} "
            "statements (each text once; this corpus reuses data/raw's paragraphs, real corpora repeat far fewer)"
        )


def cpu_seconds() -> tuple[float, float]:
    """User + system CPU seconds of this process and of its finished child processes."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
