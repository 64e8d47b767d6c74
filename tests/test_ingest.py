"""Ingest: decoding, chrome, metadata — checked against the seeds and gold."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from conftest import GOLD, RAW, SEEDS, gold

from oversight_research.ingest import classify_lines, decode, read_document, read_manifest


def article_text(doc) -> str:
    return "\n".join(doc.text[p.start:p.end] for p in doc.article_paragraphs(("article", "caption")))


@pytest.mark.parametrize("doc_id", sorted(p.stem for p in GOLD.glob("*.json")))
def test_published_date_matches_gold_where_the_text_states_one(doc_id):
    doc = read_document(RAW / f"{doc_id}.txt", RAW)
    expected = gold(doc_id)["published"]
    if expected is not None:
        assert doc.meta.get("published") == expected
    elif doc_id in SEEDS:
        assert doc.meta.get("published") is None  # never invented


@pytest.mark.parametrize("doc_id", sorted(p.stem for p in GOLD.glob("*.json")))
def test_every_gold_evidence_survives_chrome_removal(doc_id):
    """Chrome removal must not drop article sentences: every gold outcome
    evidence and quotation start is still in the article text."""
    text = article_text(read_document(RAW / f"{doc_id}.txt", RAW))
    g = gold(doc_id)
    for piece in [o["evidence"] for o in g["outcomes"]] + [s["quote_start"] for s in g["statements"]]:
        assert piece in text, piece


CHROME = {
    "003_06204bd7a1a3ea7d": ["We are currently experiencing network problems", "Leave a Comment",
                             "View Comments 6", "IOPC to re-investigate Port case after new evidence", "More News"],
    "004_ce2181a41fb30a34": ["Jump to content", "Link to comment", "Sign in here", "Register a new account",
                             "36afeca9e5e04a42f8b9a7f936885c23.jpg", "Create an account"],
    "001_4acca05a35b64bc4": ["Sign up to our free breaking news emails"],
}


@pytest.mark.parametrize("doc_id", sorted(CHROME))
def test_page_chrome_is_left_out_of_article_text(doc_id):
    doc = read_document(RAW / f"{doc_id}.txt", RAW)
    text = article_text(doc)
    for chrome in CHROME[doc_id]:
        assert chrome in doc.text and chrome not in text
    assert sum(doc.boilerplate.values()) >= len(CHROME[doc_id]) - 1


def test_forum_replies_are_kept_as_comments_not_article():
    doc = read_document(RAW / "004_ce2181a41fb30a34.txt", RAW)
    comments = [doc.text[p.start:p.end] for p in doc.paragraphs if p.kind == "comment"]
    assert any("14 allegations over 3 years" in c for c in comments)
    assert "14 allegations over 3 years" not in "\n".join(doc.text[p.start:p.end] for p in doc.article_paragraphs())
    assert doc.comment_lines >= 3


def test_photo_captions_are_marked():
    doc = read_document(RAW / "001_4acca05a35b64bc4.txt", RAW)
    captions = [doc.text[p.start:p.end] for p in doc.paragraphs if p.kind == "caption"]
    assert len(captions) == 2 and all(c.endswith("(PA Media)") for c in captions)


def test_reference_title_and_publisher_are_detected():
    doc = read_document(RAW / "002_f3618189f69007e2.txt", RAW)
    assert doc.meta["reference"] == "IOPC reference 2016/070829"
    assert doc.meta["title"].startswith("Response to intelligence received prior to an attack")
    assert doc.meta["published_source"] == "stamp"
    header = read_document(RAW / "001_4acca05a35b64bc4.txt", RAW)
    assert header.meta["published_source"] == "header"
    assert header.meta["publisher"] == "The Independent"


def test_paragraph_offsets_slice_the_raw_text():
    for path in sorted(RAW.glob("*.txt")):
        doc = read_document(path, RAW)
        raw = path.read_bytes().decode("utf-8-sig")
        for p in doc.paragraphs:
            assert raw[p.start:p.end] == doc.text[p.start:p.end]
            assert raw[p.start:p.end].strip() == raw[p.start:p.end]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""),
                                           ("utf-16", b"")])
def test_decoding_fallbacks(encoding, bom):
    text = "The IOPC said: “We are sorry.” Café – 2023"
    decoded, used, problems = decode(bom + text.encode(encoding))
    assert decoded == text
    assert (problems != []) == (encoding == "cp1252")


def test_mojibake_is_repaired_and_reported():
    mojibake = "She said: â€œlost faithâ€\x9d â€“ itâ€™s"  # UTF-8 bytes once read as cp1252
    decoded, _, problems = decode(mojibake.encode("utf-8"))
    assert decoded == "She said: “lost faith” – it’s"
    assert any("mojibake" in p for p in problems)


def test_binary_and_empty_files_are_unreadable_with_a_reason(tmp_path: Path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    image = read_document(tmp_path / "image.txt", tmp_path)
    empty = read_document(tmp_path / "empty.txt", tmp_path)
    assert image.status == "unreadable" and "binary" in image.problems[0]
    assert empty.status == "unreadable" and empty.problems == ["empty document"]


def test_manifest_overrides_and_reports_bad_dates(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Headline here\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "doc_id,title,publisher,published,source_url\n"
        "a,Manifest title,Some Paper,2021-05-04,https://example.org/a\n"
        "b,Other,,2023-13-45,\n", encoding="utf-8")
    rows, problems = read_manifest(tmp_path)
    doc = read_document(tmp_path / "a.txt", tmp_path, rows["a"])
    assert doc.meta["title"] == "Manifest title" and doc.meta["published"] == "2021-05-04"
    assert doc.meta["published_source"] == "manifest"
    assert any("2023-13-45" in p for p in problems)


def test_line_classification_needs_no_seed_names():
    text = "Big story\nShare\nLink to comment\nA reply from a reader.\nSent from my iPhone using Tapatalk\n"
    kinds = [line.kind for line in classify_lines(text)]
    assert kinds[:5] == ["article", "chrome", "chrome", "comment", "chrome"]
    assert re.search("Tapatalk", text)


def test_html_main_text_is_extracted_without_scripts_and_navigation(tmp_path: Path):
    body = " ".join(["The IOPC found that officers failed to act on the warning they received."] * 6)
    (tmp_path / "page.html").write_text(
        "<!doctype html><html><head><title>Officers investigated</title><script>var x = 1;</script>"
        "<style>p {color: red}</style></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Officers investigated</h1><p>{body}</p><p>A spokesperson said the force would "
        "cooperate fully with the investigation into the death.</p></article>"
        "<footer>Cookie settings</footer></body></html>", encoding="utf-8")
    doc = read_document(tmp_path / "page.html", tmp_path)
    text = "\n".join(doc.text[p.start:p.end] for p in doc.article_paragraphs())
    assert "failed to act on the warning" in text and "cooperate fully" in text
    assert "var x" not in doc.text and "color: red" not in doc.text
    assert doc.status == "ok" and doc.encoding.endswith("+html")


@pytest.mark.parametrize("line, lede", [
    (" date 2021-11-19 A special constable has been dismissed following a hearing.",
     "A special constable has been dismissed following a hearing."),
    ("date: 2024-05-02   The IOPC has begun an investigation.", "The IOPC has begun an investigation."),
])
def test_prose_after_a_crawler_stamp_is_article_text(line, lede):
    labelled = classify_lines(f"source: https://example.org/a\n{line}\n\nMore text here.\n")
    kept = [ln for ln in labelled if ln.kind == "article"]
    text = f"source: https://example.org/a\n{line}\n\nMore text here.\n"
    assert text[kept[0].span.start:kept[0].span.end] == lede
    assert [ln.reason for ln in labelled if ln.kind == "chrome"] == ["metadata header", "metadata header"]


def test_a_stamp_alone_stays_metadata():
    labelled = classify_lines("date 2021-11-19\n\nText of the page.\n")
    assert labelled[0].kind == "chrome" and labelled[0].reason == "metadata header"
