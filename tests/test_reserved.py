"""No page kept for independent evaluation is in the corpus (and so in the annotations).

The project's owners keep a list of pages reserved for an evaluation nobody
here may tune to (``../shared/reserved-urls.txt`` beside the repository, or
the file named by ``OVERSIGHT_RESERVED_URLS``).  The list is not copied into
the repository; where it is absent (a fresh clone elsewhere) there is nothing
to compare, and the test says so by skipping.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
from conftest import GATHERED, RAW, ROOT

RESERVED = Path(os.environ.get("OVERSIGHT_RESERVED_URLS", ROOT.parent / "shared" / "reserved-urls.txt"))
SOURCE_LINE = re.compile(r"^source:\s*(\S+)", re.MULTILINE)


def normalised(url: str) -> str:
    """The URL without scheme, ``www.``, query, fragment or trailing slash, lower-cased."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = re.sub(r"^www\.", "", url)
    return re.split(r"[?#]", url)[0].rstrip("/")


def project_urls() -> dict[str, str]:
    """Every source URL the corpus and the gathered documents record, by normalised URL → where."""
    found: dict[str, str] = {}
    with (RAW / "SOURCES.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found[normalised(row["source_url"])] = f"data/raw/SOURCES.csv: {row['doc_id']}"
    for folder in (RAW, GATHERED):
        for path in sorted(folder.glob("*.txt")):
            head = path.read_text(encoding="utf-8", errors="replace")[:2000]
            for url in SOURCE_LINE.findall(head):
                found[normalised(url)] = str(path.relative_to(ROOT))
    return found


def test_normalised_ignores_scheme_www_and_trailing_slash():
    assert normalised("https://www.Example.org/a/b/") == normalised("http://example.org/a/b")
    assert normalised("https://example.org/a/b") != normalised("https://example.org/a/c")


def test_no_reserved_page_is_in_the_corpus_or_the_annotations():
    if not RESERVED.is_file():
        pytest.skip(f"no reserved list at {RESERVED}: nothing to compare")
    lines = RESERVED.read_text(encoding="utf-8").splitlines()
    reserved = {normalised(line) for line in lines if line.strip() and not line.startswith("#")}
    urls = project_urls()
    assert urls, "no source URL found: the comparison would prove nothing"
    assert sorted(where for url, where in urls.items() if url in reserved) == []
