"""Render the executed notebooks into one self-contained HTML report.

The report is one notebook made of, in order:

1. the title and when it was generated;
2. **key findings**, computed from the tables (:mod:`analysis.summary`), each
   line with its n, its interval where there is one, and a link to its section;
3. a table of contents;
4. the cells of every executed notebook, in order;
5. **provenance**: git commit, package versions, where the tables are (relative
   to the project, never a home directory), the parameters every notebook ran
   with, and the SHA-256 of every input file inside a collapsed ``<details>``.

Everything built here from data (file names, findings, parameter values) is
HTML, escaped once with :func:`display.html_text`; file names holding a
newline or ``|`` cannot break a table.  Cell ids are derived from the
notebook and the cell's position, so two renderings of the same executed
notebooks differ only in the "Generated" time (``SOURCE_DATE_EPOCH`` fixes
that too).  nbconvert's ``HTMLExporter`` renders it with code hidden unless
``with_code``; figures are embedded, and the template loads nothing from the
network.  The file is written to a unique temporary name and renamed, with
the permissions the user's umask gives.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import subprocess
import uuid
from importlib import metadata
from pathlib import Path

import nbformat

from . import __version__
from .display import TABLE_CSS, display_path, esc, html_text  # esc: re-exported for callers of report.esc
from .tables import read_table

PACKAGES = (
    "pandas",
    "matplotlib",
    "nbconvert",
    "papermill",
    "textblob",
    "vaderSentiment",
    "pyarrow",
    "trafilatura",
    "numpy",
    "scipy",
)
TEMPLATE_DIR = Path(__file__).parent / "templates"
MAX_HASHES = 500  # input hashes listed in the provenance section
TITLE = "Police-oversight cases: timelines, outcomes and statements"
PATH_PARAMETERS = ("processed_dir", "figures_dir", "gold_dir")

__all__ = [
    "TITLE",
    "combine",
    "display_path",
    "esc",
    "front_page",
    "git_commit",
    "notebook_parameters",
    "provenance",
    "render",
    "table_of_contents",
    "versions",
]


def git_commit(cwd: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (git not available)"
    return (out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")) if out.returncode == 0 else "unknown"


def package_code() -> tuple[str, str, str]:
    """Which code produced the tables and figures, whatever folder the report was
    rendered from: the folder the package is imported from, that checkout's git
    commit (when it is one) and the fingerprint of the package's code and rules
    (:func:`cache.code_fingerprint`, the key the extraction cache uses)."""
    from .cache import code_fingerprint

    checkout = Path(__file__).resolve().parents[1]
    commit = git_commit(checkout) if (checkout / ".git").exists() else "not a git checkout"
    return str(checkout), commit, code_fingerprint()


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "oversight-research": __version__}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def generated_at() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now().astimezone()
    )
    return when.strftime("%Y-%m-%d %H:%M %Z")


def front_page(processed_dir: Path, project_dir: Path) -> str:
    """Markdown of the report's title block (no article value in it)."""
    return (
        f"# {TITLE}\n\n"
        f"*Generated {generated_at()} by oversight-research {__version__}; provenance (commit, versions, "
        "parameters, input hashes) is at the [end](#Provenance).*\n"
    )


def findings_html(processed_dir: Path, parameters: dict[str, dict]) -> str:
    """The key findings as an HTML list, each line linking to its section."""
    from .analysis.summary import key_findings

    try:
        found = key_findings(processed_dir, parameters)
    except Exception as exc:  # the summary must never stop the report; say why it is missing
        return f"<p><em>Key findings could not be computed: {html_text(type(exc).__name__)}: {html_text(exc)}</em></p>"
    if not found:
        return "<p><em>No tables to summarise.</em></p>"
    items = "".join(
        f"<li><strong>{html_text(f.topic)}.</strong> {html_text(f.text)} "
        f'<a href="#{html_text(f.anchor)}">(section)</a></li>'
        for f in found
    )
    return f'<ul class="key-findings">{items}</ul>'


def notebook_parameters(executed: list[Path]) -> dict[str, dict]:
    """The parameters each executed notebook ran with: its declared defaults,
    overridden by those papermill injected."""
    from .notebooks import declared_parameters

    out = {}
    for path in executed:
        try:
            values = dict(declared_parameters(path))
        except Exception:  # a notebook without a parameters cell has none to record
            values = {}
        nb = nbformat.read(path, as_version=4)
        values.update(nb.metadata.get("papermill", {}).get("parameters", {}) or {})
        out[path.stem] = values
    return out


def _value_text(name: str, value: object, project_dir: Path) -> str:
    if name in PATH_PARAMETERS and isinstance(value, str):
        return display_path(value, project_dir)
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return repr(value)


def provenance(processed_dir: Path, project_dir: Path, parameters: dict[str, dict]) -> str:
    """HTML of the provenance section: commit, environment, tables, parameters, input hashes."""
    articles = read_table("articles", processed_dir)
    pkgs = ", ".join(f"{k} {v}" for k, v in versions().items())
    params = "".join(
        f"<tr><td>{html_text(stem)}</td><td>{html_text(name)}</td>"
        f"<td><code>{html_text(_value_text(name, value, project_dir))}</code></td></tr>"
        for stem, values in parameters.items()
        for name, value in values.items()
    )
    hashes = "".join(
        f"<tr><td>{html_text(r.doc_id)}</td><td>{html_text(r.path if isinstance(r.path, str) else '')}</td>"
        f"<td>{html_text(_text(r.status))}</td><td><code>{html_text(_text(r.sha256))}</code></td></tr>"
        for r in articles.head(MAX_HASHES).itertuples()
    )
    more = (
        f"<p><em>The first {MAX_HASHES} of {len(articles)} documents; every sha256 is in the "
        "<code>sha256</code> column of <code>articles.csv</code>.</em></p>"
        if len(articles) > MAX_HASHES
        else ""
    )
    checkout, package_commit, fingerprint = package_code()
    return (
        TABLE_CSS + "<ul>"
        f"<li><strong>Git commit:</strong> <code>{html_text(git_commit(project_dir))}</code></li>"
        f"<li><strong>Package code:</strong> oversight-research {html_text(__version__)} from "
        f"<code>{html_text(display_path(checkout, project_dir))}</code>, commit <code>{html_text(package_commit)}</code>; "
        f"code and rules fingerprint <code>{html_text(fingerprint)}</code></li>"
        f"<li><strong>Environment:</strong> {html_text(pkgs)}</li>"
        f"<li><strong>Locked environment:</strong> {_lock_text(project_dir)}</li>"
        f"<li><strong>Inputs:</strong> {len(articles)} documents; tables in "
        f"<code>{html_text(display_path(processed_dir, project_dir))}</code></li></ul>"
        "<h3>Notebook parameters</h3>"
        '<table class="or-table"><thead><tr><th>notebook</th><th>parameter</th><th>value</th></tr></thead>'
        f"<tbody>{params}</tbody></table>"
        f'<details class="input-hashes"><summary>SHA-256 of every input file ({len(articles)})</summary>'
        '<table class="or-table"><thead><tr><th>document</th><th>file</th><th>status</th><th>sha256</th></tr>'
        f"</thead><tbody>{hashes}</tbody></table>{more}</details>"
    )


def _text(value: object) -> str:
    """A text cell, or "" for a missing value (an unreadable file has no sha256)."""
    return value if isinstance(value, str) else ""


def _lock_text(project_dir: Path) -> str:
    """The lock file's sha256, or a sentence saying there is none."""
    from .provenance import lock_sha256

    digest = lock_sha256(project_dir / "requirements.lock")
    return (
        f"<code>requirements.lock</code> sha256 <code>{html_text(digest)}</code>"
        if digest
        else "no <code>requirements.lock</code> beside the project"
    )


def _anchor(title: str) -> str:
    return re.sub(r"\s+", "-", title.strip())


def table_of_contents(cells: list) -> str:
    lines = ["## Contents\n"]
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        for m in re.finditer(r"^(#{1,2})\s+(.+?)\s*$", cell.source, re.M):
            if m.group(2) in ("Contents", "Key findings", TITLE):
                continue
            indent = "  " * (len(m.group(1)) - 1)
            lines.append(f"{indent}- [{m.group(2)}](#{_anchor(m.group(2))})")
    return "\n".join(lines)


def _html_cell(cell_id: str, body: str) -> nbformat.NotebookNode:
    """A code cell whose only output is ``body`` (HTML); its input is hidden in the report."""
    cell = nbformat.v4.new_code_cell("", id=cell_id)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": body})]
    return cell


def _skipped(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return "parameters" in tags or "injected-parameters" in tags


def combine(executed: list[Path], processed_dir: Path, project_dir: Path) -> nbformat.NotebookNode:
    body = []
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(c for c in nb.cells if not _skipped(c)):
            cell["id"] = f"{re.sub(r'[^A-Za-z0-9_-]', '-', path.stem)[:48]}-{i}"  # the same on every run
            body.append(cell)
    parameters = notebook_parameters(executed)
    report = nbformat.v4.new_notebook()
    report.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    report.metadata["language_info"] = {"name": "python"}
    report.metadata["title"] = TITLE
    report.cells = [
        nbformat.v4.new_markdown_cell(front_page(processed_dir, project_dir), id="report-title"),
        nbformat.v4.new_markdown_cell(
            "## Key findings\n\nComputed from the tables with the parameters the "
            "notebooks ran with; each line links to its section.",
            id="report-findings",
        ),
        _html_cell("report-findings-list", findings_html(processed_dir, parameters)),
        nbformat.v4.new_markdown_cell(table_of_contents(body) + "\n- [Provenance](#Provenance)", id="report-contents"),
        *body,
        nbformat.v4.new_markdown_cell("## Provenance", id="report-provenance"),
        _html_cell("report-provenance-list", provenance(processed_dir, project_dir, parameters)),
    ]
    return report


def render(
    executed: list[Path], out_path: Path, processed_dir: Path, project_dir: Path, with_code: bool = False
) -> Path:
    """Write the combined report to ``out_path`` as one self-contained HTML file."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    notebook = combine(executed, processed_dir, project_dir)
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": TITLE}})
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_text(body, encoding="utf-8")  # created with the umask's permissions
        tmp.replace(out_path)
    finally:
        tmp.unlink(missing_ok=True)
    return out_path
