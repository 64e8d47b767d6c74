"""Execute the analysis notebooks with papermill, in-process.

Each notebook declares its parameters in a cell tagged ``parameters``.  Before
running, the parameters passed are checked against that cell, because
papermill would silently inject unknown names: a name must be declared, a
value must have its default's type (an int default takes whole numbers only,
a float one any number), a number must be finite and inside its
declared range (a ``(range 0 to 100)``, ``(range from 1)`` or ``(range up to 9)``
in the line's comment, else :data:`RANGES`).

An executed notebook carries, in its metadata (``oversight_research``), the
generation of the tables it ran on (:func:`tables.check_generation`) and
whether it ran to the end; the report refuses one that did not, or that ran
on other tables (:func:`executed_generation`).
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import nbformat
from tqdm import tqdm

from .errors import NotebookError
from .tables import atomic_write_text

# Ranges of the shipped notebooks' parameters: name -> (lowest, highest), None
# for no bound.  A ``(range ...)`` in the parameter's comment wins.
RANGES: dict[str, tuple[float | None, float | None]] = {
    "max_rows": (0, None),
    "max_cases": (1, None),
    "max_errors": (0, None),
    "min_words": (0, None),
}
_NUMBER = r"-?\d+(?:\.\d+)?"
# ``(range 0 to 1)``, ``(range from 0)``, ``(range up to 100)``; also ``>=``/``<=``/``≥``/``≤``
# (papermill's own parameter reader cannot parse a line with a second ``=``, and warns).
_RANGE = re.compile(
    rf"\(range\s+(?:(?P<lo>{_NUMBER})\s+to\s+(?P<hi>{_NUMBER})"
    rf"|(?P<op>>=|<=|≥|≤|from|up to)\s*(?P<bound>{_NUMBER}))\)"
)
STAMP = "oversight_research"  # the executed notebook's metadata key
KERNEL_LOG_LEVEL = "--IPKernelApp.log_level=ERROR"


def _parameters_cell(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell.source
    raise NotebookError(f"{path.name}: no cell tagged 'parameters'")


def declared_ranges(path: Path) -> dict[str, tuple[float | None, float | None]]:
    """The range of every numeric parameter of a notebook that has one: its
    comment's ``(range A to B)``, ``(range from A)`` or ``(range up to B)`` (or
    ``>=``/``<=``, which papermill warns about), else :data:`RANGES`."""
    source = _parameters_cell(path)
    lines = source.splitlines()
    ranges = {}
    for node in ast.parse(source).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            comment = lines[node.lineno - 1].partition("#")[2]
            if m := _RANGE.search(comment):
                if m["op"]:
                    bound = float(m["bound"])
                    ranges[target.id] = (bound, None) if m["op"] in (">=", "≥", "from") else (None, bound)
                else:
                    ranges[target.id] = (float(m["lo"]), float(m["hi"]))
            elif target.id in RANGES:
                ranges[target.id] = RANGES[target.id]
    return ranges


def declared_parameters(path: Path) -> dict[str, object]:
    """Names and default values of the ``parameters`` cell of a notebook."""
    values: dict[str, object] = {}
    for node in ast.parse(_parameters_cell(path)).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    try:
                        values[target.id] = ast.literal_eval(node.value)  # type: ignore[arg-type]
                    except ValueError:
                        values[target.id] = None
    return values


def check_parameters(path: Path, given: dict[str, object]) -> None:
    """Raise :class:`NotebookError` for an unknown or mistyped parameter."""
    declared = declared_parameters(path)
    for name, value in given.items():
        if name not in declared:
            raise NotebookError(f"{path.name}: unknown parameter {name!r}; allowed: {', '.join(sorted(declared))}")
        default = declared[name]
        if isinstance(value, float) and not math.isfinite(value):
            raise NotebookError(f"{path.name}: parameter {name!r} must be a finite number, got {value!r}")
        if default is not None and value is not None and not _compatible(default, value):
            raise NotebookError(
                f"{path.name}: parameter {name!r} should be {type(default).__name__}, "
                f"got {type(value).__name__} ({value!r})"
            )
        if isinstance(value, int | float) and not isinstance(value, bool):
            lo, hi = declared_ranges(path).get(name, (None, None))
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                allowed = (
                    f"from {lo:g} to {hi:g}"
                    if lo is not None and hi is not None
                    else (f"at least {lo:g}" if lo is not None else f"at most {hi:g}")
                )
                raise NotebookError(f"{path.name}: parameter {name!r} must be {allowed}, got {value!r}")


def _compatible(default: object, value: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int) and isinstance(value, float):
        return False  # a count (``max_cases = 30``) is no fraction: ``frame.head(2.5)`` fails mid-notebook
    if isinstance(default, int | float) and isinstance(value, int | float):
        return True
    if isinstance(default, list | tuple) and isinstance(value, list | tuple):
        return True
    return isinstance(value, type(default))


def notebook_paths(notebook_dir: Path) -> list[Path]:
    return sorted(p for p in Path(notebook_dir).glob("*.ipynb") if not p.name.startswith("."))


THREADS = 2  # notebooks executed at once: each runs in its own kernel process


def run_notebooks(
    notebook_dir: Path,
    executed_dir: Path,
    parameters: dict[str, object],
    progress: bool = True,
    generation: str | None = None,
    keep: Callable[[Path, dict[str, object]], bool] | None = None,
) -> list[Path]:
    """Execute every notebook (two at a time); ``parameters`` go to those that
    declare them.  Every parameter is checked before anything runs; each
    notebook run to the end is stamped with ``generation`` (of its tables).
    ``keep(path, its parameters)`` (``run --only``, the re-execution cache)
    picks the notebooks to execute; the others are left as they are."""
    executed_dir = Path(executed_dir)
    executed_dir.mkdir(parents=True, exist_ok=True)
    paths = notebook_paths(notebook_dir)
    declared_by = {path: declared_parameters(path) for path in paths}
    known = set().union(*declared_by.values()) if paths else set()
    for name in parameters:
        if name not in known:
            raise NotebookError(
                f"unknown parameter {name!r}: no notebook in {notebook_dir} declares it; "
                f"allowed: {', '.join(sorted(known))}"
            )
    given = {path: {k: v for k, v in parameters.items() if k in declared_by[path]} for path in paths}
    for path in paths:
        check_parameters(path, given[path])
    paths = [path for path in paths if keep is None or keep(path, given[path])]
    with _papermill_folder_forgotten(), ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [
            pool.submit(execute_notebook, path.resolve(), (executed_dir / path.name).resolve(), given[path], generation)
            for path in paths
        ]
        for future in tqdm(futures, desc="notebooks", unit="nb", disable=not progress):
            future.result()  # the first failure, in notebook order, stops the run
    return [executed_dir / path.name for path in paths]


@contextmanager
def _papermill_folder_forgotten() -> Iterator[None]:
    """papermill's file handler is one object shared by every thread: each
    ``execute_notebook`` remembers the process's folder in it and re-enters that
    folder around each read and write, and two threads restoring it out of order
    leave a folder behind.  A folder left by an earlier run (from another
    working directory) would move this process there mid-run, so the handler
    starts and ends every run remembering none.  Paths are resolved here, in
    the calling thread, so no thread resolves one while another has moved."""
    from papermill.iorw import papermill_io

    handler = papermill_io.get_handler("local")
    handler.cwd(None)
    try:
        yield
    finally:
        handler.cwd(None)


def execute_notebook(path: Path, out: Path, parameters: dict[str, object], generation: str | None = None) -> None:
    """Run one notebook with its kernel started in the notebook's folder;
    once it has run to the end, stamp it with ``generation`` (:data:`STAMP`).

    The kernel's folder is set through nbclient's ``resources``, not
    papermill's ``cwd``: that one changes the working directory of this whole
    process, which the other notebook's thread shares (it then writes its
    output to, and restores, the wrong folder)."""
    import papermill as pm

    try:
        pm.execute_notebook(
            str(path.resolve()),
            str(out.resolve()),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            resources={"metadata": {"path": str(path.parent.resolve())}},
            # the kernel's own start-up log ("running over TCP without encryption", once per
            # notebook) is about a local kernel we start and stop; errors still show
            extra_arguments=[KERNEL_LOG_LEVEL],
        )
    except pm.PapermillExecutionError as exc:
        raise NotebookError(
            f"{path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} (partial notebook kept at {out})"
        ) from exc
    nb = nbformat.read(out, as_version=4)
    nb.metadata[STAMP] = {"generation": generation, "complete": True}
    atomic_write_text(out, nbformat.writes(nb))


def executed_generation(path: Path, generation: str | None) -> None:
    """Raise :class:`NotebookError` unless the executed notebook ``path`` ran
    to the end on tables of ``generation``."""
    try:
        stamp = nbformat.read(path, as_version=4).metadata.get(STAMP) or {}
    except (OSError, ValueError) as exc:
        raise NotebookError(f"{path} cannot be read ({exc}); re-run `oversight-research run`") from exc
    if not stamp.get("complete"):
        raise NotebookError(
            f"{path.name} did not run to the end (interrupted, failed, or run by an older "
            "version); re-run `oversight-research run`"
        )
    if stamp.get("generation") != generation:
        raise NotebookError(
            f"{path.name} was run on other tables (generation {stamp.get('generation')}; the "
            f"tables folder now holds {generation}); re-run `oversight-research run`"
        )
