"""Outcome extraction (work in progress: see issue 4)."""

from .ingest import Document


def extract_outcomes(doc: Document) -> list[dict]:
    return []
