"""Helpers the notebooks use to show article text and figures safely and readably.

Anything taken from an article (titles, quotes, speakers, evidence, file
names) may hold HTML, Markdown, newlines, ``|`` or ``$`` signs.  There is one
escaping path per output kind, each applied exactly once:

* HTML (tables, captions, figure alt text): :func:`html_text` —
  ``html.escape`` then line breaks as ``<br>``;
* Markdown (:func:`md`): :func:`esc` — ``<``, ``>`` and ``&`` as entities (no
  tag survives), then every Markdown special character backslash-escaped (no
  link, emphasis, table cell or maths); quotes stay plain characters, so no
  ``&#x27;`` can show;
* matplotlib labels: :func:`mpl_text`, so ``$`` never starts mathtext.

Figures go through :func:`show_figure`: an ``<img>`` with the alt text the
plotting function generated from its data, and (when a folder is given) the
same figure as PNG and SVG beside the CSV of the table behind it.  Colours
come from :data:`PALETTE` (Okabe–Ito, safe under the common colour-vision
deficiencies); :func:`use_style` sets it, and labels of at least
:data:`MIN_FONT_PT` points, for every figure.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import HTML, Markdown, display

from . import tables

# Okabe & Ito (2008), "Color universal design": distinguishable under protanopia,
# deuteranopia and tritanopia.  Order: blue, orange, bluish green, vermillion,
# reddish purple, sky blue, yellow, black.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
NEUTRALS = ("#999999", "#DDDDDD", "#F2F2F2", "#FFFFFF", "#555555")  # context only (axes, bands, other events)
MIN_FONT_PT = 9
MAX_WIDTH_IN = 11  # the report's column is 1,100 px: a figure at 100 dpi is never shrunk
PLACEHOLDER_ALT = "No description has been provided for this image"


def use_style() -> None:
    """Palette, font sizes and reproducible SVG for every figure drawn after this."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "axes.prop_cycle": cycler(color=list(PALETTE)),
            "font.size": 10,
            "axes.titlesize": 11,
            "axes.labelsize": 10,
            "xtick.labelsize": 9.5,
            "ytick.labelsize": 9.5,
            "legend.fontsize": 9.5,
            "legend.title_fontsize": 9.5,
            "figure.titlesize": 11,
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "svg.hashsalt": "oversight-research",  # SVG element ids the same on every run
            "svg.fonttype": "none",
        }
    )


# --------------------------------------------------------------------------- escaping


def esc(text: object) -> str:
    """Escape text for Markdown rendered to HTML: no tags, links, table cells or math.

    ``:`` and ``@`` are escaped too, so a bare ``http://…`` (or ``<http://…>``,
    an e-mail address) in a title is never turned into a clickable link by the
    renderer's autolinking, which would also swallow the escapes into the URL."""
    out = html.escape(str(text), quote=False)
    out = re.sub(r"([\\`*_\[\]{}()#+!|$~<>:@])", r"\\\1", out)
    # a line break in a name (a newline, a lone CR of an old Mac file, U+2028) must not end a Markdown line or table row
    return re.sub(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*", " ", out)


def html_text(text: object) -> str:
    """Escape text for HTML once; a blank line becomes a paragraph break, a newline a line break."""
    out = html.escape(str(text), quote=True).replace("\r\n", "\n").replace("\r", "\n")
    out = re.sub(r"\n[ \t]*\n\s*", "<br><br>", out)
    return out.replace("\n", "<br>")


def shorten(text: object, width: int) -> str:
    """``text`` cut to at most ``width`` characters at a word boundary, ending in "…" when cut."""
    value = str(text)
    if len(value) <= width:
        return value
    cut = value[: width - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.\n") + "…"


def mpl_text(text: object, width: int = 0) -> str:
    """Text safe for a matplotlib label: ``$`` escaped, optionally wrapped."""
    value = str(text).replace("\\", "\\\\").replace("$", r"\$")
    return "\n".join(textwrap.wrap(value, width)) if width else value


# --------------------------------------------------------------------------- paths


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (the working directory) holding
    ``pyproject.toml`` or ``.git``; ``start`` itself when there is none."""
    here = Path(start or Path.cwd()).resolve()
    return next((p for p in (here, *here.parents) if (p / "pyproject.toml").exists() or (p / ".git").exists()), here)


def display_path(path: object, project_dir: Path | None = None) -> str:
    """A path as a reader may see it: relative to the project when inside it,
    ``~/…`` under the home directory, otherwise as given (never resolved
    further than that, so no home directory is printed)."""
    value = Path(str(path))
    if not value.is_absolute():
        return value.as_posix()
    for base, prefix in ((Path(project_dir or project_root()).resolve(), ""), (Path.home().resolve(), "~/")):
        try:
            rel = value.resolve().relative_to(base).as_posix()
        except (ValueError, OSError):
            continue
        return prefix + rel if prefix else (rel or ".")
    return value.as_posix()


# --------------------------------------------------------------------------- tables

TABLE_CSS = (
    "<style>.or-table{border-collapse:collapse;margin:0.4em 0 1em}"
    ".or-table th,.or-table td{padding:0.25em 0.6em;vertical-align:top;border-bottom:1px solid #ddd}"
    ".or-table th{text-align:left;background:#f6f6f6}.or-table td.txt{text-align:left;max-width:42em}"
    ".or-table td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".or-table tr.or-corrected td{background:#fff4d6}.or-table tr.or-confirmed td{background:#eef7ee}</style>"
)


def _cell(value: object) -> tuple[str, str]:
    """(css class, escaped HTML) of one table cell."""
    if value is None or (not isinstance(value, list | tuple | dict) and pd.isna(value)):
        return "txt", ""
    if isinstance(value, bool | np.bool_):
        return "txt", "true" if value else "false"
    if isinstance(value, int | np.integer):
        return "num", f"{int(value)}"
    if isinstance(value, float | np.floating):
        if not math.isfinite(value) or value != int(value):
            return "num", f"{value:.3f}".rstrip("0").rstrip(".") if math.isfinite(value) else str(value)
        return "num", f"{int(value)}"
    return "txt", html_text(value)


def _row_marks(frame: pd.DataFrame) -> list[str]:
    """The class attribute of each row: corrected or added rows, and confirmed
    ones, are marked (by their ``review`` column)."""
    if "review" not in frame.columns:
        return [""] * len(frame)
    review = frame["review"].astype("string").fillna("")
    return [
        ' class="or-corrected"' if r in CORRECTED else ' class="or-confirmed"' if r == "confirmed" else ""
        for r in review
    ]


def table_html(frame: pd.DataFrame, max_rows: int = 50) -> str:
    """``frame`` (its first ``max_rows`` rows) as an HTML table: every cell escaped once,
    text left-aligned with its line breaks, numbers right-aligned; rows a
    researcher corrected (or added) and confirmed are marked."""
    shown = frame.head(max(0, int(max_rows)))
    head = "".join(f"<th>{html_text(c)}</th>" for c in shown.columns)
    body = []
    marks = _row_marks(shown)
    for mark, row in zip(marks, shown.itertuples(index=False, name=None), strict=True):
        cells = (_cell(v) for v in row)
        body.append(f"<tr{mark}>" + "".join(f'<td class="{k}">{v}</td>' for k, v in cells) + "</tr>")
    return f'<table class="or-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def show_table(
    frame: pd.DataFrame, max_rows: int = 50, caption: str | None = None, rows: pd.DataFrame | None = None
) -> None:
    """Display a DataFrame as an escaped HTML table (see :func:`table_html`),
    with how many of the rows behind it a researcher reviewed and corrected
    (:func:`review_line`: of ``rows``, else of ``frame`` when it has a
    ``review`` column)."""
    note = f"<p><em>{html_text(caption)}</em></p>" if caption else ""
    more = len(frame) - max(0, int(max_rows))
    tail = f"<p><em>{more} more rows not shown.</em></p>" if more > 0 else ""
    if frame.empty:  # a table of headers alone reads as a rendering fault
        tail = "<p><em>No rows: nothing in the selected tables matches.</em></p>"
    display(HTML(TABLE_CSS + note + table_html(frame, max_rows) + tail + review_html(frame if rows is None else rows)))


# --------------------------------------------------------------------------- review counts

REVIEWED = ("confirmed", "corrected", "added")  # review values of rows a researcher decided on
CORRECTED = ("corrected", "added")  # ... and changed (a set, or a row the machine missed)


def review_counts(rows: pd.DataFrame) -> dict[str, int] | None:
    """How many of ``rows`` (rows of events, outcomes, statements or
    missed_opportunities, from their ``review`` column) a researcher reviewed,
    and how many of those they corrected or added; None without the column."""
    if "review" not in rows.columns:
        return None
    review = rows["review"].astype("string")
    return {
        "rows": len(rows),
        "reviewed": int(review.isin(REVIEWED).sum()),
        "corrected": int(review.isin(CORRECTED).sum()),
        "added": int(review.eq("added").sum()),
    }


def review_line(rows: pd.DataFrame) -> str | None:
    """ "n rows reviewed, m corrected (of N)": the review behind a figure or a
    table (:func:`review_counts`); None when ``rows`` has no ``review`` column."""
    counts = review_counts(rows)
    if counts is None:
        return None
    added = f", {counts['added']} of them added by a reviewer" if counts["added"] else ""
    return (
        f"{counts['reviewed']} {'row' if counts['reviewed'] == 1 else 'rows'} reviewed, "
        f"{counts['corrected']} corrected (of {counts['rows']}{added})."
    )


def review_html(rows: pd.DataFrame) -> str:
    """:func:`review_line` as a paragraph of the report (empty without a ``review`` column)."""
    line = review_line(rows)
    return "" if line is None else f'<p class="or-review"><em>Review: {html_text(line)}</em></p>'


class Code(str):
    """A value :func:`md` shows as inline code, verbatim: a command or a path a
    reader copies (backslash escapes are not read inside a code span, so
    :func:`esc` would show them: ``my\\_corpus``)."""


def _code_span(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds (one line)."""
    text = re.sub(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*", " ", text)
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_text(template: str, **values: object) -> str:
    """The Markdown :func:`md` displays: every value escaped by :func:`esc`, a
    :class:`Code` value as a code span."""
    return template.format(**{k: _code_span(v) if isinstance(v, Code) else esc(v) for k, v in values.items()})


def md(template: str, **values: object) -> None:
    """Display Markdown; every value substituted into it is escaped (:func:`md_text`)."""
    display(Markdown(md_text(template, **values)))


# --------------------------------------------------------------------------- figures


def describe(fig, alt: str, data: pd.DataFrame | None = None):
    """Attach the alt text and the table behind a figure (what :func:`show_figure` uses)."""
    fig.alt_text = alt
    fig.data = data
    return fig


def slug(name: str) -> str:
    """A file-name-safe, lower-case version of ``name``; when that changed more than case
    and separators (so two names could meet), a short hash of ``name`` keeps it unique."""
    import hashlib

    value = str(name)
    clean = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:80] or "figure"
    if re.fullmatch(r"[a-z0-9_-]{1,80}", value) and clean == value.replace("_", "-").strip("-"):
        return clean
    return f"{clean[:71]}-{hashlib.sha256(value.encode()).hexdigest()[:8]}"


def save_figure(fig, name: str, folder: Path) -> list[Path]:
    """Write ``fig`` as ``<name>.png`` and ``<name>.svg`` (and its data as ``<name>.csv``) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = slug(name)
    written = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        path = folder / f"{stem}.{ext}"
        fig.savefig(path, format=ext, metadata=meta, bbox_inches="tight")
        written.append(path)
    data = getattr(fig, "data", None)
    if isinstance(data, pd.DataFrame):
        path = folder / f"{stem}.csv"
        spreadsheet_safe(data).to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


_FORMULA = re.compile(tables._FORMULA)


def _cell_safe(value: object) -> object:
    return "'" + value if isinstance(value, str) and _FORMULA.match(value) else value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``'`` before every text cell (and column name) a
    spreadsheet would run as a formula, as in the tables' CSV files
    (:func:`tables.csv_safe`): a figure's CSV holds case labels, titles and
    document names taken from the documents."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(_cell_safe)
    out.columns = [_cell_safe(c) for c in out.columns]
    return out


def figure_html(fig, alt: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    # the description is also printed under the figure (with the n behind it); hidden from
    # screen readers there, which read it once, as the image's alt text
    return (
        f'<figure style="margin:0.5em 0 1.2em"><img src="data:image/png;base64,{data}" '
        f'alt="{html.escape(alt, quote=True)}" style="max-width:100%">'
        f'<figcaption aria-hidden="true" style="font-size:0.85em;color:#444">{html_text(alt)}</figcaption>'
        "</figure>"
    )


def show_figure(
    fig, name: str, figures_dir: str | Path | None = None, alt: str | None = None, rows: pd.DataFrame | None = None
) -> None:
    """Display ``fig`` with its alt text (generated from its data by the plotting
    function) and how many of the rows behind it were reviewed and corrected
    (of ``rows``, else of the figure's data when it has a ``review`` column),
    save it into ``figures_dir`` when given, and close it."""
    import matplotlib.pyplot as plt

    text = alt or getattr(fig, "alt_text", None)
    if not text or text.strip() == PLACEHOLDER_ALT:
        raise ValueError(f"figure {name!r} has no alt text: describe it with display.describe()")
    if figures_dir:
        save_figure(fig, name, Path(figures_dir))
    behind = rows if rows is not None else getattr(fig, "data", None)
    display(HTML(figure_html(fig, text) + (review_html(behind) if isinstance(behind, pd.DataFrame) else "")))
    plt.close(fig)
