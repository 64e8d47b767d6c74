"""Nothing lost, nothing mixed, nothing executed (issue 18).

Tables are published as one generation; readers refuse a mix; one run at a
time per folder; executed notebooks carry their generation; a full disk, a
kill or SIGTERM leave the previous generation whole and the next run cleans
up; the cache is data, verified, and never fatal; files follow the umask;
CSV cells cannot run as spreadsheet formulas; long evidence is capped.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import pickle
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import RAW, ROOT, SEEDS
from hypothesis import given
from hypothesis import strategies as st

from oversight_research import cache, tables
from oversight_research.cli import main
from oversight_research.errors import FolderBusy, IncompleteTables, NotebookError
from oversight_research.notebooks import check_parameters, declared_ranges, executed_generation
from oversight_research.pipeline import CORPUS_TABLES, extract
from oversight_research.tables import read_table
from oversight_research.workflow import Settings, report, run

TABLES = CORPUS_TABLES  # every table one extract writes, the review tables included


def files(folder: Path) -> dict[str, bytes]:
    return {f"{t}.{e}": (folder / f"{t}.{e}").read_bytes() for t in TABLES for e in ("csv", "parquet")}


def corpus(folder: Path, doc_ids) -> Path:
    folder.mkdir(parents=True)
    for doc_id in doc_ids:
        shutil.copy(RAW / f"{doc_id}.txt", folder)
    return folder


@pytest.fixture()
def two(tmp_path) -> tuple[Path, Path]:
    """Two different corpora."""
    return corpus(tmp_path / "a", SEEDS[:3]), corpus(tmp_path / "b", SEEDS[3:5])


def hidden_leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith((".parts-", ".staging-")) or p.name.endswith(".tmp")
    )


# --------------------------------------------------------------------------- 1. one generation


def test_a_run_stopped_while_publishing_is_refused_by_every_reader(two, tmp_path, monkeypatch, capsys):
    a, b = two
    out = tmp_path / "out"
    extract(a, out, progress=False)
    real, moved = os.replace, []

    def stopped(src, dst):
        if Path(dst).parent == out and Path(src).parent.name.startswith(".staging-"):
            moved.append(Path(dst).name)
            if len(moved) == 3:  # two files of the new run are in, the rest are the old run's
                raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(os, "replace", stopped)
    with pytest.raises(KeyboardInterrupt):
        extract(b, out, progress=False)
    monkeypatch.setattr(os, "replace", real)
    for name in ("articles", "sentences", "events"):
        with pytest.raises(IncompleteTables, match=r"mix of two runs.*re-run `oversight-research extract"):
            read_table(name, out)
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    _notebook(notebooks / "00_x.ipynb")
    assert (
        main(
            [
                "run",
                "--processed",
                str(out),
                "--notebooks",
                str(notebooks),
                "--executed",
                str(tmp_path / "executed"),
                "--quiet",
            ]
        )
        == 2
    )
    assert "re-run `oversight-research extract" in capsys.readouterr().err
    assert main(["evaluate", "--gold", str(ROOT / "data" / "annotations"), "--tables", str(out)]) == 2
    assert "mix of two runs" in capsys.readouterr().err
    extract(b, out, progress=False)  # a re-run publishes a whole generation
    extract(b, tmp_path / "fresh", progress=False)
    assert files(out) == files(tmp_path / "fresh")
    assert (
        read_table("articles", out)["doc_id"].tolist() == read_table("articles", tmp_path / "fresh")["doc_id"].tolist()
    )


def test_a_run_that_fails_before_publishing_leaves_the_previous_generation_whole(two, tmp_path, monkeypatch):
    a, b = two
    out = tmp_path / "out"
    first = extract(a, out, progress=False)
    before = files(out)
    real, calls = tables.table_chunks, []

    def interrupted(parts_dir, name, *args):
        calls.append(name)
        if len(calls) == 3:
            raise KeyboardInterrupt
        yield from real(parts_dir, name, *args)

    monkeypatch.setattr(tables, "table_chunks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        extract(b, out, progress=False, cache=False)
    assert files(out) == before  # not one table of the second corpus
    assert tables.check_generation(out, "sentences") == first.generation
    assert hidden_leftovers(out) == []


def test_a_table_replaced_from_another_run_is_refused(two, tmp_path):
    a, b = two
    extract(a, tmp_path / "out", progress=False)
    extract(b, tmp_path / "other", progress=False)
    for ext in ("csv", "parquet"):
        shutil.copy(tmp_path / "other" / f"sentences.{ext}", tmp_path / "out")
    with pytest.raises(IncompleteTables, match="sentences.* is not the file extract wrote"):
        read_table("articles", tmp_path / "out")
    with pytest.raises(IncompleteTables, match="is not the file extract wrote"):
        read_table("sentences", tmp_path / "out")


def test_the_generation_id_is_the_same_for_the_same_input(two, tmp_path):
    a, _ = two
    one, other = extract(a, tmp_path / "one", progress=False), extract(a, tmp_path / "two", progress=False, jobs=2)
    assert one.generation and one.generation == other.generation
    assert (tmp_path / "one" / "generation.json").read_bytes() == (tmp_path / "two" / "generation.json").read_bytes()
    listed = json.loads((tmp_path / "one" / "generation.json").read_text())
    assert sorted(listed["files"]) == sorted(files(tmp_path / "one"))


def test_a_second_run_into_a_locked_folder_fails_with_one_clear_line(two, tmp_path, capsys):
    a, b = two
    out = tmp_path / "out"
    extract(a, out, progress=False)
    before = files(out)
    with tables.folder_lock(out):  # another run holds the folder (flock: per open file, so also in-process)
        assert main(["extract", str(b), "--out", str(out), "--quiet"]) == 4
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "in use by another oversight-research run" in err and str(out) in err
        with pytest.raises(FolderBusy):  # a reader (run) waits for no writer
            run(Settings(processed=out, notebooks=tmp_path, executed=tmp_path / "ex", progress=False))
    assert files(out) == before
    code = subprocess.run(  # a real second process while this one holds the lock
        [sys.executable, "-m", "oversight_research.cli", "extract", str(b), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert code.returncode == 0  # the lock was released
    with tables.folder_lock(out, shared=True):
        held = subprocess.run(
            [sys.executable, "-m", "oversight_research.cli", "extract", str(a), "--out", str(out), "--quiet"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    assert held.returncode == 4 and "in use" in held.stderr


def _notebook(path: Path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('processed_dir = "x"  # tables\nmax_rows = 5  # rows (range 0 to 10)')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def test_executed_notebooks_carry_their_generation_and_report_refuses_stale_or_partial_ones(two, tmp_path):
    a, b = two
    out, notebooks, executed = tmp_path / "out", tmp_path / "nbs", tmp_path / "executed"
    notebooks.mkdir()
    _notebook(
        notebooks / "00_first.ipynb",
        "from oversight_research.tables import read_table\n"
        "from pathlib import Path\nprint(len(read_table('articles', Path(processed_dir))))",
    )
    _notebook(notebooks / "01_second.ipynb", "print('second')")
    generation = extract(a, out, progress=False).generation
    settings = Settings(
        processed=out, notebooks=notebooks, executed=executed, report=tmp_path / "r.html", progress=False
    )
    paths = run(settings)
    for path in paths:
        stamp = nbformat.read(path, as_version=4).metadata["oversight_research"]
        assert stamp == {"generation": generation, "complete": True}
        executed_generation(path, generation)
    extract(b, out, progress=False)  # new tables; the notebooks show the old ones
    with pytest.raises(NotebookError, match=r"00_first.ipynb was run on other tables.*re-run `oversight-research run`"):
        report(settings)
    nb = nbformat.read(paths[1], as_version=4)  # as papermill leaves a notebook killed mid-run
    del nb.metadata["oversight_research"]
    nbformat.write(nb, paths[1])
    with pytest.raises(NotebookError, match="01_second.ipynb did not run to the end"):
        executed_generation(paths[1], None)
    assert not (tmp_path / "r.html").exists()


# --------------------------------------------------------------------------- 2. a full disk


def test_a_full_disk_is_one_line_exit_3_and_the_previous_generation_stays(two, tmp_path, monkeypatch, capsys):
    a, b = two
    out = tmp_path / "out"
    extract(a, out, progress=False)
    before = files(out)
    real, calls = tables.write_table_chunks, []

    def full(name, chunks, directory):
        calls.append(name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(directory / f"{name}.csv"))
        return real(name, chunks, directory)

    monkeypatch.setattr(tables, "write_table_chunks", full)
    assert main(["extract", str(b), "--out", str(out), "--quiet", "--no-cache"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "no space left on the device of" in err and str(out) in err and "free" in err and "needs about" in err
    assert files(out) == before and hidden_leftovers(out) == []
    assert read_table("articles", out)["doc_id"].tolist() == sorted(SEEDS[:3])


def test_arrow_and_quota_errors_count_as_a_full_disk():
    assert tables.is_disk_full(OSError("Error writing bytes to file. Detail: [errno 28] No space left on device"))
    assert tables.is_disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not tables.is_disk_full(OSError(errno.EACCES, "Permission denied"))


# --------------------------------------------------------------------------- 3. leftovers and SIGTERM


def test_the_next_run_removes_what_an_interrupted_one_left_and_nothing_else(two, tmp_path):
    a, _ = two
    out = tmp_path / "out"
    extract(a, out, progress=False)
    ours = [
        out / ".parts-k2j4x9_a",
        out / ".staging-abcd1234",
        out / ".sentences.csv.q1w2e3r4.tmp",
        out / ".generation.json.zz00zz00.tmp",
        out / ".publishing.a1b2c3d4.tmp",
    ]
    ours[0].mkdir()
    (ours[0] / "part-000000.parquet").write_bytes(b"x")
    ours[1].mkdir()
    for path in ours[2:]:
        path.write_bytes(b"half")
    entry_dir = next(d for d in (out / ".cache").iterdir() if d.is_dir())
    cache_tmp = entry_dir / ".0123abcd.json.mnbvcxz1.tmp"
    cache_tmp.write_bytes(b"half")
    theirs = [out / ".mine.tmp", out / "notes.csv.tmp", out / ".parts-of-my-thesis"]
    for path in theirs:
        path.write_bytes(b"keep")
    extract(a, out, progress=False)
    assert not any(p.exists() for p in [*ours, cache_tmp])
    assert all(p.read_bytes() == b"keep" for p in theirs)


def test_sigterm_cleans_up_and_keeps_the_previous_generation(tmp_path):
    raw = tmp_path / "many"
    raw.mkdir()
    for i in range(400):
        shutil.copy(RAW / f"{SEEDS[i % len(SEEDS)]}.txt", raw / f"d{i:04d}.txt")
    out = tmp_path / "out"
    extract(corpus(tmp_path / "a", SEEDS[:2]), out, progress=False)
    before = files(out)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "oversight_research.cli",
            "extract",
            str(raw),
            "--out",
            str(out),
            "--quiet",
            "--no-cache",
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob(".staging-*/parts")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert "interrupted (SIGTERM)" in err and "Traceback" not in err
    assert hidden_leftovers(out) == []
    assert files(out) == before


# --------------------------------------------------------------------------- 4. the cache


def test_damaged_or_unreadable_cache_entries_are_re_extracted_with_a_warning(two, tmp_path):
    a, _ = two
    out = tmp_path / "out"
    extract(a, out, progress=False)
    before = files(out)
    entries = sorted((out / ".cache").rglob("*.json"))
    assert len(entries) == 3 and all(e.read_bytes().startswith(cache.MAGIC) for e in entries)
    entries[0].write_bytes(entries[0].read_bytes()[:200])  # truncated
    entries[1].write_bytes(os.urandom(500))  # random
    entries[2].write_bytes(b"")  # empty
    summary = extract(a, out, progress=False)
    assert summary.cached == 0 and files(out) == before
    assert len([w for w in summary.warnings if "cache entry" in w and "re-extracted" in w]) == 3
    assert extract(a, out, progress=False).cached == 3  # rewritten whole
    entries[0].unlink()
    entries[0].mkdir()  # unreadable (a directory: root reads any file)
    summary = extract(a, out, progress=False)
    assert summary.cached == 2 and files(out) == before
    assert any("cannot be read" in w for w in summary.warnings)
    assert any("cannot be written" in w for w in summary.warnings)


class _Exploit:
    def __init__(self, target: Path):
        self.target = target

    def __reduce__(self):
        return (open, (str(self.target), "w"))


def test_a_pickle_planted_in_the_cache_never_runs(two, tmp_path):
    a, _ = two
    out = tmp_path / "out"
    extract(a, out, progress=False)
    target = tmp_path / "pwned"
    payload = pickle.dumps({"articles": _Exploit(target)})
    for entry in sorted((out / ".cache").rglob("*.json")):
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)  # the old format's name, too
    summary = extract(a, out, progress=False)
    assert not target.exists()
    assert summary.cached == 0 and len([w for w in summary.warnings if "damaged" in w]) == 3
    assert "import pickle" not in Path(cache.__file__).read_text(encoding="utf-8")


def test_a_cache_entry_round_trips_exactly():
    result = {
        "articles": [{"doc_id": "d", "title": "=1+2 “quoted” é", "n": 3, "x": None, "f": 0.125, "b": True}],
        "case_keys": [{"people": ["A", "B"]}],
    }
    assert cache.decode(cache.encode(result)) == result
    damaged = bytearray(cache.encode(result))
    damaged[-3] ^= 1
    with pytest.raises(ValueError, match="does not match its hash"):
        cache.decode(bytes(damaged))


# --------------------------------------------------------------------------- 5. permissions


@pytest.mark.parametrize("mask", [0o002, 0o022])
def test_every_file_written_follows_the_umask(two, tmp_path, mask):
    a, _ = two
    out = tmp_path / "out"
    old = os.umask(mask)
    try:
        extract(a, out, progress=False)
        tables.atomic_write_text(tmp_path / "report.html", "<p>report</p>")
    finally:
        os.umask(old)
    written = [
        *(out / name for name in files(out)),
        out / "datapackage.json",
        out / "generation.json",
        *(out / ".cache").rglob("*.json"),
        tmp_path / "report.html",
    ]
    assert len(written) > 17
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path


# --------------------------------------------------------------------------- 6. CSV formula injection

DANGER = ("=", "+", "-", "@", "\t", "\r")


def test_no_csv_cell_starts_a_formula_and_parquet_keeps_the_exact_text(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "formula.txt").write_text(
        "Officer dismissed after hearing\n\n"
        '-5 officers attended on 5 May 2020. @police said: “=HYPERLINK("http://x","click") is not a quote.”\n\n'
        "+44 was the number rung on 6 May 2020 and the officer was dismissed.\n",
        encoding="utf-8",
    )
    (raw / "manifest.csv").write_text(
        'doc_id,title,publisher\nformula,"=cmd|\' /C calc\'!A0","@SUM(1,2)"\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    extract(raw, out, progress=False)
    seen = 0
    for name in TABLES:
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(DANGER), (name, cell)
                    seen += cell.startswith("'")
    assert seen >= 3
    title = pq.read_table(out / "articles.parquet").column("title").to_pylist()[0]
    assert title == "=cmd|' /C calc'!A0"
    assert pd.read_csv(out / "articles.csv")["title"][0] == "'=cmd|' /C calc'!A0"
    sentences = read_table("sentences", out)
    assert any(t.startswith("-5 officers") for t in sentences["text"])
    for ext in ("csv", "parquet"):  # offsets refer to the raw text, not to the CSV cell
        text = (raw / "formula.txt").read_text(encoding="utf-8")
        row = sentences[sentences["text"].str.startswith("-5")].iloc[0]
        assert text[row["start"] : row["end"]] == row["text"], ext


@given(st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", " ", "1"]), max_size=8))
def test_the_csv_prefix_is_undone_exactly(value):
    import pyarrow as pa

    chunk = tables.csv_safe(pa.table({"t": pa.array([value, None], pa.string())}))
    cell = chunk.column("t")[0].as_py()
    assert not cell.startswith(DANGER)
    back = tables.csv_unsafe(pd.DataFrame({"t": [cell, None]}, dtype=object))
    assert back["t"][0] == value and pd.isna(back["t"][1])


def test_read_table_from_csv_alone_gives_the_exact_text(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "d.txt").write_text("Report\n\n=SUM(A1) was written on 5 May 2020 by the officer.\n", encoding="utf-8")
    extract(raw, tmp_path / "out", progress=False)
    exact = read_table("sentences", tmp_path / "out")["text"].tolist()
    folder = tmp_path / "csv-only"
    folder.mkdir()
    shutil.copy(tmp_path / "out" / "sentences.csv", folder)
    assert read_table("sentences", folder)["text"].tolist() == exact
    assert any(t.startswith("=SUM") for t in exact)


# --------------------------------------------------------------------------- 8. linear cost


def run_on(n: int) -> str:
    clauses = [
        f"on {1 + i % 28} {('March', 'May', 'July')[i % 3]} {2000 + i % 20} the officer visited the house"
        for i in range(n)
    ]
    return "Officer visits\n\nThe family said that " + ", and ".join(clauses) + ".\n"


def test_rows_do_not_copy_a_giant_sentence(tmp_path):
    sizes = {}
    for n in (100, 400):
        raw = tmp_path / f"raw{n}"
        raw.mkdir()
        (raw / "runon.txt").write_text(run_on(n), encoding="utf-8")
        out = tmp_path / f"out{n}"
        extract(raw, out, progress=False)
        sizes[n] = (out / "events.csv").stat().st_size
        events = read_table("events", out)
        assert len(events) >= n * 0.9
        text = (raw / "runon.txt").read_text(encoding="utf-8")
        for row in events.itertuples():
            assert len(row.sentence) <= tables.EVIDENCE_CHARS + 2
            assert row.date_text in row.sentence and text[row.start : row.end] == row.date_text
    assert sizes[400] < 4 * 1.3 * sizes[100], sizes  # linear, not 16x


def test_the_window_keeps_the_match_and_marks_the_cuts():
    value = "a" * 5000 + "MATCH" + "b" * 5000
    cut = tables.window(value, 5000, 5005, 100)
    assert "MATCH" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) == 102
    assert tables.window("short", 0, 5, 100) == "short"
    assert tables.window(value, 0, len(value), 100) == "a" * 100 + "…"


# --------------------------------------------------------------------------- 10. parameter ranges

OVERVIEW = ROOT / "notebooks" / "00_corpus_overview.ipynb"


def test_numeric_parameters_are_range_checked():
    with pytest.raises(NotebookError, match="max_rows' must be a finite number"):
        check_parameters(OVERVIEW, {"max_rows": float("nan")})
    with pytest.raises(NotebookError, match="max_rows' must be at least 0, got -1"):
        check_parameters(OVERVIEW, {"max_rows": -1})
    check_parameters(OVERVIEW, {"max_rows": 0})


def test_a_range_declared_in_the_comment_is_enforced(tmp_path):
    path = tmp_path / "10_x.ipynb"
    _notebook(path)
    assert declared_ranges(path) == {"max_rows": (0.0, 10.0)}
    with pytest.raises(NotebookError, match="must be from 0 to 10, got 11"):
        check_parameters(path, {"max_rows": 11})
    check_parameters(path, {"max_rows": 10})


def test_a_folder_both_written_and_read_is_locked_once_and_readers_create_nothing(tmp_path):
    from oversight_research.workflow import guarded

    with guarded(tmp_path / "reports", (tmp_path / "reports", tmp_path / "missing")):
        pass  # would raise FolderBusy if the same folder were locked twice
    assert not (tmp_path / "missing").exists()
