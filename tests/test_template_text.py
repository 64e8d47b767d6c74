"""The corpus-level template-text filter (rules/corpus.yaml ``template_text``):
a sentence repeated verbatim in documents of several cases is page template,
and the outcome rows resting on it are dropped and counted per document."""

from __future__ import annotations

import csv
import filecmp

import pytest

from oversight_research import engines, pipeline
from oversight_research.rules import Reader, RulesError
from oversight_research.rules import corpus as corpus_rules
from oversight_research.text import sentence_digest

TEMPLATE = "The officer was dismissed without notice by the chief constable in the city."  # one outcome row
OWN = "PC Smith{i} was given a final written warning for his conduct."


def _document(i: int, reference: str, title: str | None = None) -> str:
    return (
        f"{title or f'Officer case number {i}'}\n\n"
        f"A man was injured in Leeds in 2020. The IOPC investigated, IOPC reference {reference}.\n\n"
        f"{TEMPLATE}\n\n{OWN.format(i=i)}\n"
    )


def _corpus(tmp_path, references: list[str], titles: list[str | None] | None = None):
    raw = tmp_path / "raw"
    raw.mkdir(parents=True)
    for i, reference in enumerate(references, 1):
        title = titles[i - 1] if titles else None
        (raw / f"doc{i}.txt").write_text(_document(i, reference, title), encoding="utf-8")
    return raw


def _rows(folder, table: str) -> list[dict]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _evidence(folder) -> list[str]:
    return sorted(row["evidence"] for row in _rows(folder, "outcomes"))


def test_a_sentence_repeated_in_three_cases_is_template_and_its_outcomes_are_dropped(tmp_path):
    raw = _corpus(tmp_path, ["2020/000001", "2020/000002", "2020/000003"])
    summary = pipeline.extract(raw, tmp_path / "out", progress=False, cache=False)
    assert len({row["case_id"] for row in _rows(tmp_path / "out", "cases")}) == 3
    evidence = _evidence(tmp_path / "out")
    assert TEMPLATE not in evidence
    assert evidence == sorted(OWN.format(i=i) for i in (1, 2, 3))  # each document's own outcome stays
    assert {row["doc_id"]: row["template_outcomes"] for row in _rows(tmp_path / "out", "articles")} == {
        "doc1": "1",
        "doc2": "1",
        "doc3": "1",
    }
    assert (summary.template_outcomes, summary.template_documents) == (3, 3)
    assert "3 outcome rows of 3 documents dropped as template text" in summary.line()


def test_syndicated_copies_of_one_case_are_not_template(tmp_path):
    raw = _corpus(tmp_path, ["2020/000001"] * 3)  # one reference: one case
    summary = pipeline.extract(raw, tmp_path / "out", progress=False, cache=False)
    assert len(_rows(tmp_path / "out", "cases")) == 1
    assert _evidence(tmp_path / "out").count(TEMPLATE) == 3
    assert {row["template_outcomes"] for row in _rows(tmp_path / "out", "articles")} == {"0"}
    assert summary.template_outcomes == 0
    assert "template" not in summary.line()


def test_two_cases_are_below_the_threshold(tmp_path):
    raw = _corpus(tmp_path, ["2020/000001", "2020/000001", "2020/000002"])  # three documents, two cases
    pipeline.extract(raw, tmp_path / "out", progress=False, cache=False)
    assert _evidence(tmp_path / "out").count(TEMPLATE) == 3


def test_a_researchers_decision_on_a_template_row_is_kept(tmp_path):
    raw = _corpus(tmp_path, ["2020/000001", "2020/000002", "2020/000003"])
    pipeline.extract(raw, tmp_path / "first", progress=False, cache=False)
    row_ids = _template_row_ids(tmp_path)
    corrections = tmp_path / "corrections"
    corrections.mkdir()
    (corrections / "outcomes.csv").write_text(
        f"row_id,action,reviewer,note\n{row_ids['doc1']},confirm,rev,checked: a real outcome\n", encoding="utf-8"
    )
    pipeline.extract(raw, tmp_path / "out", progress=False, cache=False, corrections_dir=corrections)
    kept = [row for row in _rows(tmp_path / "out", "outcomes") if row["evidence"] == TEMPLATE]
    assert [(row["doc_id"], row["review"]) for row in kept] == [("doc1", "confirmed")]
    counts = {row["doc_id"]: row["template_outcomes"] for row in _rows(tmp_path / "out", "articles")}
    assert counts == {"doc1": "0", "doc2": "1", "doc3": "1"}


def _template_row_ids(tmp_path) -> dict[str, str]:
    """The row ids the template sentence's outcome rows have (taken from a run without the filter)."""
    raw = _corpus(tmp_path / "one", ["2020/000001"] * 3)  # the same row ids: doc, table, offsets, category
    pipeline.extract(raw, tmp_path / "one" / "out", progress=False, cache=False)
    return {
        row["doc_id"]: row["row_id"]
        for row in _rows(tmp_path / "one" / "out", "outcomes")
        if row["evidence"] == TEMPLATE
    }


def _cmp_tables(a, b) -> list[str]:
    names = sorted(p.name for p in a.iterdir() if p.suffix in (".csv", ".parquet") or p.name == "datapackage.json")
    assert names
    return [name for name in names if not filecmp.cmp(a / name, b / name, shallow=False)]


@pytest.mark.slow
def test_the_filter_is_the_same_with_one_job_or_two_and_with_or_without_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "BATCH_DOCS", 2)  # the template's documents in different batches and workers
    raw = _corpus(tmp_path, [f"2020/00000{i}" for i in range(1, 6)])
    one = pipeline.extract(raw, tmp_path / "one", jobs=1, progress=False, cache=False)
    two = pipeline.extract(raw, tmp_path / "two", jobs=2, progress=False, cache=False)
    cold = pipeline.extract(raw, tmp_path / "cached", jobs=2, progress=False, cache=True)
    warm = pipeline.extract(raw, tmp_path / "cached", jobs=1, progress=False, cache=True)
    assert warm.cached == 5
    assert one.template_outcomes == two.template_outcomes == cold.template_outcomes == warm.template_outcomes == 5
    assert _cmp_tables(tmp_path / "one", tmp_path / "two") == []
    assert _cmp_tables(tmp_path / "one", tmp_path / "cached") == []
    pytest.importorskip("dask")
    dask = pipeline.extract(raw, tmp_path / "dask", jobs=2, progress=False, cache=False, engine="dask")
    assert dask.template_outcomes == 5
    assert _cmp_tables(tmp_path / "one", tmp_path / "dask") == []


# --------------------------------------------------------------------------- the counting


def _digests(doc_id: str, sentences: list[str]) -> engines.Digests:
    return engines.sentence_digests(doc_id, [{"sentence": n, "text": t} for n, t in enumerate(sentences)])


def _key(doc_id: str, reference: str = "", victims: tuple[str, ...] = (), title: str = "") -> dict:
    return {"doc_id": doc_id, "reference": reference, "victims": list(victims), "title": title}


LONG = "Misconduct hearings are public unless the chair decides that they should be held in private."


def test_template_sentences_count_cases_not_documents():
    digests = [_digests(d, ["Short one.", LONG]) for d in ("a", "b", "c", "d")]
    keys = [_key("a", "r1"), _key("b", "r1"), _key("c", "r2"), _key("d", victims=("Jo Bloggs",))]
    doc_case = {"a": "x", "b": "x", "c": "y", "d": "z"}
    assert pipeline.template_sentences(digests, keys, doc_case, {}) == dict.fromkeys("abcd", frozenset({1}))
    doc_case["d"] = "x"  # three documents of case x, one of y: two cases
    assert pipeline.template_sentences(digests, keys, doc_case, {}) == {}


def test_documents_without_a_case_key_count_by_their_title():
    digests = [_digests(d, [LONG]) for d in ("a", "b", "c")]
    doc_case = {"a": "a-case", "b": "b-case", "c": "c-case"}  # singletons, as cases.group makes them
    same_title = [_key(d, title="Officer  Dismissed") for d in "ab"] + [_key("c", title="officer dismissed")]
    assert pipeline.template_sentences(digests, same_title, doc_case, {}) == {}  # syndicated copies
    other_titles = [_key(d, title=f"Story {d}") for d in "abc"]
    assert set(pipeline.template_sentences(digests, other_titles, doc_case, {})) == {"a", "b", "c"}
    untitled = [_key(d) for d in "abc"]
    assert set(pipeline.template_sentences(digests, untitled, doc_case, {})) == {"a", "b", "c"}
    # a cases.csv row is a case key: the documents it puts in one case count once
    overrides = dict.fromkeys("abc", "one")
    assert pipeline.template_sentences(digests, other_titles, dict.fromkeys("abc", "one"), overrides) == {}


def test_the_order_of_documents_does_not_matter():
    digests = [_digests(d, [LONG, f"Unique sentence about document {d} and nothing else here."]) for d in "abcde"]
    keys = [_key(d, f"r{d}") for d in "abcde"]
    doc_case = {d: d for d in "abcde"}
    forward = pipeline.template_sentences(digests, keys, doc_case, {})
    assert forward == pipeline.template_sentences(digests[::-1], keys[::-1], doc_case, {})
    assert forward == dict.fromkeys("abcde", frozenset({0}))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (LONG, LONG.upper(), True),
        (LONG, LONG.replace(" ", "\n  "), True),
        (LONG, LONG.replace("public", "private"), False),
        (LONG, LONG.rstrip("."), False),  # verbatim: punctuation counts
    ],
)
def test_sentences_are_compared_case_folded_with_whitespace_collapsed(a, b, same):
    assert (sentence_digest(a) == sentence_digest(b)) is same


def test_short_sentences_are_never_template():
    min_words = corpus_rules.load().template_text.min_words
    assert sentence_digest(" ".join(["word"] * (min_words - 1)), min_words) is None
    assert sentence_digest(" ".join(["word"] * min_words), min_words) is not None
    assert _digests("a", ["Investigation.", LONG])[1] == (1,)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"template_text": {"min_documents": 1, "min_words": 8}}, "min_documents: must lie in"),
        ({"template_text": {"min_documents": 3, "min_words": "8"}}, "min_words: must be a whole number"),
        ({"template_text": {"min_documents": 3, "min_words": 8, "case_finding": "x", "max": 2}}, "max: unknown key"),
        ({"template_text": {"min_documents": 3, "min_words": 8}}, "case_finding: missing"),
        ({"template_text": {"min_documents": 3, "min_words": 8, "case_finding": "(we"}}, "case_finding: not a valid"),
        ({}, "template_text: missing"),
    ],
)
def test_a_wrong_corpus_rule_names_its_key(data, message):
    with pytest.raises(RulesError, match=message):
        corpus_rules.CorpusRules.parse(Reader("corpus", data))


FINDING = (
    "Based on the evidence available we found no indication that any officer had behaved in a manner"
    " that would justify disciplinary proceedings."
)


def test_an_investigations_finding_in_standard_words_is_not_template(tmp_path):
    """An oversight body words its findings the same way on many pages, each about its own case:
    the finding stays an outcome of each (rules/corpus.yaml ``case_finding``)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in (1, 2, 3):
        (raw / f"doc{i}.txt").write_text(
            f"Officer case number {i}\n\nA man was injured in Leeds in 2020. The IOPC investigated,"
            f" IOPC reference 2020/00000{i}.\n\n{FINDING}\n\n{TEMPLATE}\n",
            encoding="utf-8",
        )
    pipeline.extract(raw, tmp_path / "out", progress=False, cache=False)
    evidence = _evidence(tmp_path / "out")
    assert evidence.count(FINDING) == 3  # kept in every document
    assert TEMPLATE not in evidence  # the page template beside it still dropped


@pytest.mark.parametrize(
    "sentence, finding",
    [
        ("At the end of the investigation we found no indication of misconduct by any officer.", True),
        ("Our investigation concluded that the officers had acted in line with their training.", True),
        ("The panel found the allegations of gross misconduct proven against the sergeant.", True),
        ("We make learning recommendations to improve policing and public confidence in the system.", False),
        ("Misconduct hearings are public unless the chair decides that they should be held in private.", False),
    ],
)
def test_a_case_finding_is_a_past_tense_finding_by_the_investigation(sentence, finding):
    assert bool(corpus_rules.load().template_text.case_finding.search(sentence)) is finding
    digests = engines.sentence_digests("d", [{"sentence": 0, "text": sentence}])
    assert (digests[1] == ()) is finding
