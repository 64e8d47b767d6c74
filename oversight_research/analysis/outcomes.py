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
from matplotlib.ticker import MaxNLocator

from ..display import MAX_WIDTH_IN, MIN_FONT_PT, NEUTRALS, PALETTE, describe, mpl_text, shorten
from ..outcomes import codebook
from ..rules import analysis as analysis_rules

_RULES = analysis_rules.load().outcomes  # rules/analysis.yaml, key outcomes
SUBJECTS = _RULES.subjects


def categories() -> pd.DataFrame:
    """The codebook as a table, in ladder order: stage, then severity, then name."""
    cb = codebook()
    rows = [
        {"category": name, "stage": spec["stage"], "severity": spec["severity"]}
        for name, spec in cb["categories"].items()
    ]
    frame = pd.DataFrame(rows)
    frame["stage_rank"] = frame["stage"].map(cb["stages"].index)
    return frame.sort_values(["stage_rank", "severity", "category"], na_position="first").reset_index(drop=True)


def select_outcomes(
    outcomes: pd.DataFrame, cases: pd.DataFrame, include_non_actual: bool = False, subject: str | None = None
) -> pd.DataFrame:
    """Outcomes of the chosen cases; actual ones only unless asked, of one subject if given
    (a ``mixed`` group of officers and staff counts for both: ``outcomes.shared_subject``)."""
    if subject is not None and subject not in SUBJECTS:
        raise ValueError(f"subject must be one of {SUBJECTS} or None, not {subject!r}")
    chosen = outcomes[outcomes["case_id"].isin(cases["case_id"])]
    if not include_non_actual:
        chosen = chosen[chosen["status"] == "actual"]
    if subject is not None:
        chosen = chosen[chosen["subject"].isin({subject, _RULES.shared_subject})]
    return chosen


def case_counts(outcomes: pd.DataFrame) -> pd.DataFrame:
    """One row per (case, category, status): ``count`` (rule in the module
    docstring, empty when no mention gave a number) and ``mentions``."""
    keys = ["case_id", "category", "status"]
    if outcomes.empty:
        return pd.DataFrame(columns=[*keys, "stage", "severity", "count", "mentions"])
    per_doc = (
        outcomes.drop_duplicates([*keys, "doc_id", "start"])
        .groupby([*keys, "doc_id"], dropna=False)["count"]
        .sum(min_count=1)
    )
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
    """One row per case: the columns of ``outcomes.cross_case`` in
    rules/analysis.yaml (people investigated, adverse findings, proceedings,
    the highest sanction on the ladder, how many were dismissed; actual
    outcomes), then the mentions of other statuses.  Grouped, so it scales to many cases."""
    actual = counts[counts["status"] == "actual"]

    def total(cats: set[str]) -> pd.Series:
        rows = actual[actual["category"].isin(cats)]
        return rows.groupby("case_id")["count"].sum(min_count=1).astype("Int64")

    def listed(stage: str) -> pd.Series:
        return actual[actual["stage"] == stage].groupby("case_id")["category"].agg(", ".join)

    def highest(stage: str) -> pd.Series:
        reached = actual[actual["stage"] == stage].sort_values(["case_id", "severity", "category"])
        return reached.groupby("case_id")["category"].last()

    other = counts[counts["status"] != "actual"].groupby("case_id")["mentions"].sum()
    table = cases[["case_id", "label", "forces"]].set_index("case_id")
    for label, column in _RULES.cross_case.items():  # rules/analysis.yaml, key outcomes.cross_case
        if column.kind == "sum_of":
            table[label] = total(set(column.categories))
        else:
            found = listed(column.stage) if column.kind == "categories_of_stage" else highest(column.stage)
            table[label] = found.reindex(table.index).fillna("")
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
    titles = dict(
        zip(
            cases["case_id"],
            cases["label"].fillna(cases["case_id"]) if "label" in cases else cases["case_id"],
            strict=True,
        )
    )
    x = {c: i for i, c in enumerate(ids)}
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 0.42 * len(y) + 3.2))
    shown = counts[counts["case_id"].isin(ids)]
    for row in shown.itertuples():
        counted = not pd.isna(row.count)
        ax.scatter(
            x[row.case_id],
            y[row.category],
            s=(150 + 30 * min(row.count, 10)) if counted else 60,
            marker=_STATUS_MARKER.get(row.status, "o"),
            alpha=0.9,
            facecolors=PALETTE[0] if counted and row.status == "actual" else "none",
            edgecolors=PALETTE[0] if row.status == "actual" else PALETTE[3],
        )
        if counted:  # the number inside its point: never on a neighbour
            ax.text(
                x[row.case_id],
                y[row.category],
                str(int(row.count)),
                ha="center",
                va="center",
                fontsize=MIN_FONT_PT,
                color="white" if row.status == "actual" else "black",
            )
    sanction = ladder.index[ladder["stage"] == "sanction"]
    if len(sanction):
        ax.axhspan(sanction.min() - 0.5, sanction.max() + 0.5, color=NEUTRALS[2], zorder=0)
    labels = [
        f"{r.category} ({r.stage}{'' if pd.isna(r.severity) else f', severity {int(r.severity)}'})"
        for r in ladder.itertuples()
    ]
    ax.set_yticks(range(len(labels)), labels, fontsize=MIN_FONT_PT)
    ax.set_xticks(
        range(len(ids)),
        [mpl_text(shorten(titles.get(i, i), 26 if len(ids) > 8 else 40), 0 if len(ids) > 8 else 14) for i in ids],
        fontsize=MIN_FONT_PT,
        rotation=90 if len(ids) > 8 else 0,
    )
    ax.set_xlim(-0.6, len(ids) - 0.4)
    ax.invert_yaxis()
    for status, marker in _STATUS_MARKER.items():
        ax.scatter([], [], marker=marker, facecolors="none", edgecolors=NEUTRALS[4], label=status)
    ax.legend(title="status (filled: counted)", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title("Outcomes by category and case (grey band: the sanction ladder, mildest first)", loc="left")
    fig.tight_layout()
    actual = shown[shown["status"] == "actual"]
    top = actual.groupby("category")["mentions"].sum().sort_values(ascending=False, kind="stable").head(3)
    alt = (
        f"Dot chart of outcomes: {len(y)} categories on the Police (Conduct) Regulations ladder (rows) "
        f"against {len(ids)} case(s) (columns); {int(shown['mentions'].sum())} mentions, "
        f"{int(actual['mentions'].sum())} of them actual. Most mentioned: "
        + (", ".join(f"{c} ({n})" for c, n in top.items()) or "none")
        + "."
    )
    return describe(fig, alt, shown.reset_index(drop=True))


def plot_flow(flow_rows: pd.DataFrame, case_id: str, label: str | None = None) -> Figure:
    """Stacked bars per stage for one case: how many people reached each step.
    The case's name is the heading above the figure, so the figure does not repeat it."""
    rows = flow_rows[(flow_rows["case_id"] == case_id) & flow_rows["count"].notna()]
    stages = [s for s in codebook()["stages"] if s in set(rows["stage"])]
    fig, ax = plt.subplots(figsize=(10, 0.65 * len(stages) + 1.8))
    style = {
        c: (PALETTE[i % 7], _HATCHES[(i // 7) % len(_HATCHES)])  # one colour and hatch per category
        for i, c in enumerate(dict.fromkeys(rows["category"]))
    }
    for level, stage in enumerate(stages):
        left = 0
        for row in rows[rows["stage"] == stage].itertuples():
            colour, hatch = style[row.category]
            ax.barh(level, row.count, left=left, color=colour, edgecolor="white", hatch=hatch, label=row.category)
            ax.text(
                left + row.count / 2,
                level,
                str(int(row.count)),
                ha="center",
                va="center",
                fontsize=MIN_FONT_PT,
                color="white" if colour in _DARK else "black",
            )
            left += row.count
    ax.set_yticks(range(len(stages)), stages)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("people (officers and staff) with a stated count")
    ax.set_title("Investigated → findings → proceedings → sanction", loc="left")
    ax.spines[["right", "top"]].set_visible(False)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()
    alt = (
        f"Stacked bars of the flow of {label or case_id}: "
        + "; ".join(
            f"{stage}: " + ", ".join(f"{int(r.count)} {r.category}" for r in rows[rows["stage"] == stage].itertuples())
            for stage in stages
        )
        + "."
    )
    return describe(fig, alt, rows.reset_index(drop=True))


_HATCHES = ("", "//", "..", "xx", "--", "++")
_DARK = (PALETTE[0], PALETTE[3], PALETTE[4], PALETTE[7])  # white text reads on these


def flow_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """Actual outcomes summed over cases, per category in ladder order: ``cases`` reporting a
    number and ``people`` (the sum of the per-case counts)."""
    actual = counts[(counts["status"] == "actual") & counts["count"].notna()]
    order = categories()
    rank = dict(zip(order["category"], range(len(order)), strict=True))
    totals = (
        actual.groupby(["stage", "category"], sort=False)
        .agg(cases=("case_id", "nunique"), people=("count", "sum"))
        .reset_index()
    )
    totals["people"] = totals["people"].astype(int)
    return totals.assign(rank=totals["category"].map(rank)).sort_values("rank").drop(columns="rank")


def busiest(counts: pd.DataFrame, cases: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` cases with the most outcome mentions (figures stay readable on a large corpus)."""
    top = counts.groupby("case_id")["mentions"].sum().sort_values(ascending=False, kind="stable").head(n)
    return cases[cases["case_id"].isin(top.index)]
