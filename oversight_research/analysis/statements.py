"""Tone of statements: family vs official speakers, by lexicon, with the n behind it.

Counts are small (a handful of statements per case), so figures draw every
statement as a point and the difference of means comes with a bootstrap
interval and the number of statements on each side.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..display import MIN_FONT_PT, PALETTE, describe, mpl_text, shorten
from ..rules import analysis as analysis_rules
from ..rules import sentiment as sentiment_rules
from ..rules import statements as statement_rules
from ..sentiment import LEXICONS, combine, sentence_scores

_RULES = analysis_rules.load().statements  # rules/analysis.yaml, key statements
# the speaker groups compared by default (key statements.groups), a fresh copy a notebook may edit
DEFAULT_GROUPS: dict[str, list[str]] = {name: list(roles) for name, roles in _RULES.groups.items()}
_COLOURS = PALETTE


def validation_table(processed: Path) -> pd.DataFrame | None:
    """The lexicon check (``oversight-research validate-sentiment``), if it was run."""
    from ..tables import read_table

    return read_table("sentiment_validation", processed) if (processed / "sentiment_validation.csv").exists() else None


def score_column(lexicon: str) -> str:
    if lexicon not in LEXICONS:
        raise ValueError(f"lexicon must be one of {sorted(LEXICONS)}, not {lexicon!r}")
    return LEXICONS[lexicon]


ROLES = tuple(dict.fromkeys([*statement_rules.load().roles, "other"]))  # every role a statement can have


def compared_groups(groups: object) -> tuple[str, str]:
    """The two groups the headline compares (the first two of ``groups``, the
    ``roles`` parameter), after checking it: a dict of at least two group
    names, each a list of known roles; anything else is refused with what was wrong."""
    if not isinstance(groups, dict) or len(groups) < 2:
        raise ValueError(
            f"roles must name at least two groups, each a list of roles, e.g. {DEFAULT_GROUPS!r}; got {groups!r}"
        )
    for name, roles in groups.items():
        if isinstance(roles, str) or not isinstance(roles, list | tuple) or not roles:
            raise ValueError(f"roles: group {name!r} must be a non-empty list of roles, not {roles!r}")
        if unknown := [r for r in roles if r not in ROLES]:
            raise ValueError(f"roles: group {name!r} has unknown role(s) {unknown!r}; roles: {', '.join(ROLES)}")
    first, second = list(groups)[:2]
    return str(first), str(second)


def select_statements(
    statements: pd.DataFrame,
    cases: pd.DataFrame,
    groups: dict[str, list[str]],
    include_partial: bool = True,
    min_words: int = 0,
) -> pd.DataFrame:
    """Statements of the chosen cases whose role falls in a group, with
    ``group`` and the ``combined`` score added."""
    compared_groups(groups)
    role_group = {role: name for name, roles in groups.items() for role in roles}
    chosen = statements[
        statements["case_id"].isin(cases["case_id"])
        & statements["role"].isin(role_group)
        & (statements["n_words"].fillna(0) >= min_words)
    ]
    if not include_partial:
        chosen = chosen[chosen["kind"] == "full"]
    return chosen.assign(
        group=chosen["role"].map(role_group), combined=combine(chosen["polarity"], chosen["vader_compound"])
    )


def group_summary(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """n, mean and median of ``column`` per group and role."""
    return (
        frame.groupby(["group", "role"])[column]
        .agg(["size", "mean", "median"])
        .rename(columns={"size": "n"})
        .round(3)
        .reset_index()
    )


def difference_of_means(
    frame: pd.DataFrame, column: str, first: str, second: str, n_boot: int | None = None, seed: int | None = None
) -> dict:
    """Mean of ``first`` minus mean of ``second`` with a bootstrap 95% interval
    (statements resampled within each group; ``n_boot`` resamples from ``seed``,
    by default ``statements.bootstrap`` and ``statements.seed`` of rules/analysis.yaml)."""
    n_boot = _RULES.bootstrap if n_boot is None else n_boot
    seed = _RULES.seed if seed is None else seed
    a = frame.loc[frame["group"] == first, column].dropna().to_numpy()
    b = frame.loc[frame["group"] == second, column].dropna().to_numpy()
    out = {
        "first": first,
        "second": second,
        "n_first": len(a),
        "n_second": len(b),
        "difference": np.nan,
        "low": np.nan,
        "high": np.nan,
    }
    if len(a) < 2 or len(b) < 2:
        return out
    rng = np.random.default_rng(seed)
    boots = _resampled_means(rng, a, n_boot) - _resampled_means(rng, b, n_boot)
    low, high = np.percentile(boots, [2.5, 97.5])
    return {**out, "difference": float(a.mean() - b.mean()), "low": float(low), "high": float(high)}


def _resampled_means(rng: np.random.Generator, values: np.ndarray, n_boot: int, memory: int = 2_000_000) -> np.ndarray:
    """Means of ``n_boot`` resamples, drawn in batches so memory stays bounded
    (the same random stream as one draw of shape (n_boot, len(values)))."""
    batch = max(1, memory // max(1, len(values)))
    return np.concatenate(
        [rng.choice(values, (min(batch, n_boot - i), len(values))).mean(axis=1) for i in range(0, n_boot, batch)]
    )


def difference_text(result: dict, lexicon: str) -> str:
    if np.isnan(result["difference"]):
        return (
            f"Too few statements for a comparison: {result['n_first']} {result['first']}, "
            f"{result['n_second']} {result['second']} (at least 2 on each side needed)."
        )
    return (
        f"Mean {lexicon} score of {result['first']} statements minus {result['second']} statements: "
        f"{result['difference']:+.3f} (bootstrap 95% interval {result['low']:+.3f} to {result['high']:+.3f}; "
        f"n = {result['n_first']} {result['first']}, {result['n_second']} {result['second']})."
    )


def plot_by_role(frame: pd.DataFrame, column: str, lexicon: str) -> Figure:
    """Every statement as a point: score and subjectivity by role, with role means."""
    roles = sorted(frame["role"].unique())
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.5 * len(roles) + 2.2), sharey=True)
    jitter = np.random.default_rng(0)
    groups = sorted(frame["group"].unique())
    for ax, col, title in (
        (axes[0], column, f"{lexicon} score (−1 negative … +1 positive)"),
        (axes[1], "subjectivity", "TextBlob subjectivity (0 factual … 1 subjective)"),
    ):
        for y, role in enumerate(roles):
            rows = frame[frame["role"] == role]
            colour = _COLOURS[groups.index(rows["group"].iloc[0]) % len(_COLOURS)]
            ys = y + jitter.uniform(-0.15, 0.15, len(rows))
            ax.scatter(rows[col], ys, color=colour, alpha=0.6, s=30)
            ax.plot([rows[col].mean()] * 2, [y - 0.3, y + 0.3], color="black", lw=2)
        ax.set_title(title, fontsize=10, loc="left")
        ax.axvline(0 if col != "subjectivity" else 0.5, color="#999999", lw=0.8, zorder=0)
    axes[0].set_yticks(range(len(roles)), [f"{r} (n={int((frame['role'] == r).sum())})" for r in roles])
    fig.suptitle("Each point is a statement; the black bar is the mean of its role", fontsize=10, x=0.01, ha="left")
    fig.tight_layout()
    means = frame.groupby("role")[column].agg(["size", "mean"])
    alt = (
        f"Dot plot of {len(frame)} statements by speaker role: {lexicon} score (left) and TextBlob "
        "subjectivity (right). Mean score per role: "
        + ", ".join(f"{r} {m['mean']:+.2f} (n={int(m['size'])})" for r, m in means.iterrows())
        + "."
    )
    return describe(
        fig,
        alt,
        _columns(frame, "statement_id", "doc_id", "case_id", "group", "role", column, "subjectivity", "review"),
    )


def plot_by_case(frame: pd.DataFrame, column: str, lexicon: str, labels: dict[str, str], max_cases: int = 30) -> Figure:
    """Per case, the statements of each group as points (the ``max_cases``
    cases with most statements)."""
    top = frame["case_id"].value_counts(sort=True).head(max_cases).index
    frame = frame[frame["case_id"].isin(top)]
    case_ids = sorted(frame["case_id"].unique())
    groups = sorted(frame["group"].unique())
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(case_ids) + 1.8))
    for g, group in enumerate(groups):
        rows = frame[frame["group"] == group]
        ys = rows["case_id"].map(case_ids.index) + (g - (len(groups) - 1) / 2) * 0.2
        ax.scatter(rows[column], ys, color=_COLOURS[g % len(_COLOURS)], label=group, alpha=0.7, s=32)
    ax.set_yticks(
        range(len(case_ids)), [mpl_text(shorten(labels.get(c, c), 50)) for c in case_ids], fontsize=MIN_FONT_PT
    )
    ax.axvline(0, color="#999999", lw=0.8, zorder=0)
    ax.set_xlabel(f"{lexicon} score")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title("Statements per case", loc="left")
    fig.tight_layout()
    per = frame.groupby("group")[column].agg(["size", "mean"])
    alt = (
        f"Dot plot of {lexicon} scores of {len(frame)} statements in {len(case_ids)} case(s), one row per case, "
        "coloured by group: "
        + ", ".join(f"{g} n={int(m['size'])}, mean {m['mean']:+.2f}" for g, m in per.iterrows())
        + "."
    )
    return describe(fig, alt, _columns(frame, "statement_id", "doc_id", "case_id", "group", "role", column, "review"))


def _columns(frame: pd.DataFrame, *names: str) -> pd.DataFrame:
    """The named columns ``frame`` has, in order (the data written beside a figure)."""
    return frame[[n for n in dict.fromkeys(names) if n in frame.columns]].reset_index(drop=True)


def extremes(frame: pd.DataFrame, column: str, n: int = 3) -> pd.DataFrame:
    """The ``n`` most negative and most positive statements, with speaker and source."""
    ordered = frame.sort_values([column, "statement_id"], kind="stable")
    picked = pd.concat(
        [
            ordered.head(n).assign(end_of_scale="most negative"),
            ordered.tail(n).iloc[::-1].assign(end_of_scale="most positive"),
        ]
    )
    picked = picked.drop_duplicates("statement_id")
    picked = picked.assign(quote=picked["quote"].map(lambda q: shorten(q, 240)))
    return _columns(picked, "end_of_scale", column, "speaker", "role", "doc_id", "quote", "start", "end", "review")


def lexicon_agreement(frame: pd.DataFrame) -> dict:
    """How far TextBlob and VADER agree on these statements."""
    both = frame.dropna(subset=["polarity", "vader_compound"])
    if len(both) < 3:
        return {"n": len(both), "pearson": np.nan, "same_sign": np.nan}
    same = np.mean(np.sign(both["polarity"]) == np.sign(both["vader_compound"]))
    constant = both["polarity"].nunique() < 2 or both["vader_compound"].nunique() < 2
    return {
        "n": len(both),
        "pearson": np.nan if constant else float(np.corrcoef(both["polarity"], both["vader_compound"])[0, 1]),
        "same_sign": float(same),
    }


def lexicon_agreement_text(agree: dict) -> str:
    """:func:`lexicon_agreement` in words; with fewer than three statements, or
    scores that do not vary, there is nothing to score and no number is given."""
    if agree["n"] < 3 or pd.isna(agree["pearson"]):
        why = "they do not vary" if agree["n"] >= 3 else "at least 3 are needed"
        return (
            f"Nothing to score: the agreement of TextBlob and VADER is not computed on "
            f"{agree['n']} statement{'' if agree['n'] == 1 else 's'} ({why})."
        )
    return (
        f"On {agree['n']} statements, TextBlob polarity and VADER compound correlate at "
        f"r = {agree['pearson']:.2f} and give the same sign to {agree['same_sign']:.0%} of them."
    )


def long_statement_sentences(
    frame: pd.DataFrame, column: str, min_words: int | None = None, limit: int = 50
) -> pd.DataFrame:
    """For (at most ``limit``) long statements, the range of their sentences' scores."""
    min_words = sentiment_rules.load().long_statement_words if min_words is None else min_words
    rows = []
    for row in frame[frame["n_words"] >= min_words].head(limit).itertuples():
        per = pd.DataFrame(sentence_scores(row.quote))
        per = per.assign(combined=combine(per["polarity"], per["vader_compound"]))
        rows.append(
            {
                "statement_id": row.statement_id,
                "speaker": row.speaker,
                "role": row.role,
                "sentences": len(per),
                "statement": getattr(row, column),
                "lowest sentence": per[column].min(),
                "highest sentence": per[column].max(),
                "lowest": shorten(per.loc[per[column].idxmin(), "sentence"], 160),
                **({"review": row.review} if hasattr(row, "review") else {}),
            }
        )
    return pd.DataFrame(rows).round(3)
