"""Key findings for the top of the report, computed from the tables (never typed by hand).

Each finding is one sentence with the n behind it (and an interval where
there is one) and the anchor of the report section it summarises.  The
selections are those the notebooks used: :func:`key_findings` takes the
parameters each notebook ran with, so the summary and the sections agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..corrections import CORRECTABLE
from ..outcomes import codebook
from ..rules import analysis as analysis_rules
from ..tables import has_table, read_table
from .corpus import corpus_counts
from .outcomes import case_counts, flow_totals, select_outcomes
from .quality import read_scores
from .review import review_summary
from .statements import DEFAULT_GROUPS, difference_of_means, score_column, select_statements
from .timelines import missed_for, select_cases

_RULES = analysis_rules.load().summary  # rules/analysis.yaml, key summary
# The measures the summary names, in this order (the rest are in the quality section): key summary.headline_measures.
HEADLINE_MEASURES = _RULES.headline_measures
# The steps of the sanction flow the summary names (interim, criminal and career outcomes are in the section):
# key summary.flow_stages.
FLOW_STAGES = _RULES.flow_stages


@dataclass(frozen=True)
class Finding:
    topic: str
    text: str
    anchor: str  # id of the report heading it summarises


def _param(parameters: dict[str, dict], notebook: str, name: str, default: object) -> object:
    for stem, values in parameters.items():
        if stem.startswith(notebook) and name in values:
            return values[name]
    return default


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def corpus_finding(articles: pd.DataFrame, cases: pd.DataFrame) -> Finding:
    c = corpus_counts(articles)
    return Finding(
        "Corpus",
        f"{_plural(c['n'], 'document')} read ({c['ok']} cleanly, {c['partial']} with "
        f"problems, {c['bad']} unreadable), grouped into {_plural(len(cases), 'case')}"
        + (" (an unreadable document is in no case)" if c["bad"] else "")
        + ".",
        "Corpus-overview",
    )


def reliability(scores: pd.DataFrame | None, extractor: str, measure: str, what: str) -> str:
    """ " <what> <score> (95% interval …) on the N documents nobody tuned the
    rules to." — how far a finding's rows can be trusted, from the evaluation
    (the ``untuned`` pool, else every annotated document); "" without one."""
    if scores is None:
        return ""
    rows = scores[
        (scores["doc_id"] == "ALL") & (scores["extractor"] == extractor) & (scores["measure"] == measure)
    ].dropna(subset=["f1"])
    for set_name, label in (("untuned", "nobody tuned the rules to"), ("all", "annotated, some tuned on")):
        row = rows[rows["set"] == set_name]
        if not row.empty:
            r = row.iloc[0]
            interval = "" if pd.isna(r.get("f1_low")) else f" (95% interval {r['f1_low']:.2f}–{r['f1_high']:.2f})"
            n = _plural(int(r["documents"]), "document")
            return f" Extraction: {what} {r['f1']:.2f}{interval} on the {n} {label}."
    return ""


def missed_finding(
    missed: pd.DataFrame, cases: pd.DataFrame, min_precision: str, scores: pd.DataFrame | None = None
) -> Finding:
    rows = missed_for(missed, cases, min_precision)
    if rows.empty:
        text = "No warning sign dated before a harm was found."
    else:
        days = rows["interval_days"].astype(float)
        exact = int(rows["day_exact"].fillna(False).astype(bool).sum())
        spread = (  # one interval has no median or range to report
            f"an interval of {_plural(int(days.iloc[0]), 'day')}"
            if len(rows) == 1
            else f"median interval {_plural(round(days.median()), 'day')}, range {days.min():.0f} to "
            f"{_plural(int(days.max()), 'day')}"
        )
        text = (
            f"{_plural(len(rows), 'missed opportunity', 'missed opportunities')} (a warning sign dated before "
            f"the first harm) in {_plural(rows['case_id'].nunique(), 'case')}: {spread} "
            f"(n = {len(rows)}, {exact} day-exact; dates at least {min_precision}-precise)."
        )
    text += reliability(
        scores, "missed_opportunities", "warning+harm date", "missed-opportunity (warning, harm) pairs F1"
    )
    return Finding("Missed opportunities", text, "Missed-opportunities")


def flow_finding(
    outcomes: pd.DataFrame, cases: pd.DataFrame, subject: object, scores: pd.DataFrame | None = None
) -> Finding:
    counts = case_counts(select_outcomes(outcomes, cases, False, subject if isinstance(subject, str) else None))
    totals = flow_totals(counts)
    if totals.empty:
        return Finding(
            "Sanction flow", "No actual outcome with a stated number of people was found.", "The-flow-of-each-case"
        )
    stages = []
    for stage in [s for s in codebook()["stages"] if s in FLOW_STAGES]:
        group = totals[totals["stage"] == stage]
        if not group.empty:
            stages.append(
                f"{stage}: " + ", ".join(f"{int(r.people)} {r.category.replace('_', ' ')}" for r in group.itertuples())
            )
    reporting = counts.loc[counts["count"].notna() & (counts["status"] == "actual"), "case_id"].nunique()
    text = (
        " → ".join(stages) + f" (people summed over the {_plural(reporting, 'case')} whose documents give a "
        "number; actual outcomes only)."
    )
    text += reliability(scores, "outcomes", "category+count", "outcomes (category, count) F1")
    return Finding("Sanction flow", text, "The-flow-of-each-case")


def tone_finding(
    statements: pd.DataFrame,
    cases: pd.DataFrame,
    groups: dict,
    lexicon: str,
    include_partial: bool,
    min_words: int,
    scores: pd.DataFrame | None = None,
) -> Finding:
    chosen = select_statements(statements, cases, groups, include_partial, min_words)
    first, second = list(groups)[:2]
    result = difference_of_means(chosen, score_column(lexicon), first, second)
    if pd.isna(result["difference"]):
        text = (
            f"Too few statements to compare the tone of {first} and {second} speakers "
            f"(n = {result['n_first']} {first}, {result['n_second']} {second})."
        )
    else:
        text = (
            f"{first.capitalize()} statements score {result['difference']:+.2f} on {lexicon} against "
            f"{second} ones (difference of means; bootstrap 95% interval {result['low']:+.2f} to "
            f"{result['high']:+.2f}; n = {result['n_first']} {first}, {result['n_second']} {second})."
        )
    text += reliability(scores, "statements", "role accuracy", "statement role accuracy")
    return Finding("Tone", text, "Family-and-official-statements-compared")


def quality_finding(scores: pd.DataFrame | None) -> Finding:
    anchor = "Scores"
    if scores is None:
        return Finding(
            "Extraction quality", "Not evaluated: no evaluation tables (run `oversight-research evaluate`).", anchor
        )
    pooled = scores[(scores["doc_id"] == "ALL") & scores["f1"].notna()]
    if pooled.empty:
        return Finding(
            "Extraction quality",
            "Nothing to score: no annotated document is in these tables, so "
            "no precision, recall or accuracy is reported.",
            anchor,
        )
    texts = []
    for set_name, label in (
        ("untuned", "{n} nobody tuned the rules to (data/annotations/sets.yaml)"),
        ("all", "all {n} annotated"),
    ):
        rows = pooled[pooled["set"] == set_name]
        if not rows.empty:
            n = _plural(int(rows["documents"].max()), "document")
            texts.append(f"on {label.format(n=n)}: " + _headline(rows))
    text = "; ".join(texts)
    return Finding("Extraction quality", text[0].upper() + text[1:] + " (bootstrap intervals over documents).", anchor)


def _headline(pooled: pd.DataFrame) -> str:
    parts = []
    for extractor, measure in HEADLINE_MEASURES:
        row = pooled[(pooled["extractor"] == extractor) & (pooled["measure"] == measure)]
        if row.empty:
            continue
        r = row.iloc[0]
        name = "accuracy" if "accuracy" in measure else "F1"
        interval = "" if pd.isna(r["f1_low"]) else f" (95% interval {r['f1_low']:.2f}–{r['f1_high']:.2f})"
        parts.append(f"{extractor.replace('_', ' ')} {measure.replace(' accuracy', '')} {name} {r['f1']:.2f}{interval}")
    return ", ".join(parts)


def review_finding(summary: pd.DataFrame) -> Finding:
    """How many rows researchers reviewed, corrected, added and dropped, and the corrections that found no row."""
    total = summary[["rows", "reviewed", "corrected", "added", "dropped", "unmatched corrections"]].sum()
    n, reviewed = int(total["rows"]), int(total["reviewed"])
    changed = int(total["corrected"] + total["added"])
    if not n and not int(total["dropped"]) and not int(total["unmatched corrections"]):
        text = "Nothing to review: no row of events, outcomes, statements or missed opportunities was extracted."
    elif not reviewed and not int(total["dropped"]) and not int(total["unmatched corrections"]):
        text = (
            f"No row has been reviewed by a researcher yet: all {_plural(n, 'row')} of events, outcomes, "
            "statements and missed opportunities are as extracted (`oversight-research review`)."
        )
    else:
        text = (
            f"{_plural(reviewed, 'row')} reviewed by a researcher, {changed} corrected or added "
            f"(of {n}); {_plural(int(total['dropped']), 'row')} dropped."
        )
        if unmatched := int(total["unmatched corrections"]):
            text += f" {_plural(unmatched, 'correction')} found no row and must be reviewed again."
    return Finding("Review", text, "Reviewed-rows")


def key_findings(processed: Path, parameters: dict[str, dict] | None = None) -> list[Finding]:
    """The findings, in the order of the report's sections; a table that is
    missing gives no finding rather than an error."""
    processed = Path(processed)
    parameters = parameters or {}
    if not has_table("articles", processed) or not has_table("cases", processed):
        return []
    cases = read_table("cases", processed)
    evaluation = read_scores(processed)
    scores = None if evaluation is None else evaluation[0]
    found = [corpus_finding(read_table("articles", processed), cases)]
    chosen = select_cases(cases, None)
    if has_table("missed_opportunities", processed):
        found.append(
            missed_finding(
                read_table("missed_opportunities", processed),
                chosen,
                str(_param(parameters, "01", "min_precision", "year")),
                scores,
            )
        )
    if has_table("outcomes", processed):
        subject = _param(parameters, "02", "subject", None)
        found.append(flow_finding(read_table("outcomes", processed), chosen, subject, scores))
    if has_table("statements", processed):
        groups = _param(parameters, "03", "roles", DEFAULT_GROUPS)
        found.append(
            tone_finding(
                read_table("statements", processed),
                chosen,
                groups if isinstance(groups, dict) and len(groups) >= 2 else DEFAULT_GROUPS,
                str(_param(parameters, "03", "lexicon", "vader")),
                bool(_param(parameters, "03", "include_partial", True)),
                int(_param(parameters, "03", "min_words", 0) or 0),
                scores,
            )
        )
    found.append(quality_finding(scores))
    if all(has_table(t, processed) for t in CORRECTABLE):
        found.append(review_finding(review_summary(processed)))
    return found
