"""Researchers' review of the rows, as the report shows it (issue 22).

Every figure and table built from corrected tables states how many of its
rows a researcher reviewed and corrected (:func:`display.review_line`, from
the tables' ``review`` column); this module gives the report's review
section: per table what was reviewed, corrected, added and dropped
(:func:`review_summary`), the reviewers' agreement (:func:`agreement_table`,
Krippendorff's alpha from ``review_codes``) and the corrections that found no
row (:func:`unmatched_corrections`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..corrections import CORRECTABLE
from ..display import review_counts
from ..evaluate import reviewer_agreement
from ..tables import has_table, read_table


def in_cases(rows: pd.DataFrame, case_ids: Iterable[str] | pd.DataFrame) -> pd.DataFrame:
    """The rows of the given cases (a list of case ids, or a frame with ``case_id``): the rows behind a
    figure that draws only some cases."""
    ids = case_ids["case_id"] if isinstance(case_ids, pd.DataFrame) else list(case_ids)
    return rows[rows["case_id"].isin(ids)]


def review_summary(processed: Path) -> pd.DataFrame:
    """Per correctable table: its rows, how many a researcher reviewed
    (confirmed, corrected or added), and the rows reviewers dropped (gone
    from the table, counted from ``review_codes``) and corrections that found
    no row (``corrections_unmatched``)."""
    processed = Path(processed)
    codes = read_table("review_codes", processed) if has_table("review_codes", processed) else None
    unmatched = (
        read_table("corrections_unmatched", processed) if has_table("corrections_unmatched", processed) else None
    )
    out = []
    for table in CORRECTABLE:
        counts = review_counts(read_table(table, processed)) or {"rows": 0, "reviewed": 0, "corrected": 0, "added": 0}
        dropped = 0
        if codes is not None:
            mine = codes[(codes["table"] == table) & (codes["action"] == "drop")]
            dropped = mine["unit"].nunique()
        out.append(
            {
                "table": table,
                "rows": counts["rows"],
                "reviewed": counts["reviewed"],
                "corrected": counts["corrected"] - counts["added"],
                "added": counts["added"],
                "dropped": dropped,
                "unmatched corrections": 0 if unmatched is None else int((unmatched["table"] == table).sum()),
            }
        )
    return pd.DataFrame(out)


def agreement_table(processed: Path) -> pd.DataFrame | None:
    """Reviewers' agreement per table and field (``evaluate.reviewer_agreement``), alpha as text
    ("nothing to score" when there is none); None without ``review_codes``."""
    if not has_table("review_codes", processed):
        return None
    agreement = reviewer_agreement(read_table("review_codes", processed))
    alpha = [f"{a:.2f}" if pd.notna(a) else note for a, note in zip(agreement["alpha"], agreement["note"], strict=True)]
    return agreement.assign(alpha=alpha)[["table", "field", "coder_a", "coder_b", "rows", "agreed", "alpha"]]


def unmatched_corrections(processed: Path) -> pd.DataFrame | None:
    """The corrections whose row is no longer extracted (or whose document is not in the corpus);
    None when the folder has no such table."""
    if not has_table("corrections_unmatched", processed):
        return None
    frame = read_table("corrections_unmatched", processed)
    return frame[["table", "line", "action", "row_id", "doc_id", "reviewer", "note", "reason"]]
