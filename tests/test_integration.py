"""End to end: `oversight-research all` on the seed corpus, in a temporary folder.

This is the one test that really executes the notebooks (papermill) and
renders the report (nbconvert); it checks the tables and the report's content.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import GOLD, RAW, ROOT, SEEDS, write_csv

from oversight_research.cli import main
from oversight_research.tables import read_table

HOSTILE = ROOT / "tests" / "data" / "bad" / "hostile-quotes.txt"
pytestmark = pytest.mark.slow  # runs the whole pipeline and the notebooks


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("all")
    raw = base / "raw"
    raw.mkdir()
    for doc_id in SEEDS:
        shutil.copy(RAW / f"{doc_id}.txt", raw)
    shutil.copy(HOSTILE, raw)  # quotes holding <script>, onerror, javascript: links and $maths$
    _review(raw, base / "corrections")  # <raw>/../corrections: applied by `all`
    code = main(
        [
            "all",
            "--raw",
            str(raw),
            "--processed",
            str(base / "processed"),
            "--gold",
            str(GOLD),
            "--sentiment-data",
            str(ROOT / "data" / "external" / "sentiment-validation"),
            "--notebooks",
            str(ROOT / "notebooks"),
            "--executed",
            str(base / "executed"),
            "--report",
            str(base / "report.html"),
            "--quiet",
        ]
    )
    assert code == 0
    return base


UNMATCHED = "000000000000"  # a correction whose row is not (no longer) extracted


def _review(raw: Path, folder: Path) -> None:
    """A researcher's corrections of two seed documents' outcomes and statements
    (confirm, set, drop), and one correction whose row does not exist."""
    from oversight_research.extract import extract_document

    def actual(doc_id: str) -> list[dict]:
        return [r for r in extract_document(raw / f"{doc_id}.txt", raw)["outcomes"] if r["status"] == "actual"]

    last, middle = actual(SEEDS[4]), actual(SEEDS[2])
    outcomes = [
        {"row_id": last[0]["row_id"], "action": "confirm", "reviewer": "ana"},
        {"row_id": last[1]["row_id"], "action": "set", "count": (last[1]["count"] or 0) + 1, "reviewer": "ana"},
        {"row_id": middle[-1]["row_id"], "action": "confirm", "reviewer": "ana"},
        {"row_id": middle[-2]["row_id"], "action": "drop", "reviewer": "ana", "note": "not an outcome"},
        {"row_id": UNMATCHED, "action": "set", "count": 2, "reviewer": "ben", "note": "row gone"},
    ]
    statement = extract_document(raw / f"{SEEDS[4]}.txt", raw)["statements"][0]
    for table, rows in (
        ("outcomes", outcomes),
        ("statements", [{"row_id": statement["row_id"], "action": "set", "role": "family", "reviewer": "ana"}]),
    ):
        write_csv(folder / f"{table}.csv", rows)


def _decisions(run: Path, table: str) -> list[dict]:
    with (run / "corrections" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_reviewed_counts_in_the_report_match_the_correction_files(run):
    html = (run / "report.html").read_text(encoding="utf-8")
    decisions = _decisions(run, "outcomes")
    reviewed = {d["row_id"] for d in decisions if d["action"] in ("confirm", "set") and d["row_id"] != UNMATCHED}
    corrected = {d["row_id"] for d in decisions if d["action"] == "set" and d["row_id"] != UNMATCHED}
    dropped = {d["row_id"] for d in decisions if d["action"] == "drop"}
    outcomes = read_table("outcomes", run / "processed")
    actual = outcomes[outcomes["status"] == "actual"]
    assert set(actual.loc[actual["review"] != "machine", "row_id"]) == reviewed
    assert not dropped & set(outcomes["row_id"])
    line = f"{len(reviewed)} rows reviewed, {len(corrected)} corrected (of {len(actual)})"
    assert line in html  # under the outcome figures and the evidence table
    assert html.count(line) >= 2  # the ladder and the evidence table (the cross-case table counts every status)
    assert re.search(r"1 row reviewed, 1 corrected \(of \d+\)", html)  # the statement re-coded as family
    assert 'class="or-corrected"' in html and 'class="or-confirmed"' in html  # marked in the evidence tables
    assert "Review by researchers" in html and re.search(r"<h2[^>]*>Reviewed rows", html)  # methods, review section


def test_a_correction_whose_row_is_gone_is_shown_in_the_report(run):
    html = (run / "report.html").read_text(encoding="utf-8")
    unmatched = read_table("corrections_unmatched", run / "processed")
    assert unmatched["row_id"].tolist() == [UNMATCHED] and unmatched["reviewer"].tolist() == ["ben"]
    assert UNMATCHED in html and "row gone" in html
    assert "1 correction found no row" in html  # on the front page too, linked to the review section


def test_tables_hold_the_seed_corpus(run):
    articles = read_table("articles", run / "processed")
    assert articles["doc_id"].tolist() == SEEDS + ["hostile-quotes"]
    assert set(articles["status"]) == {"ok"}
    for row in articles[articles["doc_id"].isin(SEEDS)].itertuples():
        assert row.sha256 == hashlib.sha256((RAW / f"{row.doc_id}.txt").read_bytes()).hexdigest()
    sentences = read_table("sentences", run / "processed").query("doc_id in @SEEDS")
    for row in sentences.sample(40, random_state=0).itertuples():
        raw = (RAW / f"{row.doc_id}.txt").read_text(encoding="utf-8")
        assert raw[row.start : row.end] == row.text
    events = read_table("events", run / "processed")
    assert events["case_id"].notna().all()


def test_report_is_self_contained_and_has_every_section(run):
    html = (run / "report.html").read_text(encoding="utf-8")
    for heading in (
        "Corpus overview",
        "Missed-opportunity timelines",
        "Sanction outcomes",
        "Statements and their tone",
        "Extraction quality",
        "Methods",
        "Limitations",
        "Contents",
    ):
        assert re.search(rf"<h[12][^>]*>{heading}", html), heading
    assert "data:image/png;base64" in html  # figures embedded
    assert not re.search(r"<script[^>]+src=", html)  # nothing loaded from the network
    assert "39 days" in html or ">39<" in html  # the missed-opportunity interval
    assert re.search(r"assessment: 17 investigation.?_opened", html)  # the Stephen Port flow
    assert "bootstrap 95% interval" in html and "Helen Ball" in html  # the statement comparison
    sha = hashlib.sha256((RAW / f"{SEEDS[0]}.txt").read_bytes()).hexdigest()
    assert sha in html  # provenance of inputs on the front page
    assert "Git commit" in html and "pandas" in html
    assert "processed = Path(processed_dir)" not in html  # code hidden by default
    assert "&lt;NA&gt;" not in html  # missing values are empty cells


def test_article_text_never_runs_in_the_report(run):
    html = (run / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)" in html  # the quotation reached the report, escaped
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    for live in (r"<script[^>]*>[^<]*alert\(", r"<img[^>]+onerror", r"href=[\"']?javascript:", r"<b[^>]+onmouseover"):
        assert not re.search(live, html, re.I), live
    assert "MathJax" not in html and "mathjax" not in html.lower()  # $x^2$ stays text


def test_executed_notebooks_have_outputs_but_sources_do_not(run):
    import nbformat

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        source = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in source.cells if c.cell_type == "code")
        executed = nbformat.read(run / "executed" / path.name, as_version=4)
        assert any(c.get("outputs") for c in executed.cells if c.cell_type == "code")


def test_extract_is_byte_identical_across_runs(run, tmp_path):
    main(["extract", str(run / "raw"), "--out", str(tmp_path), "--quiet"])
    statements = read_table("statements", run / "processed")
    assert statements["polarity"].notna().all() and statements["vader_compound"].notna().all()
    for name in ("articles", "sentences", "events", "cases", "outcomes", "statements"):
        for ext in ("csv", "parquet"):
            assert (tmp_path / f"{name}.{ext}").read_bytes() == (run / "processed" / f"{name}.{ext}").read_bytes()
    assert (tmp_path / "datapackage.json").exists()


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def test_the_report_opens_in_a_real_browser(run, tmp_path):
    """Headless Chromium renders report.html: its DOM after scripts ran holds every
    section, and no article text became live markup.  CI installs Chromium
    (.ci/run); elsewhere the test is skipped when no browser is installed."""
    import subprocess

    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium on this machine (.ci/run installs it)")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=5000",
        "--dump-dom",
    ]
    dom = subprocess.run(
        [browser, *flags, (run / "report.html").as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    for heading in ("Corpus overview", "Missed-opportunity timelines", "Sanction outcomes", "Extraction quality"):
        assert heading in dom, heading
    assert dom.count("<img") >= 5  # the figures load
    assert not re.search(r"<script[^>]*>[^<]*alert\(|<img[^>]+onerror", dom, re.I)


@pytest.fixture(scope="module")
def page(run):
    """The report opened in headless Chromium through Playwright (the system
    browser by ``executable_path``: nothing is downloaded), with every console
    message, page error and request it made."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is in the test extra: pip install -e .[test]"
    )
    browser_path = _browser()
    if browser_path is None:
        pytest.skip("no Chromium on this machine (.ci/run installs it)")
    seen = {"console": [], "errors": [], "requests": []}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.on("console", lambda m: seen["console"].append((m.type, m.text)))
        tab.on("pageerror", lambda e: seen["errors"].append(str(e)))
        tab.on("request", lambda r: seen["requests"].append(r.url))
        tab.goto((run / "report.html").as_uri(), wait_until="load")
        yield tab, seen
        browser.close()


def test_the_browser_sees_no_error_and_no_request_leaves_the_file(page):
    tab, seen = page
    assert not seen["errors"] and not [m for m in seen["console"] if m[0] in ("error", "warning")]
    assert seen["requests"] and all(u.startswith(("file:", "data:")) for u in seen["requests"]), [
        u for u in seen["requests"] if not u.startswith(("file:", "data:"))
    ][:3]


def test_the_title_is_set_and_findings_come_before_any_hash(page):
    tab, _ = page
    assert tab.title() == "Police-oversight cases: timelines, outcomes and statements"
    text = tab.inner_text("body")
    findings = text.index("Key findings")
    assert findings < text.index("Contents") < text.index("Corpus overview")
    assert re.search(r"missed opportunit\w+ .* median interval \d+ days?, range \d+ to \d+ days? \(n = \d+", text)
    assert re.search(r"bootstrap 95% interval [-+]\d", text) and "n = " in text
    sha = re.search(r"\b[0-9a-f]{64}\b", tab.content())
    assert sha and tab.content().index(sha.group(0)) > tab.content().index('id="Key-findings"')


def test_the_hash_table_is_collapsed_and_opens(page):
    tab, _ = page
    details = tab.locator("details.input-hashes")
    assert details.count() == 1 and details.evaluate("d => d.open") is False
    assert not details.locator("table").is_visible()  # inside the closed block, not after it
    details.locator("summary").click()
    assert details.locator("table").is_visible()
    details.locator("summary").click()


def test_every_image_has_real_alt_text(page):
    tab, _ = page
    alts = tab.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt') || '')")
    assert len(alts) >= 5
    bad = [a for a in alts if not a.strip() or a.startswith("No description") or not re.search(r"\d", a)]
    assert not bad, bad[:3]


def test_the_findings_links_reach_their_sections(page):
    tab, _ = page
    for href in tab.eval_on_selector_all(".key-findings a", "els => els.map(e => e.getAttribute('href'))"):
        assert tab.locator(f"[id='{href[1:]}']").count() >= 1, href


def test_the_report_prints_to_pdf(page, tmp_path):
    tab, _ = page
    pdf = tab.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


def test_every_figure_is_also_a_file_with_its_data(run):
    figures = run / "figures"
    pngs = sorted(figures.glob("*.png"))
    assert len(pngs) >= 5
    for png in pngs:
        assert png.with_suffix(".svg").exists() and png.with_suffix(".csv").exists(), png.name


def test_tables_read_in_the_report(run):
    html = (run / "report.html").read_text(encoding="utf-8")
    assert "\\n\\n" not in html and "&amp;#x27;" not in html and "\\(bootstrap" not in html
    assert "text-align:left" in html
