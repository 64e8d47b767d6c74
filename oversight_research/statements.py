"""Statement extraction (work in progress: see issue 5)."""

from .ingest import Document


def extract_statements(doc: Document) -> list[dict]:
    return []
