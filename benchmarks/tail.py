"""The serial end of an extraction, replayed: what the main process does after the last batch.

    python benchmarks/tail.py save --docs 5000          # one --jobs 2 run; its batches and parts kept
    python benchmarks/tail.py run --docs 5000 --runs 5  # that end replayed, timed each time

``save`` runs `pipeline.extract` with ``--jobs 2`` on the benchmark corpus
(built by ``corpus.py`` as ``extract.py`` builds it) and keeps what the
workers returned (the batches: counts, case keys, sentence digests) and the
parts they wrote.  ``run`` replays ``extract`` with those batches instead of
the workers (the parts copied into place first, outside the timing) and
prints the wall and CPU seconds of this process from the last batch to the
end: corrections, case grouping, the template-text filter, the final CSV and
Parquet tables, ``datapackage.json`` and publishing.  The same saved batches
serve every version of the code that reads the same parts, so two versions
can be alternated on one machine; CPU seconds close to the wall seconds mean
the writer threads had one CPU between them (another process held the
other).  Figures only: no assertion.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build  # noqa: E402

from oversight_research import pipeline  # noqa: E402


def save(corpus: Path, store: Path) -> None:
    real = pipeline.map_batches

    def keep(paths, raw_dir, manifest, parts_dir, *args, **kwargs):  # type: ignore[no-untyped-def]
        batches = list(real(paths, raw_dir, manifest, parts_dir, *args, **kwargs))
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(parts_dir, store / "parts")
        (store / "batches.pkl").write_bytes(pickle.dumps(batches))
        return iter(batches)

    pipeline.map_batches = keep
    with tempfile.TemporaryDirectory() as out:
        pipeline.extract(corpus, Path(out), jobs=2, progress=False, cache=False)


def replay(corpus: Path, store: Path, runs: int) -> list[tuple[float, float]]:
    started: dict[str, float] = {}

    def saved(paths, raw_dir, manifest, parts_dir, *args, **kwargs):  # type: ignore[no-untyped-def]
        batches = pickle.loads((store / "batches.pkl").read_bytes())
        shutil.copytree(store / "parts", parts_dir)
        started["wall"], started["cpu"] = time.perf_counter(), time.process_time()
        return iter(batches)

    pipeline.map_batches = saved
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            pipeline.extract(corpus, Path(out), jobs=2, progress=False, cache=False)
            times.append((time.perf_counter() - started["wall"], time.process_time() - started["cpu"]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("save", "run"))
    parser.add_argument("--docs", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="where the batches are kept (default: a temp folder)")
    args = parser.parse_args()
    corpus = build(args.docs, Path(tempfile.gettempdir()) / f"oversight-bench-{args.docs}-640w")
    store = args.store or Path(tempfile.gettempdir()) / f"oversight-tail-{args.docs}"
    if args.mode == "save":
        save(corpus, store)
        print(f"batches and parts of {args.docs} documents kept in {store}")
        return
    times = replay(corpus, store, args.runs)
    print(
        f"after the last batch, {args.docs} documents, {args.runs} runs: wall "
        + ", ".join(f"{w:.3f}" for w, _ in times)
        + " s; CPU of this process "
        + ", ".join(f"{c:.3f}" for _, c in times)
        + f" s; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
