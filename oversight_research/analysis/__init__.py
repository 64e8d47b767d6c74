"""Analysis functions the notebooks call: selections, summaries, figures.

One module per notebook (``corpus``, ``timelines``, ``outcomes``, ``statements``, ``quality``, and
``review`` for the researchers' review); the names a
notebook needs are re-exported here, so a notebook imports ``analysis`` once;
importing it sets the figure style (:func:`display.use_style`).  ``summary``
computes the report's key findings from the same functions.
Notebooks stay thin: they pick parameters, call these, and narrate.  Every
label drawn from article text passes through :func:`display.mpl_text`.
"""

from ..display import review_counts, review_line, use_style
from .corpus import corpus_counts, plot_corpus
from .outcomes import (
    busiest,
    case_counts,
    categories,
    cross_case,
    flow,
    flow_text,
    flow_totals,
    plot_flow,
    plot_ladder,
    select_outcomes,
)
from .quality import (
    check_extractor,
    error_list,
    gold_sets,
    has_scores,
    overall,
    per_document,
    per_set,
    plot_overall,
    pools,
    read_confusion,
    read_scores,
)
from .review import agreement_table, in_cases, review_summary, unmatched_corrections
from .statements import (
    DEFAULT_GROUPS,
    compared_groups,
    difference_of_means,
    difference_text,
    extremes,
    group_summary,
    lexicon_agreement,
    lexicon_agreement_text,
    long_statement_sentences,
    plot_by_case,
    plot_by_role,
    score_column,
    select_statements,
    validation_table,
)
from .summary import Finding, key_findings
from .timelines import (
    EVENT_TYPES,
    case_title,
    check_event_types,
    missed_for,
    missed_summary,
    plot_timelines,
    select_cases,
)

use_style()  # Okabe–Ito palette, labels of at least 9 pt, reproducible SVG: every figure of every notebook

__all__ = [
    "agreement_table",
    "in_cases",
    "review_counts",
    "review_line",
    "review_summary",
    "unmatched_corrections",
    "check_extractor",
    "error_list",
    "gold_sets",
    "pools",
    "overall",
    "per_document",
    "plot_overall",
    "read_scores",
    "DEFAULT_GROUPS",
    "compared_groups",
    "difference_of_means",
    "difference_text",
    "extremes",
    "group_summary",
    "lexicon_agreement",
    "lexicon_agreement_text",
    "long_statement_sentences",
    "plot_by_case",
    "plot_by_role",
    "score_column",
    "select_statements",
    "validation_table",
    "busiest",
    "case_counts",
    "categories",
    "corpus_counts",
    "cross_case",
    "flow",
    "flow_text",
    "missed_for",
    "per_set",
    "read_confusion",
    "missed_summary",
    "plot_corpus",
    "plot_flow",
    "plot_ladder",
    "plot_timelines",
    "select_cases",
    "select_outcomes",
    "Finding",
    "case_title",
    "check_event_types",
    "EVENT_TYPES",
    "flow_totals",
    "has_scores",
    "key_findings",
]
