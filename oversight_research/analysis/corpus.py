"""What was read: document counts, sources, and text kept vs page chrome."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..display import MIN_FONT_PT, PALETTE, describe, mpl_text, shorten


def corpus_counts(articles: pd.DataFrame) -> dict[str, int]:
    """Documents by status, article sentences and chrome lines (from ``articles`` alone:
    the sentences table of a large corpus is gigabytes)."""
    status = articles["status"].value_counts()
    return {
        "n": len(articles),
        "ok": int(status.get("ok", 0)),
        "partial": int(status.get("partial", 0)),
        "bad": int(status.get("unreadable", 0)),
        "sent": int(articles["n_sentences"].fillna(0).sum()),
        "chrome": int(articles["boilerplate_lines"].fillna(0).sum()),
    }


MAX_BARS = 40


def plot_corpus(articles: pd.DataFrame) -> Figure:
    """Documents by publication year and publisher; words kept vs chrome lines."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
    frame = articles.assign(
        year=articles["published"].str[:4].fillna("undated"),
        source=articles["publisher"].fillna("unknown").map(lambda s: mpl_text(shorten(s, 28))),
    )
    counts = frame.groupby(["year", "source"]).size().unstack(fill_value=0).sort_index()
    if not counts.empty:
        counts.plot.bar(
            stacked=True,
            ax=left,
            width=0.7,
            color=[PALETTE[i % len(PALETTE)] for i in range(counts.shape[1])],
            legend=False,
        )
        if counts.shape[1] <= 12:
            left.legend(title="publisher", loc="upper left", bbox_to_anchor=(0, -0.18), ncols=2, frameon=False)
    left.yaxis.set_major_locator(MaxNLocator(integer=True))
    left.set(title="Documents by year and source", xlabel="year published", ylabel="documents")
    years = counts.sum(axis=1)
    alt = (
        f"Two panels. Left: {len(frame)} documents by year of publication and publisher; "
        + (
            ", ".join(f"{y}: {n}" for y, n in years.items())
            if len(years) <= 12
            else f"{len(years)} years, most in {years.idxmax()} ({years.max()})"
        )
        + ". "
    )
    data = frame[["doc_id", "year", "publisher", "n_words", "boilerplate_lines"]]
    if len(frame) > MAX_BARS:  # a large corpus: distributions, not one bar per document
        right.hist(frame["n_words"].fillna(0), bins=40, color=PALETTE[0])
        right.yaxis.set_major_locator(MaxNLocator(integer=True))
        right.set(title="Words of article text per document", xlabel="words kept", ylabel="documents")
        words = frame["n_words"].fillna(0)
        fig.tight_layout()
        return describe(
            fig,
            alt + f"Right: histogram of words of article text per document, median "
            f"{int(words.median())}, range {int(words.min())} to {int(words.max())}.",
            data,
        )
    kept = frame.set_index(frame["doc_id"].map(lambda s: mpl_text(shorten(s, 28))))
    right.barh(kept.index, kept["n_words"].fillna(0), color=PALETTE[0], label="words of article text")
    ax2 = right.twiny()
    ax2.scatter(
        kept["boilerplate_lines"].fillna(0), kept.index, color=PALETTE[3], marker="x", label="lines of chrome left out"
    )
    ax2.xaxis.set_major_locator(MaxNLocator(integer=True))
    right.set(title="Text kept vs boilerplate", xlabel="words kept")
    ax2.set_xlabel("chrome lines left out")
    right.tick_params(axis="y", labelsize=MIN_FONT_PT)
    handles = right.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    right.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.14), frameon=False)
    fig.set_figheight(max(4.4, 0.22 * len(kept) + 2))
    fig.tight_layout()
    words = frame["n_words"].fillna(0)
    return describe(
        fig,
        alt + f"Right: words of article text per document (median {int(words.median())}, "
        f"range {int(words.min())} to {int(words.max())}) and lines of page chrome left out "
        f"({int(frame['boilerplate_lines'].fillna(0).sum())} in all).",
        data,
    )
