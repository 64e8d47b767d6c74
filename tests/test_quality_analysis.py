"""Honest evaluation: every pooled score with a bootstrap interval over documents and
the number of documents behind it; nothing to compare says so and shows no score."""

from __future__ import annotations

import math
import shutil

import pandas as pd
from conftest import GOLD, ROOT

from oversight_research import analysis
from oversight_research.analysis.summary import quality_finding
from oversight_research.cli import main
from oversight_research.evaluate import bootstrap_accuracy, bootstrap_prf, prf

HOSTILE = ROOT / "tests" / "data" / "bad" / "hostile-quotes.txt"


def test_pooled_scores_get_a_bootstrap_interval_over_documents():
    per_doc = [(9, 1, 0), (4, 0, 4), (10, 2, 1), (0, 3, 2), (7, 0, 0)]
    tp, fp, fn = map(sum, zip(*per_doc, strict=True))
    p, r, f = prf(tp, fp, fn)
    ci = bootstrap_prf(per_doc)
    for name, value in (("precision", p), ("recall", r), ("f1", f)):
        assert ci[f"{name}_low"] <= value <= ci[f"{name}_high"], name
        assert ci[f"{name}_high"] - ci[f"{name}_low"] > 0.02, name  # five uneven documents: not a point
    assert bootstrap_prf(per_doc) == ci  # fixed seed: the same tables give the same interval


def test_accuracy_interval_and_nothing_to_resample():
    ci = bootstrap_accuracy([(9, 10), (3, 6), (8, 8)])
    assert ci["f1_low"] <= 20 / 24 <= ci["f1_high"]
    assert all(math.isnan(v) for v in bootstrap_prf([(0, 0, 0)]).values())
    assert all(math.isnan(v) for v in bootstrap_accuracy([]).values())


def test_evaluation_table_carries_documents_and_intervals(corpus_tables):
    from oversight_research.evaluate import evaluate

    scores, _, _ = evaluate(GOLD, corpus_tables)
    pooled = scores[(scores["doc_id"] == "ALL") & (scores["set"] == "all") & (scores["measure"] == "date value")].iloc[
        0
    ]
    assert pooled["documents"] > 1 and pooled["f1_low"] <= pooled["f1"] <= pooled["f1_high"]
    table = analysis.overall(scores)
    assert "95% interval" in table.columns and "documents" in table.columns
    assert table.loc[table["measure"] == "date value", "95% interval"].iloc[0].count("–") == 1


def test_nothing_in_common_says_so_and_scores_nothing(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(HOSTILE, raw)  # no gold annotation exists for it
    assert main(["extract", str(raw), "--out", str(tmp_path / "t"), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(GOLD), "--tables", str(tmp_path / "t")]) == 1
    err = capsys.readouterr()
    assert "nothing to score" in err.err and "1.00" not in err.out
    empty = pd.DataFrame(columns=["set", "doc_id", "extractor", "measure", "f1", "f1_low", "f1_high", "documents"])
    assert not analysis.has_scores(empty)
    finding = quality_finding(empty)
    assert finding.text.startswith("Nothing to score") and "F1" not in finding.text


def test_an_unknown_extractor_is_refused_not_an_empty_error_list():
    import pytest

    errors = pd.DataFrame(columns=["extractor", "measure", "doc_id", "error", "value", "context"])
    with pytest.raises(ValueError, match="extractor must be one of"):
        analysis.error_list(errors, "bogus")
    assert analysis.check_extractor(None) is None and analysis.error_list(errors, "outcomes").empty


def _pooled(rows):
    return pd.DataFrame(
        [
            {"set": s, "extractor": "outcomes", "measure": "category", "doc_id": "ALL", "tp": 1, "fp": 0, "fn": 0}
            | {"precision": 1.0, "recall": 1.0, "f1": f1, "documents": n, "f1_low": f1 - 0.1, "f1_high": f1}
            for s, n, f1 in rows
        ]
    )


def test_the_sets_behind_the_scores_come_from_the_data_not_the_notebook(tmp_path):
    (tmp_path / "sets.yaml").write_text(
        "seeds: {tuned: true, about: five seeds}\nfresh: {tuned: false, about: new pages}\n", encoding="utf-8"
    )
    scores = _pooled([("seeds", 5, 0.9), ("fresh", 16, 0.6), ("other", 3, 0.5), ("untuned", 16, 0.6), ("all", 24, 0.7)])
    table = analysis.gold_sets(scores, tmp_path)
    assert table["set"].tolist() == ["fresh", "other", "seeds", "untuned", "all"]
    assert table["documents"].tolist() == [16, 3, 5, 16, 24]
    assert table["tuned on"].tolist() == ["no", "not listed", "yes", "no", ""]
    assert analysis.gold_sets(scores, tmp_path / "none")["tuned on"].tolist()[:3] == ["not listed"] * 3


def test_the_headline_scores_are_those_of_the_untuned_sets_when_there_are_any():
    import matplotlib.pyplot as plt

    scores = _pooled([("seeds", 5, 0.9), ("untuned", 16, 0.6), ("all", 21, 0.7)])
    assert analysis.pools(scores) == ["untuned", "all"] and analysis.pools(scores[scores["set"] != "untuned"]) == [
        "all"
    ]
    fig = analysis.plot_overall(scores)
    assert "16 documents nobody tuned the rules to" in fig.alt_text and "0.60" in fig.alt_text
    assert analysis.overall(scores, "untuned")["f1"].tolist() == [0.6]
    plt.close(fig)


def test_the_quality_notebook_states_no_gold_set_size_of_its_own():
    """Sizes written into the Markdown go stale as sets are added (it said 76
    documents and 48 gathered pages when 216 were scored): they come from the data."""
    import re

    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "90_extraction_quality.ipynb", as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not re.search(r"\b\d+ (documents|further real pages|public-sector pages)", prose)
    assert "`dev-new` and `gathered` are" not in prose and "gold_sets" in "".join(c.source for c in nb.cells)


def test_run_gives_the_quality_notebook_the_gold_folder():
    from oversight_research.workflow import Settings, notebook_parameters

    params = notebook_parameters(Settings(notebooks=ROOT / "notebooks", gold=ROOT / "data" / "annotations"))
    assert params["gold_dir"] == str(ROOT / "data" / "annotations")


def _scores(*rows: tuple[str, str, str, float, float, float, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "set": s,
                "extractor": e,
                "measure": m,
                "doc_id": "ALL",
                "f1": f,
                "f1_low": lo,
                "f1_high": hi,
                "documents": n,
            }
            for s, e, m, f, lo, hi, n in rows
        ]
    )


def test_a_finding_says_how_far_its_extraction_holds_on_untuned_documents():
    from oversight_research.analysis.summary import missed_finding, reliability

    scores = _scores(
        ("untuned", "missed_opportunities", "warning+harm date", 0.39, 0.0, 0.66, 37),
        ("all", "missed_opportunities", "warning+harm date", 0.74, 0.63, 0.82, 276),
    )
    from oversight_research import tables

    row = {"doc_id": "d", "case_id": "a", "warning_date": "2020-01-01", "harm_date": "2020-01-04", "start": 0, "end": 1}
    missed = tables.to_frame("missed_opportunities", [{**row, "interval_days": 3, "day_exact": True}])
    text = missed_finding(missed, pd.DataFrame({"case_id": ["a"]}), "year", scores).text
    assert text.endswith(
        "Extraction: missed-opportunity (warning, harm) pairs F1 0.39 (95% interval 0.00–0.66) "
        "on the 37 documents nobody tuned the rules to."
    )
    only_all = scores[scores["set"] == "all"]
    assert "on the 276 documents annotated, some tuned on." in reliability(
        only_all, "missed_opportunities", "warning+harm date", "pairs F1"
    )
    assert reliability(None, "missed_opportunities", "warning+harm date", "pairs F1") == ""
    assert reliability(scores, "outcomes", "category+count", "F1") == ""  # nothing scored for it: nothing said
