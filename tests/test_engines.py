"""engines: documents named once by the caller, batches as jobs, sentence digests."""

from __future__ import annotations

import pytest
from conftest import seed_folder
from hypothesis import given
from hypothesis import strategies as st

from oversight_research import engines, ingest, tables


@pytest.fixture()
def raw(tmp_path):
    return seed_folder(tmp_path, 2)


def test_a_batch_uses_the_doc_ids_it_is_given_and_names_the_documents_itself_without(raw, tmp_path, monkeypatch):
    paths = sorted(raw.iterdir())
    batch = engines.extract_batch(0, paths, raw, {}, None, tmp_path / "given", doc_ids=["one", "two"])
    assert [key["doc_id"] for key in batch.case_keys] == ["one", "two"]
    assert tables.read_part(tmp_path / "given", "articles", 0).column("doc_id").to_pylist() == ["one", "two"]
    named = []
    real = ingest.doc_id
    monkeypatch.setattr(ingest, "doc_id", lambda path, folder: named.append(path.name) or real(path, folder))
    batch = engines.extract_batch(0, paths, raw, {}, None, tmp_path / "own")
    assert [key["doc_id"] for key in batch.case_keys] == [p.stem for p in paths]
    assert named == [p.name for p in paths]


def test_map_batches_names_each_document_once_and_keeps_the_manifest_row(raw, tmp_path, monkeypatch):
    paths = sorted(raw.iterdir())
    manifest = {paths[1].stem: {"title": "From the manifest"}}
    named = []
    real = ingest.doc_id
    monkeypatch.setattr(ingest, "doc_id", lambda path, folder: named.append(path.name) or real(path, folder))
    batches = list(engines.map_batches(paths, raw, manifest, tmp_path / "parts", progress=False))
    assert named == [p.name for p in paths]  # once each, before the batches are made
    assert [k["doc_id"] for b in batches for k in b.case_keys] == [p.stem for p in paths]
    assert tables.read_part(tmp_path / "parts", "articles", 0).column("title").to_pylist()[1] == "From the manifest"
    named.clear()
    list(engines.map_batches(paths, raw, manifest, tmp_path / "again", progress=False, doc_ids=["a", "b"]))
    assert named == []
    assert tables.read_part(tmp_path / "again", "articles", 0).column("doc_id").to_pylist() == ["a", "b"]


TRICKY = [
    "",
    " ",
    "One two three four five six seven eight nine",
    "  Leading spaces then words one two three four five six",
    "Trailing space one two three four five six seven ",
    "Double  space one two three four five six seven",
    "Tab\tand newline\none two three four five six",
    "No-break\u00a0space one two three four five six seven",
    "Line\u2028separator one two three four five six seven",
    "STRASSE Straße ﬁnal İstanbul ΣΊΣΥΦΟΣ one two three",
    "Zero\u200bwidth one two three four five six seven eight",
    "Few words",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("min_words", [1, 8])
def test_a_sentence_digest_is_text_sentence_digest(text, min_words):
    from oversight_research.text import sentence_digest

    assert engines._digest(text, min_words) == sentence_digest(text, min_words)


@given(st.text(alphabet=st.sampled_from(list("aB ßﬁİ\t\n\u00a0\u2028\u200b.'")), max_size=40), st.integers(1, 9))
def test_any_text_has_the_digest_of_text_sentence_digest(text, min_words):
    from oversight_research.text import sentence_digest

    assert engines._digest(text, min_words) == sentence_digest(text, min_words)


def test_each_batch_carries_only_its_own_manifest_rows(raw, tmp_path, monkeypatch):
    paths = sorted(raw.iterdir())
    manifest = {p.stem: {"title": f"Title of {p.stem}"} for p in paths} | {"absent": {"title": "No such file"}}
    given_rows = []
    real = engines.extract_batch
    monkeypatch.setattr(engines, "BATCH_DOCS", 1)
    monkeypatch.setattr(engines, "extract_batch", lambda *a, **k: given_rows.append(k["manifest"]) or real(*a, **k))
    list(engines.map_batches(paths, raw, manifest, tmp_path / "parts", progress=False))
    assert given_rows == [{p.stem: manifest[p.stem]} for p in paths]
    titles = [tables.read_part(tmp_path / "parts", "articles", i).column("title")[0].as_py() for i in range(2)]
    assert titles == [f"Title of {p.stem}" for p in paths]


@pytest.mark.parametrize("host_frozen", [False, True])
def test_the_pool_runs_with_the_warmed_up_objects_frozen_and_unfreezes_them_after(monkeypatch, host_frozen):
    import gc
    import multiprocessing

    class Pool:  # stands in for the process pool: records what the workers would inherit
        def __init__(self, max_workers):
            self.frozen = gc.get_freeze_count()

        def map(self, work, indexes, batches):
            return [(self.frozen, index) for index in indexes]

        def shutdown(self, wait, cancel_futures):
            pass

    monkeypatch.setattr(engines, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(engines, "warm_up", lambda: None)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda: "fork")
    gc.unfreeze()
    if host_frozen:
        gc.freeze()
    before = gc.get_freeze_count()
    try:
        out = list(engines._map_processes(None, [None, None], 2, None))  # type: ignore[arg-type]
        assert [index for _, index in out] == [0, 1]
        assert all(frozen > 0 for frozen, _ in out)  # forked with the warmed-up objects frozen
        assert gc.get_freeze_count() == before  # unfrozen after (a host's own frozen objects stay frozen)
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("n", [1, 3, 99, 100, 101, 200, 201, 250, 999, 2000, 2037, 5000])
def test_the_tail_travels_in_smaller_batches_within_the_batches_bounds(n):
    from pathlib import Path

    paths, names = [Path(f"{i}.txt") for i in range(n)], [str(i) for i in range(n)]
    jobs = engines._jobs(paths, names, {"3": {"published": "2024-01-01"}})
    assert [p for batch, _, _ in jobs for p in batch] == paths and [d for _, ids, _ in jobs for d in ids] == names
    assert all(manifest == ({"3": {"published": "2024-01-01"}} if "3" in ids else {}) for _, ids, manifest in jobs)
    starts, sizes = [0], [len(batch) for batch, _, _ in jobs]
    for size in sizes:
        starts.append(starts[-1] + size)
    whole = list(range(0, n, engines.BATCH_DOCS))
    for start, size in zip(starts[:-1], sizes, strict=True):  # no batch crosses a whole batch's bounds
        assert start // engines.BATCH_DOCS == (start + size - 1) // engines.BATCH_DOCS
    pieces = len(jobs) - len(whole)
    tail = min(engines.TAIL_BATCHES, len(whole)) if len(whole) > engines.TAIL_BATCHES else 0
    assert 0 <= pieces <= tail * (engines.TAIL_PIECES - 1)
    assert sizes[: len(whole) - tail] == [min(engines.BATCH_DOCS, n - start) for start in whole[: len(whole) - tail]]
    # the row groups hold the documents of PARTS_PER_ROW_GROUP whole batches, as without the pieces
    per_group = engines.BATCH_DOCS * tables.PARTS_PER_ROW_GROUP
    groups = engines.row_groups(sizes)
    assert [g.start for g in groups] == [i for i, s in enumerate(starts[:-1]) if s % per_group == 0]
    assert [starts[g.stop] - starts[g.start] for g in groups] == [
        min(per_group, n - first) for first in range(0, n, per_group)
    ]


def test_tables_with_the_tail_in_pieces_equal_those_of_whole_batches(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from oversight_research.pipeline import extract

    raw = seed_folder(tmp_path, 5)
    monkeypatch.setattr(engines, "BATCH_DOCS", 2)  # batches of 2, 2, 1 documents; row groups of 4 documents
    monkeypatch.setattr(tables, "PARTS_PER_ROW_GROUP", 2)
    monkeypatch.setattr(engines, "TAIL_BATCHES", 0)
    whole = extract(raw, tmp_path / "whole", progress=False, cache=False)
    monkeypatch.setattr(engines, "TAIL_BATCHES", 2)  # 2, then 1 + 1, then 1
    parts = []
    real = tables.write_part
    monkeypatch.setattr(
        tables, "write_part", lambda name, rows, path: parts.append(path.name) or real(name, rows, path)
    )
    pieces = extract(raw, tmp_path / "pieces", progress=False, cache=False)
    assert len(set(parts)) == 4 and whole.documents == pieces.documents == 5
    extract(raw, tmp_path / "jobs", progress=False, cache=False, jobs=2)
    for path in (tmp_path / "whole").iterdir():
        if path.suffix in (".csv", ".parquet") or path.name == "datapackage.json":
            for other in ("pieces", "jobs"):
                assert path.read_bytes() == (tmp_path / other / path.name).read_bytes(), (other, path.name)
    assert pq.ParquetFile(tmp_path / "pieces" / "sentences.parquet").num_row_groups == 2


def test_with_two_jobs_the_sentences_table_is_written_while_the_corpus_level_steps_run(tmp_path, monkeypatch):
    import threading

    from oversight_research import cases, pipeline

    raw = seed_folder(tmp_path, 3)
    extract = pipeline.extract
    extract(raw, tmp_path / "one", progress=False, cache=False)
    started, real_write, real_group = threading.Event(), pipeline._write_table, cases.group

    def write(name, *args):
        if name == "sentences":
            started.set()
        return real_write(name, *args)

    def group(*args):
        assert started.wait(timeout=30)  # the sentences are being written already
        return real_group(*args)

    monkeypatch.setattr(pipeline, "_write_table", write)
    monkeypatch.setattr(cases, "group", group)
    extract(raw, tmp_path / "two", progress=False, cache=False, jobs=2)
    for path in (tmp_path / "one").iterdir():
        if path.suffix in (".csv", ".parquet") or path.name == "datapackage.json":
            assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name
