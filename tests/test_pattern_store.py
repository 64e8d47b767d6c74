"""regex_start's pattern store: patterns and analyses read back from it are
the ones compiled afresh, and a store of other code, damaged or edited is
never trusted."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from oversight_research import regex_start, text
from oversight_research.outcomes import _word_literals_and_sets

PATTERNS = [
    r"\bno case to answer\b",
    r"(?<!\w)(?:\d{1,3}|one|two)\s+officers?\b",
    r"(?P<day>\d{1,2})\s+(?P<month>May|June)",
    r"(?i)gross\s+misconduct",
    r"’s\b|\bit’s",
]
SAMPLE = "Two officers had no case to answer; on 12 May it’s GROSS  misconduct, 3 officers"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh process's view of a store file in ``tmp_path``."""
    path = tmp_path / "cache" / "patterns.json"
    monkeypatch.setenv("OVERSIGHT_RESEARCH_PATTERN_CACHE", str(path))
    new_process(monkeypatch)
    return path


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_start, "_STORE", None)
    monkeypatch.setattr(regex_start, "_USED", set())
    monkeypatch.setattr(regex_start, "_NEW", set())
    regex_start._fingerprint.cache_clear()


def compile_all() -> list[re.Pattern[str]]:
    return [regex_start._with_start_set(p, 0) for p in PATTERNS]


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    parse = regex_start.sre_parse.parse

    def counting(pattern: str, flags: int = 0, state: object = None) -> object:
        seen.append(pattern)
        return parse(pattern, flags, state)

    monkeypatch.setattr(regex_start.sre_parse, "parse", counting)
    return seen


def resign(store: Path, entries: dict) -> None:
    """Write ``entries`` as a store of this code with a valid hash (what an editor of the file could do)."""
    head = store.read_bytes().partition(b"\n")[0]
    body = json.dumps(entries).encode()
    magic, fingerprint, _ = head.decode().rsplit(" ", 2)
    store.write_bytes(f"{magic} {fingerprint} {hashlib.sha256(body).hexdigest()}\n".encode() + body)


def test_patterns_read_back_equal_the_ones_compiled_afresh(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = compile_all()
    regex_start.save()
    assert store.is_file()
    new_process(monkeypatch)
    parses = count_parses(monkeypatch)
    kept = compile_all()
    assert not [p for p in parses if p in PATTERNS]  # read, not parsed
    assert kept == fresh  # (same pattern, flags and code)
    for a, b in zip(kept, fresh, strict=True):
        assert [m.span() for m in a.finditer(SAMPLE)] == [m.span() for m in b.finditer(SAMPLE)]
        assert a.groupindex == b.groupindex and a.groups == b.groups
        found, expected = a.search(SAMPLE), b.search(SAMPLE)
        assert (found and found.groupdict(), found and found.lastgroup) == (
            expected and expected.groupdict(),
            expected and expected.lastgroup,
        )


def test_nothing_is_written_when_nothing_was_new(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_all()
    regex_start.save()
    before = store.stat().st_mtime_ns
    new_process(monkeypatch)
    compile_all()
    regex_start.save()
    assert store.stat().st_mtime_ns == before and not list(store.parent.glob(".patterns-*"))


def test_analyses_read_back_equal_the_ones_computed_afresh(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"\b(?:was|were)\s+(?:dismissed|sacked)\s+without\s+notice"
    fresh = (text.required_literals(pattern), _word_literals_and_sets(pattern, True), text.required_literals("(?i)x"))
    regex_start.save()
    new_process(monkeypatch)
    parses = count_parses(monkeypatch)
    kept = (text.required_literals(pattern), _word_literals_and_sets(pattern, True), text.required_literals("(?i)x"))
    assert pattern not in parses
    assert kept == fresh and isinstance(kept[0], frozenset) and kept[2] is None
    assert isinstance(kept[1], tuple) and isinstance(kept[1][1], list)


@pytest.mark.parametrize(
    "damage",
    [
        lambda head, body: b"not a store at all",
        lambda head, body: head + body[:-7],  # truncated: its hash fails
        lambda head, body: head.replace(head.split(b" ")[2], b"0" * 64) + body,  # another package's code
    ],
)
def test_a_damaged_or_foreign_store_is_ignored(store: Path, monkeypatch: pytest.MonkeyPatch, damage) -> None:
    fresh = compile_all()
    regex_start.save()
    head, _, body = store.read_bytes().partition(b"\n")
    store.write_bytes(damage(head + b"\n", body))
    new_process(monkeypatch)
    parses = count_parses(monkeypatch)
    assert compile_all() == fresh
    assert [p for p in parses if p in PATTERNS] == PATTERNS  # all compiled afresh
    regex_start.save()  # and the store rebuilt
    assert store.read_bytes().partition(b"\n")[0].rsplit(b" ", 1)[0] == head.rsplit(b" ", 1)[0]


def test_an_edited_entry_with_a_valid_hash_is_not_trusted(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Code the engine rejects, an entry of the wrong shape or groups that do
    not agree with each other are compiled afresh."""
    fresh = compile_all()
    regex_start.save()
    entries = json.loads(store.read_bytes().partition(b"\n")[2])
    first, second, third = (f"compiled\0{0}\0{p}" for p in PATTERNS[:3])
    entries[first][1] = "AAAAAP////8="  # (two words: not valid code)
    entries[second] = "a string"
    entries[third][3] = {"day": 2, "month": 1}  # (the names swapped: the code would give the wrong group)
    resign(store, entries)
    new_process(monkeypatch)
    kept = compile_all()
    assert kept == fresh
    assert kept[2].groupindex == {"day": 1, "month": 2} and kept[2].search(SAMPLE)["day"] == "12"


def test_an_edited_analysis_is_not_trusted(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"\bwas\s+dismissed\b"
    fresh = (text.required_literals(pattern), _word_literals_and_sets(pattern, True))
    regex_start.save()
    entries = json.loads(store.read_bytes().partition(b"\n")[2])
    entries[f"required-literals\0{0}\0{pattern}"] = ["F", 7]  # (not strings)
    entries[f"word-literals-True\0{0}\0{pattern}"] = {"no": "tag"}
    resign(store, entries)
    new_process(monkeypatch)
    assert (text.required_literals(pattern), _word_literals_and_sets(pattern, True)) == fresh


def test_a_store_others_could_write_is_ignored(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = compile_all()
    regex_start.save()
    store.chmod(0o664)
    new_process(monkeypatch)
    parses = count_parses(monkeypatch)
    assert compile_all() == fresh
    assert [p for p in parses if p in PATTERNS] == PATTERNS  # compiled afresh: the file was not read


def test_a_store_in_a_folder_others_could_write_is_ignored_unless_sticky(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compile_all()
    regex_start.save()
    store.parent.chmod(0o777)
    new_process(monkeypatch)
    assert regex_start._store() == {}  # (another user could have put the file there)
    store.parent.chmod(0o1777)  # sticky, as /tmp: others cannot replace this user's file
    new_process(monkeypatch)
    assert regex_start._store()


def test_a_store_nested_too_deep_is_ignored(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = compile_all()
    regex_start.save()
    head = store.read_bytes().partition(b"\n")[0]
    body = b"[" * 100_000 + b"]" * 100_000
    magic, fingerprint, _ = head.decode().rsplit(" ", 2)
    store.write_bytes(f"{magic} {fingerprint} {hashlib.sha256(body).hexdigest()}\n".encode() + body)
    new_process(monkeypatch)
    assert compile_all() == fresh


def test_only_the_main_process_saves(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_start, "_INSTALLED_BY", regex_start._INSTALLED_BY + 1)  # (as if another process)
    compile_all()
    regex_start.save()
    assert not store.exists()


def test_the_store_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_RESEARCH_PATTERN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    new_process(monkeypatch)
    assert regex_start.store_path() is None
    assert compile_all()
    regex_start.save()
    assert not list(tmp_path.rglob("*"))


def test_the_default_store_is_under_the_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OVERSIGHT_RESEARCH_PATTERN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert regex_start.store_path() == tmp_path / "oversight-research" / "patterns.json"


def test_an_unwritable_store_is_only_logged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("OVERSIGHT_RESEARCH_PATTERN_CACHE", str(blocker / "patterns.json"))  # (a file as folder)
    new_process(monkeypatch)
    compile_all()
    regex_start.save()  # no exception
    assert regex_start._NEW  # (still to be written)


def test_a_full_store_keeps_what_the_process_used(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_start, "_KEPT_MAX", 3)
    compile_all()
    regex_start.save()
    new_process(monkeypatch)
    regex_start._with_start_set(PATTERNS[0], 0)  # read from the store
    regex_start._with_start_set(r"\bnew one\b", 0)  # added
    regex_start.save()
    entries = json.loads(store.read_bytes().partition(b"\n")[2])
    assert sorted(entries) == sorted(f"compiled\0{0}\0{p}" for p in (PATTERNS[0], r"\bnew one\b"))


def test_a_pattern_with_a_lone_surrogate_is_stored(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = "a\ud800b|\\bc"
    fresh = regex_start._with_start_set(pattern, 0)
    regex_start.save()
    new_process(monkeypatch)
    assert regex_start._with_start_set(pattern, 0) == fresh
    assert f"compiled\0{0}\0{pattern}" in regex_start._store()
