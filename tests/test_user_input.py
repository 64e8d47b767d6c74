"""Defects a user's own corpus showed (the fifth session's review): bad rows
of a manifest, odd files, odd output folders — each a clear one-line message,
nothing silently lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oversight_research.cli import main
from oversight_research.errors import InputError
from oversight_research.ingest import read_manifest


def _raw(tmp_path: Path, names: str = "abcd") -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        (raw / f"{name}.txt").write_text(f"Headline {name}\n\nOfficers were investigated on 3 May 2021.\n")
    return raw


def test_an_unclosed_quote_in_the_manifest_is_one_error_naming_its_line(tmp_path: Path, capsys):
    raw = _raw(tmp_path)
    # the quote opened on line 2 never closes: every later row would become a's title
    (raw / "manifest.csv").write_text(
        'doc_id,title\na,"Officer dismissed today\nb,Second title\nc,Third\n', encoding="utf-8"
    )
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "manifest.csv" in err and "line 2" in err and "never closed" in err


def test_a_quoted_field_over_lines_that_closes_is_still_read(tmp_path: Path):
    (tmp_path / "manifest.csv").write_text('doc_id,title\na,"Two\nlines"\nb,"Say ""hi"""\n', encoding="utf-8")
    rows, problems = read_manifest(tmp_path)
    assert rows == {"a": {"title": "Two\nlines"}, "b": {"title": 'Say "hi"'}} and problems == []


def test_manifest_columns_nobody_reads_are_reported(tmp_path: Path):
    (tmp_path / "manifest.csv").write_text(
        "doc_id,title,date,License,final_url,fetched\na,T,2024-01-01,OGL,https://x.org,2024-01-02\n",
        encoding="utf-8",
    )
    rows, problems = read_manifest(tmp_path)
    assert rows == {"a": {"title": "T"}}
    (problem,) = problems
    assert "'date'" in problem and "'license'" in problem and "ignored" in problem
    assert "final_url" not in problem and "fetched" not in problem  # written by `fetch`: known, not reported
    assert "published" in problem  # the columns it does read are named


def test_manifest_cells_beyond_the_header_are_reported(tmp_path: Path):
    (tmp_path / "manifest.csv").write_text("doc_id,title\na,Title A\nb,Title, with a comma\n", encoding="utf-8")
    rows, problems = read_manifest(tmp_path)
    assert rows["b"] == {"title": "Title"}
    assert problems == [
        "manifest.csv line 3: 'with a comma' under no column of the header ignored"
        " (quote a value that holds the delimiter ',')"
    ]


def test_a_whole_number_parameter_refuses_a_fraction(tmp_path: Path):
    """``max_cases = 30``: 2.5 would reach ``frame.head(2.5)`` and fail mid-notebook."""
    import nbformat

    from oversight_research.notebooks import NotebookError, check_parameters

    path = tmp_path / "nb.ipynb"
    cell = nbformat.v4.new_code_cell("max_cases = 30  # cases drawn\nshare = 0.5  # a share")
    cell.metadata["tags"] = ["parameters"]
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    with pytest.raises(NotebookError, match=r"'max_cases' should be int, got float \(2\.5\)"):
        check_parameters(path, {"max_cases": 2.5})
    check_parameters(path, {"max_cases": 3, "share": 1})  # a whole number is a fine float


@pytest.mark.parametrize(
    ("table", "field", "typo", "right"),
    [
        ("statements", "role", "famly", "family"),
        ("outcomes", "category", "dismisal", "dismissal"),
        ("outcomes", "subject", "officers", "officer"),
        ("outcomes", "status", "real", "actual"),
        ("events", "event_type", "Harm", "harm"),
        ("events", "precision", "days", "day"),
        ("statements", "kind", "quote", "full"),
    ],
)
def test_a_correction_to_a_code_outside_the_codebook_is_not_applied(table, field, typo, right):
    """A typo in a coded field made a new role or category nobody counts (and an
    outcome kept the old category's stage and severity), silently."""
    from oversight_research.corrections import parse

    text = f"row_id,action,{field},reviewer\nabc,set,{typo},ann\nabd,set,{right},ann\nabe,set,NULL,ann\n"
    found, problems = parse(table, text)
    assert [c.row_id for c in found] == ["abd", "abe"]
    (problem,) = problems
    assert f"{table}.csv line 2" in problem and repr(typo) in problem and right in problem and "not applied" in problem


def test_an_output_folder_that_is_a_file_is_named_as_such(tmp_path: Path, capsys):
    raw = _raw(tmp_path, "a")
    taken = tmp_path / "results"
    taken.write_text("my notes\n")
    commands = [
        ["extract", str(raw), "--out", str(taken), "--quiet"],
        ["extract", str(raw), "--out", str(taken / "tables"), "--quiet"],
        ["run", "--processed", str(tmp_path / "out"), "--executed", str(taken), "--quiet"],
    ]
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    capsys.readouterr()
    for argv in commands:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err == f"error: {taken} is a file, not a folder: give a folder (or move the file)\n", argv
    assert taken.read_text() == "my notes\n"


def test_a_url_list_fetches_a_page_once_whatever_its_fragment(tmp_path: Path):
    """``page#top`` is the page ``page`` (the fragment never reaches the server):
    it was saved a second time, a duplicate document in every table."""
    from oversight_research.fetch import Fetcher, fetch_urls, read_url_list

    urls = tmp_path / "urls.txt"
    urls.write_text("https://example.org/page\nhttps://example.org/other#a\nhttps://example.org/page#top\n")
    assert read_url_list(urls) == ["https://example.org/page", "https://example.org/other#a"]

    class Offline(Fetcher):
        def allowed(self, url: str) -> bool:
            return True

        def get(self, url: str):
            raise AssertionError(f"requested {url}")

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.html").write_text("<html><body><p>Saved before.</p></body></html>")
    (raw / "manifest.csv").write_text("doc_id,source_url\npage,https://example.org/page\n")
    urls.write_text("https://example.org/page#section-2\n")
    summary = fetch_urls(urls, raw, Offline(delay=0))
    assert [o.result for o in summary.outcomes] == ["skipped"]


def test_two_files_with_the_same_bytes_are_a_warning(tmp_path: Path, capsys):
    """A copy of a file (saved twice, or in two folders) is a second document in
    every count and figure; extract kept both without a word."""
    raw = _raw(tmp_path, "ab")
    (raw / "sub").mkdir()
    (raw / "sub" / "a copy.txt").write_bytes((raw / "a.txt").read_bytes())
    (raw / "empty1.txt").write_bytes(b"")
    (raw / "empty2.txt").write_bytes(b"")  # unreadable twice over: already said, not a copy
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "same bytes" in line]
    assert lines == [
        "warning: documents 'a', 'sub/a copy' have the same bytes: each is counted in every table and figure"
        " (remove the copies unless that is meant)"
    ]


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\n", "\u2028"])
def test_a_line_break_of_any_kind_in_a_value_stays_inside_its_markdown_line(brk):
    """A sentence of a file with old Mac line ends holds a lone CR: Markdown reads
    it as a line end, so ``- item`` after it became a list and a table row broke."""
    import mistune

    from oversight_research.display import md_text

    text = md_text("| quote | n |\n|---|---|\n| {x} | 2 |", x=f"He said{brk}{brk}- item one{brk}=====")
    assert "\r" not in text and "\u2028" not in text
    rendered = mistune.html(text)
    assert "<li>" not in rendered and "<td>He said - item one =====</td>" in rendered.replace("\n", " ")


def test_the_readme_papermill_command_writes_figures_inside_the_project(tmp_path: Path):
    """The parameters cells' defaults (``figures_dir = "../reports/figures"``) are
    relative to notebooks/; papermill runs the kernel in the folder it is called
    from, so the README's command, run at the project's root, wrote the figures
    into ``<project>/../reports/figures``."""
    import re
    import shlex
    import shutil
    import subprocess
    import sys

    from oversight_research.pipeline import extract

    root = Path(__file__).resolve().parents[1]
    block = (root / "README.md").read_text(encoding="utf-8").split("## Running one notebook with other parameters")[1]
    command = re.search(r"```bash\n(.*?papermill.*?)\n#", block, re.S)[1].replace("\\\n", " ")
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    shutil.copy(root / "notebooks" / "01_missed_opportunity_timelines.ipynb", project / "notebooks")
    raw = _raw(tmp_path, "a")
    (raw / "a.txt").write_text(
        "Headline\n\nShe called 999 on 1 May 2021 to report threats. She was killed on 3 May 2021.\n"
    )
    extract(raw, project / "data" / "processed", progress=False, cache=False)
    argv = shlex.split(command.replace("$PWD", str(project)))
    assert argv[0] == ".venv/bin/papermill"
    argv = [sys.executable, "-m", "papermill", *argv[1:]]
    argv[argv.index("/tmp/out.ipynb")] = str(tmp_path / "out.ipynb")
    subprocess.run(argv, cwd=project, check=True, capture_output=True)
    assert not (tmp_path / "reports").exists()  # nothing written beside the project
    assert list((project / "reports" / "figures").glob("timeline-*.png"))


def test_review_of_a_document_not_in_the_tables_is_refused(tmp_path: Path, capsys):
    """``--doc`` with a typo wrote an empty sheet ("0 rows to review"), as --case did before."""
    raw = _raw(tmp_path, "ab")
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["review", "--table", "events", "--tables", str(out), "--doc", "c", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert err == f"error: --doc 'c' is not a document of {out}; documents: a, b\n"
    assert not (tmp_path / "r").exists()
    assert main(["review", "--table", "events", "--tables", str(out), "--doc", "b", "--out", str(tmp_path / "r")]) == 0


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'{"doc_id": "a", "events": [\n', "a.json: not valid JSON (line 2, column 1: Expecting value)"),
        (b"[1, 2]\n", "a.json: holds a JSON list, not one document's annotation (an object)"),
        (b'\xff\xfe{"doc_id": "a"}', "a.json: not UTF-8 text"),
        (b'{"doc_id": "a", "events": "none"}', "a.json: events must be a list of objects"),
        (b'{"doc_id": "a", "outcomes": ["dismissal"]}', "a.json: outcomes must be a list of objects"),
    ],
)
def test_a_broken_gold_file_is_one_line_not_a_traceback(tmp_path: Path, capsys, content, why):
    raw = _raw(tmp_path, "a")
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    gold = tmp_path / "gold" / "myset"
    gold.mkdir(parents=True)
    (gold / "a.json").write_bytes(content)
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--tables", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and f"myset/{why}" in err, err
    if "JSON list" in why or "objects" in why:  # check-gold reports files it cannot parse, but failed on these
        assert main(["check-gold", "--gold", str(tmp_path / "gold"), "--raw", str(raw)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"myset/{why}" in err, err


def _outcome_rows(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text(
        "Officer dismissed\n\nPC Jane Smith was dismissed without notice on 1 May 2020, the IOPC said.\n"
        "\nTwo officers were given final written warnings.\n"
    )
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    from oversight_research.tables import read_table

    return raw, out, list(read_table("outcomes", out)["row_id"])


def test_a_sheet_saved_by_excel_with_semicolons_is_read(tmp_path: Path, capsys):
    """Excel in a French or German locale saves CSV with ';': every row read as
    one cell, no decision was found, and 'review --apply' said nothing of it."""
    from oversight_research import review

    _, out, ids = _outcome_rows(tmp_path)
    frame = review.sheet("outcomes", out)
    frame.loc[frame.index[0], ["action", "reviewer", "note"]] = ["drop", "Zoë", "not an outcome; checked"]
    filled = tmp_path / "filled.csv"
    filled.write_bytes(frame.to_csv(index=False, sep=";").encode("cp1252"))
    corrections = tmp_path / "data" / "corrections"
    assert main(["review", "--apply", str(filled), "--corrections", str(corrections)]) == 0
    printed = capsys.readouterr().out
    assert "1 new correction(s)" in printed
    assert (
        f"extract reads <raw folder>/../corrections, so for a raw folder elsewhere give --corrections {corrections}"
        in printed
    )
    assert "drop,Zoë,not an outcome; checked" in (corrections / "outcomes.csv").read_text(encoding="utf-8")


def test_a_sheet_with_no_decision_is_said_so(tmp_path: Path, capsys):
    from oversight_research import review

    _, out, _ = _outcome_rows(tmp_path)
    filled = tmp_path / "filled.csv"
    filled.write_text(review.sheet("outcomes", out).to_csv(index=False))
    assert main(["review", "--apply", str(filled), "--corrections", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no decision" in err and "action" in err
    filled.write_text("doc_id,title\na,Officer dismissed\n")  # not a review sheet at all
    assert main(["review", "--apply", str(filled), "--corrections", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a review sheet" in err and "action" in err
    assert not (tmp_path / "c").exists()


def test_a_corrections_file_saved_by_excel_is_applied(tmp_path: Path, capsys):
    """A corrections file edited in Excel (cp1252, ';') stopped extract with a
    UnicodeDecodeError traceback, or had every line refused."""
    raw, out, ids = _outcome_rows(tmp_path)
    corrections = tmp_path / "data" / "corrections"
    corrections.mkdir()
    (corrections / "outcomes.csv").write_bytes(
        f"row_id;action;reviewer;note\n{ids[0]};drop;Renée;café\n".encode("cp1252")
    )
    capsys.readouterr()
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not applied" not in err and "unknown column" not in err
    from oversight_research.tables import read_table

    assert ids[0] not in set(read_table("outcomes", out)["row_id"])
    assert list(read_table("review_codes", out)["reviewer"].unique()) == ["Renée"]


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_must_be_a_whole_number_from_one(tmp_path: Path, capsys, jobs):
    """--jobs 0 and --jobs -3 ran one process without a word."""
    raw = _raw(tmp_path, "a")
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(raw), "--out", str(tmp_path / "out"), "--jobs", jobs, "--quiet"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --jobs: {jobs!r} is not a number of worker processes (1 or more)" in err
    assert not (tmp_path / "out").exists()


def test_a_file_name_that_is_not_utf8_is_one_partial_row_not_a_crash(tmp_path: Path, capsys, monkeypatch):
    """A zip made on Windows leaves names in cp1252 (b'caf\\xe9.txt'): the whole
    extract stopped with UnicodeEncodeError: surrogates not allowed."""
    import os

    from oversight_research.tables import read_table

    _raw(tmp_path, "a")
    monkeypatch.chdir(tmp_path)  # a relative path, so the name is the file system's own bytes
    Path(os.fsdecode(b"raw/caf\xe9 report.txt")).write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n")
    assert main(["extract", "raw", "--out", "out", "--quiet"]) == 0
    capsys.readouterr()
    articles = read_table("articles", tmp_path / "out").set_index("doc_id")
    assert sorted(articles.index) == ["a", "caf\\xe9 report"]
    row = articles.loc["caf\\xe9 report"]
    assert row["path"] == "caf\\xe9 report.txt" and row["status"] == "partial" and row["n_sentences"] > 0
    assert "file name is not valid UTF-8" in row["problems"]
    assert articles.loc["a", "status"] == "ok"
    # and again from the cache: the same tables
    first = (tmp_path / "out" / "articles.csv").read_bytes()
    assert main(["extract", "raw", "--out", "out", "--quiet"]) == 0
    assert (tmp_path / "out" / "articles.csv").read_bytes() == first


def test_a_file_that_cannot_be_read_gives_the_same_row_wherever_the_corpus_lies(tmp_path: Path):
    """The problem of a dangling symlink (or any file the system refuses) was the
    OSError text with the absolute path ('[Errno 2] No such file or directory:
    '/home/alice/corpus/nowhere''): a home folder in the tables and the report,
    and other tables for the same corpus in another folder."""
    import shutil

    rows = []
    for where in ("one", "two/deeper"):
        raw = tmp_path / where / "raw"
        raw.mkdir(parents=True)
        (raw / "a.txt").write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n")
        (raw / "dangling.txt").symlink_to("nowhere.txt")
        assert main(["extract", str(raw), "--out", str(tmp_path / where / "out"), "--quiet"]) == 0
        rows.append((tmp_path / where / "out" / "articles.csv").read_bytes())
        shutil.rmtree(raw)
    assert rows[0] == rows[1]
    assert b"symlink to nowhere.txt, which does not exist; not read" in rows[0]
    assert str(tmp_path).encode() not in rows[0]


def test_run_refuses_a_processed_dir_parameter_that_is_not_its_tables_folder(tmp_path: Path, capsys):
    """-p processed_dir=OTHER made the notebooks read OTHER while run locked and
    stamped them with the generation of --processed: the report then took them
    as run on the tables its findings are computed from."""
    raw = _raw(tmp_path, "a")
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    other = tmp_path / "other"
    argv = ["run", "--processed", str(out), "--executed", str(tmp_path / "exec"), "--quiet"]
    assert main([*argv, "-p", f'processed_dir="{other}"']) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--processed" in err and "processed_dir" in err
    assert not (tmp_path / "exec").exists()


def test_a_manifest_row_naming_the_file_with_its_extension_says_which_doc_id_it_means(tmp_path: Path):
    (tmp_path / "report.txt").write_text("Headline\n\nOfficers were investigated on 3 May 2021.\n")
    (tmp_path / "manifest.csv").write_text("doc_id,title\nreport.txt,Officer dismissed\nelse,X\n")
    _, problems = read_manifest(tmp_path, {"report"})
    assert problems == [
        "manifest.csv names 'report.txt' but there is no such file (a doc_id is the file's path without its"
        " extension: 'report')",
        "manifest.csv names 'else' but there is no such file",
    ]


def test_a_cases_file_row_naming_no_document_is_a_warning(tmp_path: Path, capsys):
    """cases.csv rows for 'a.txt' or a typo were dropped without a word, and the
    documents they meant grouped by the rule instead."""
    raw = _raw(tmp_path, "ab")
    (raw / "cases.csv").write_text("doc_id,case_id\na.txt,case-1\nb,case-1\nzzz,case-2\n")
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert (
        "warning: cases.csv names 'a.txt' but there is no such file (a doc_id is the file's path without its"
        " extension: 'a')"
    ) in err
    assert "warning: cases.csv names 'zzz' but there is no such file\n" in err


def test_a_cases_file_without_a_case_id_column_says_so(tmp_path: Path):
    from oversight_research.ingest import read_cases_file

    (tmp_path / "cases.csv").write_text("doc_id,case\na,case-1\n")
    found, problems = read_cases_file(tmp_path, {"a"})
    assert found == {}
    assert problems == ["cases.csv: column(s) 'case' ignored: the columns it reads are doc_id, case_id"]


def test_report_on_a_tables_folder_that_does_not_exist_says_so(tmp_path: Path, capsys):
    """A typo in --processed was reported as 'not executed yet' or 'run on other tables'."""
    assert main(["report", "--processed", str(tmp_path / "typo"), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: no tables in {tmp_path / 'typo'}: the folder does not exist; run `oversight-research extract "
        f"RAW_DIR --out {tmp_path / 'typo'}` first (or pass --processed DIR)\n"
    )
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--timeout", "0", "'0' is not a number of seconds above 0"),
        ("--timeout", "-1", "'-1' is not a number of seconds above 0"),
        ("--delay", "-5", "'-5' is not a number of seconds from 0"),
        ("--retries", "-2", "'-2' is not a whole number from 0"),
        ("--delay", "nan", "'nan' is not a number of seconds from 0"),
    ],
)
def test_fetch_options_out_of_range_are_usage_errors(tmp_path: Path, capsys, option, value, message):
    """--timeout -1 ended in a ValueError traceback; --timeout 0 reported every URL
    as disallowed by robots.txt (the robots request could not wait at all)."""
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a\n")
    with pytest.raises(SystemExit) as stop:
        main(["fetch", str(urls), "--raw", str(tmp_path / "raw"), option, value])
    assert stop.value.code == 2
    assert f"argument {option}: {message}" in capsys.readouterr().err
    assert not (tmp_path / "raw").exists()


def test_read_table_names_the_tables_when_a_name_or_folder_is_wrong(tmp_path: Path):
    """A notebook's read_table("evnts", ...) failed with FileNotFoundError: [Errno 2]
    ... '/abs/path/evnts.csv' (and a missing table the same way)."""
    from oversight_research.errors import InputError
    from oversight_research.tables import read_table

    raw = _raw(tmp_path, "a")
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    with pytest.raises(InputError, match=r"no table 'evnts': the tables are articles, sentences, events"):
        read_table("evnts", out)
    with pytest.raises(InputError, match=r"no evaluation table in .*out: `oversight-research evaluate`"):
        read_table("evaluation", out)
    with pytest.raises(InputError, match=r"no events table in .*typo: `oversight-research extract`"):
        read_table("events", tmp_path / "typo")


def test_a_web_page_saved_under_a_pdf_name_says_so(tmp_path: Path):
    """A download that got a login or error page instead of the report was a
    'damaged PDF ... PdfStreamError: Stream has ended unexpectedly'."""
    from oversight_research.ingest import read_document

    path = tmp_path / "report.pdf"
    path.write_bytes(b"<!DOCTYPE html>\n<html><body><p>Access denied</p></body></html>")
    doc = read_document(path, tmp_path)
    assert doc.status == "unreadable"
    assert doc.problems == (
        "not a PDF (it does not start with %PDF-): an HTML page, such as a login or error page saved under a .pdf name",
    )
    path.write_bytes(b"\x00\x01junk")
    assert read_document(path, tmp_path).problems == ("not a PDF (it does not start with %PDF-)",)
    path.write_bytes(b"")
    assert read_document(path, tmp_path).problems == ("empty document",)  # as an empty .txt


def test_a_bad_url_in_the_list_is_one_failure_and_the_rest_is_fetched(tmp_path: Path):
    """A space in a URL (http.client.InvalidURL), a port out of range or a broken
    IPv6 host (ValueError) stopped the whole fetch with a traceback."""
    from oversight_research.fetch import Fetcher, fetch_urls

    class Offline(Fetcher):
        asked: list[str] = []

        def allowed(self, url: str) -> bool:
            return True

        def get(self, url: str):
            self.asked.append(url)
            return 200, url, "text/plain", b"Officers were investigated on 3 May 2021."

    urls = tmp_path / "urls.txt"
    urls.write_text(
        "https://example.org/my page.html\nhttps://example.org:99999/x\nhttp://[::1/x#top\nhttps://example.org/fine\n"
    )
    fetcher = Offline(delay=0)
    summary = fetch_urls(urls, tmp_path / "raw", fetcher)
    assert [(o.result, o.detail) for o in summary.outcomes] == [
        ("failed", "holds a space or a control character: write it percent-encoded (a space is %20)"),
        ("failed", "not a valid URL (Port out of range 0-65535)"),
        ("failed", "not a valid URL (Invalid IPv6 URL)"),
        ("saved", "HTTP 200, 41 bytes"),
    ]
    assert fetcher.asked == ["https://example.org/fine"]


def test_a_response_cut_off_midway_is_retried_then_a_failure(tmp_path: Path):
    import http.client

    from oversight_research.fetch import Fetcher, _Failed

    class Cut(Fetcher):
        calls = 0

        def _open(self, url: str, accept: str):
            Cut.calls += 1
            raise http.client.IncompleteRead(b"partial", 100)

    fetcher = Cut(delay=0, retries=2, sleep=lambda s: None)
    with pytest.raises(_Failed, match="IncompleteRead"):
        fetcher.get("https://example.org/a")
    assert Cut.calls == 3


def test_a_corrections_file_named_for_no_table_is_a_warning(tmp_path: Path, capsys):
    """data/corrections/outcome.csv (for outcomes.csv) was never read, without a word."""
    raw, out, ids = _outcome_rows(tmp_path)
    corrections = tmp_path / "data" / "corrections"
    corrections.mkdir()
    (corrections / "outcome.csv").write_text(f"row_id,action,reviewer\n{ids[0]},drop,ann\n")
    capsys.readouterr()
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert (
        f"warning: corrections {corrections / 'outcome.csv'}: not read: a corrections file is named for its table"
        " (events.csv, missed_opportunities.csv, outcomes.csv, statements.csv)"
    ) in err


GOLD_TYPE_ERRORS = [  # gold file content, the field the error line names
    ('{"doc_id": "a", "events": [{"date": 5}]}', "events[0].date 5 is not text"),
    ('{"doc_id": "a", "statements": [{"speaker": null}]}', "statements[0].quote_start is missing"),
    ('{"doc_id": "a", "statements": [{"quote_start": "x", "speaker": ["A"]}]}', "statements[0].speaker ['A']"),
    ('{"doc_id": "a", "events": [{"type": ["harm"], "date": "2021-05-03", "text": "3 May"}]}', "events[0].type"),
    ('{"doc_id": "a", "events": [{"date": null, "text": 3}]}', "events[0].text 3 is not text"),
    ('{"doc_id": "a", "outcomes": [{"category": ["dismissal"], "evidence": "x"}]}', "outcomes[0].category"),
    ('{"doc_id": "a", "outcomes": [{"category": "dismissal", "count": "two"}]}', "outcomes[0].count 'two'"),
    (
        '{"doc_id": "a", "missed_opportunities": [{"harm_date": "2021-05-03"}]}',
        "missed_opportunities[0].warning_date is missing",
    ),
    (
        '{"doc_id": "a", "missed_opportunities": [{"warning_date": "2021", "harm_date": "2022", "interval_days": "3"}]}',
        "missed_opportunities[0].interval_days '3'",
    ),
    ('{"doc_id": 5}', "doc_id 5 is not text"),
]


def test_a_gold_field_of_the_wrong_type_is_a_problem_for_check_gold_and_refused_by_evaluate(tmp_path: Path, capsys):
    """Deeper type errors crashed evaluate (KeyError, TypeError, pyarrow's
    ArrowTypeError) or scored a wrong value without a word ("date": 5), and
    some crashed check-gold too: each is now one line naming file and field."""
    raw = _raw(tmp_path, "a")
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    gold = tmp_path / "gold" / "myset"
    gold.mkdir(parents=True)
    for content, field in GOLD_TYPE_ERRORS:
        (gold / "a.json").write_text(content, encoding="utf-8")
        capsys.readouterr()
        assert main(["check-gold", "--gold", str(tmp_path / "gold"), "--raw", str(raw)]) == 1, content
        assert f"myset/a.json: {field}" in capsys.readouterr().out, content
        assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--tables", str(out)]) == 2, content
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"myset/a.json: {field}" in err, (content, err)
        assert not (out / "evaluation.csv").exists()  # nothing scored from a file it cannot read as written


def test_a_document_annotated_in_two_sets_is_a_problem_not_one_silently_dropped(tmp_path: Path, capsys):
    """``load_gold`` kept the later of two files annotating one doc_id (dev/a.json
    over seeds/a.json) and scored it in its set only, without a word."""
    from oversight_research.evaluate import evaluate

    raw = _raw(tmp_path, "a")
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    for name in ("seeds", "dev"):
        (tmp_path / "gold" / name).mkdir(parents=True)
        (tmp_path / "gold" / name / "a.json").write_text('{"doc_id": "a"}', encoding="utf-8")
    capsys.readouterr()
    assert main(["check-gold", "--gold", str(tmp_path / "gold"), "--raw", str(raw)]) == 1
    assert "seeds/a.json: annotates document 'a', which dev/a.json annotates too" in capsys.readouterr().out
    with pytest.raises(InputError, match="which dev/a.json annotates too"):
        evaluate(tmp_path / "gold", out)


FORMULA_LINE = '=HYPERLINK("http://x","click")'
DANGER = ("=", "+", "-", "@", "\t", "\r")


def _no_formula_cell(path: Path) -> int:
    """How many cells of the CSV ``path`` were neutralised; fails on any a spreadsheet would run."""
    import csv

    neutralised = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            for cell in row:
                if re.fullmatch(r"-?\d+(\.\d+)?(e[+-]?\d+)?", cell):
                    continue  # a number of a numeric column (a score of -0.5), not text
                assert not cell.startswith(DANGER), (path.name, cell)
                neutralised += cell.startswith("'") and cell.lstrip("'").startswith(DANGER)
    return neutralised


def test_a_formula_line_whose_quoted_text_becomes_a_statement_is_never_a_formula(tmp_path: Path):
    """A document line ``=HYPERLINK("http://x","click")``: its quoted URL is a
    statement (the statements helper's to decide), and the line reaches the
    sentences, the review sheet, a reviewer's note in the corrections, the
    evaluation errors, a figure's CSV and the notebooks' HTML and Markdown:
    neutralised in every CSV, escaped in every page, and exact in Parquet."""
    import pandas as pd

    from oversight_research import display, review
    from oversight_research.tables import read_table

    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text(
        f"Officer dismissed after inquiry\n\nThe officer was dismissed on 3 May 2021, the IOPC said.\n\n"
        f'{FORMULA_LINE}\n\n@cmd "We failed her," said Ann Cole.\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    statements = read_table("statements", out)
    assert FORMULA_LINE in read_table("sentences", out)["text"].tolist()  # exact text in Parquet
    for name in ("sentences", "statements", "articles", "events"):
        _no_formula_cell(out / f"{name}.csv")
    assert _no_formula_cell(out / "sentences.csv") >= 2

    rev = tmp_path / "rev"
    page, sheet, _ = review.write_sheet("statements", out, rev)
    assert _no_formula_cell(sheet) >= 1  # the evidence sentence around the quote: '=HYPERLINK(
    assert "HYPERLINK(&quot;" in page.read_text(encoding="utf-8")
    frame = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    frame.loc[0, ["action", "reviewer", "note"]] = ["ok", "@me", FORMULA_LINE]
    frame.to_csv(sheet, index=False)
    review.apply_sheet(sheet, tmp_path / "data" / "corrections")
    assert _no_formula_cell(tmp_path / "data" / "corrections" / "statements.csv") == 2  # reviewer and note

    gold = tmp_path / "gold" / "set"
    gold.mkdir(parents=True)
    (gold / "a.json").write_text(
        '{"doc_id": "a", "statements": [{"quote_start": "=SUM(1,2)", "speaker": "+Ann", "role": "family"}]}',
        encoding="utf-8",
    )
    assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--tables", str(out)]) == 0
    assert _no_formula_cell(out / "evaluation_errors.csv") >= 1

    # a figure's table: case labels as text and as categories (a plotting order)
    labels = [FORMULA_LINE, "-1 officers", "plain"]
    data = pd.DataFrame({"label": labels, "ordered": pd.Categorical(labels), "n": [-1, 2, 3]})
    figure_csv = tmp_path / "figure.csv"
    display.spreadsheet_safe(data).to_csv(figure_csv, index=False)
    assert _no_formula_cell(figure_csv) == 4

    # the notebooks: a table and a sentence of Markdown
    shown = display.table_html(statements.assign(note=FORMULA_LINE))
    assert '"http://x"' not in shown and "&quot;http://x&quot;" in shown
    assert "(" not in display.md_text("{q}", q=FORMULA_LINE).replace("\\(", "")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"holdout: [\n", "not valid YAML (line 2, column 1)"),
        (b"- holdout\n", "holds a YAML list"),
        (b"\xff\xfeh\x00", "not UTF-8 text"),
        (b"holdout: 5\n", "set 'holdout' is 5"),
        (b'holdout: {tuned: "false"}\n', "set 'holdout' is {'tuned': 'false'}"),  # a string: was read as tuned
    ],
)
def test_a_broken_sets_yaml_is_one_line_for_evaluate_and_a_problem_for_check_gold(tmp_path: Path, capsys, content, why):
    """sets.yaml says which sets are the fair (untuned) estimate: a YAML error,
    a list or a non-UTF-8 file was a traceback, and a quoted "false" or a set
    that is not a mapping silently counted as tuned."""
    raw = _raw(tmp_path, "a")
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet"]) == 0
    gold = tmp_path / "gold"
    (gold / "holdout").mkdir(parents=True)
    (gold / "holdout" / "a.json").write_text('{"doc_id": "a"}', encoding="utf-8")
    (gold / "sets.yaml").write_bytes(content)
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(gold), "--tables", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sets.yaml" in err and why in err, err
    assert main(["check-gold", "--gold", str(gold), "--raw", str(raw)]) == 1
    assert why in capsys.readouterr().out


def test_a_gold_folder_that_is_a_file_is_named_as_such(tmp_path: Path, capsys):
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    for command in ("evaluate", "check-gold"):
        assert main([command, "--gold", str(tmp_path / "gold.json")]) == 2
        assert "gold.json is a file, not a folder" in capsys.readouterr().err


def test_an_annotated_document_in_two_tables_folders_is_refused_not_counted_twice(tmp_path: Path):
    """The same document extracted from data/raw and from data/gathered/raw
    (``all`` scores both folders) had its rows concatenated: every extracted
    statement of it was counted twice, the copies as spurious."""
    import shutil

    from oversight_research.evaluate import evaluate

    raw = _raw(tmp_path, "a")
    assert main(["extract", str(raw), "--out", str(tmp_path / "one"), "--quiet"]) == 0
    shutil.copytree(raw, tmp_path / "copy")
    assert main(["extract", str(tmp_path / "copy"), "--out", str(tmp_path / "two"), "--quiet"]) == 0
    (tmp_path / "gold" / "set").mkdir(parents=True)
    (tmp_path / "gold" / "set" / "a.json").write_text('{"doc_id": "a"}', encoding="utf-8")
    alone = evaluate(tmp_path / "gold", tmp_path / "one")[0]
    with pytest.raises(InputError, match=r"'a' is in the tables of both .*one and .*two: its rows would be counted"):
        evaluate(tmp_path / "gold", [tmp_path / "one", tmp_path / "two"])
    assert not alone.empty  # one folder alone is scored as before


def test_extract_into_the_corrections_folder_is_refused_and_apply_into_a_tables_folder_too(tmp_path: Path, capsys):
    """``extract --out data/corrections`` wrote events.csv, outcomes.csv and
    statements.csv over the researchers' corrections of the same names."""
    raw, out, row_ids = _outcome_rows(tmp_path)
    corrections = tmp_path / "data" / "corrections"
    corrections.mkdir()
    mine = "row_id,doc_id,start,end,action,reviewer,note,category\n" + f"{row_ids[0]},a,,,drop,A,,\n"
    (corrections / "outcomes.csv").write_text(mine, encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", str(raw), "--out", str(corrections), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "holds researchers' corrections (outcomes.csv" in err and err.count("\n") == 1
    assert (corrections / "outcomes.csv").read_text(encoding="utf-8") == mine
    assert sorted(p.name for p in corrections.iterdir()) == ["outcomes.csv"]

    from oversight_research import review

    sheet = tmp_path / "sheet.csv"
    frame = review.sheet("outcomes", out)
    frame.loc[frame.index[0], ["action", "reviewer"]] = ["ok", "A"]
    sheet.write_bytes(review.sheet_csv(frame))
    before = (out / "outcomes.csv").read_bytes()
    assert main(["review", "--apply", str(sheet), "--corrections", str(out)]) == 2
    assert "is a tables folder" in capsys.readouterr().err
    assert (out / "outcomes.csv").read_bytes() == before


def test_jupyters_checkpoint_copy_of_a_gold_file_is_not_gold(tmp_path: Path):
    """Editing gold JSON in JupyterLab leaves ``.ipynb_checkpoints/a-checkpoint.json``
    (doc_id "a"): it was scored as a set of its own, in place of the real file."""
    from oversight_research.evaluate import load_gold

    (tmp_path / "seeds" / ".ipynb_checkpoints").mkdir(parents=True)
    (tmp_path / "seeds" / "a.json").write_text('{"doc_id": "a", "events": []}', encoding="utf-8")
    (tmp_path / "seeds" / ".ipynb_checkpoints" / "a-checkpoint.json").write_text('{"doc_id": "a"}', encoding="utf-8")
    gold = load_gold(tmp_path)
    assert list(gold) == ["a"] and gold["a"]["set"] == "seeds"


def test_run_into_the_notebooks_folder_is_refused(tmp_path: Path, capsys):
    """``run --executed notebooks`` wrote each executed copy (outputs, an injected
    parameters cell, or half a notebook after a failure) over its source."""
    import shutil

    from conftest import ROOT

    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns(".*"))
    before = {p.name: p.read_bytes() for p in notebooks.glob("*.ipynb")}
    args = ["run", "--processed", str(tmp_path / "nope"), "--notebooks", str(notebooks), "--quiet"]
    assert main([*args, "--executed", str(notebooks)]) == 2
    err = capsys.readouterr().err
    assert "is the notebooks folder" in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in notebooks.glob("*.ipynb")} == before


def test_extract_called_directly_refuses_a_folder_of_corrections_too(tmp_path: Path):
    """The library call, not only the command line, keeps the researchers' corrections."""
    from oversight_research.pipeline import extract

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Officer dismissed\n\nThe officer was dismissed on 3 May 2021.\n", encoding="utf-8")
    corrections = tmp_path / "corrections"
    corrections.mkdir()
    mine = "row_id,doc_id,start,end,action,reviewer,note,category\nx,a,,,drop,A,,\n"
    (corrections / "outcomes.csv").write_text(mine, encoding="utf-8")
    with pytest.raises(InputError, match=r"holds researchers' corrections \(outcomes\.csv"):
        extract(raw, corrections, progress=False)
    assert (corrections / "outcomes.csv").read_text(encoding="utf-8") == mine
    assert sorted(p.name for p in corrections.iterdir()) == ["outcomes.csv"]
