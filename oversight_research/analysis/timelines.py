"""Missed-opportunity timelines: case selection, intervals, timeline figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..dates import PRECISION_ORDER, parse_iso, precision_of
from ..display import MIN_FONT_PT, NEUTRALS, PALETTE, describe, mpl_text, shorten
from ..rules import events as event_rules

# every event type a row of ``events`` can have: the types of rules/events.yaml, and "other"
EVENT_TYPES = tuple(dict.fromkeys([*event_rules.load().types, "other"]))


def check_event_types(event_types: object) -> list[str]:
    """``event_types`` (a notebook parameter) as a list, refused when it is not
    a list of the event types the rules define (a misspelt type would silently
    draw nothing)."""
    if isinstance(event_types, str) or not isinstance(event_types, list | tuple):
        raise ValueError(f"event_types must be a list of event types, not {event_types!r}")
    if unknown := [t for t in event_types if t not in EVENT_TYPES]:
        raise ValueError(f"unknown event type(s) {unknown!r}; event types: {', '.join(EVENT_TYPES)}")
    return list(event_types)


def select_cases(cases: pd.DataFrame, case_id: str | None) -> pd.DataFrame:
    if case_id is None:
        return cases
    chosen = cases[cases["case_id"] == case_id]
    if chosen.empty:
        raise ValueError(f"no case {case_id!r}; known cases: {', '.join(cases['case_id'])}")
    return chosen


def missed_for(missed: pd.DataFrame, cases: pd.DataFrame, min_precision: str) -> pd.DataFrame:
    """The rows of the ``missed_opportunities`` table for the selected cases,
    both dates at least as precise as ``min_precision``; a warning that
    several documents of a case report (same warning and harm dates) is
    listed once, from the first document."""
    if min_precision not in PRECISION_ORDER:
        raise ValueError(f"min_precision must be one of {PRECISION_ORDER}, not {min_precision!r}")
    allowed = PRECISION_ORDER[: PRECISION_ORDER.index(min_precision) + 1]
    rows = missed[missed["case_id"].isin(cases["case_id"])]
    precise = pd.Series(
        [
            precision_of(w) in allowed and precision_of(h) in allowed
            for w, h in zip(rows["warning_date"], rows["harm_date"], strict=True)
        ],
        index=rows.index,
        dtype=bool,
    )
    rows = rows[precise].sort_values(["case_id", "doc_id", "start"], kind="stable")
    return rows.drop_duplicates(["case_id", "warning_date", "harm_date"]).reset_index(drop=True)


def missed_summary(missed: pd.DataFrame) -> str:
    if missed.empty:
        return "No warning sign dated before a harm was found in the selected cases."
    exact = missed[missed["day_exact"].fillna(False).astype(bool)]
    cases = missed["case_id"].nunique()
    if len(missed) == 1:  # one interval: no median to report
        days = int(missed["interval_days"].iloc[0])
        approx = "" if len(exact) else " (approximate: a date is known only to the month or year)"
        return f"1 missed opportunity in 1 case: an interval of {days} day{'' if days == 1 else 's'}{approx}."
    text = (
        f"{len(missed)} missed opportunities in {cases} case{'' if cases == 1 else 's'}; "
        f"median interval {_days(int(missed['interval_days'].median()))}"
    )
    if not exact.empty:
        text += f"; {len(exact)} day-exact (median {_days(int(exact['interval_days'].median()))})"
    return text + "."


_STYLE = {
    "harm": dict(marker="X", color=PALETTE[3], s=120, zorder=4),
    "warning_sign": dict(marker="^", color=PALETTE[1], s=90, zorder=4),
}
_OTHER = dict(marker="o", color=NEUTRALS[0], s=35, zorder=3)


def _days(n: object) -> str:
    return f"{n} day" if str(n) in ("1", "-1") else f"{n} days"


def case_title(case) -> str:
    """The one title of a case: its label, or its id when it has none."""
    label = getattr(case, "label", None)
    return str(label) if isinstance(label, str) and label.strip() else str(case.case_id)


def plot_timelines(
    events: pd.DataFrame,
    cases: pd.DataFrame,
    missed: pd.DataFrame,
    event_types: list[str],
    min_precision: str = "year",
    max_cases: int = 30,
) -> list[Figure]:
    """One timeline figure per case with at least two dated events."""
    event_types = check_event_types(event_types)
    allowed = PRECISION_ORDER[: PRECISION_ORDER.index(min_precision) + 1]
    figures = []
    for case in cases.head(max_cases).itertuples():
        rows = events[
            (events["case_id"] == case.case_id)
            & events["date"].notna()
            & events["precision"].isin(allowed)
            & events["event_type"].isin(event_types)
        ]
        rows = rows.drop_duplicates(["date", "event_type", "date_text"]).assign(when=lambda f: f["date"].map(parse_iso))
        if len(rows) < 2:
            continue
        figures.append(_timeline(case, rows.sort_values("when"), missed[missed["case_id"] == case.case_id]))
    return figures


def _timeline(case, rows: pd.DataFrame, missed: pd.DataFrame) -> Figure:
    gaps = list(missed.itertuples())
    fig, ax = plt.subplots(figsize=(11, 1.6 + 0.32 * len(rows) + 0.45 * len(gaps)))
    for level, row in enumerate(rows.itertuples()):
        style = _STYLE.get(row.event_type, _OTHER)
        ax.scatter(row.when, level, **style)
        label = f"{row.date} · {row.event_type} · “{shorten(row.date_text, 60)}”"
        ax.annotate(
            mpl_text(label), (row.when, level), xytext=(8, -3), textcoords="offset points", fontsize=MIN_FONT_PT
        )
    for i, gap in enumerate(gaps):  # one row per interval, so no two labels overlap
        start, end = parse_iso(gap.warning_date), parse_iso(gap.harm_date)
        y = -0.9 - 0.9 * i
        ax.annotate("", xy=(end, y), xytext=(start, y), arrowprops=dict(arrowstyle="->", color=PALETTE[1], lw=1.4))
        approx = "" if gap.day_exact else " (approx.)"
        ax.annotate(
            f"{_days(gap.interval_days)}{approx}",
            (start, y),
            xytext=(0, 3),
            textcoords="offset points",
            fontsize=MIN_FONT_PT,
            color="#000000",
            va="bottom",
        )
    first, last = rows["when"].min(), rows["when"].max()
    pad = max((last - first) * 0.05, pd.Timedelta(days=3))  # one day's events: days on the axis, not years
    ax.set_xlim(first - pad, last + max(pad, (last - first) * 0.35))  # room for the right-most labels
    ax.set_yticks([])
    ax.set_ylim(-1.4 - 0.9 * len(gaps), len(rows))
    ax.set_title(mpl_text(case_title(case)), loc="left")
    ax.spines[["left", "right", "top"]].set_visible(False)
    fig.autofmt_xdate()
    fig.tight_layout()
    types = rows["event_type"].value_counts()
    alt = (
        f"Timeline of {case_title(case)}: {len(rows)} dated events from {rows['date'].iloc[0]} to "
        f"{rows['date'].iloc[-1]} ({', '.join(f'{n} {t}' for t, n in types.items())})."
    )
    if gaps:
        alt += (
            f" {len(gaps)} warning sign(s) before the first harm, "
            + ", ".join(f"{_days(g.interval_days)}{'' if g.day_exact else ' (approx.)'}" for g in gaps)
            + "."
        )
    shown = ["case_id", "date", "precision", "event_type", "date_text", "doc_id", "start", "end", "review"]
    data = rows[[c for c in shown if c in rows.columns]]
    return describe(fig, alt, data.reset_index(drop=True))
