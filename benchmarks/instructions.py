"""Instructions per document of the extraction, counted by valgrind: a CPU
figure that other processes on a shared machine do not change.

    python benchmarks/instructions.py --docs 100 [--stage ingest] [--tree DIR ...]

On a machine shared with other sessions, CPU seconds per document vary by
10% or more from one run to the next (caches and memory bandwidth are
shared), so a change of a few percent cannot be seen in them.  This runs the
stage (``all``: :func:`extract.extract_document`; or one stage, as
``benchmarks/extract.py`` times them) over the first ``--docs`` documents of
the benchmark corpus (``benchmarks/corpus.py``, 5,000 documents) under
``valgrind --tool=callgrind``, once with no document and once with them, and
prints the difference per document: the instructions the documents cost,
start-up and the warm-up (20 documents, each run) left out.  The hash seed is
fixed (``PYTHONHASHSEED=0``: set iteration order decides how many literals a
test reads before one is found), the pattern store is off (each run compiles
the rules the same way) and bytecode is compiled first, so the count
is the same on every run of the same code.  ``--tree``: code trees to compare
(each a checkout holding ``oversight_research``; default: this one), measured
one after another.  Instructions are not time (a cache miss costs more than
an instruction) but they follow it, and a change's effect on them is exact.
Needs valgrind; about 1 s of wall time per document and stage under it, plus
about a minute for each start-up.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("all", "ingest", "segmentation", "dates/events", "outcomes", "statements", "sentiment", "case keys")

# Run inside valgrind with the tree's code: warm up on 20 documents, then the stage on documents [20, 20 + n).
RUNNER = """
import sys
from pathlib import Path
from oversight_research import cases, ingest
from oversight_research.extract import extract_document
from oversight_research.ingest import sentence_rows
from oversight_research.outcomes import extract_outcomes
from oversight_research.sentiment import with_sentiment
from oversight_research.statements import extract_statements
from oversight_research.timeline import extract_events

corpus, stage, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
paths = sorted(corpus.glob("*.txt"))
for path in paths[:20]:
    extract_document(path, corpus, {"doc_id": ingest.doc_id(path, corpus)})
todo = paths[20 : 20 + n]
if stage == "all":
    for path in todo:
        extract_document(path, corpus, {"doc_id": ingest.doc_id(path, corpus)})
    sys.exit()
datas = [path.read_bytes() for path in todo]
baseline = len(sys.argv) > 4 and sys.argv[4] == "baseline"  # stop before the stage measured
if stage == "ingest" and baseline:
    sys.exit()
if stage == "ingest":
    for path, data in zip(todo, datas):
        ingest.read_document(path, corpus, {"doc_id": "d"}, data)
    sys.exit()
docs = [ingest.read_document(path, corpus, {"doc_id": "d"}, data) for path, data in zip(todo, datas)]
if stage != "segmentation":  # every other stage reads the sentences split once
    for doc in docs:
        doc.paragraph_sentences
if stage == "sentiment":
    rows = [extract_statements(doc) for doc in docs]
    if not baseline:
        for r in rows:
            with_sentiment(r)
    sys.exit()
if stage == "case keys":
    events = [extract_events(doc) for doc in docs]
    if not baseline:
        for doc, e in zip(docs, events):
            cases.case_key_row(doc, e)
    sys.exit()
if baseline:
    sys.exit()
run = {
    "segmentation": sentence_rows,
    "dates/events": extract_events,
    "outcomes": extract_outcomes,
    "statements": extract_statements,
}[stage]
for doc in docs:
    run(doc)
"""


def count(tree: Path, corpus: Path, stage: str, n: int, baseline: bool) -> int:
    """Instructions of one run of :data:`RUNNER` on ``n`` documents under callgrind."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # (no pattern store: with one, the first run would compile and write it and the next read it,
    # and the difference between the runs would be the store's, not the documents')
    env.update(PYTHONHASHSEED="0", PYTHONPATH=str(tree), OVERSIGHT_RESEARCH_PATTERN_CACHE="off")
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(RUNNER)
    try:
        args = [str(corpus), stage, str(n)] + (["baseline"] if baseline else [])
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, script.name, *args],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def per_document(tree: Path, corpus: Path, stage: str, n: int) -> float:
    """Instructions per document of ``stage``: the run on ``n`` documents minus
    the run on none (``all``), or minus the run on the same ``n`` documents
    that stops before the stage (each stage: reading them, and the stages
    whose results it needs)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "oversight_research"], cwd=tree, check=True)
    # "all": the run on no document; a stage: the run on the same documents that stops before it
    base = count(tree, corpus, stage, 0 if stage == "all" else n, baseline=stage != "all")
    return (count(tree, corpus, stage, n, baseline=False) - base) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--stage", choices=STAGES, default="all")
    parser.add_argument("--tree", type=Path, action="append", help="code tree(s) to measure (default: this one)")
    parser.add_argument(
        "--corpus", type=Path, help="the benchmark corpus (default: the 5,000 documents, built if needed)"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import build

    corpus = args.corpus or build(5000, Path(tempfile.gettempdir()) / "oversight-bench-5000-640w")
    trees = args.tree or [ROOT]
    figures = []
    for tree in trees:
        figures.append(per_document(tree.resolve(), corpus, args.stage, args.docs))
        change = (
            f" ({100 * (figures[-1] - figures[0]) / figures[0]:+.1f}% against the first)" if len(figures) > 1 else ""
        )
        print(f"{tree}: {args.stage}, {figures[-1] / 1e6:.3f} M instructions per document over {args.docs}{change}")


if __name__ == "__main__":
    main()
