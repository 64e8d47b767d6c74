"""The whole workflow as library functions: extract → evaluate → validate →
run → report, what ``make report`` (``oversight-research all``) does.

>>> from oversight_research.workflow import Settings, run_all
>>> result = run_all(Settings(raw=Path("my-corpus")))  # doctest: +SKIP

Each step is also a function of its own (:func:`run`, :func:`report`), and
:mod:`cli` only turns arguments into :class:`Settings`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import sentiment_validation
from .errors import NotebookError, NothingReadable
from .evaluate import evaluate_to_files
from .notebooks import notebook_paths, run_notebooks
from .pipeline import Summary, extract


@dataclass(frozen=True)
class Settings:
    """Where everything is read and written, and how extraction runs."""
    raw: Path = Path("data/raw")
    processed: Path = Path("data/processed")
    notebooks: Path = Path("notebooks")
    executed: Path = Path("reports/executed")
    report: Path = Path("reports/report.html")
    gold: Path = Path("data/annotations")
    sentiment_data: Path = Path("data/external/sentiment-validation")
    # Annotated corpora kept apart from the report's own (documents nobody
    # tuned to); extracted under <processed>/.evaluation/ and scored with it.
    evaluation_corpora: tuple[Path, ...] = (Path("data/gathered/raw"),)
    jobs: int = 1
    engine: str = "processes"
    scheduler: str | None = None
    cache: bool = True
    progress: bool = True
    with_code: bool = False
    parameters: dict[str, object] = field(default_factory=dict)


@dataclass
class Result:
    summary: Summary
    scores: pd.DataFrame | None = None
    validated: bool = False
    executed: list[Path] = field(default_factory=list)
    report: Path | None = None


def run_extract(settings: Settings, on_extract: Callable[[Summary], None] | None = None) -> Summary:
    """Extract the tables into ``settings.processed``.  ``on_extract`` sees the
    summary first (the CLI prints it); then :class:`NothingReadable` is raised
    when no document could be read."""
    summary = extract(settings.raw, settings.processed, jobs=settings.jobs, progress=settings.progress,
                      cache=settings.cache, engine=settings.engine, scheduler=settings.scheduler)
    if on_extract is not None:
        on_extract(summary)
    if summary.documents and summary.unreadable == summary.documents:
        raise NothingReadable("no document could be read")
    return summary


def notebook_parameters(settings: Settings) -> dict[str, object]:
    return {"processed_dir": str(settings.processed.resolve()), **settings.parameters}


def run(settings: Settings) -> list[Path]:
    """Execute every notebook into ``settings.executed``."""
    return run_notebooks(settings.notebooks, settings.executed, notebook_parameters(settings),
                         progress=settings.progress)


def report(settings: Settings) -> Path:
    """Render the executed notebooks into ``settings.report``."""
    from .report import render

    executed = [settings.executed / p.name for p in notebook_paths(settings.notebooks)]
    if missing := [p.name for p in executed if not p.exists()]:
        raise NotebookError(f"not executed yet: {', '.join(missing)} (run `oversight-research run` first)")
    return render(executed, settings.report, settings.processed, Path.cwd(), with_code=settings.with_code)


def evaluation_tables(settings: Settings) -> list[Path]:
    """Extract every evaluation corpus that exists into ``<processed>/.evaluation/<name>``."""
    out = []
    for raw in settings.evaluation_corpora:
        if raw.is_dir():
            where = settings.processed / ".evaluation" / raw.parent.name
            extract(raw, where, jobs=settings.jobs, progress=False, cache=settings.cache)
            out.append(where)
    return out


def run_all(settings: Settings, on_extract: Callable[[Summary], None] | None = None) -> Result:
    """Extract, evaluate (when there is gold), validate the sentiment lexicons
    (when the validation set is there and something changed), run the
    notebooks and render the report.  ``on_extract`` sees the extraction
    summary before anything else runs (the CLI prints it)."""
    result = Result(summary=run_extract(settings, on_extract))
    if settings.gold.is_dir():
        result.scores = evaluate_to_files(settings.gold, settings.processed, also=evaluation_tables(settings))
    if sentiment_validation.available(settings.sentiment_data):
        result.validated = sentiment_validation.validate_if_changed(settings.sentiment_data, settings.processed)
    result.executed = run(settings)
    result.report = report(settings)
    return result
