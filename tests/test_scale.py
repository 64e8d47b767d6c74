"""Scale features: the per-document cache, chunked writing, and the Dask engine."""

from __future__ import annotations

import shutil

import pyarrow.parquet as pq
import pytest
from conftest import RAW, SEEDS, seed_folder

from oversight_research import cache, engines, tables
from oversight_research.pipeline import extract

TABLES = ("articles", "sentences", "events", "cases", "outcomes", "statements")


def files(folder) -> dict[str, bytes]:
    return {f"{t}.{e}": (folder / f"{t}.{e}").read_bytes() for t in TABLES for e in ("csv", "parquet")}


@pytest.fixture()
def raw(tmp_path):
    return seed_folder(tmp_path, 3)


def test_unchanged_input_is_not_extracted_again(raw, tmp_path, monkeypatch):
    first = extract(raw, tmp_path / "out", progress=False)
    assert (first.documents, first.cached) == (3, 0)
    before = files(tmp_path / "out")
    calls = []
    real = cache.extract_document
    monkeypatch.setattr(cache, "extract_document", lambda *a, **k: calls.append(a[0].name) or real(*a, **k))
    again = extract(raw, tmp_path / "out", progress=False)
    assert (again.cached, calls) == (3, [])
    assert files(tmp_path / "out") == before
    shutil.copy(RAW / f"{SEEDS[3]}.txt", raw)  # one new document
    (raw / f"{SEEDS[0]}.txt").write_text("Changed text on 5 May 2020.", encoding="utf-8")  # one changed
    added = extract(raw, tmp_path / "out", progress=False)
    assert added.cached == 2 and sorted(calls) == sorted([f"{SEEDS[3]}.txt", f"{SEEDS[0]}.txt"])


def test_tables_written_in_chunks_equal_one_chunk(raw, tmp_path, monkeypatch):
    extract(raw, tmp_path / "one", progress=False, cache=False)
    monkeypatch.setattr(engines, "BATCH_DOCS", 1)  # a part per document, a row group per two parts
    monkeypatch.setattr(tables, "PARTS_PER_ROW_GROUP", 2)
    extract(raw, tmp_path / "many", progress=False, cache=False)
    for name in TABLES:
        assert (tmp_path / "one" / f"{name}.csv").read_bytes() == (tmp_path / "many" / f"{name}.csv").read_bytes()
        one, many = (pq.ParquetFile(tmp_path / d / f"{name}.parquet") for d in ("one", "many"))
        assert one.read().equals(many.read())
    assert pq.ParquetFile(tmp_path / "many" / "sentences.parquet").num_row_groups == 2
    assert not list((tmp_path / "many").glob(".parts-*"))  # scratch parts removed
    extract(raw, tmp_path / "jobs", progress=False, cache=False, jobs=2)  # same batches, two workers
    assert files(tmp_path / "jobs") == files(tmp_path / "many")


def test_dask_on_a_local_cluster_gives_the_same_tables(raw, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    extract(raw, tmp_path / "single", progress=False, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        extract(raw, tmp_path / "dask", progress=False, cache=False, engine="dask", scheduler=cluster.scheduler_address)
    assert files(tmp_path / "dask") == files(tmp_path / "single")


def test_dask_local_scheduler_gives_the_same_tables(raw, tmp_path):
    pytest.importorskip("dask.bag")
    extract(raw, tmp_path / "single", progress=False, cache=False)
    extract(raw, tmp_path / "dask", progress=False, cache=False, engine="dask", jobs=2)
    assert files(tmp_path / "dask") == files(tmp_path / "single")


def test_progress_advances_per_document(raw, tmp_path, monkeypatch):
    ticks = []
    monkeypatch.setattr(engines, "TICK_SECONDS", 0.0)  # a tick per document when each takes that long
    engines.extract_batch(0, sorted(raw.iterdir()), raw, {}, None, tmp_path, tick=ticks.append)
    assert ticks == [1, 1, 1]
    ticks.clear()
    monkeypatch.setattr(engines, "TICK_SECONDS", float("inf"))  # fast documents: one tick for the batch
    engines.extract_batch(0, sorted(raw.iterdir()), raw, {}, None, tmp_path, tick=ticks.append)
    assert ticks == [3]
    updates = []
    monkeypatch.setattr(engines.tqdm, "update", lambda self, n=1: updates.append(n))
    extract(raw, tmp_path / "bar", progress=True, cache=False, jobs=2)  # workers tick through a managed queue
    assert updates == [3]
    extract(raw, tmp_path / "quiet", progress=False, cache=False, jobs=2)
    assert files(tmp_path / "bar") == files(tmp_path / "quiet")


def test_warm_up_loads_the_lexicons_and_rules_and_leaves_nothing(monkeypatch, tmp_path):
    """Before forking workers the pool extracts a built-in document, so the
    workers inherit loaded lexicons and compiled rules."""
    import tempfile

    from oversight_research import outcomes, sentiment

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for loader in (sentiment._vader, sentiment._textblob, sentiment._scores, outcomes.codebook):
        loader.cache_clear()
    engines.warm_up()
    assert all(
        loader.cache_info().currsize == 1 for loader in (sentiment._vader, sentiment._textblob, outcomes.codebook)
    )
    assert list(tmp_path.iterdir()) == []


def test_a_failing_warm_up_does_not_stop_the_run(raw, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))  # the warm-up cannot write
    engines.warm_up()
    monkeypatch.undo()
    extract(raw, tmp_path / "out", progress=False, cache=False, jobs=2)
    assert (tmp_path / "out" / "articles.csv").exists()


def test_capping_compares_a_shared_evidence_text_with_its_sentence_once():
    """The rows of one run-on sentence share its text: capping their evidence
    must not compare that text with the sentence once per row (quadratic)."""
    from oversight_research import tables

    class Counting(str):
        calls = 0

        def __eq__(self, other):
            Counting.calls += 1
            return str.__eq__(self, other)

        __hash__ = str.__hash__

    text = "".join(f"on {1 + i % 28} May 2019 a report was made, " for i in range(2_000))
    sentence = str(text)  # the rows' evidence: one object, as the events stage shares it
    result = {
        "sentences": [{"start": 0, "end": len(text), "text": Counting(text)}],
        "events": [
            {"sentence": sentence, "start": at, "end": at + 11, "date_text": text[at : at + 11]}
            for at in range(0, 60_000, 40)
        ],
    }
    tables.cap_evidence(result)
    assert Counting.calls == 1
    row = result["events"][-1]
    assert len(row["sentence"]) <= tables.EVIDENCE_CHARS + 2 and row["date_text"] in row["sentence"]
