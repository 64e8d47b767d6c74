"""Ingest: decoding, chrome, metadata — checked against the seeds and gold."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from conftest import GATHERED, GOLD, RAW, SEEDS, gold

from oversight_research.ingest import classify_lines, decode, read_document, read_manifest


def article_text(doc) -> str:
    return "\n".join(doc.text[p.start : p.end] for p in doc.article_paragraphs(("article", "caption")))


# Every annotated document with its folder: the report's corpus and the gathered documents.
ANNOTATED = sorted(
    (folder, p.stem) for p in GOLD.rglob("*.json") for folder in (RAW, GATHERED) if (folder / f"{p.stem}.txt").exists()
)


def test_every_gold_file_has_its_document():
    assert len(ANNOTATED) == len(list(GOLD.rglob("*.json")))


@pytest.mark.parametrize("folder, doc_id", ANNOTATED, ids=[d for _, d in ANNOTATED])
def test_published_date_matches_gold_where_the_text_states_one(folder, doc_id):
    doc = read_document(folder / f"{doc_id}.txt", folder)
    expected = gold(doc_id)["published"]
    if expected is not None:
        assert doc.metadata.published == expected
    elif doc_id in SEEDS:
        assert doc.metadata.published is None  # never invented


@pytest.mark.parametrize("folder, doc_id", ANNOTATED, ids=[d for _, d in ANNOTATED])
def test_every_gold_evidence_survives_chrome_removal(folder, doc_id):
    """Chrome removal must not drop article sentences: every gold outcome
    evidence and quotation start is still in the article text."""
    text = article_text(read_document(folder / f"{doc_id}.txt", folder))
    g = gold(doc_id)
    for piece in [o["evidence"] for o in g["outcomes"]] + [s["quote_start"] for s in g["statements"]]:
        assert piece in text, piece


CHROME = {
    "003_06204bd7a1a3ea7d": [
        "We are currently experiencing network problems",
        "Leave a Comment",
        "View Comments 6",
        "IOPC to re-investigate Port case after new evidence",
        "More News",
    ],
    "004_ce2181a41fb30a34": [
        "Jump to content",
        "Link to comment",
        "Sign in here",
        "Register a new account",
        "36afeca9e5e04a42f8b9a7f936885c23.jpg",
        "Create an account",
    ],
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
    comments = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "comment"]
    assert any("14 allegations over 3 years" in c for c in comments)
    assert "14 allegations over 3 years" not in "\n".join(doc.text[p.start : p.end] for p in doc.article_paragraphs())
    assert doc.comment_lines >= 3


def test_photo_captions_are_marked():
    doc = read_document(RAW / "001_4acca05a35b64bc4.txt", RAW)
    captions = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "caption"]
    assert len(captions) == 2 and all(c.endswith("(PA Media)") for c in captions)


def test_reference_title_and_publisher_are_detected():
    doc = read_document(RAW / "002_f3618189f69007e2.txt", RAW)
    assert doc.metadata.reference == "IOPC reference 2016/070829"
    assert doc.metadata.title.startswith("Response to intelligence received prior to an attack")
    assert doc.metadata.published_source == "stamp"
    header = read_document(RAW / "001_4acca05a35b64bc4.txt", RAW)
    assert header.metadata.published_source == "header"
    assert header.metadata.publisher == "The Independent"


def test_paragraph_offsets_slice_the_raw_text():
    for path in sorted(RAW.glob("*.txt")):
        doc = read_document(path, RAW)
        raw = path.read_bytes().decode("utf-8-sig")
        for p in doc.paragraphs:
            assert raw[p.start : p.end] == doc.text[p.start : p.end]
            assert raw[p.start : p.end].strip() == raw[p.start : p.end]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16", b"")])
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
    assert empty.status == "unreadable" and empty.problems == ("empty document",)


def test_manifest_overrides_and_reports_bad_dates(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Headline here\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "doc_id,title,publisher,published,source_url\n"
        "a,Manifest title,Some Paper,2021-05-04,https://example.org/a\n"
        "b,Other,,2023-13-45,\n",
        encoding="utf-8",
    )
    rows, problems = read_manifest(tmp_path)
    doc = read_document(tmp_path / "a.txt", tmp_path, rows["a"])
    assert doc.metadata.title == "Manifest title" and doc.metadata.published == "2021-05-04"
    assert doc.metadata.published_source == "manifest"
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
        "<footer>Cookie settings</footer></body></html>",
        encoding="utf-8",
    )
    doc = read_document(tmp_path / "page.html", tmp_path)
    text = "\n".join(doc.text[p.start : p.end] for p in doc.article_paragraphs())
    assert "failed to act on the warning" in text and "cooperate fully" in text
    assert "var x" not in doc.text and "color: red" not in doc.text
    assert doc.status == "ok" and doc.encoding.endswith("+html")


@pytest.mark.parametrize(
    "line, lede",
    [
        (
            " date 2021-11-19 A special constable has been dismissed following a hearing.",
            "A special constable has been dismissed following a hearing.",
        ),
        ("date: 2024-05-02   The IOPC has begun an investigation.", "The IOPC has begun an investigation."),
    ],
)
def test_prose_after_a_crawler_stamp_is_article_text(line, lede):
    labelled = classify_lines(f"source: https://example.org/a\n{line}\n\nMore text here.\n")
    kept = [ln for ln in labelled if ln.kind == "article"]
    text = f"source: https://example.org/a\n{line}\n\nMore text here.\n"
    assert text[kept[0].span.start : kept[0].span.end] == lede
    assert [ln.reason for ln in labelled if ln.kind == "chrome"] == ["metadata header", "metadata header"]


def test_a_stamp_alone_stays_metadata():
    labelled = classify_lines("date 2021-11-19\n\nText of the page.\n")
    assert labelled[0].kind == "chrome" and labelled[0].reason == "metadata header"


# --------------------------------------------------------------------------- HTML metadata

ARTICLE = (
    "<article><h1>Officer dismissed</h1>{}<p>"
    + "An officer was dismissed after a hearing found he had failed to act on warnings about a man. " * 4
    + "</p><p>The IOPC said the force had accepted its recommendations in full.</p></article>"
)


@pytest.mark.parametrize(
    "head, body, url, published, source",
    [
        ("<meta property='article:published_time' content='2024-05-21T06:00:00+01:00'>", "", "", "2024-05-21", "meta"),
        ("<meta name='DC.date.issued' content='2019-03-04'>", "", "", "2019-03-04", "meta"),
        (
            '<script type=\'application/ld+json\'>{"@graph": [{"@type": "NewsArticle", '
            '"datePublished": "2020-11-30T23:30:00-05:00"}]}</script>',
            "",
            "",
            "2020-11-30",
            "json-ld",
        ),
        ("", "<time datetime='2018-10-08T09:00'>8 October 2018</time>", "", "2018-10-08", "time"),
        (
            "<link rel='canonical' href='https://news.example.org/2017/09/13/officer-dismissed'>",
            "",
            "",
            "2017-09-13",
            "url",
        ),
        ("", "<p>Published 08 Oct 2018</p>", "", "2018-10-08", "stamp"),  # printed in the article
        ("", "", "", None, "none"),  # never invented
    ],
)
def test_html_publication_dates_and_their_source(tmp_path: Path, head, body, url, published, source):
    (tmp_path / "page.html").write_text(
        f"<!doctype html><html><head><title>Officer dismissed</title>{head}</head>"
        f"<body>{ARTICLE.format(body)}</body></html>",
        encoding="utf-8",
    )
    doc = read_document(tmp_path / "page.html", tmp_path)
    assert (doc.metadata.published, doc.metadata.published_source) == (published, source)


def test_html_author_publisher_url_and_honest_chrome_count(tmp_path: Path):
    (tmp_path / "page.html").write_text(
        "<!doctype html><html><head><title>Officer dismissed</title><meta name='author' content='Jane Smith'>"
        "<link rel='canonical' href='https://www.policeconduct.gov.uk/news/officer-dismissed'></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        + ARTICLE.format("")
        + "<footer><p>Was this page useful?</p><p>Report a problem with this page</p></footer></body></html>",
        encoding="utf-8",
    )
    doc = read_document(tmp_path / "page.html", tmp_path)
    assert doc.metadata.author == "Jane Smith"
    assert doc.metadata.publisher == "Independent Office for Police Conduct"  # the host's name, not the host
    assert doc.metadata.source_url == "https://www.policeconduct.gov.uk/news/officer-dismissed"
    assert doc.boilerplate["html page furniture"] >= 4  # Home, News, the two feedback lines


@pytest.mark.parametrize(
    "line",
    [
        "Was this page useful?",
        "Is this page useful? Yes No",
        "Report a problem with this page",
        "Notes to editors",
        "Posted by Jane Smith on 3 May 2021",
        "-ENDS-",
    ],
)
def test_public_sector_template_lines_are_chrome(line):
    labelled = classify_lines(f"Officer dismissed\n\nThe officer was dismissed.\n{line}\n")
    assert labelled[-1].kind == "chrome", line


def test_library_messages_go_into_the_documents_problems():
    import logging
    import warnings

    from oversight_research.ingest import third_party_messages

    problems: list[str] = []
    with third_party_messages(problems):
        logging.getLogger("trafilatura.core").error("parsed tree length: %s, wrong data type", 1)
        warnings.warn("odd page", UserWarning, stacklevel=1)
    assert problems == [
        "library message: trafilatura: error: parsed tree length: 1, wrong data type",
        "library message: UserWarning: odd page",
    ]


# --------------------------------------------------------------------------- manifests as people save them


def test_manifest_dates_iso_datetimes_and_day_first(tmp_path: Path):
    from oversight_research.ingest import parse_date_noted

    assert parse_date_noted("2024-05-21T06:00:00+01:00") == ("2024-05-21", "")
    assert parse_date_noted("2024-05-20T23:30:00-05:00") == ("2024-05-20", "")  # its own zone, not UTC
    assert parse_date_noted("Tue, 21 May 2024 06:00:00 GMT") == ("2024-05-21", "")
    assert parse_date_noted("13/2/2024") == ("2024-02-13", "")
    date, note = parse_date_noted("1/2/2024")
    assert date == "2024-02-01" and "day-first" in note and "1 February 2024" in note
    (tmp_path / "manifest.csv").write_text(
        "doc_id,published\na,2024-05-21T06:00:00+01:00\nb,1/2/2024\n", encoding="utf-8"
    )
    rows, problems = read_manifest(tmp_path)
    assert rows["a"] == {"published": "2024-05-21T06:00:00+01:00"} and problems == [
        "manifest.csv line 3: published date '1/2/2024' read day-first (UK usage) as 1 February 2024, not 2 January"
    ]
    assert "day-first" in rows["b"]["problem"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_manifest_encodings_and_delimiters(tmp_path: Path, encoding, delimiter):
    title = "Café owner’s complaint upheld"
    rows = [["doc_id", "title", "published"], ["a", title, "2024-05-01"]]
    (tmp_path / "manifest.csv").write_bytes("\r\n".join(delimiter.join(r) for r in rows).encode(encoding))
    found, problems = read_manifest(tmp_path)
    assert found == {"a": {"title": title, "published": "2024-05-01"}}


def test_manifest_long_fields_multiline_titles_and_duplicates(tmp_path: Path):
    long = "x" * 200_000
    (tmp_path / "manifest.csv").write_text(
        f'doc_id,title,publisher\na,"A title\nover two lines",{long}\nb,First,P\nb,Second,P\n', encoding="utf-8"
    )
    rows, problems = read_manifest(tmp_path)
    assert rows["a"]["title"] == "A title\nover two lines" and rows["a"]["publisher"] == long
    assert rows["b"]["title"] == "Second"
    assert problems == ["manifest.csv lines 4 and 5 both give doc_id 'b'; line 5 is used"]
    assert rows["b"]["problem"] == problems[0]


def test_a_spreadsheet_saved_as_manifest_csv_is_one_clear_error(tmp_path: Path, capsys):
    from oversight_research.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8")
    (raw / "manifest.csv").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "manifest.csv" in err and "not a CSV text file" in err and "Traceback" not in err


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_cases_file_read_like_a_manifest(tmp_path: Path, encoding):
    from oversight_research.cases import read_overrides
    from oversight_research.ingest import read_cases_file

    (tmp_path / "cases.csv").write_bytes("doc_id;case_id\na;café-case\nb;other\nb;again\n".encode(encoding))
    assert read_overrides(tmp_path) == {"a": "café-case", "b": "again"}
    problems = read_cases_file(tmp_path)[1]
    assert problems[-1] == "cases.csv lines 3 and 4 both give doc_id 'b'; line 4 is used"
    assert (problems[0] == "cases.csv: not valid UTF-8; decoded as cp1252") == (encoding == "cp1252")


def test_sources_file_gives_the_licence(tmp_path: Path):
    from oversight_research.extract import extract_document

    (tmp_path / "a.txt").write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8")
    (tmp_path / "SOURCES.csv").write_text(
        "doc_id,source_url,publisher,licence,retrieved\na,https://example.org/a,IOPC,OGL v3.0,2026-11-30\n",
        encoding="utf-8",
    )
    rows, problems = read_manifest(tmp_path, {"a"})
    assert rows == {"a": {"licence": "OGL v3.0"}} and problems == []
    (article,) = extract_document(tmp_path / "a.txt", tmp_path, rows["a"])["articles"]
    assert article["licence"] == "OGL v3.0" and article["status"] == "ok"


# --------------------------------------------------------------------------- every file a row, one row per file


def test_every_file_is_a_row_with_unique_doc_ids(tmp_path: Path):
    from oversight_research.pipeline import extract
    from oversight_research.tables import read_table

    raw = tmp_path / "raw"
    (raw / "2024" / "deep").mkdir(parents=True)
    prose = "Headline {}\n\nOfficers were investigated on 3 May 2021 after a complaint was made.\n"
    for name in (
        "report.txt",
        "report.html",
        "notes.md",
        "notes2.text",
        "README",
        "2024/report.txt",
        "2024/deep/x.txt",
    ):
        text = prose.format(name)
        if name.endswith(".html"):
            text = f"<html><body><article><p>{text}</p></article></body></html>"
        (raw / name).write_text(text, encoding="utf-8")
    (raw / "letter.docx").write_bytes(b"PK\x03\x04 not really")
    (raw / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (raw / "cases.csv").write_text("doc_id,case_id\nreport.txt,mine\n", encoding="utf-8")
    summary = extract(raw, tmp_path / "out", progress=False)
    articles = read_table("articles", tmp_path / "out").set_index("doc_id")
    assert sorted(articles.index) == [
        "2024/deep/x",
        "2024/report",
        "README",
        "letter",
        "notes",
        "notes2",
        "report.html",
        "report.txt",
    ]
    assert summary.documents == 8 and articles.index.is_unique
    assert articles.loc["report.txt", "path"] == "report.txt" and articles.loc["report.html", "path"] == "report.html"
    assert (
        articles.loc["letter", "status"] == "unreadable"
        and "unsupported file type '.docx'" in articles.loc["letter", "problems"]
    )
    assert (articles.drop(index="letter")["status"] == "ok").all()
    events = read_table("events", tmp_path / "out")
    assert set(events.loc[events["doc_id"] == "report.txt", "case_id"]) == {"mine"}
    assert (raw / "cases.csv").read_text(encoding="utf-8") == "doc_id,case_id\nreport.txt,mine\n"


@pytest.mark.parametrize("where", [".", "out", "out/deeper"])
def test_output_folder_in_the_raw_folder_is_refused(tmp_path: Path, capsys, where):
    from oversight_research.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8")
    (raw / "cases.csv").write_text("doc_id,case_id\na,mine\n", encoding="utf-8")
    assert main(["extract", str(raw), "--out", str(raw / where), "--quiet"]) == 2
    assert "input folder" in capsys.readouterr().err
    assert sorted(p.name for p in raw.iterdir()) == ["a.txt", "cases.csv"]
    assert (raw / "cases.csv").read_text(encoding="utf-8") == "doc_id,case_id\na,mine\n"


def test_a_manifest_lists_overrides_unlisted_documents_stay_ok_and_cached(tmp_path: Path):
    from oversight_research.pipeline import extract
    from oversight_research.tables import read_table

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a", "b", "c"):
        (raw / f"{name}.txt").write_text(
            f"Headline {name}\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8"
        )
    extract(raw, tmp_path / "out", progress=False)
    (raw / "manifest.csv").write_text("doc_id,title\na,Manifest title\n", encoding="utf-8")
    summary = extract(raw, tmp_path / "out", progress=False)
    assert summary.cached == 2 and summary.problems == 0  # b and c from the cache, untouched
    articles = read_table("articles", tmp_path / "out").set_index("doc_id")
    assert articles.loc["a", "title"] == "Manifest title" and (articles["status"] == "ok").all()


# --------------------------------------------------------------------------- the CLI from another folder


def test_notebooks_are_found_from_another_folder_or_said_to_be_missing(tmp_path: Path, monkeypatch, capsys):
    from conftest import ROOT

    from oversight_research.cli import _notebooks, main

    monkeypatch.chdir(tmp_path)  # a corpus folder: no ./notebooks here
    assert _notebooks(Path("notebooks")) == ROOT / "notebooks"  # the ones beside the package
    assert main(["run", "--notebooks", str(tmp_path / "elsewhere"), "-p", 'processed_dir="x"']) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notebooks missing" in err and "does not exist" in err
    assert "unknown parameter" not in err


# --------------------------------------------------------------------------- typed rules (rules/ingest.py)


def _ingest_yaml() -> dict:
    import copy

    from oversight_research import rules

    return copy.deepcopy(rules.load("ingest"))


def test_the_ingest_rules_load_typed_and_compiled():
    from oversight_research.rules import ingest as ingest_rules

    r = ingest_rules.load()
    assert dict(r.chrome_lines)["share"].match("Share this article")
    assert not dict(r.chrome_lines)["share"].match("Share this article with a friend who was there")  # whole line
    assert dict(r.chrome_contains)["newsletter"].search("please sign up to our daily newsletter now")
    assert r.caption_credit.search("Officers at the scene (PA Media)")
    assert not r.caption_credit.search("Officers at the scene (pa media)")  # case-sensitive
    assert r.published_header.match("date 2021-11-19").group(1) == "2021-11-19"
    assert r.reference.search("iopc reference 2016/070829").group(2) == "2016/070829"
    assert ("policeconduct.gov.uk", "Independent Office for Police Conduct") in r.publisher_hosts
    assert "article:published_time" in r.html_date_meta


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["chrome_lines"].update(share=["(unclosed"]), "key chrome_lines.share: not a valid regular"),
        (lambda d: d["chrome_contains"].update(banner="one phrase"), "key chrome_contains.banner: must be a non-empty"),
        (lambda d: d.update(caption_credit=["a list"]), "key caption_credit: must be a non-empty string"),
        (lambda d: d["metadata_header"].pop("published"), "key metadata_header.published: missing"),
        (lambda d: d["metadata_header"].update(stamp="x"), "key metadata_header.stamp: unknown key"),
        (lambda d: d.update(headline_lexicon=["x"]), "key headline_lexicon: unknown key"),
        (
            lambda d: d["publisher_hosts"].update({"bbc.co.uk": ""}),
            "key publisher_hosts.bbc.co.uk: must be a non-empty",
        ),
        (lambda d: d.update(published_stamps=["ok", "[bad"]), "key published_stamps[1]: not a valid regular"),
        (lambda d: d.pop("reference"), "key reference: missing"),
    ],
)
def test_a_wrong_ingest_rule_names_its_key(edit, message):
    from oversight_research.rules import Reader, RulesError
    from oversight_research.rules import ingest as ingest_rules

    data = _ingest_yaml()
    edit(data)
    with pytest.raises(RulesError, match=re.escape(f"rules/ingest.yaml, {message}")):
        ingest_rules.IngestRules.parse(Reader("ingest", data))


# --------------------------------------------------------------------------- line scanning (exact shortcuts)

TRICKY = "  Title  \r\n\r\n\tSent from my iPhone\x0cline\u2028 two \x85\n\n  \nSIGN UP TO OUR daily emails\n"


@pytest.mark.parametrize(
    "text",
    [
        TRICKY,
        "",
        "one",
        "\n",
        "\n\n",
        "a\r\nb\rc\n",
        "ΟΔΥΣΣΕΥΣ\nSent from my phone\n",
        # only "\n" ends lines (the str.split path): blank, space-only, non-breaking and final lines
        "  Title \n\n\u00a0body\u2003 \n \t\nlast",
        "a\n \n",
        "\u00a0\n\u00a0",
    ],
)
def test_lines_are_scanned_as_lines_and_strip_span_would(text):
    from oversight_research.ingest import _stripped_lines
    from oversight_research.text import lines, strip_span

    assert _stripped_lines(text) == [strip_span(text, line) for line in lines(text)]


@pytest.mark.parametrize(
    "text", [TRICKY, "ΟΔΥΣΣΕΥΣ\nSent from my phone\n", "Text.\nsent from my phone\nMore text here.\n"]
)
def test_contains_cues_find_the_same_lines_as_line_by_line(text, monkeypatch):
    from oversight_research import ingest

    fast = [(line.kind, line.reason) for line in classify_lines(text)]
    monkeypatch.setattr(ingest, "_may_contain", lambda text, spans, lowered=None: None)  # every line tested on its own
    assert fast == [(line.kind, line.reason) for line in classify_lines(text)]
    assert ("chrome", "signature") in fast or "sent from my" not in text.lower()


# --------------------------------------------------------------------------- the frozen document and its view


def test_the_document_is_frozen_and_its_parts_cannot_change():
    import dataclasses

    doc = read_document(RAW / f"{SEEDS[0]}.txt", RAW)
    for name, value in (("text", "other"), ("status", "partial"), ("metadata", None), ("lowered", "x")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(doc, name, value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.metadata.title = "changed"  # type: ignore[misc]
    assert isinstance(doc.paragraphs, tuple) and isinstance(doc.problems, tuple)
    with pytest.raises(TypeError):
        doc.boilerplate["share"] = 99  # type: ignore[index]
    assert doc.boilerplate["no such reason"] == 0  # counts, like the Counter it was


def test_a_document_built_by_hand_keeps_tuples():
    from collections import Counter

    from oversight_research.ingest import Document, Paragraph

    paragraphs, chrome = [Paragraph(0, 4, "article")], Counter(share=2, menu=1)
    doc = Document(doc_id="t", path="t.txt", text="Text", paragraphs=paragraphs, boilerplate=chrome)
    paragraphs.append(Paragraph(5, 9, "article"))  # the caller's list and Counter are not the document's
    chrome["share"] += 1
    assert doc.paragraphs == (Paragraph(0, 4, "article"),)
    assert doc.boilerplate == {"menu": 1, "share": 2}


def test_metadata_is_typed_one_field_per_fact():
    import dataclasses

    from oversight_research import ingest, schema

    names = {f.name for f in dataclasses.fields(ingest.Metadata)}
    assert names >= ingest.MANIFEST_FIELDS  # every manifest column lands in a field
    assert names <= set(schema.columns("articles"))  # and every field is a column of the articles table
    doc = read_document(RAW / "002_f3618189f69007e2.txt", RAW)
    assert isinstance(doc.metadata, ingest.Metadata) and doc.metadata.author is None
    assert ingest.Metadata().published_source == "none"


def test_an_unknown_manifest_key_is_an_error_not_a_silent_null(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'titel'"):
        read_document(tmp_path / "a.txt", tmp_path, {"doc_id": "a", "titel": "Typo"})


def test_manifest_problems_are_kept_apart_and_listed_in_order(tmp_path: Path):
    from oversight_research.extract import extract_document

    (tmp_path / "a.txt").write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "manifest.csv").write_text(
        "doc_id,title,published\na,Given title,2021-13-01\nempty,Empty,1/2/2020\n", encoding="utf-8"
    )
    rows, _ = read_manifest(tmp_path)
    doc = read_document(tmp_path / "a.txt", tmp_path, rows["a"])
    assert doc.reading_problems == () and doc.content_problems == ()
    assert doc.manifest_problems == ("manifest.csv line 2: published date '2021-13-01' is not a valid date; ignored",)
    assert doc.problems == doc.manifest_problems and doc.status == "partial"
    assert doc.metadata.title == "Given title" and doc.metadata.published is None
    empty = read_document(tmp_path / "empty.txt", tmp_path, rows["empty"])
    assert empty.content_problems == ("empty document",) and len(empty.manifest_problems) == 1
    assert empty.problems == (*empty.manifest_problems, "empty document")  # the manifest's first, as always
    (article,) = extract_document(tmp_path / "empty.txt", tmp_path, rows["empty"])["articles"]
    assert article["problems"] == "; ".join(empty.problems) and article["status"] == "unreadable"


def test_a_failing_extractor_reaches_the_articles_row_not_the_document(monkeypatch):
    from oversight_research import extract as extract_mod

    seen = []

    def broken(doc):
        seen.append(doc)
        raise RuntimeError("broken on purpose")

    changed = tuple((name, broken if name == "outcomes" else fn) for name, fn in extract_mod.EXTRACTORS)
    monkeypatch.setattr(extract_mod, "EXTRACTORS", changed)
    result = extract_mod.extract_document(RAW / f"{SEEDS[0]}.txt", RAW)
    (article,) = result["articles"]
    assert article["status"] == "partial" and result["outcomes"] == []
    assert article["problems"] == "outcomes extractor failed: RuntimeError: broken on purpose"
    (doc,) = seen
    assert doc.problems == () and doc.status == "ok"  # the document is as it was read
    assert result["events"] and result["statements"]  # the other extractors' rows are kept


def test_article_row_adds_later_problems_after_the_documents_own(tmp_path: Path):
    from oversight_research.ingest import article_row

    (tmp_path / "a.txt").write_bytes("Headline\n\nCaf\xe9 owners were investigated.\n".encode("cp1252"))
    doc = read_document(tmp_path / "a.txt", tmp_path)
    assert doc.status == "partial"
    row = article_row(doc, 1, ["statements extractor failed: KeyError: 'x'"])
    assert row["problems"] == "not valid UTF-8; decoded as cp1252; statements extractor failed: KeyError: 'x'"
    assert row["status"] == "partial" and article_row(doc, 1)["problems"] == "not valid UTF-8; decoded as cp1252"
    assert article_row(read_document(RAW / f"{SEEDS[0]}.txt", RAW), 1, ["x"])["status"] == "partial"


def test_the_view_lowers_and_splits_once_and_matches_the_helpers():
    from oversight_research.ingest import Document, Paragraph, sentence_spans
    from oversight_research.text import Span, lower_same_length, sentences

    doc = read_document(RAW / "001_4acca05a35b64bc4.txt", RAW)
    assert "lowered" in doc.__dict__  # read_document lowered the text already, for the metadata
    assert doc.lowered == lower_same_length(doc.text) and len(doc.lowered) == len(doc.text)
    assert doc.paragraph_sentences is doc.paragraph_sentences  # split once
    assert len(doc.paragraph_sentences) == len(doc.paragraphs)
    for para, spans in zip(doc.paragraphs, doc.paragraph_sentences, strict=True):
        assert list(spans) == sentences(doc.text, Span(para.start, para.end))
    by_hand = Document(
        doc_id="t", path="t.txt", text="İSTANBUL. Mr. Smith spoke.", paragraphs=[Paragraph(0, 26, "article")]
    )
    assert by_hand.lowered == "İstanbul. mr. smith spoke." and "lowered" in by_hand.__dict__
    assert [by_hand.text[s.start : s.end] for _, _, s in sentence_spans(by_hand)] == ["İSTANBUL.", "Mr. Smith spoke."]


def test_lines_are_labelled_alike_with_the_documents_lowered_text():
    from oversight_research.text import lower_same_length

    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(RAW.glob("*.txt"))]
    texts.append("ΣΤΟΠ\nSign up to our daily newsletter\nİSTANBUL police said.\n")  # letters whose lower case varies
    for text in texts:
        assert classify_lines(text, lower_same_length(text)) == classify_lines(text)
    assert [ln.kind for ln in classify_lines(texts[-1], lower_same_length(texts[-1]))][1] == "chrome"


@pytest.mark.parametrize("spelling", ["raw", "raw/", "./raw", "absolute"])
def test_doc_ids_names_every_file_as_doc_id_does(tmp_path: Path, monkeypatch, spelling):
    from oversight_research.ingest import doc_id, doc_ids, list_raw_files

    raw = tmp_path / "raw"
    (raw / "2024" / "deep").mkdir(parents=True)
    (raw / "b").mkdir()
    for name in ("report.txt", "report.html", "notes.md", "README", "2024/report.txt", "2024/deep/x.txt", "b/a.txt"):
        (raw / name).write_text("x", encoding="utf-8")
    (raw / "a.b.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    folder = raw if spelling == "absolute" else Path(spelling)
    paths = list_raw_files(folder)
    assert paths == sorted(paths, key=lambda p: p.relative_to(folder).parts)
    assert [p.relative_to(folder).as_posix() for p in paths] == [
        "2024/deep/x.txt",
        "2024/report.txt",
        "README",
        "a.b.txt",
        "b/a.txt",
        "notes.md",
        "report.html",
        "report.txt",
    ]
    names = doc_ids(paths, folder)
    assert names == [doc_id(p, folder) for p in paths]
    assert names == ["2024/deep/x", "2024/report", "README", "a.b", "b/a", "notes", "report.html", "report.txt"]
