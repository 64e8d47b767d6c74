"""Time every stage of `make report` on the project's corpus (data/raw), in-process.

    python benchmarks/pipeline.py

Stages: extract, evaluate, validate-sentiment, the notebooks (papermill's
Python API, two at a time, as `oversight-research run` does; each one alone
is timed too) and rendering.  Beside them, the
floor: an empty notebook that only starts a kernel and imports what the
notebooks import, once per notebook — no pipeline can run the notebooks
faster than that.  Figures only: no assertion.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import nbformat

from oversight_research.evaluate import evaluate_to_files
from oversight_research.notebooks import execute_notebook, notebook_paths, run_notebooks
from oversight_research.pipeline import extract
from oversight_research.report import render
from oversight_research.sentiment_validation import validate_to_files

ROOT = Path(__file__).resolve().parents[1]
IMPORTS = """import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from oversight_research import analysis
from oversight_research.display import md, show_table
from oversight_research.tables import read_table"""


def timed(label: str, rows: list, action) -> object:
    start = time.perf_counter()
    result = action()
    rows.append((label, time.perf_counter() - start))
    return result


def empty_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('processed_dir = "."')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(IMPORTS)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def main() -> None:
    rows: list[tuple[str, float]] = []
    notebooks = notebook_paths(ROOT / "notebooks")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        processed, executed = tmp / "processed", tmp / "executed"
        executed.mkdir()
        timed("extract", rows, lambda: extract(ROOT / "data" / "raw", processed, progress=False, cache=False))
        timed("evaluate", rows, lambda: evaluate_to_files(ROOT / "data" / "annotations", processed))
        timed(
            "validate-sentiment (skipped by make report when unchanged)",
            rows,
            lambda: validate_to_files(ROOT / "data" / "external" / "sentiment-validation", processed),
        )
        timed(
            "run notebooks (as make report: 2 at a time)",
            rows,
            lambda: run_notebooks(ROOT / "notebooks", executed, {"processed_dir": str(processed)}, progress=False),
        )
        timed(
            "render", rows, lambda: render([executed / p.name for p in notebooks], tmp / "report.html", processed, ROOT)
        )
        each: list[tuple[str, float]] = []
        for path in notebooks:
            timed(
                f"  {path.stem} (alone)",
                each,
                lambda path=path: execute_notebook(path, tmp / path.name, {"processed_dir": str(processed)}),
            )
        empty = empty_notebook(tmp / "empty.ipynb")
        floor_rows: list[tuple[str, float]] = []
        for _ in range(3):
            timed("empty", floor_rows, lambda: execute_notebook(empty, tmp / "empty-out.ipynb", {}))
    one = min(t for _, t in floor_rows)
    floor = one * len(notebooks)
    total = sum(t for _, t in rows)
    for label, seconds in rows:
        print(f"{label:<58} {seconds:6.2f} s")
    print(f"{'total':<58} {total:6.2f} s")
    for label, seconds in each:
        print(f"{label:<58} {seconds:6.2f} s")
    print(
        f"floor: {one:.2f} s per empty notebook (kernel start + imports) x {len(notebooks)} notebooks = {floor:.2f} s"
    )
    print(f"total / floor = {total / floor:.2f}")


if __name__ == "__main__":
    main()
