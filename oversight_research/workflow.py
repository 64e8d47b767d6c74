"""The whole workflow as library functions: extract → evaluate → validate →
run → report, what ``make report`` (``oversight-research all``) does.

>>> from oversight_research.workflow import Settings, run_all
>>> result = run_all(Settings(raw=Path("my-corpus")))  # doctest: +SKIP

Each step is also a function of its own (:func:`run`, :func:`report`), and
:mod:`cli` only turns arguments into :class:`Settings`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import sentiment_validation, tables
from .errors import InputError, NotebookError, NothingReadable
from .evaluate import evaluate_to_files
from .notebooks import declared_parameters, executed_generation, notebook_paths, run_notebooks
from .pipeline import Summary, extract, sigterm_raises


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
    # Notebooks ``run`` executes: these names (stem or file name) only, else every
    # one whose inputs, parameters or code changed since it last ran (all if ``force``).
    only: tuple[str, ...] = ()
    force: bool = False
    # Researchers' corrections (data/corrections/<table>.csv); None: <raw>/../corrections if it exists.
    corrections: Path | None = None


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
    summary = extract(
        settings.raw,
        settings.processed,
        jobs=settings.jobs,
        progress=settings.progress,
        cache=settings.cache,
        engine=settings.engine,
        scheduler=settings.scheduler,
        corrections_dir=settings.corrections,
    )
    if on_extract is not None:
        on_extract(summary)
    if summary.documents and summary.unreadable == summary.documents:
        raise NothingReadable("no document could be read")
    return summary


def notebook_parameters(settings: Settings) -> dict[str, object]:
    params: dict[str, object] = {"processed_dir": str(settings.processed.resolve())}
    if any("figures_dir" in declared_parameters(p) for p in notebook_paths(settings.notebooks)):
        params["figures_dir"] = str((settings.report.parent / "figures").resolve())  # beside the report
    if any("gold_dir" in declared_parameters(p) for p in notebook_paths(settings.notebooks)):
        params["gold_dir"] = str(settings.gold.resolve())  # sets.yaml: which sets the rules were tuned on
    return {**params, **settings.parameters}


@contextmanager
def guarded(write: Path, read: tuple[Path, ...] = (), estimate: Callable[[], int] = lambda: 0) -> Iterator[None]:
    """The block holds ``write``'s lock (exclusive) and those of ``read``
    (shared), after removing what an interrupted run left in ``write``;
    SIGTERM cleans up like Ctrl-C; a full disk ends in one line
    (:class:`errors.DiskFull`) with ``estimate()`` bytes as what it needs."""
    with ExitStack() as stack:
        stack.enter_context(sigterm_raises())
        stack.enter_context(tables.folder_lock(write))
        for folder in {Path(f).resolve(): f for f in read if Path(f).resolve() != Path(write).resolve()}.values():
            stack.enter_context(tables.folder_lock(folder, shared=True))  # (a folder given twice is locked once)
        tables.clean_leftovers(write)
        try:
            yield
        except OSError as exc:
            if not tables.is_disk_full(exc):
                raise
            raise tables.disk_full_error(write, estimate()) from exc


def _tables_folder_exists(settings: Settings) -> None:
    """:class:`InputError` when the tables folder does not exist (a typo, or
    extract not run yet), said before anything else is looked at."""
    if not Path(settings.processed).is_dir():
        why = "it is a file, not a folder" if Path(settings.processed).exists() else "the folder does not exist"
        raise InputError(
            f"no tables in {settings.processed}: {why}; run `oversight-research extract "
            f"RAW_DIR --out {settings.processed}` first (or pass --processed DIR)"
        )


def run(settings: Settings) -> list[Path]:
    """Execute every notebook into ``settings.executed``, on one complete
    generation of tables (each executed notebook is stamped with it)."""
    if Path(settings.executed).resolve() == Path(settings.notebooks).resolve():
        raise InputError(
            f"--executed {settings.executed} is the notebooks folder: the executed copies would replace the "
            "notebooks themselves; give another folder (the default is reports/executed)"
        )
    _tables_folder_exists(settings)  # before any notebook starts
    given = settings.parameters.get("processed_dir")
    if given is not None and Path(str(given)).resolve() != Path(settings.processed).resolve():
        raise InputError(
            f"-p processed_dir={given}: give the tables folder as --processed DIR instead (run locks that "
            "folder and stamps each notebook with its generation, which the report checks)"
        )
    with guarded(settings.executed, (settings.processed,), lambda: tables.size_of(settings.executed)):
        generation = tables.check_generation(settings.processed)
        keep = RerunCache(settings, generation)
        ran = run_notebooks(
            settings.notebooks,
            settings.executed,
            notebook_parameters(settings),
            progress=settings.progress,
            generation=generation,
            keep=keep,
        )
        keep.save(ran)
        return ran


class RerunCache:
    """Which notebooks ``run`` executes (the ``keep`` of :func:`notebooks.run_notebooks`).

    With ``settings.only``, those notebooks (an unknown name is an error listing
    the notebooks).  Otherwise every notebook whose key changed: the sha256 of
    its source, the parameters it gets, the generation of the tables plus the
    other files of the tables folder (``evaluation.csv``, …) and the package's
    code and rules (:func:`cache.code_fingerprint`).  Keys are kept in
    ``<executed>/.rerun-cache.json`` once a notebook has run to the end; a
    missing, incomplete or stale executed notebook always runs."""

    FILE = ".rerun-cache.json"

    def __init__(self, settings: Settings, generation: str | None) -> None:

        self.settings, self.generation = settings, generation
        names = {p.stem for p in notebook_paths(settings.notebooks)}
        if unknown := [n for n in settings.only if n.removesuffix(".ipynb") not in names]:
            raise NotebookError(
                f"no notebook {', '.join(map(repr, unknown))} in {settings.notebooks}; "
                f"notebooks: {', '.join(sorted(names))}"
            )
        self.only = {n.removesuffix(".ipynb") for n in settings.only}
        self.path = settings.executed / self.FILE
        try:
            self.stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.stored = {}
        self.keys: dict[str, str] = {}
        self._inputs: str | None = None

    def inputs(self) -> str:
        """The tables folder's fingerprint: its generation and every other top-level file's sha256."""
        import hashlib

        if self._inputs is None:
            folder = self.settings.processed
            try:
                listed = set(json.loads((folder / tables.GENERATION_FILE).read_text(encoding="utf-8"))["files"])
            except (OSError, ValueError, KeyError):
                listed = set()
            digest = hashlib.sha256(str(self.generation).encode())
            for file in sorted(folder.iterdir() if folder.is_dir() else []):
                if file.is_file() and not file.name.startswith(".") and file.name not in listed:
                    digest.update(file.name.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
            self._inputs = digest.hexdigest()
        return self._inputs

    def key(self, path: Path, given: dict[str, object]) -> str:
        import hashlib

        from .cache import code_fingerprint

        text = json.dumps(
            {
                "notebook": hashlib.sha256(path.read_bytes()).hexdigest(),
                "inputs": self.inputs(),
                "parameters": given,
                "code": code_fingerprint(),
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def __call__(self, path: Path, given: dict[str, object]) -> bool:
        self.keys[path.name] = self.key(path, given)
        if self.only:
            return path.stem in self.only
        if self.settings.force or self.stored.get(path.name) != self.keys[path.name]:
            return True
        try:
            executed_generation(self.settings.executed / path.name, self.generation)
        except NotebookError:
            return True
        return False

    def save(self, ran: list[Path]) -> None:
        """Record the keys of the notebooks that just ran to the end."""

        stored = {**self.stored, **{p.name: self.keys[p.name] for p in ran if p.name in self.keys}}
        tables.atomic_write_text(self.path, json.dumps(stored, indent=1, sort_keys=True) + "\n")


def report(settings: Settings) -> Path:
    """Render the executed notebooks into ``settings.report``; refused unless
    every notebook ran to the end on the generation of tables in
    ``settings.processed``."""
    from .report import render

    if Path(settings.report).is_dir():
        raise InputError(
            f"{settings.report} is a folder: give the HTML file to write (e.g. {settings.report}/report.html)"
        )
    if Path(settings.report).suffix.lower() not in (".html", ".htm"):  # a notebook, the README ...: never written over
        raise InputError(
            f"{settings.report} is not an .html file: give the HTML file to write (e.g. reports/report.html)"
        )
    _tables_folder_exists(settings)
    executed = [settings.executed / p.name for p in notebook_paths(settings.notebooks)]
    with guarded(
        settings.report.parent,
        (settings.executed, settings.processed),
        lambda: sum(tables.size_of(p) for p in executed),
    ):
        if missing := [p.name for p in executed if not p.exists()]:
            raise NotebookError(f"not executed yet: {', '.join(missing)} (run `oversight-research run` first)")
        generation = tables.check_generation(settings.processed)
        for path in executed:
            executed_generation(path, generation)
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


def has_gold(folder: Path) -> bool:
    """Whether ``folder`` holds any gold annotation (``*.json``, sub-folders included)."""
    from .goldcheck import gold_files

    return Path(folder).is_dir() and bool(gold_files(folder))


def unreadable_gold(folder: Path) -> list[str]:
    """The gold files of ``folder`` that cannot be scored, each with why: not
    UTF-8 text, not JSON, JSON that is not one object (a document's
    annotation) of lists of objects, a field evaluate reads that is missing
    or of the wrong type (``events[0].date``: 5), or a document annotated by
    two files (:func:`goldcheck.read_gold`)."""
    from .goldcheck import read_gold

    return [why for _, _, why in read_gold(Path(folder))[1]]


def check_gold_readable(folder: Path, only_shape: bool = False) -> None:
    """:class:`InputError` (one line) when a gold file of ``folder`` cannot be
    scored (:func:`unreadable_gold`); ``only_shape``: only for JSON of the wrong
    shape (``check-gold`` reports every other problem itself, as one line each)."""
    from .goldcheck import SHAPE, read_gold, refusal

    if found := [why for kind, _, why in read_gold(Path(folder))[1] if not only_shape or kind == SHAPE]:
        raise InputError(refusal(folder, found))


def skipped_steps(settings: Settings) -> list[str]:
    """What :func:`run_all` left out because its folder is missing, in words
    (the CLI prints them, so a run from another folder does not skip them silently)."""
    notes = []
    if not has_gold(settings.gold):
        notes.append(
            f"extraction quality not evaluated: no gold annotation (*.json) in {settings.gold} (--gold DIR); "
            "the report shows no score"
        )
    if not sentiment_validation.available(settings.sentiment_data):
        notes.append(
            f"sentiment lexicons not checked against human ratings: no validation set in "
            f"{settings.sentiment_data} (--sentiment-data DIR)"
        )
    return notes


def run_all(settings: Settings, on_extract: Callable[[Summary], None] | None = None) -> Result:
    """Extract, evaluate (when there is gold), validate the sentiment lexicons
    (when the validation set is there and something changed), run the
    notebooks and render the report.  ``on_extract`` sees the extraction
    summary before anything else runs (the CLI prints it)."""
    with sigterm_raises():
        result = Result(summary=run_extract(settings, on_extract))
        also = evaluation_tables(settings) if has_gold(settings.gold) else []
        with guarded(settings.processed):
            if has_gold(settings.gold):
                check_gold_readable(settings.gold)
                result.scores = evaluate_to_files(settings.gold, settings.processed, also=also)
            if sentiment_validation.available(settings.sentiment_data):
                result.validated = sentiment_validation.validate_if_changed(settings.sentiment_data, settings.processed)
        result.executed = run(settings)
        result.report = report(settings)
    return result
