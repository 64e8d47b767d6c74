"""Helpers the notebooks use to show article text safely.

Anything taken from an article (titles, quotes, speakers, evidence) may hold
HTML, Markdown or ``$`` signs.  Tables go through ``DataFrame.to_html`` with
escaping on; Markdown goes through :func:`oversight_research.report.esc`;
matplotlib labels through :func:`mpl_text` so ``$`` never starts mathtext.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from IPython.display import HTML, Markdown, display

from .report import esc


def show_table(frame: pd.DataFrame, max_rows: int = 50, caption: str | None = None) -> None:
    """Display a DataFrame as an escaped HTML table."""
    shown = frame.head(max_rows)
    shown = shown.astype(object).where(shown.notna(), "")  # missing values as empty cells, not "<NA>"
    html = shown.to_html(index=False, escape=True, border=0)
    note = f"<p><em>{esc(caption)}</em></p>" if caption else ""
    more = f"<p><em>{len(frame) - max_rows} more rows not shown.</em></p>" if len(frame) > max_rows else ""
    display(HTML(note + html + more))


def md(template: str, **values: object) -> None:
    """Display Markdown; every value substituted into it is escaped."""
    display(Markdown(template.format(**{k: esc(v) for k, v in values.items()})))


def mpl_text(text: object, width: int = 0) -> str:
    """Text safe for a matplotlib label: ``$`` escaped, optionally wrapped."""
    value = str(text).replace("\\", "\\\\").replace("$", r"\$")
    return "\n".join(textwrap.wrap(value, width)) if width else value
