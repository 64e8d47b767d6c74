"""Shared fixtures: the project's corpus, its gold annotations, extracted once."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

# The tests' pattern store (regex_start) lives with pytest's cache, not in the user's ~/.cache:
# the suite compiles many patterns of its own. Set before the package is imported (its first
# compile reads the store); the CLI and notebook processes the tests start inherit it.
os.environ.setdefault(
    "OVERSIGHT_RESEARCH_PATTERN_CACHE", str(Path(__file__).resolve().parents[1] / ".pytest_cache" / "patterns.json")
)

import pytest  # noqa: E402

from oversight_research.ingest import Document, Paragraph  # noqa: E402
from oversight_research.pipeline import extract  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLD = ROOT / "data" / "annotations"
GATHERED = ROOT / "data" / "gathered" / "raw"  # gold in data/annotations/gathered
SEEDS = sorted(p.stem for p in RAW.glob("00[0-4]_*.txt"))


def gold(doc_id: str) -> dict:
    """The gold annotation of ``doc_id``, whichever set (sub-folder of data/annotations) holds it."""
    (path,) = GOLD.rglob(f"{doc_id}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_tables(tmp_path_factory) -> Path:
    """Every table extracted from data/raw, once per test session."""
    out = tmp_path_factory.mktemp("processed")
    extract(RAW, out, progress=False)
    return out


@pytest.fixture(scope="session")
def gathered_tables(tmp_path_factory) -> Path:
    """Every table extracted from the gathered documents (data/gathered/raw), once per test session."""
    out = tmp_path_factory.mktemp("gathered")
    extract(GATHERED, out, progress=False)
    return out


def seed_folder(tmp_path: Path, n: int) -> Path:
    """A raw folder (``tmp_path/raw``) holding copies of the first ``n`` seed documents."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for doc_id in SEEDS[:n]:
        shutil.copy(RAW / f"{doc_id}.txt", folder)
    return folder


def make_doc(*paragraphs: str) -> Document:
    """A document of article paragraphs separated by blank lines (for unit tests of extractors)."""
    text, paras = "", []
    for p in paragraphs:
        paras.append(Paragraph(len(text), len(text) + len(p), "article"))
        text += p + "\n\n"
    return Document(doc_id="t", path="t.txt", text=text, paragraphs=paras)


def write_csv(path: Path, rows: list[dict]) -> None:
    """``rows`` as a CSV file (a corrections file, for tests): a header of every key, in the order first met;
    its folder made when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)


def typed(sentence: str, date_text: str) -> str:
    """The type ``timeline.event_type`` gives the date expression ``date_text`` of ``sentence``."""
    from oversight_research.timeline import event_type

    at = sentence.index(date_text)
    return event_type(sentence, at, at + len(date_text))


def doc_events(text: str, tmp_path: Path, name: str = "d") -> list[dict]:
    """The events ``timeline.extract_events`` finds in a document of ``text`` (written to ``tmp_path``)."""
    from oversight_research.ingest import read_document
    from oversight_research.timeline import extract_events

    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return extract_events(read_document(path, tmp_path, None))
