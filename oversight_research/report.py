"""Render the executed notebooks into one self-contained HTML report.

The report is one notebook made of: a front page (run date, git commit,
package versions, sha256 of every input file), a table of contents, then the
cells of every executed notebook in order.  nbconvert's ``HTMLExporter``
renders it with code hidden unless ``with_code``; figures are already
embedded as base64 PNG, and the template loads nothing from the network.
"""

from __future__ import annotations

import datetime as dt
import html
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

import nbformat

from . import __version__
from .tables import read_table

PACKAGES = ("pandas", "matplotlib", "nbconvert", "papermill", "textblob", "vaderSentiment", "pyarrow",
            "trafilatura", "numpy", "scipy")
TEMPLATE_DIR = Path(__file__).parent / "templates"
MAX_HASHES = 500  # input hashes listed on the front page


def git_commit(cwd: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (git not available)"
    return (out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")) if out.returncode == 0 else "unknown"


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "oversight-research": __version__}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def front_page(processed_dir: Path, project_dir: Path) -> str:
    """Markdown of the report's front page (every article value escaped)."""
    articles = read_table("articles", processed_dir)
    rows = "\n".join(
        f"| {esc(r.doc_id)} | {esc(r.status)} | `{esc(r.sha256 or '')}` |" for r in articles.head(MAX_HASHES).itertuples()
    )
    if len(articles) > MAX_HASHES:
        rows += (f"\n\n*The first {MAX_HASHES} of {len(articles)} documents; every sha256 is in the "
                 "`sha256` column of `articles.csv`.*")
    pkgs = ", ".join(f"{k} {v}" for k, v in versions().items())
    return (
        "# Police-oversight cases: timelines, outcomes and statements\n\n"
        f"*Generated {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} by oversight-research "
        f"{__version__}.*\n\n"
        f"- **Git commit:** `{esc(git_commit(project_dir))}`\n"
        f"- **Environment:** {esc(pkgs)}\n"
        f"- **Inputs:** {len(articles)} documents; tables in `{esc(str(processed_dir))}`\n\n"
        "<details><summary>SHA-256 of every input file</summary>\n\n"
        "| document | status | sha256 |\n|---|---|---|\n" + rows + "\n\n</details>\n"
    )


def esc(text: object) -> str:
    """Escape text for Markdown rendered to HTML: no tags, links or math."""
    out = html.escape(str(text), quote=True)
    return re.sub(r"([\\`*_\[\]{}()#+!|$~])", r"\\\1", out)


def _anchor(title: str) -> str:
    return re.sub(r"\s+", "-", title.strip())


def table_of_contents(cells: list) -> str:
    lines = ["## Contents\n"]
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        for m in re.finditer(r"^(#{1,2})\s+(.+?)\s*$", cell.source, re.M):
            if m.group(2) == "Contents":
                continue
            indent = "  " * (len(m.group(1)) - 1)
            lines.append(f"{indent}- [{m.group(2)}](#{_anchor(m.group(2))})")
    return "\n".join(lines)


def combine(executed: list[Path], processed_dir: Path, project_dir: Path) -> nbformat.NotebookNode:
    body = []
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        body += [c for c in nb.cells if "parameters" not in c.get("metadata", {}).get("tags", [])
                 and "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    report = nbformat.v4.new_notebook()
    report.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    report.cells = [nbformat.v4.new_markdown_cell(front_page(processed_dir, project_dir)),
                    nbformat.v4.new_markdown_cell(table_of_contents(body)), *body]
    return report


def render(executed: list[Path], out_path: Path, processed_dir: Path, project_dir: Path,
           with_code: bool = False) -> Path:
    """Write the combined report to ``out_path`` as one self-contained HTML file."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(combine(executed, processed_dir, project_dir))
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(out_path)
    return out_path
