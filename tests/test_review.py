"""Review sheets (issue 22): suspect rows first, hostile text escaped, a filled sheet
read back into corrections that the next extract applies."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import RAW, SEEDS

from oversight_research import review
from oversight_research.cli import main
from oversight_research.pipeline import extract
from oversight_research.tables import read_table

HOSTILE = (
    '<script>alert(1)</script> "Officer <b>X</b>" said: “We failed her &amp; we know it.” <img src=x onerror=alert(2)>'
)


@pytest.fixture()
def corpus(tmp_path) -> tuple[Path, Path]:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for doc in SEEDS[:2]:
        shutil.copy(RAW / f"{doc}.txt", raw)
    (raw / "hostile.txt").write_text(
        "Officer dismissed after inquiry\n\n"
        f'=HYPERLINK("http://evil") {HOSTILE}\n\n'
        "A police officer was dismissed without notice, the IOPC said. "
        '"<script>steal()</script> It was wrong," he said.\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    extract(raw, out, progress=False)
    return raw, out


def test_sheet_puts_suspect_rows_first():
    rows = [
        {"attribution": "cue", "role": "family", "speaker": "Ann"},
        {"attribution": "none", "role": "other", "speaker": None},
    ]
    scores = [review.suspicion("statements", r)[0] for r in rows]
    assert scores[1] > scores[0]
    assert (
        review.suspicion("outcomes", {"count": None, "status": "actual", "subject": "officer"})[0]
        > review.suspicion("outcomes", {"count": 1, "status": "actual", "subject": "officer"})[0]
    )
    assert (
        review.suspicion("events", {"event_type": "other"})[0] > review.suspicion("events", {"event_type": "harm"})[0]
    )
    reviewed = review.suspicion("statements", {**rows[1], "review": "corrected"})
    assert reviewed[0] < 0 and "already corrected" in reviewed[1]


@pytest.mark.parametrize("table", ["outcomes", "statements", "events"])
def test_sheet_is_sorted_by_suspicion_and_highlights_the_evidence(corpus, tmp_path, table):
    _, out = corpus
    page, sheet_path, n = review.write_sheet(table, out, tmp_path / "rev")
    assert n == len(read_table(table, out)) > 0
    frame = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    scores = [int(s) for s in frame["suspicion"]]
    assert scores == sorted(scores, reverse=True)
    assert (frame["span"] != "").any()
    assert {"action", "reviewer", "note"} <= set(frame.columns)
    assert any(c.startswith("set_") for c in frame.columns)
    assert page.read_text(encoding="utf-8").count("<mark>") == n


def test_sheet_escapes_hostile_text_and_neutralises_formulas(corpus, tmp_path):
    _, out = corpus
    outdir = tmp_path / "rev"
    for table in ("statements", "outcomes", "events"):
        page, sheet_path, _ = review.write_sheet(table, out, outdir, doc="hostile")
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "<img" not in text.lower() and "<b>" not in text
        assert not re.search(
            r"<(?!/?(?:html|head|meta|title|style|body|h1|p|code|table|thead|tbody|tr|th|td|span|"
            r"mark)\b|!DOCTYPE)",
            text,
        )
        assert "Content-Security-Policy" in text and "default-src 'none'" in text
        for row in csv.reader(io.StringIO(sheet_path.read_text(encoding="utf-8"))):
            for cell in row:
                assert not re.match(r"[=+\-@\t\r]", cell), cell
    statements_page = (outdir / "review-statements.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in statements_page


def test_a_filled_sheet_round_trips_into_applied_corrections(corpus, tmp_path, capsys):
    raw, out = corpus
    assert main(["review", "--table", "outcomes", "--tables", str(out), "--out", str(tmp_path / "rev")]) == 0
    frame = pd.read_csv(tmp_path / "rev" / "review-outcomes.csv", dtype=str, keep_default_na=False)
    assert len(frame) >= 3
    frame.loc[0, ["action", "reviewer", "note"]] = ["drop", "A", "=not an outcome"]
    frame.loc[1, ["action", "set_count", "set_subject", "reviewer"]] = ["set", "4", "staff", "A"]
    frame.loc[2, ["action", "reviewer"]] = ["ok", "A"]
    new = {c: "" for c in frame.columns}
    new.update(
        table="outcomes",
        doc_id=frame.loc[0, "doc_id"],
        start="0",
        end="5",
        action="add",
        set_category="dismissal",
        reviewer="A",
    )
    frame = pd.concat([frame, pd.DataFrame([new])], ignore_index=True)
    filled = tmp_path / "filled.csv"
    frame.to_csv(filled, index=False)
    corrections_dir = raw.parent / "corrections"
    assert main(["review", "--apply", str(filled), "--corrections", str(corrections_dir)]) == 0
    assert "4 new correction(s)" in capsys.readouterr().out
    assert main(["review", "--apply", str(filled), "--corrections", str(corrections_dir)]) == 0
    assert "0 new correction(s)" in capsys.readouterr().out  # the same decisions are not recorded twice
    written = (corrections_dir / "outcomes.csv").read_text(encoding="utf-8")
    assert "'=not an outcome" in written  # formula-like cells neutralised there too

    summary = extract(raw, out, progress=False)  # the default corrections folder: <raw>/../corrections
    assert not [w for w in summary.warnings if "correction" in w]
    table = read_table("outcomes", out).set_index("row_id")
    assert frame.loc[0, "row_id"] not in table.index
    assert table.loc[frame.loc[1, "row_id"], "count"] == 4
    assert table.loc[frame.loc[1, "row_id"], "subject"] == "staff"
    assert table.loc[frame.loc[1, "row_id"], "review"] == "corrected"
    assert table.loc[frame.loc[2, "row_id"], "review"] == "confirmed"
    assert (table["review"] == "added").sum() == 1


def test_review_refuses_an_unknown_table(corpus, tmp_path, capsys):
    _, out = corpus
    assert main(["review", "--table", "articles", "--tables", str(out), "--out", str(tmp_path)]) == 2
    assert "--table must be one of" in capsys.readouterr().err


def test_sheet_of_one_case_holds_only_its_rows(corpus, tmp_path):
    _, out = corpus
    outcomes = read_table("outcomes", out)
    case = outcomes["case_id"].dropna().iloc[0]
    frame = review.sheet("outcomes", out, case=case)
    assert len(frame) == int((outcomes["case_id"] == case).sum()) > 0
    assert set(frame["case_id"]) == {case}
    with pytest.raises(review.InputError, match="'no-such-case' is not a case"):  # a typo is not "0 rows to review"
        review.sheet("outcomes", out, case="no-such-case")


def test_review_of_a_folder_without_tables_is_one_clear_error(tmp_path, capsys):
    assert main(["review", "--table", "outcomes", "--tables", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no outcomes table in" in err and "Traceback" not in err and err.count("\n") == 1


def test_applying_a_missing_sheet_is_one_clear_error(tmp_path, capsys):
    code = main(["review", "--apply", str(tmp_path / "filled.csv"), "--corrections", str(tmp_path / "c")])
    err = capsys.readouterr().err
    assert code == 2 and "cannot be read" in err and "Traceback" not in err
    assert not (tmp_path / "c").exists()


def test_a_sheet_saved_by_excel_in_cp1252_is_read(corpus, tmp_path, capsys):
    _, out = corpus
    frame = review.sheet("outcomes", out)
    frame.loc[frame.index[0], ["action", "reviewer", "note"]] = ["ok", "Zoë", "checked – fine"]
    filled = tmp_path / "filled.csv"
    filled.write_bytes(frame.to_csv(index=False).encode("cp1252"))
    assert main(["review", "--apply", str(filled), "--corrections", str(tmp_path / "c")]) == 0
    assert "Zoë,checked – fine" in (tmp_path / "c" / "outcomes.csv").read_text(encoding="utf-8")


def test_review_out_in_the_raw_folder_is_refused(corpus, capsys):
    """The sheets written there were read as documents by the next extract
    (review-statements.html an article, the .csv an unreadable row)."""
    raw, out = corpus
    before = sorted(raw.iterdir())
    for target in (raw, raw / "review", raw / "sub" / "deeper"):
        assert main(["review", "--table", "statements", "--tables", str(out), "--out", str(target)]) == 2
        err = capsys.readouterr().err
        assert "raw folder" in err and "would read the review sheets as documents" in err, err
        assert err.count("\n") == 1
    assert sorted(raw.iterdir()) == before  # nothing written, no folder made
    # beside the raw folder (data/review) is fine
    assert main(["review", "--table", "statements", "--tables", str(out), "--out", str(raw.parent / "review")]) == 0


def test_a_filled_sheet_is_not_overwritten_by_the_next_review(corpus, tmp_path, capsys):
    """`review --table` again (another --case, or by habit) replaced a sheet a
    researcher had filled in but not applied: the decisions were lost."""
    _, out = corpus
    rev, corrections = tmp_path / "rev", tmp_path / "corrections"
    args = ["review", "--table", "outcomes", "--tables", str(out), "--out", str(rev), "--corrections", str(corrections)]
    assert main(args) == 0
    sheet = rev / "review-outcomes.csv"
    frame = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    frame.loc[0, ["action", "reviewer"]] = ["drop", "A"]
    frame.to_csv(sheet, index=False)
    filled = sheet.read_bytes()
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "holds 1 decision(s) not recorded" in err and "--apply" in err and err.count("\n") == 1
    assert sheet.read_bytes() == filled
    assert main(["review", "--apply", str(sheet), "--corrections", str(corrections)]) == 0
    assert main(args) == 0  # once applied, a fresh sheet may replace it
    assert "drop" not in pd.read_csv(sheet, dtype=str, keep_default_na=False)["action"].tolist()
