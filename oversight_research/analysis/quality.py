"""Extraction quality: the scores of ``oversight-research evaluate``, shown plainly."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..evaluate import pooled_by_set, type_confusion
from ..tables import read_table

ACCURACY = ("speaker accuracy", "role accuracy", "role alpha (Krippendorff)", "type accuracy",
            "interval error (days, mean)")


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


def overall(scores: pd.DataFrame) -> pd.DataFrame:
    """Micro-averaged scores, one row per extractor and measure, with the counts behind them."""
    rows = scores[(scores["doc_id"] == "ALL") & (scores["set"] == "all")].copy()
    accuracy = rows["measure"].isin(ACCURACY)
    rows["score"] = np.where(accuracy, rows["precision"], np.nan)
    rows.loc[accuracy, ["precision", "recall", "f1"]] = np.nan
    return rows[["extractor", "measure", "tp", "fp", "fn", "precision", "recall", "f1", "score"]].round(3)


def per_document(scores: pd.DataFrame) -> pd.DataFrame:
    """F1 (or accuracy) of every measure per annotated document."""
    rows = scores[scores["doc_id"] != "ALL"]
    value = rows["f1"].where(~rows["measure"].isin(ACCURACY), rows["precision"])
    table = rows.assign(value=value, column=rows["extractor"] + ": " + rows["measure"])
    return table.pivot_table(index="doc_id", columns="column", values="value", aggfunc="first").round(2)


def plot_overall(scores: pd.DataFrame) -> Figure:
    """Precision and recall per extractor and measure (accuracies as one bar)."""
    rows = scores[(scores["doc_id"] == "ALL") & (scores["set"] == "all")]
    labels = [f"{r.extractor}\n{r.measure}" for r in rows.itertuples()]
    x = np.arange(len(rows))
    fig, ax = plt.subplots(figsize=(max(7, 1.3 * len(rows)), 3.8))
    accuracy = rows["measure"].isin(ACCURACY).to_numpy()
    p, r = rows["precision"].astype(float).to_numpy(), rows["recall"].astype(float).to_numpy()
    for bars in (ax.bar(x[~accuracy] - 0.2, p[~accuracy], 0.4, label="precision", color="#4c72b0"),
                 ax.bar(x[~accuracy] + 0.2, r[~accuracy], 0.4, label="recall", color="#dd8452"),
                 ax.bar(x[accuracy], p[accuracy], 0.5, label="accuracy / alpha", color="#55a868")):
        ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    ax.set_xticks(x, labels, fontsize=7.5)
    ax.set_ylim(0, 1.1)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title("Extraction quality against the gold annotations (micro average)", loc="left", fontsize=10)
    fig.tight_layout()
    return fig


def error_list(errors: pd.DataFrame, extractor: str | None = None) -> pd.DataFrame:
    """Every miss and spurious row with its sentence, grouped by extractor and document."""
    chosen = errors if extractor is None else errors[errors["extractor"] == extractor]
    return chosen.sort_values(["extractor", "measure", "doc_id", "error"], kind="stable")
