"""Bad input: every file of tests/data/bad/ is read or reported, and nothing is lost.

Each bad file is extracted beside one good seed document, which must come out
exactly as it does alone.  Large files and a symlink are made by the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import RAW, ROOT

from oversight_research.cli import main
from oversight_research.pipeline import extract
from oversight_research.tables import read_table

BAD = ROOT / "tests" / "data" / "bad"
GOOD = "003_06204bd7a1a3ea7d"
PROSE = (
    "The officer attended the address and spoke to the family before leaving. "
    "A report was written the following week and passed to a supervisor for review.\n\n"
)


@pytest.fixture(scope="module")
def good_alone(tmp_path_factory) -> dict[str, list]:
    raw = tmp_path_factory.mktemp("good") / "raw"
    raw.mkdir()
    shutil.copy(RAW / f"{GOOD}.txt", raw)
    return _run(raw, raw.parent / "out")[1]


def _run(raw: Path, out: Path) -> tuple[object, dict[str, list]]:
    summary = extract(raw, out, progress=False)
    rows = {}
    for name in ("articles", "events", "outcomes", "statements"):
        table = read_table(name, out)
        rows[name] = table[table["doc_id"] == GOOD].drop(columns=["case_id"], errors="ignore").to_dict("records")
    return summary, rows


def with_good(tmp_path: Path, *names: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / f"{GOOD}.txt", raw)
    for name in names:
        shutil.copy(BAD / name, raw)
    return raw


def article(out: Path, doc_id: str) -> dict:
    articles = read_table("articles", out)
    (row,) = articles[articles["doc_id"] == doc_id].to_dict("records")
    return row


CASES = [  # file, status, words expected in `problems` (None: no problem)
    ("empty.txt", "unreadable", "empty document"),
    ("whitespace-only.txt", "unreadable", "empty document"),
    ("image-renamed.txt", "unreadable", "binary file"),
    ("cp1252-smart-quotes.txt", "partial", "decoded as cp1252"),
    ("latin1.txt", "partial", "not valid UTF-8"),
    ("utf8-bom.txt", "ok", None),
    ("utf16.txt", "ok", None),
    ("mojibake.txt", "partial", "mojibake"),
    ("page.html", "ok", None),
    ("unbalanced-quotes.txt", "ok", None),
    ("only-quotation-marks.txt", "unreadable", "no article text"),
    ("impossible-dates.txt", "ok", None),
    ("date-like-numbers.txt", "ok", None),
    ("name with spaces – émigré.txt", "ok", None),
    ("hostile-quotes.txt", "ok", None),
]


@pytest.mark.parametrize("name,status,problem", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_kept_with_status_and_good_one_is_unaffected(tmp_path, good_alone, name, status, problem):
    raw = with_good(tmp_path, name)
    summary, good = _run(raw, tmp_path / "out")
    row = article(tmp_path / "out", Path(name).stem)
    assert row["status"] == status
    if problem is None:
        assert not row["problems"]
    else:
        assert problem in row["problems"]
    assert good == good_alone
    assert summary.documents == 2


def test_decoded_texts_read_right(tmp_path):
    out = tmp_path / "out"
    extract(
        with_good(tmp_path, "cp1252-smart-quotes.txt", "mojibake.txt", "utf16.txt", "page.html"), out, progress=False
    )
    statements = read_table("statements", out).set_index("doc_id")
    assert statements.loc["cp1252-smart-quotes", "quote"] == "We are cooperating fully with the IOPC."
    assert statements.loc["mojibake", "quote"] == "We want answers."
    sentences = " ".join(read_table("sentences", out)["text"])
    assert "IPCC has begun an independent investigation" in sentences  # UTF-16
    assert "alert(" not in sentences and "Sign in" not in sentences and "Cookie" not in sentences  # HTML chrome


def test_unbalanced_and_hostile_quotes_stay_in_their_paragraph(tmp_path):
    out = tmp_path / "out"
    extract(with_good(tmp_path, "unbalanced-quotes.txt"), out, progress=False)
    quotes = read_table("statements", out).query("doc_id == 'unbalanced-quotes'")["quote"].tolist()
    assert quotes == ["This quotation never closes and runs on.", "Closed properly."]


def test_impossible_dates_and_date_like_numbers_are_not_dates(tmp_path):
    out = tmp_path / "out"
    extract(with_good(tmp_path, "impossible-dates.txt", "date-like-numbers.txt"), out, progress=False)
    events = read_table("events", out)
    dated = events[events["doc_id"].isin(["impossible-dates", "date-like-numbers"]) & events["date"].notna()]
    assert sorted(dated["date"]) == ["2019-10-02", "2020-04-30"]
    assert not events["date_text"].isin(["2016/070829", "100M"]).any()


def test_manifest_problems_are_reported_per_document(tmp_path, capsys):
    raw = with_good(
        tmp_path, "manifest.csv", "listed-in-manifest.txt", "not-in-manifest.txt", "name with spaces – émigré.txt"
    )
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "'missing-file' but there is no such file" in err and "'31/31/2020' is not a valid date" in err
    out = tmp_path / "out"
    assert article(out, "listed-in-manifest")["published"] == "2020-05-06"
    unlisted = article(out, "not-in-manifest")  # a manifest lists overrides: an unlisted document is fine
    assert unlisted["status"] == "ok" and not unlisted["problems"]
    assert "'31/31/2020' is not a valid date; ignored" in article(out, "name with spaces – émigré")["problems"]


def test_symlink_outside_the_raw_folder_is_not_followed(tmp_path):
    raw = with_good(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes dated 5 May 2020.", encoding="utf-8")
    (raw / "link.txt").symlink_to(secret)
    extract(raw, tmp_path / "out", progress=False)
    row = article(tmp_path / "out", "link")
    assert row["status"] == "unreadable" and "outside" in row["problems"]
    assert "Private notes" not in " ".join(read_table("sentences", tmp_path / "out")["text"])


def test_a_20_mb_file_and_a_100000_character_line(tmp_path):
    raw = with_good(tmp_path)
    (raw / "huge.txt").write_text(PROSE * (20_000_000 // len(PROSE) + 1), encoding="utf-8")
    (raw / "one-line.txt").write_text(("word " * 20_001)[:100_000], encoding="utf-8")
    summary = extract(raw, tmp_path / "out", progress=False)
    assert summary.documents == 3
    huge = article(tmp_path / "out", "huge")
    assert huge["status"] == "partial" and "unusually large" in huge["problems"] and huge["n_words"] > 3_000_000
    line = article(tmp_path / "out", "one-line")
    assert line["status"] == "ok" and line["n_words"] == 20_000


def test_exit_codes(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err and "Traceback" not in err
    raw = tmp_path / "allbad"
    raw.mkdir()
    for name in ("empty.txt", "image-renamed.txt"):
        shutil.copy(BAD / name, raw)
    assert main(["extract", str(raw), "--out", str(tmp_path / "o"), "--quiet"]) == 1
    assert "no document could be read" in capsys.readouterr().err
    assert main(["extract", str(with_good(tmp_path, "empty.txt")), "--out", str(tmp_path / "o2"), "--quiet"]) == 0
    assert "1 document(s) with problems" in capsys.readouterr().err


def test_an_interrupted_write_leaves_no_half_table_and_a_rerun_matches(tmp_path, monkeypatch):
    from oversight_research import tables

    raw = with_good(tmp_path, "utf16.txt")
    extract(raw, tmp_path / "clean", progress=False)
    real, calls = tables.table_chunks, []

    def interrupted(parts_dir, name, *args):
        calls.append(name)
        if len(calls) == 3:  # in the middle of the final tables (the parts are written before)
            raise KeyboardInterrupt
        yield from real(parts_dir, name, *args)

    monkeypatch.setattr(tables, "table_chunks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        extract(raw, tmp_path / "run", progress=False)
    left = sorted(p.name for p in (tmp_path / "run").iterdir())
    assert not [n for n in left if n.endswith(".tmp") or n.startswith(".parts")]  # no half-written file
    for name in [n for n in left if not n.startswith(".")]:  # whatever is there is whole
        assert (tmp_path / "run" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
    monkeypatch.setattr(tables, "table_chunks", real)
    extract(raw, tmp_path / "run", progress=False)
    for path in (tmp_path / "clean").iterdir():
        if path.is_file():
            assert (tmp_path / "run" / path.name).read_bytes() == path.read_bytes()


def test_binary_behind_a_utf16_bom_is_unreadable_not_ok_text(tmp_path):
    raw = with_good(tmp_path)
    (raw / "bin.txt").write_bytes(b"\xff\xfe" + bytes(range(256)) * 8)
    (raw / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + b"\x00\x01\x02\x89PNG\x00\x00" * 64)
    extract(raw, tmp_path / "out", progress=False)
    for name in ("bin", "bom8"):
        row = article(tmp_path / "out", name)
        assert row["status"] == "unreadable" and "binary file" in row["problems"], row


def test_a_named_pipe_in_the_raw_folder_is_one_unreadable_row_and_never_waited_on(tmp_path):
    import os

    raw = with_good(tmp_path)
    os.mkfifo(raw / "pipe.txt")  # opening it would wait for a writer forever
    summary = extract(raw, tmp_path / "out", progress=False)
    assert summary.documents == 2
    row = article(tmp_path / "out", "pipe")
    assert row["status"] == "unreadable" and "named pipe" in row["problems"]


def test_a_doc_id_holding_a_semicolon_says_so(tmp_path):
    raw = with_good(tmp_path)
    (raw / "a;b.txt").write_text("Officer dismissed\n\nThe officer was dismissed on 3 May 2021.\n", encoding="utf-8")
    extract(raw, tmp_path / "out", progress=False)
    assert "holds ';'" in article(tmp_path / "out", "a;b")["problems"]
