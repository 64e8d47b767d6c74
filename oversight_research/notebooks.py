"""Execute the analysis notebooks with papermill, in-process.

Each notebook declares its parameters in a cell tagged ``parameters``.  Before
running, the parameters passed are checked against that cell, because
papermill would silently inject unknown names.
"""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from tqdm import tqdm

from .errors import NotebookError


def declared_parameters(path: Path) -> dict[str, object]:
    """Names and default values of the ``parameters`` cell of a notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            values: dict[str, object] = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign | ast.AnnAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name):
                            try:
                                values[target.id] = ast.literal_eval(node.value)
                            except ValueError:
                                values[target.id] = None
            return values
    raise NotebookError(f"{path.name}: no cell tagged 'parameters'")


def check_parameters(path: Path, given: dict[str, object]) -> None:
    """Raise :class:`NotebookError` for an unknown or mistyped parameter."""
    declared = declared_parameters(path)
    for name, value in given.items():
        if name not in declared:
            raise NotebookError(
                f"{path.name}: unknown parameter {name!r}; allowed: {', '.join(sorted(declared))}")
        default = declared[name]
        if default is not None and value is not None and not _compatible(default, value):
            raise NotebookError(
                f"{path.name}: parameter {name!r} should be {type(default).__name__}, "
                f"got {type(value).__name__} ({value!r})")


def _compatible(default: object, value: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float) and isinstance(value, int | float):
        return True
    if isinstance(default, list | tuple) and isinstance(value, list | tuple):
        return True
    return isinstance(value, type(default))


def notebook_paths(notebook_dir: Path) -> list[Path]:
    return sorted(p for p in Path(notebook_dir).glob("*.ipynb") if not p.name.startswith("."))


THREADS = 2  # notebooks executed at once: each runs in its own kernel process


def run_notebooks(notebook_dir: Path, executed_dir: Path, parameters: dict[str, object],
                  progress: bool = True) -> list[Path]:
    """Execute every notebook (two at a time); ``parameters`` go to those that
    declare them.  Every parameter is checked before anything runs."""
    executed_dir = Path(executed_dir)
    executed_dir.mkdir(parents=True, exist_ok=True)
    paths = notebook_paths(notebook_dir)
    declared_by = {path: declared_parameters(path) for path in paths}
    known = set().union(*declared_by.values()) if paths else set()
    for name in parameters:
        if name not in known:
            raise NotebookError(f"unknown parameter {name!r}: no notebook in {notebook_dir} declares it; "
                                f"allowed: {', '.join(sorted(known))}")
    given = {path: {k: v for k, v in parameters.items() if k in declared_by[path]} for path in paths}
    for path in paths:
        check_parameters(path, given[path])
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(execute_notebook, path, executed_dir / path.name, given[path]) for path in paths]
        for future in tqdm(futures, desc="notebooks", unit="nb", disable=not progress):
            future.result()  # the first failure, in notebook order, stops the run
    return [executed_dir / path.name for path in paths]


def execute_notebook(path: Path, out: Path, parameters: dict[str, object]) -> None:
    """Run one notebook with its kernel started in the notebook's folder.

    The kernel's folder is set through nbclient's ``resources``, not
    papermill's ``cwd``: that one changes the working directory of this whole
    process, which the other notebook's thread shares (it then writes its
    output to, and restores, the wrong folder)."""
    import papermill as pm

    try:
        pm.execute_notebook(str(path.resolve()), str(out.resolve()), parameters=parameters, kernel_name="python3",
                            progress_bar=False, resources={"metadata": {"path": str(path.parent.resolve())}})
    except pm.PapermillExecutionError as exc:
        raise NotebookError(
            f"{path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
            f"(partial notebook kept at {out})") from exc
