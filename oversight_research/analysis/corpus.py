"""What was read: document counts, sources, and text kept vs page chrome."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..display import mpl_text


def corpus_counts(articles: pd.DataFrame) -> dict[str, int]:
    """Documents by status, article sentences and chrome lines (from ``articles`` alone:
    the sentences table of a large corpus is gigabytes)."""
    status = articles["status"].value_counts()
    return {
        "n": len(articles), "ok": int(status.get("ok", 0)), "partial": int(status.get("partial", 0)),
        "bad": int(status.get("unreadable", 0)), "sent": int(articles["n_sentences"].fillna(0).sum()),
        "chrome": int(articles["boilerplate_lines"].fillna(0).sum()),
    }


MAX_BARS = 40


def plot_corpus(articles: pd.DataFrame) -> Figure:
    """Documents by publication year and publisher; words kept vs chrome lines."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    frame = articles.assign(
        year=articles["published"].str[:4].fillna("undated"),
        source=articles["publisher"].fillna("unknown").map(lambda s: mpl_text(s, 28)),
    )
    counts = frame.groupby(["year", "source"]).size().unstack(fill_value=0).sort_index()
    if not counts.empty:
        counts.plot.bar(stacked=True, ax=left, width=0.7)
        left.legend(fontsize=7, title="publisher", title_fontsize=8)
    left.set(title="Documents by year and source", xlabel="year published", ylabel="documents")
    if len(frame) > MAX_BARS:  # a large corpus: distributions, not one bar per document
        right.hist(frame["n_words"].fillna(0), bins=40, color="#4c72b0")
        right.set(title="Words of article text per document", xlabel="words kept", ylabel="documents")
        fig.tight_layout()
        return fig
    kept = frame.set_index(frame["doc_id"].map(lambda s: mpl_text(s[:24])))
    right.barh(kept.index, kept["n_words"].fillna(0), color="#4c72b0", label="words of article text")
    ax2 = right.twiny()
    ax2.scatter(kept["boilerplate_lines"].fillna(0), kept.index, color="#dd8452", marker="x",
                label="lines of chrome left out")
    right.set(title="Text kept vs boilerplate", xlabel="words kept")
    ax2.set_xlabel("chrome lines left out")
    right.tick_params(axis="y", labelsize=7)
    handles = right.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    right.legend(handles=handles, fontsize=7, loc="lower right")
    fig.tight_layout()
    return fig
