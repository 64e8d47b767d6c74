"""The scorer itself, on small hand-made cases."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from oversight_research import tables
from oversight_research.evaluate import (
    TONE_GAP_ERROR,
    aligned_expressions,
    evaluate,
    evaluate_to_files,
    krippendorff_alpha_nominal,
    prf,
    same_speaker,
    tone_gap_row,
)

TEXT = "On 5 May 2020 the IOPC said: “We are sorry.” Two officers were dismissed."


def write(tmp_path, gold: dict, events=(), outcomes=(), statements=(), missed=(), set_name=None):
    gold_dir, tables_dir = tmp_path / "gold", tmp_path / "tables"
    folder = gold_dir / set_name if set_name else gold_dir
    folder.mkdir(parents=True)
    (folder / "d.json").write_text(json.dumps({"doc_id": "d", "published": None, **gold}), encoding="utf-8")
    base = {"doc_id": "d", "case_id": "c", "start": 0, "end": len(TEXT)}
    rows = {
        "articles": [{"doc_id": "d", "status": "ok"}],
        "events": [
            {
                **base,
                "event_id": f"d:e{i}",
                "date": e[0],
                "date_text": e[1],
                "precision": "day",
                "event_type": e[2] if len(e) > 2 else "other",
            }
            for i, e in enumerate(events)
        ],
        "missed_opportunities": [{**base, "warning_date": w, "harm_date": h, "interval_days": n} for w, h, n in missed],
        "outcomes": [
            {**base, "outcome_id": f"d:o{i}", "category": c, "count": n, "subject": "officer", "status": "actual"}
            for i, (c, n) in enumerate(outcomes)
        ],
        "statements": [
            {**base, "statement_id": f"d:s{i}", "quote": q, "speaker": s, "role": r, "vader_compound": (v or [None])[0]}
            for i, (q, s, r, *v) in enumerate(statements)  # a fourth item: the VADER compound
        ],
    }
    for name, data in rows.items():
        tables.write_table(name, tables.to_frame(name, data), tables_dir)
    scores, errors, _ = evaluate(gold_dir, tables_dir)
    overall = scores[(scores["doc_id"] == "ALL") & (scores["set"] == "all")].set_index(["extractor", "measure"])
    return overall, errors


GOLD = {
    "events": [{"date": "2020-05-05", "text": "5 May 2020", "precision": "day"}],
    "outcomes": [
        {"category": "dismissal", "count": 2, "subject": "officer", "evidence": "Two officers were dismissed"}
    ],
    "statements": [{"speaker": "IOPC", "role": "oversight_body", "quote_start": "We are sorry"}],
}


def test_a_perfect_match_scores_one(tmp_path):
    overall, errors = write(
        tmp_path,
        GOLD,
        events=[("2020-05-05", "5 May 2020")],
        outcomes=[("dismissal", 2)],
        statements=[("We are sorry.", "IOPC", "oversight_body")],
    )
    scored = overall.loc[
        [
            ("events", "date value"),
            ("outcomes", "category+count"),
            ("outcomes", "category"),
            ("statements", "detection"),
        ]
    ]
    assert (scored[["precision", "recall", "f1"]] == 1.0).all().all()
    assert errors.empty


def test_nothing_to_score_is_not_a_perfect_score(tmp_path):
    overall, _ = write(tmp_path, {"events": [], "outcomes": [], "statements": []})
    assert overall[["precision", "recall", "f1"]].isna().all().all()


def test_event_type_accuracy_on_matched_dates(tmp_path):
    gold = {
        "events": [
            {"date": "2020-05-05", "text": "5 May 2020", "type": "harm"},
            {"date": "2020-04-01", "text": "1 April 2020", "type": "warning_sign"},
        ]
    }
    overall, errors = write(
        tmp_path, gold, events=[("2020-05-05", "5 May 2020", "harm"), ("2020-04-01", "1 April 2020", "police_action")]
    )
    assert overall.loc[("events", "type accuracy"), "precision"] == 0.5
    assert "gold warning_sign vs extracted police_action" in errors["value"].tolist()


def test_an_unresolved_date_matches_the_extraction_that_holds_its_expression(tmp_path):
    gold = {"events": [{"date": None, "text": "July 16th"}, {"date": None, "text": "the following week"}]}
    overall, errors = write(tmp_path, gold, events=[(None, "on July 16th"), (None, "the next day")])
    assert overall.loc[("events", "date value"), ["precision", "recall"]].tolist() == [0.5, 0.5]
    assert errors["value"].tolist() == ["unresolved: the following week", "unresolved: the next day"]


def _unresolved(value: str) -> str | None:
    return value.removeprefix("u:") if value.startswith("u:") else None


@pytest.mark.parametrize(
    "gold, extracted, expected",
    [
        (["u:july 16th"], ["u:on july 16th"], ["u:july 16th"]),  # the extraction holds the gold expression
        (["u:around 6 30pm"], ["u:6 30pm"], ["u:around 6 30pm"]),  # the gold holds the extraction
        (["u:may"], ["u:mayor"], ["u:mayor"]),  # whole words only
        (["u:monday", "u:on monday"], ["u:on monday"], ["u:on monday"]),  # an equal value keeps its pairing
        (["u:on monday"], ["u:monday", "u:monday"], ["u:on monday", "u:monday"]),  # one to one
        (["2020-05-05"], ["u:5 may"], ["u:5 may"]),  # a resolved gold date is matched by its date only
        (["u:5 may"], ["2020-05-05"], ["2020-05-05"]),  # ... and a resolved extraction too
    ],
)
def test_unresolved_expressions_are_aligned_one_to_one_on_whole_words(gold, extracted, expected):
    assert aligned_expressions(gold, extracted, _unresolved) == expected


def test_missed_opportunities_match_on_both_dates_and_report_interval_error(tmp_path):
    gold = {
        "missed_opportunities": [
            {
                "warning_text": "x",
                "warning_date": "2020-04-01",
                "harm_text": "y",
                "harm_date": "2020-05-05",
                "interval_days": 34,
            },
            {
                "warning_text": "x",
                "warning_date": "2020-03",
                "harm_text": "y",
                "harm_date": "2020-05-05",
                "interval_days": 61,
            },
        ]
    }
    overall, _ = write(tmp_path, gold, missed=[("2020-04-01", "2020-05-05", 34), ("2020-04-02", "2020-05-05", 33)])
    row = overall.loc[("missed_opportunities", "warning+harm date")]
    assert (row["precision"], row["recall"]) == (0.5, 0.5)
    assert overall.loc[("missed_opportunities", "interval error (days, mean)"), "f1"] == 0.0


def test_scores_per_set_and_pooled(tmp_path):
    write(tmp_path, GOLD, outcomes=[("dismissal", 2)], set_name="unseen")
    scores, _, _ = evaluate(tmp_path / "gold", tmp_path / "tables")
    pooled = scores[(scores["doc_id"] == "ALL") & (scores["measure"] == "category+count")]
    assert sorted(pooled["set"]) == ["all", "unseen"]
    assert set(scores.loc[scores["doc_id"] == "d", "set"]) == {"unseen"}


def test_a_missing_row_lowers_recall_not_precision(tmp_path):
    gold = {
        **GOLD,
        "outcomes": GOLD["outcomes"]
        + [{"category": "written_warning", "count": 1, "subject": "officer", "evidence": "x"}],
    }
    overall, errors = write(tmp_path, gold, events=[("2020-05-05", "5 May 2020")], outcomes=[("dismissal", 2)])
    row = overall.loc[("outcomes", "category+count")]
    assert (row["precision"], row["recall"]) == (1.0, 0.5)
    assert errors.loc[errors["measure"] == "category+count", ["error", "value"]].values.tolist() == [
        ["miss", "written_warning|1"]
    ]
    assert overall.loc[("statements", "detection"), "recall"] == 0.0
    assert pd.isna(overall.loc[("statements", "detection"), "precision"])  # nothing extracted: undefined


def test_a_spurious_row_lowers_precision_not_recall(tmp_path):
    overall, errors = write(
        tmp_path,
        GOLD,
        events=[("2020-05-05", "5 May 2020"), ("2021-01-01", "New Year")],
        outcomes=[("dismissal", 2)],
        statements=[("We are sorry.", "IOPC", "oversight_body"), ("Other words", None, "other")],
    )
    assert (overall.loc[("events", "date value"), "precision"], overall.loc[("events", "date value"), "recall"]) == (
        0.5,
        1.0,
    )
    assert overall.loc[("statements", "detection"), "precision"] == 0.5
    assert set(errors["error"]) == {"spurious"}


def test_a_wrong_count_is_right_by_category_only(tmp_path):
    overall, _ = write(tmp_path, GOLD, outcomes=[("dismissal", 3)])
    assert overall.loc[("outcomes", "category+count"), "f1"] == 0.0
    assert overall.loc[("outcomes", "category"), "f1"] == 1.0


def test_speaker_and_role_accuracy_on_detected_statements(tmp_path):
    overall, errors = write(tmp_path, GOLD, statements=[("We are sorry.", "A spokesman", "police")])
    assert overall.loc[("statements", "detection"), "f1"] == 1.0
    assert overall.loc[("statements", "speaker accuracy"), "precision"] == 0.0
    assert overall.loc[("statements", "role accuracy"), "precision"] == 0.0
    assert "gold IOPC (oversight_body) vs extracted A spokesman (police)" in errors["value"].tolist()


def test_family_statements_labelled_family_counts_every_gold_family_statement(tmp_path):
    """Of three gold family statements one is found and coded family, one is
    found but coded other, one is not found: 1 of 3; the official one does
    not count either way."""
    gold = {
        "statements": [
            {"speaker": "Ann Cole", "role": "family", "quote_start": "We are heartbroken"},
            {"speaker": "Ann Cole", "role": "family", "quote_start": "He was loved"},
            {"speaker": "Ann Cole", "role": "family", "quote_start": "Nobody listened"},
            {"speaker": "IOPC", "role": "oversight_body", "quote_start": "We are sorry"},
        ]
    }
    found = [
        ("We are heartbroken.", "Ann Cole", "family"),
        ("He was loved.", "Ann Cole", "other"),
        ("We are sorry.", "IOPC", "family"),
    ]
    overall, _ = write(tmp_path, gold, statements=found)
    assert overall.loc[("statements", "family labelled family"), "precision"] == pytest.approx(1 / 3)
    assert overall.loc[("statements", "family labelled family"), "fn"] == 2


def test_no_family_statement_in_the_gold_leaves_nothing_to_score_for_the_family_share(tmp_path):
    overall, _ = write(tmp_path, GOLD, statements=[("We are sorry.", "IOPC", "oversight_body")])
    row = overall.loc[("statements", "family labelled family")]
    assert pd.isna(row["precision"]) and row["tp"] == 0


def test_tone_gap_error_by_hand():
    """Gold roles: family {0.6, 0.2} (mean 0.4) minus official {-0.2} = 0.6.
    Extracted: the 0.2 family statement coded police -> family {0.6} minus
    official {0.2, -0.2} (mean 0.0) = 0.6, and a victim's (outside both groups)
    coded family adds -0.4 to family: {0.6, -0.4} mean 0.1 -> 0.1 - 0.0 = 0.1;
    the error is |0.1 - 0.6| = 0.5."""
    scored = [
        ("family", "family", 0.6),
        ("family", "police", 0.2),
        ("police", "police", -0.2),
        ("victim", "family", -0.4),
    ]
    row = tone_gap_row(scored, n_docs=3)
    assert row["measure"] == TONE_GAP_ERROR
    assert row["precision"] == pytest.approx(0.1) and row["recall"] == pytest.approx(0.6)
    assert row["f1"] == pytest.approx(0.5) and row["tp"] == 4


def test_tone_gap_error_with_a_group_missing_is_nothing_to_score():
    row = tone_gap_row([("family", "family", 0.6), ("family", "other", 0.1)], n_docs=1)
    assert pd.isna(row["f1"]) and pd.isna(row["recall"]) and row["tp"] == 0


def test_tone_gap_error_from_evaluate_uses_each_detected_statements_vader(tmp_path):
    gold = {
        "statements": [
            {"speaker": "Ann Cole", "role": "family", "quote_start": "We are heartbroken"},
            {"speaker": "IOPC", "role": "oversight_body", "quote_start": "We are sorry"},
        ]
    }
    found = [("We are heartbroken.", "Ann Cole", "family", -0.5), ("We are sorry.", "IOPC", "family", 0.3)]
    overall, _ = write(tmp_path, gold, statements=found)
    row = overall.loc[("statements", TONE_GAP_ERROR)]
    # gold roles: -0.5 - 0.3 = -0.8; extracted: both family, no official -> undefined
    assert row["recall"] == pytest.approx(-0.8) and pd.isna(row["precision"]) and pd.isna(row["f1"])


@pytest.mark.parametrize(
    ("gold", "extracted", "same"),
    [
        ("Independent Office for Police Conduct", "The IOPC", True),
        ("Metropolitan Police Service", "The Metropolitan Police", True),
        ("Kent Police", "Kent Police spokesperson", True),  # one inside the other, as before
        ("Kent Police", "Essex Police", False),
        ("IOPC", "Independent Police Complaints Commission", False),  # the IOPC is not the IPCC
        ("Sarah Green", "Independent Office for Police Conduct", False),
        ("IOPC director Sarah Green", "Independent Office for Police Conduct", False),  # a person, not the body
        ("IOPC", "", False),
        ("PSNI spokesperson", "Police Service of Northern Ireland spokesperson", True),
    ],
)
def test_same_speaker_reads_a_body_under_its_canonical_name(gold, extracted, same):
    assert same_speaker(gold, extracted) is same


def test_krippendorff_alpha_by_hand():
    assert krippendorff_alpha_nominal([("a", "a"), ("b", "b")]) == 1.0
    # a:3, b:5, n=8; Do = 2/8, De = 2*3*5/(8*7) -> alpha = 1 - 0.25/0.5357
    assert krippendorff_alpha_nominal([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]) == pytest.approx(
        0.5333, abs=1e-4
    )


def test_prf_conventions():
    assert all(pd.isna(v) for v in prf(0, 0, 0))
    assert prf(2, 2, 0) == (0.5, 1.0, pytest.approx(2 / 3))


def test_quality_tables_for_the_report(tmp_path):
    from oversight_research import analysis

    write(
        tmp_path,
        GOLD,
        events=[("2020-05-05", "5 May 2020")],
        outcomes=[("dismissal", 3)],
        statements=[("We are sorry.", "A spokesman", "police")],
    )
    evaluate_to_files(tmp_path / "gold", tmp_path / "tables")
    scores, errors = analysis.read_scores(tmp_path / "tables")
    table = analysis.overall(scores).set_index(["extractor", "measure"])
    assert table.loc[("statements", "role accuracy"), "score"] == 0.0
    assert pd.isna(table.loc[("statements", "role accuracy"), "precision"])
    assert table.loc[("outcomes", "category+count"), "f1"] == 0.0
    per_doc = analysis.per_document(scores)
    assert per_doc.loc["d", "events: date value"] == 1.0
    assert set(analysis.error_list(errors, "outcomes")["extractor"]) == {"outcomes"}
    assert analysis.read_scores(tmp_path) is None  # no evaluation there


def test_sets_marked_untuned_are_pooled_apart(tmp_path):
    write(tmp_path, GOLD, outcomes=[("dismissal", 2)], set_name="holdout")
    (tmp_path / "gold" / "sets.yaml").write_text("holdout: {tuned: false}\nother: {tuned: true}\n", encoding="utf-8")
    scores, _, _ = evaluate(tmp_path / "gold", tmp_path / "tables")
    pooled = scores[(scores["doc_id"] == "ALL") & (scores["measure"] == "category+count")]
    assert sorted(pooled["set"]) == ["all", "holdout", "untuned"]
    (tmp_path / "gold" / "sets.yaml").write_text("holdout: {tuned: true}\n", encoding="utf-8")
    scores, _, _ = evaluate(tmp_path / "gold", tmp_path / "tables")
    assert "untuned" not in set(scores["set"])
