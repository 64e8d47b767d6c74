"""Sanction outcomes: per-case counts, the flow of a case, the severity ladder.

A case's count for a category is built in two steps, because articles repeat
themselves and several articles report the same case:

1. within one document, the counts of a category in different sentences add
   up ("one of those also received learning" + "one of those eight underwent
   learning" = 2); a sentence counts once for a category, and a headline that
   restates the body was already dropped by the extractor;
2. across the documents of a case, the largest per-document figure is kept.

Mentions without a number stay visible as ``mentions`` with ``count`` empty.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..display import mpl_text
from ..outcomes import codebook

SUBJECTS = ("officer", "staff", "force", "mixed")


def categories() -> pd.DataFrame:
    """The codebook as a table, in ladder order: stage, then severity, then name."""
    cb = codebook()
    rows = [{"category": name, "stage": spec["stage"], "severity": spec["severity"]}
            for name, spec in cb["categories"].items()]
    frame = pd.DataFrame(rows)
    frame["stage_rank"] = frame["stage"].map(cb["stages"].index)
    return frame.sort_values(["stage_rank", "severity", "category"], na_position="first").reset_index(drop=True)


def select_outcomes(outcomes: pd.DataFrame, cases: pd.DataFrame, include_non_actual: bool = False,
                    subject: str | None = None) -> pd.DataFrame:
    """Outcomes of the chosen cases; actual ones only unless asked, of one subject if given
    (a ``mixed`` group of officers and staff counts for both)."""
    if subject is not None and subject not in SUBJECTS:
        raise ValueError(f"subject must be one of {SUBJECTS} or None, not {subject!r}")
    chosen = outcomes[outcomes["case_id"].isin(cases["case_id"])]
    if not include_non_actual:
        chosen = chosen[chosen["status"] == "actual"]
    if subject is not None:
        chosen = chosen[chosen["subject"].isin({subject, "mixed"})]
    return chosen


def case_counts(outcomes: pd.DataFrame) -> pd.DataFrame:
    """One row per (case, category, status): ``count`` (rule in the module
    docstring, empty when no mention gave a number) and ``mentions``."""
    keys = ["case_id", "category", "status"]
    if outcomes.empty:
        return pd.DataFrame(columns=[*keys, "stage", "severity", "count", "mentions"])
    per_doc = (outcomes.drop_duplicates([*keys, "doc_id", "start"])
               .groupby([*keys, "doc_id"], dropna=False)["count"].sum(min_count=1))
    counts = per_doc.groupby(level=keys, dropna=False).max()
    mentions = outcomes.groupby(keys, dropna=False).size()
    frame = pd.DataFrame({"count": counts, "mentions": mentions}).reset_index()
    return frame.merge(categories()[["category", "stage", "severity"]], on="category", how="left")


def flow(counts: pd.DataFrame) -> pd.DataFrame:
    """Per case and stage, the categories reached with their counts, in codebook order."""
    order = categories()
    order = dict(zip(order["category"], range(len(order)), strict=True))
    actual = counts[counts["status"] == "actual"].assign(rank=lambda f: f["category"].map(order))
    return actual.sort_values(["case_id", "rank"])[["case_id", "stage", "category", "count", "mentions"]]


def flow_text(flow_rows: pd.DataFrame, case_id: str) -> str:
    """One line per stage, e.g. ``investigation finding: 9 performance_failings, 8 no_case_to_answer``."""
    lines = []
    for stage, group in flow_rows[flow_rows["case_id"] == case_id].groupby("stage", sort=False):
        parts = [f"{'' if pd.isna(r.count) else int(r.count)} {r.category}".strip() for r in group.itertuples()]
        lines.append(f"{stage}: {', '.join(parts)}")
    return "; ".join(lines)


def cross_case(counts: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """One row per case: people investigated, adverse findings, proceedings,
    the highest sanction on the ladder and how many were dismissed (actual
    outcomes; other statuses counted apart).  Grouped, so it scales to many cases."""
    actual = counts[counts["status"] == "actual"]

    def total(cats: set[str]) -> pd.Series:
        rows = actual[actual["category"].isin(cats)]
        return rows.groupby("case_id")["count"].sum(min_count=1).astype("Int64")

    proceedings = actual[actual["stage"] == "proceedings"].groupby("case_id")["category"].agg(", ".join)
    sanctions = actual[actual["stage"] == "sanction"].sort_values(["case_id", "severity", "category"])
    highest = sanctions.groupby("case_id")["category"].last()
    other = counts[counts["status"] != "actual"].groupby("case_id")["mentions"].sum()
    table = cases[["case_id", "label", "forces"]].set_index("case_id")
    table["investigated"] = total({"investigation_opened", "investigation_reopened"})
    table["case to answer / failings"] = total({"case_to_answer", "performance_failings"})
    table["no case to answer"] = total({"no_case_to_answer"})
    table["proceedings"] = proceedings.reindex(table.index).fillna("")
    table["highest sanction"] = highest.reindex(table.index).fillna("")
    table["dismissed"] = total({"dismissal"})
    table["non-actual mentions"] = other.reindex(table.index).fillna(0).astype(int)
    return table.reset_index()


_STATUS_MARKER = {"actual": "o", "hypothetical": "D", "alleged": "s", "proposed": "^"}


def plot_ladder(counts: pd.DataFrame, cases: pd.DataFrame) -> Figure:
    """Categories (rows, ladder order, sanctions by severity) × cases (columns);
    the area of a point is the count, a hollow point a mention without a count,
    the marker shape the status."""
    ladder = categories()
    ladder = ladder[ladder["category"].isin(counts["category"])].reset_index(drop=True)
    y = {c: i for i, c in enumerate(ladder["category"])}
    ids = [c for c in cases["case_id"] if c in set(counts["case_id"])]
    x = {c: i for i, c in enumerate(ids)}
    fig, ax = plt.subplots(figsize=(max(6, 1.1 * len(ids) + 4), 0.42 * len(y) + 2.2))
    for row in counts[counts["case_id"].isin(ids)].itertuples():
        counted = not pd.isna(row.count)
        ax.scatter(x[row.case_id], y[row.category], s=60 + 40 * (row.count if counted else 0),
                   marker=_STATUS_MARKER.get(row.status, "o"), alpha=0.8,
                   facecolors="#4c72b0" if counted and row.status == "actual" else "none",
                   edgecolors="#4c72b0" if row.status == "actual" else "#dd8452")
        if counted:
            ax.annotate(str(int(row.count)), (x[row.case_id], y[row.category]), xytext=(9, -3),
                        textcoords="offset points", fontsize=8)
    sanction = ladder.index[ladder["stage"] == "sanction"]
    if len(sanction):
        ax.axhspan(sanction.min() - 0.5, sanction.max() + 0.5, color="#f2f2f2", zorder=0)
    labels = [f"{r.category} ({r.stage}{'' if pd.isna(r.severity) else f', severity {int(r.severity)}'})"
              for r in ladder.itertuples()]
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xticks(range(len(ids)), [mpl_text(i, 16) for i in ids], fontsize=7)
    ax.set_xlim(-0.6, len(ids) - 0.4)
    ax.invert_yaxis()
    for status, marker in _STATUS_MARKER.items():
        ax.scatter([], [], marker=marker, facecolors="none", edgecolors="#555555", label=status)
    ax.legend(title="status (filled: counted)", fontsize=7.5, title_fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title("Outcomes by category and case (grey band: the sanction ladder, mildest first)", loc="left",
                 fontsize=10)
    fig.tight_layout()
    return fig


def plot_flow(flow_rows: pd.DataFrame, case_id: str, label: str) -> Figure:
    """Stacked bars per stage for one case: how many people reached each step."""
    rows = flow_rows[(flow_rows["case_id"] == case_id) & flow_rows["count"].notna()]
    stages = [s for s in codebook()["stages"] if s in set(rows["stage"])]
    fig, ax = plt.subplots(figsize=(10, 0.6 * len(stages) + 1.6))
    colours = plt.get_cmap("tab20").colors
    for level, stage in enumerate(stages):
        left = 0
        for row in rows[rows["stage"] == stage].itertuples():
            colour = colours[list(rows["category"]).index(row.category) % len(colours)]
            ax.barh(level, row.count, left=left, color=colour, edgecolor="white", label=row.category)
            ax.text(left + row.count / 2, level, str(int(row.count)), ha="center", va="center", fontsize=8)
            left += row.count
    ax.set_yticks(range(len(stages)), stages)
    ax.invert_yaxis()
    ax.set_xlabel("people (officers and staff) with a stated count")
    ax.set_title(mpl_text(f"{label} — flow of the case"), loc="left", fontsize=10)
    ax.spines[["right", "top"]].set_visible(False)
    ax.legend(fontsize=7.5, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()
    return fig


def busiest(counts: pd.DataFrame, cases: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` cases with the most outcome mentions (figures stay readable on a large corpus)."""
    top = counts.groupby("case_id")["mentions"].sum().sort_values(ascending=False, kind="stable").head(n)
    return cases[cases["case_id"].isin(top.index)]
