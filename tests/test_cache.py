"""The per-document cache (:mod:`oversight_research.cache`): the raw file is
read once, for the cache key and the extraction alike."""

from __future__ import annotations

import pytest

from oversight_research import cache, ingest
from oversight_research.extract import extract_document

TEXT = "Officer dismissed\n\nA police officer was dismissed without notice after a misconduct hearing in Leeds.\n"


@pytest.fixture
def reads(monkeypatch):
    calls = []
    real = ingest.read_inside

    def counted(path, raw_dir):
        calls.append(path.name)
        return real(path, raw_dir)

    monkeypatch.setattr(ingest, "read_inside", counted)
    return calls


def test_with_the_cache_on_the_file_is_read_once(tmp_path, reads):
    (tmp_path / "raw").mkdir()
    path = tmp_path / "raw" / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result, cached, warnings = cache.extract_cached(path, tmp_path / "raw", {"doc_id": "a"}, tmp_path / "cache")
    assert (cached, warnings, reads) == (False, [], ["a.txt"])
    assert result == _capped(extract_document(path, tmp_path / "raw", {"doc_id": "a"}))
    reads.clear()
    again, cached, _ = cache.extract_cached(path, tmp_path / "raw", {"doc_id": "a"}, tmp_path / "cache")
    assert (cached, reads, again) == (True, ["a.txt"], result)  # the key needs the bytes; nothing else reads them


def test_without_the_cache_the_file_is_read_once(tmp_path, reads):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    cache.extract_cached(path, tmp_path, {"doc_id": "a"}, None)
    assert reads == ["a.txt"]


def test_an_unreadable_file_is_reported_with_the_cache_on(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "folder.txt").symlink_to(tmp_path, target_is_directory=True)
    result, cached, _ = cache.extract_cached(tmp_path / "raw" / "folder.txt", tmp_path / "raw", None, tmp_path / "c")
    (article,) = result["articles"]
    assert (cached, article["status"]) == (False, "unreadable")
    assert "points outside the raw folder" in article["problems"]
    assert not (tmp_path / "c").exists()  # not cached: cheap to read again


def _capped(result):
    from oversight_research import tables

    tables.cap_evidence(result)
    return result
