"""Two reviewers' corrections: what each decided (review_codes), their agreement and
the machine's with each (Krippendorff's alpha), and corrections that found no row (issue 22)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import RAW, SEEDS, write_csv

from oversight_research import evaluate
from oversight_research.corrections import DROPPED, NOT_EXTRACTED
from oversight_research.pipeline import extract
from oversight_research.tables import read_table

DOC = SEEDS[0]
# Five statements coded by two reviewers; alpha by hand: values family 3, police 4,
# other 3 (n = 10); two disagreeing pairs, so 4 off-diagonal coincidences;
# alpha = 1 - (n - 1) * 4 / (n**2 - sum n_c**2) = 1 - 9 * 4 / (100 - 34) = 5/11.
ANA = ["family", "police", "police", "other", "family"]
BEN = ["family", "police", "other", "other", "police"]
HAND_ALPHA = 5 / 11


def _codes(a: list[str], b: list[str], field: str = "role") -> pd.DataFrame:
    rows = [
        {"table": "statements", "unit": f"u{i}", "reviewer": who, "field": field, "machine": "other", "coded": v}
        for who, values in (("ana", a), ("ben", b))
        for i, v in enumerate(values)
    ]
    return pd.DataFrame(rows)


def test_alpha_between_two_reviewers_is_the_hand_computed_value():
    agreement = evaluate.reviewer_agreement(_codes(ANA, BEN))
    pair = agreement[(agreement["coder_a"] == "ana") & (agreement["coder_b"] == "ben")].iloc[0]
    assert pair["rows"] == 5 and pair["agreed"] == 3
    assert pair["alpha"] == pytest.approx(HAND_ALPHA, abs=1e-6)
    machine = agreement[agreement["coder_a"] == "machine"].set_index("coder_b")
    assert machine.loc["ana", "agreed"] == 1 and machine.loc["ben", "agreed"] == 2


def test_no_shared_row_or_one_value_is_nothing_to_score_never_a_number():
    apart = _codes(ANA, BEN).assign(unit=lambda f: f["unit"] + f["reviewer"])  # no row coded by both
    pair = evaluate.reviewer_agreement(apart).query("coder_a == 'ana'").iloc[0]
    assert pair["rows"] == 0 and pd.isna(pair["alpha"]) and pair["note"].startswith("nothing to score")
    same = evaluate.reviewer_agreement(_codes(["other"] * 3, ["other"] * 3))
    assert same["alpha"].isna().all() and same["note"].str.contains("one value").all()
    assert "nothing to score" in evaluate.agreement_summary(evaluate.reviewer_agreement(apart))


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """One document extracted without corrections, then with two reviewers' corrections."""
    base = tmp_path_factory.mktemp("agreement")
    raw = base / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(RAW / f"{DOC}.txt", raw)
    extract(raw, base / "machine", progress=False, corrections_dir=base / "none")
    statements = read_table("statements", base / "machine")
    outcomes = read_table("outcomes", base / "machine")
    assert len(statements) >= 6 and len(outcomes) >= 3
    ids = statements["row_id"].tolist()
    rows = [{"row_id": ids[i], "action": "set", "role": v, "reviewer": "ana"} for i, v in enumerate(ANA)]
    rows.append({"row_id": ids[5], "action": "confirm", "reviewer": "ana"})
    rows += [{"row_id": ids[i], "action": "set", "role": v, "reviewer": "ben"} for i, v in enumerate(BEN)]
    rows.append({"row_id": "000000000000", "action": "set", "role": "police", "reviewer": "ben", "note": "gone"})
    write_csv(base / "data" / "corrections" / "statements.csv", rows)
    o_ids = outcomes["row_id"].tolist()
    write_csv(
        base / "data" / "corrections" / "outcomes.csv",
        [
            {"row_id": o_ids[0], "action": "confirm", "reviewer": "ana"},
            {"row_id": o_ids[1], "action": "drop", "reviewer": "ben"},
            {"doc_id": DOC, "start": 0, "end": 5, "action": "add", "category": "dismissal", "reviewer": "ben"},
        ],
    )
    summary = extract(raw, base / "processed", progress=False)
    agreement = evaluate.agreement_to_files(base / "processed")
    return base, statements, outcomes, summary, agreement


def test_review_codes_hold_the_machine_value_and_each_reviewers(reviewed):
    base, statements, outcomes, _, _ = reviewed
    codes = read_table("review_codes", base / "processed")
    role = codes[(codes["table"] == "statements") & (codes["field"] == "role")]
    machine = dict(zip(statements["row_id"], statements["role"], strict=True))
    assert sorted(set(role["reviewer"])) == ["ana", "ben"]
    for row in role.itertuples():
        assert row.machine == machine[row.unit]  # the value before any correction, not the corrected one
    ana = role[role["reviewer"] == "ana"].set_index("unit")["coded"]
    assert [ana[u] for u in statements["row_id"][:6]] == [*ANA, machine[statements["row_id"][5]]]
    out = codes[codes["table"] == "outcomes"]
    assert set(out.loc[out["reviewer"] == "ben", "coded"]) >= {DROPPED}
    added = out[out["unit"] == f"{DOC}:0-5"]
    assert set(added["machine"]) == {NOT_EXTRACTED}
    assert added.set_index("field").loc["category", "coded"] == "dismissal"
    row = read_table("outcomes", base / "processed").query("review == 'added'")
    assert len(row) == 1 and pd.isna(row["sentence_id"].iloc[0])  # offset 0 lies in no sentence of this document


def test_agreement_of_the_two_reviewers_and_of_the_machine_with_each(reviewed):
    base, statements, _, _, agreement = reviewed
    written = read_table("review_agreement", base / "processed")
    assert len(written) == len(agreement)
    role = agreement[(agreement["table"] == "statements") & (agreement["field"] == "role")].set_index(
        ["coder_a", "coder_b"]
    )
    assert role.loc[("ana", "ben"), "rows"] == 5  # ana's confirm of a sixth row is not shared
    assert role.loc[("ana", "ben"), "alpha"] == pytest.approx(HAND_ALPHA, abs=1e-6)
    machine = statements["role"].tolist()
    assert role.loc[("machine", "ana"), "rows"] == 6
    assert role.loc[("machine", "ana"), "agreed"] == sum(
        m == a for m, a in zip(machine[:6], [*ANA, machine[5]], strict=True)
    )
    assert role.loc[("machine", "ben"), "agreed"] == sum(m == b for m, b in zip(machine[:5], BEN, strict=True))
    apart = agreement[(agreement["table"] == "outcomes") & (agreement["coder_a"] == "ana")].iloc[0]
    assert apart["rows"] == 0 and pd.isna(apart["alpha"]) and "nothing to score" in apart["note"]


def test_a_correction_whose_row_is_gone_is_a_table_row_and_a_warning(reviewed):
    base, _, _, summary, _ = reviewed
    unmatched = read_table("corrections_unmatched", base / "processed")
    assert unmatched[["table", "row_id", "reviewer", "note"]].values.tolist() == [
        ["statements", "000000000000", "ben", "gone"]
    ]
    assert unmatched["line"].tolist() == [13]  # header, ana's six lines, ben's five, then this one
    assert any("000000000000" in w for w in summary.warnings)


def test_the_package_with_corrections_and_agreement_validates(reviewed):
    frictionless = pytest.importorskip("frictionless")
    from oversight_research.tables import write_datapackage

    base = reviewed[0]
    write_datapackage(base / "processed")  # review_agreement, written beside the generation, described too
    report = frictionless.validate(str(base / "processed" / "datapackage.json"))
    names = {task.name for task in report.tasks}
    assert {"review_codes", "corrections_unmatched", "review_agreement"} <= names
    assert report.valid, [(e.type, e.note) for task in report.tasks for e in task.errors][:5]


def test_decisions_naming_an_added_row_by_row_id_are_scored_with_its_add(reviewed):
    """ana adds a row, ben confirms and corrects it by its row_id: one unit, so their agreement is scored;
    a drop ana withdraws keeps the row, and the rows gone are those review_codes say were dropped."""
    from oversight_research.analysis.review import review_summary
    from oversight_research.corrections import row_id

    base, _, outcomes, _, _ = reviewed
    o_ids = outcomes["row_id"].tolist()
    added = {"doc_id": DOC, "start": 0, "end": 5, "category": "dismissal"}
    rid = row_id("outcomes", added)
    folder = base / "second"
    write_csv(
        folder / "outcomes.csv",
        [
            {"row_id": o_ids[0], "action": "drop", "reviewer": "ana"},
            {**added, "action": "add", "reviewer": "ana"},
            {"row_id": rid, "action": "confirm", "reviewer": "ben"},
            {"row_id": rid, "action": "set", "count": "2", "reviewer": "ben"},
            {"row_id": o_ids[0], "action": "confirm", "reviewer": "ana", "note": "an outcome after all"},
            {"row_id": o_ids[1], "action": "drop", "reviewer": "ben"},
        ],
    )
    out = base / "second_out"
    summary = extract(base / "data" / "raw", out, progress=False, corrections_dir=folder)
    assert not [w for w in summary.warnings if "correction" in w]
    codes = read_table("review_codes", out)
    assert codes["doc_id"].eq(DOC).all()  # also for the decisions that name only a row_id
    unit = codes[codes["unit"] == f"{DOC}:0-5"]
    assert set(unit["reviewer"]) == {"ana", "ben"} and set(unit["machine"]) == {NOT_EXTRACTED}
    assert rid not in set(codes["unit"])
    assert unit.set_index(["reviewer", "field"]).loc[("ben", "count"), "coded"] == "2"
    agreement = evaluate.reviewer_agreement(codes).set_index(["table", "field", "coder_a", "coder_b"])
    assert agreement.loc[("outcomes", "count", "ana", "ben"), "rows"] == 1
    assert agreement.loc[("outcomes", "count", "ana", "ben"), "agreed"] == 0
    withdrawn = codes[codes["unit"] == o_ids[0]]
    assert set(withdrawn["action"]) == {"confirm"} and DROPPED not in set(withdrawn["coded"])
    table = read_table("outcomes", out).set_index("row_id")
    assert table.loc[o_ids[0], "review"] == "confirmed" and o_ids[1] not in table.index
    assert len(table) == len(outcomes)  # one dropped, one added
    counts = review_summary(out).set_index("table").loc["outcomes"]
    assert counts["dropped"] == 1 and counts["added"] == 1
