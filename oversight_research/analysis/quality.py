"""Extraction quality: the scores of ``oversight-research evaluate``, shown plainly."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..display import MAX_WIDTH_IN, MIN_FONT_PT, PALETTE, describe
from ..evaluate import ALL_SETS, LOWER_IS_BETTER, UNTUNED, pooled_by_set, type_confusion
from ..tables import read_table

ACCURACY = (
    "speaker accuracy",
    "role accuracy",
    "role alpha (Krippendorff)",
    "family labelled family",
    "type accuracy",
    *LOWER_IS_BETTER,
)


def read_scores(processed: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """``evaluation`` and ``evaluation_errors``, or None when evaluate was not run."""
    if not (processed / "evaluation.csv").exists():
        return None
    return read_table("evaluation", processed), read_table("evaluation_errors", processed)


def per_set(scores: pd.DataFrame) -> pd.DataFrame:
    """Pooled scores per evaluation set: the sets nobody tuned to beside those the rules were written against."""
    return pooled_by_set(scores)


def read_confusion(processed: Path) -> pd.DataFrame | None:
    """Gold against extracted event types (rows: gold), or None when evaluate was not run."""
    if not (processed / "evaluation_confusion.csv").exists():
        return None
    return type_confusion(read_table("evaluation_confusion", processed))


def has_scores(scores: pd.DataFrame) -> bool:
    """Whether any annotated document was extracted (otherwise there is nothing to score)."""
    return not scores.empty and bool(scores["f1"].notna().any())


def _interval_text(low: object, high: object) -> str:
    return "" if pd.isna(low) or pd.isna(high) else f"{low:.2f}–{high:.2f}"


def gold_sets(scores: pd.DataFrame, gold_dir: Path | str | None = None) -> pd.DataFrame:
    """The evaluation sets behind the scores: documents scored in each, and
    whether the rules were tuned on it (``tuned`` and ``about`` of
    ``<gold_dir>/sets.yaml``; "not listed" when the file does not name it),
    with the pooled ``untuned`` and ``all`` last — so the report states the
    sizes it scored, not numbers written into the notebook."""
    spec: dict = {}
    path = Path(gold_dir) / "sets.yaml" if gold_dir else None
    if path is not None and path.exists():
        import yaml

        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pooled = scores[scores["doc_id"] == "ALL"].groupby("set", sort=True)["documents"].max()
    rows = []
    for name, documents in pooled.items():
        entry = spec.get(name) if isinstance(spec.get(name), dict) else None
        if name == UNTUNED:
            tuned, about = "no", "every set marked tuned: false, pooled"
        elif name == ALL_SETS:
            tuned, about = "", "every set, pooled"
        elif entry is None:
            tuned, about = "not listed", ""
        else:
            tuned = {True: "yes", False: "no"}.get(entry.get("tuned"), "not listed")
            about = str(entry.get("about", ""))
        rows.append({"set": name, "documents": int(documents), "tuned on": tuned, "about": about})
    order = {UNTUNED: 1, ALL_SETS: 2}
    return (
        pd.DataFrame(rows, columns=["set", "documents", "tuned on", "about"])
        .sort_values("set", key=lambda c: c.map(lambda n: order.get(n, 0)), kind="stable")
        .reset_index(drop=True)
    )


def pools(scores: pd.DataFrame) -> list[str]:
    """The pooled sets to show, the fairer first: ``untuned`` (when there is one) and ``all``."""
    present = set(scores.loc[scores["doc_id"] == "ALL", "set"])
    return [p for p in (UNTUNED, ALL_SETS) if p in present]


def overall(scores: pd.DataFrame, pool: str = ALL_SETS) -> pd.DataFrame:
    """Micro-averaged scores of one pooled set (``all``, or ``untuned``: the sets nobody
    tuned the rules to), one row per extractor and measure, with the counts behind them,
    the number of documents and the bootstrap 95% interval (over documents) of F1 or the accuracy."""
    rows = scores[(scores["doc_id"] == "ALL") & (scores["set"] == pool)].copy()
    accuracy = rows["measure"].isin(ACCURACY)
    rows["score"] = np.where(accuracy, rows["precision"], np.nan)
    rows["95% interval"] = [_interval_text(lo, hi) for lo, hi in zip(rows["f1_low"], rows["f1_high"], strict=True)]
    rows.loc[accuracy, ["precision", "recall", "f1"]] = np.nan
    return rows[
        ["extractor", "measure", "documents", "tp", "fp", "fn", "precision", "recall", "f1", "score", "95% interval"]
    ].round(3)


def per_document(scores: pd.DataFrame) -> pd.DataFrame:
    """F1 (or accuracy) of every measure per annotated document."""
    rows = scores[scores["doc_id"] != "ALL"]
    value = rows["f1"].where(~rows["measure"].isin(ACCURACY), rows["precision"])
    table = rows.assign(value=value, column=rows["extractor"] + ": " + rows["measure"])
    return table.pivot_table(index="doc_id", columns="column", values="value", aggfunc="first").round(2)


def plot_overall(scores: pd.DataFrame, pool: str | None = None) -> Figure:
    """F1 (or accuracy / alpha) per extractor and measure, with its bootstrap 95% interval
    over documents, on ``pool`` (by default the sets nobody tuned to when there
    are any, else all); the mean interval error (in days) and the tone gap error (not 0–1 scores) are left to the table."""
    pool = pool or (pools(scores) or [ALL_SETS])[0]
    which = "documents nobody tuned the rules to" if pool == UNTUNED else "annotated documents"
    rows = scores[
        (scores["doc_id"] == "ALL")
        & (scores["set"] == pool)
        & ~scores["measure"].isin(LOWER_IS_BETTER)
        & scores["f1"].notna()
    ]
    labels = [f"{r.extractor}\n{r.measure}" for r in rows.itertuples()]
    x = np.arange(len(rows))
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 4.8))
    accuracy = rows["measure"].isin(ACCURACY).to_numpy()
    value = rows["f1"].astype(float).to_numpy()
    low = np.nan_to_num(value - rows["f1_low"].astype(float).to_numpy(), nan=0.0)
    high = np.nan_to_num(rows["f1_high"].astype(float).to_numpy() - value, nan=0.0)
    for mask, label, colour in ((~accuracy, "F1", PALETTE[0]), (accuracy, "accuracy / alpha", PALETTE[1])):
        bars = ax.bar(
            x[mask],
            value[mask],
            0.6,
            label=label,
            color=colour,
            yerr=[low[mask], high[mask]],
            capsize=3,
            ecolor="#000000",
        )
        ax.bar_label(
            bars,
            fmt="%.2f",
            fontsize=MIN_FONT_PT,
            padding=2,
            label_type="center",
            color="white" if colour == PALETTE[0] else "black",
        )
    ax.set_xticks(x, labels, fontsize=MIN_FONT_PT, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score (whiskers: bootstrap 95% interval over documents)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    docs = int(rows["documents"].max()) if len(rows) else 0
    ax.set_title(f"Extraction quality on {docs} {which} (set {pool}, micro average)", loc="left")
    fig.tight_layout()
    alt = (
        f"Bar chart of extraction quality on {docs} {which} (set {pool}): "
        + "; ".join(
            f"{r.extractor} {r.measure} {r.f1:.2f}"
            + (f" (95% interval {r.f1_low:.2f} to {r.f1_high:.2f})" if not pd.isna(r.f1_low) else "")
            for r in rows.itertuples()
        )
        + "."
    )
    data = rows[
        ["extractor", "measure", "documents", "tp", "fp", "fn", "precision", "recall", "f1", "f1_low", "f1_high"]
    ]
    return describe(fig, alt, data.reset_index(drop=True))


EXTRACTORS = ("events", "missed_opportunities", "outcomes", "statements")  # the extractors evaluate scores


def check_extractor(extractor: object) -> str | None:
    """The ``extractor`` parameter, refused unless None or an extractor
    :mod:`evaluate` scores (a misspelt one would silently list no error)."""
    if extractor is not None and extractor not in EXTRACTORS:
        raise ValueError(f"extractor must be one of {', '.join(EXTRACTORS)} or None, not {extractor!r}")
    return extractor  # type: ignore[return-value]


def error_list(errors: pd.DataFrame, extractor: str | None = None) -> pd.DataFrame:
    """Every miss and spurious row with its sentence, grouped by extractor and document
    (of one extractor when given: see :func:`check_extractor`)."""
    check_extractor(extractor)
    chosen = errors if extractor is None else errors[errors["extractor"] == extractor]
    return chosen.sort_values(["extractor", "measure", "doc_id", "error"], kind="stable")
