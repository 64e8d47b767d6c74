"""Property-based tests: any text in, no exception out, offsets that hold, same bytes every time."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oversight_research.extract import extract_document
from oversight_research.pipeline import extract

PIECES = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    "\n",
    "\n\n",
    " said: ",
    " said ",
    "She said: ",
    "5 May 2020",
    "31 February 2020",
    "2023-13-45",
    "2016/070829",
    "last year",
    "a month before",
    "Seventeen officers",
    " were dismissed",
    "no case to answer",
    "IOPC",
    "Ms Ball",
    "Mr Webber’s mother",
    ". ",
    "$x^2$",
    "<script>",
    "Dr.",
    "—",
]
TEXTS = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(PIECES)), max_size=40).map("".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def extracted(text: str) -> tuple[str, dict[str, list[dict]]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        rows = extract_document(path, Path(folder))
        from oversight_research.ingest import read_document

        return read_document(path, Path(folder)).text, rows


@FAST
@given(TEXTS)
def test_every_extractor_returns_and_offsets_slice_the_evidence(text):
    doc_text, rows = extracted(text)
    assert rows["articles"][0]["status"] in ("ok", "partial", "unreadable")
    assert not any("extractor failed" in p for p in (rows["articles"][0]["problems"] or "").split("; "))
    for name in ("sentences", "events", "outcomes", "statements"):
        for row in rows[name]:
            assert 0 <= row["start"] <= row["end"] <= len(doc_text), name
    for row in rows["sentences"]:
        assert doc_text[row["start"] : row["end"]] == row["text"]
    for row in rows["events"]:
        assert row["date_text"] in doc_text[row["start"] : row["end"]]
    for row in rows["outcomes"]:
        assert doc_text[row["start"] : row["end"]] == row["evidence"]
    for row in rows["statements"]:
        assert_statement_span(doc_text, row)


def assert_statement_span(doc_text: str, row: dict) -> None:
    """A statement's offsets slice its quotation: the span opens with a double
    or single quotation mark (single marks: headline words and pages without
    double marks) and the quote's first word follows it; a block quotation
    ("X said:" then text without marks) opens right after a colon or at the
    start of its paragraph with the quote's first word."""
    span = doc_text[row["start"] : row["end"]]
    first = row["quote"].split()[0]
    assert first in span, (span, row["quote"])
    if span[:1] in ("“", '"', "‘", "'"):
        return
    before = doc_text[: row["start"]].rstrip(" \t")
    assert span.startswith(first) and (not before or before.endswith((":", "\n"))), (span, before[-20:])


@settings(max_examples=15, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=3))
def test_extract_is_deterministic(texts):
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        raw.mkdir()
        for i, text in enumerate(texts):
            (raw / f"d{i}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        outputs = []
        for run in ("a", "b"):
            try:
                extract(raw, Path(folder) / run, progress=False)
            except Exception as exc:  # only "no .txt files" is allowed, and there are files
                raise AssertionError(f"extract raised {exc!r}") from exc
            outputs.append({p.name: p.read_bytes() for p in sorted((Path(folder) / run).iterdir()) if p.is_file()})
        assert outputs[0] == outputs[1]


WORDS = st.lists(
    st.sampled_from(
        [
            "IOPC",
            "IOPCs",
            "xIOPC",
            "the Met",
            "Metropolitan Police",
            "Police Service",
            "Kent Police",
            "é",
            "Smith",
            "Smithson",
            " ",
            ", ",
            "\n",
            "(",
            "-",
        ]
    ),
    max_size=25,
).map("".join)


@FAST
@given(WORDS)
def test_word_pattern_finds_what_the_plain_regex_finds(text):
    import re

    from oversight_research.entities import _conf
    from oversight_research.text import WordPattern

    _, _, forces, bodies = _conf()
    patterns = [p.pattern.pattern for p in (*forces.values(), *bodies.values())] + [r"\bSmith\b", r"\bPolice"]
    for pattern in patterns:
        assert [m.span() for m in WordPattern(pattern).finditer(text)] == [
            m.span() for m in re.finditer(pattern, text)
        ], pattern
