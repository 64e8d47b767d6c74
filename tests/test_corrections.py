"""Researchers' corrections (issue 22): stable row ids, drop/set/add/confirm applied
after extraction and marked, unmatched corrections reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import RAW, SEEDS, write_csv

from oversight_research import corrections
from oversight_research import extract as extract_mod
from oversight_research.pipeline import extract
from oversight_research.schema import columns
from oversight_research.tables import read_table

DOCS = SEEDS[:2]


@pytest.fixture()
def raw(tmp_path) -> Path:
    folder = tmp_path / "data" / "raw"
    folder.mkdir(parents=True)
    for doc in DOCS:
        shutil.copy(RAW / f"{doc}.txt", folder)
    return folder


def _spurious_first(extractor):
    """The extractor with an extra row in front (a rule change that shifts every other row)."""

    def changed(doc):
        rows = extractor(doc)
        if not rows:
            return rows
        extra = {**rows[0], "start": 0, "end": 1}
        for key in ("category", "event_type"):
            if key in extra:
                extra[key] = "other_rule"
        return [extra, *rows]

    return changed


def test_every_correctable_table_ends_with_row_id_and_review():
    for table in corrections.CORRECTABLE:
        assert columns(table)[-2:] == ["row_id", "review"]


def test_row_ids_do_not_depend_on_position_and_are_unique(monkeypatch):
    path = RAW / f"{DOCS[0]}.txt"
    before = extract_mod.extract_document(path, RAW)
    changed = tuple((name, _spurious_first(fn)) for name, fn in extract_mod.EXTRACTORS)
    monkeypatch.setattr(extract_mod, "EXTRACTORS", changed)
    after = extract_mod.extract_document(path, RAW)
    for table in ("events", "outcomes", "statements"):
        ids = [row["row_id"] for row in before[table]]
        assert ids, table
        assert len(set(ids)) == len(ids)
        assert all(row["review"] == "machine" for row in before[table])
        shifted = [row["row_id"] for row in after[table]][1:]
        assert shifted == ids, table  # the row added in front changed no other row's id


def test_same_key_twice_gets_a_suffix_not_a_collision():
    row = {"doc_id": "d", "start": 1, "end": 5, "category": "dismissal"}
    result = {"outcomes": [dict(row), dict(row), {**row, "category": "resignation"}]}
    corrections.add_row_ids(result)
    ids = [r["row_id"] for r in result["outcomes"]]
    assert ids[1] == ids[0] + "-2" and len(set(ids)) == 3


def test_drop_set_add_confirm_are_applied_and_marked_and_survive_a_rule_change(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    extract(raw, out, progress=False, cache=False)
    outcomes = read_table("outcomes", out)
    statements = read_table("statements", out)
    doc = DOCS[0]
    mine = outcomes[outcomes["doc_id"] == doc].reset_index(drop=True)
    assert len(mine) >= 3
    dropped, fixed, kept = mine.loc[0, "row_id"], mine.loc[1, "row_id"], mine.loc[2, "row_id"]
    folder = raw.parent / "corrections"  # the default: <raw>/../corrections
    write_csv(
        folder / "outcomes.csv",
        [
            {"row_id": dropped, "action": "drop", "reviewer": "A", "note": "not an outcome"},
            {"row_id": fixed, "action": "set", "category": "dismissal", "count": "2", "reviewer": "A"},
            {"row_id": kept, "action": "confirm", "reviewer": "A"},
            {
                "doc_id": doc,
                "start": "3",
                "end": "9",
                "action": "add",
                "category": "resigned_or_retired",
                "reviewer": "A",
            },
        ],
    )
    speaker_row = statements.loc[0, "row_id"]
    write_csv(
        folder / "statements.csv",
        [{"row_id": speaker_row, "action": "set", "speaker": "=cmd()", "role": "family", "reviewer": "B"}],
    )

    def check(summary) -> None:
        assert not [w for w in summary.warnings if "correction" in w]
        table = read_table("outcomes", out).set_index("row_id")
        assert dropped not in table.index
        assert table.loc[fixed, "category"] == "dismissal" and table.loc[fixed, "count"] == 2
        assert table.loc[fixed, "stage"] == "sanction"  # stage follows the category (codebook)
        assert table.loc[fixed, "review"] == "corrected" and table.loc[kept, "review"] == "confirmed"
        added = table[table["review"] == "added"]
        assert len(added) == 1 and added["start"].iloc[0] == 3 and added["category"].iloc[0] == "resigned_or_retired"
        assert added["evidence"].iloc[0]  # filled from the sentence holding it
        assert set(table["review"]) == {"machine", "corrected", "confirmed", "added"}
        s = read_table("statements", out).set_index("row_id")
        assert s.loc[speaker_row, "speaker"] == "=cmd()" and s.loc[speaker_row, "review"] == "corrected"

    check(extract(raw, out, progress=False, cache=False))
    csv_text = (out / "statements.csv").read_text(encoding="utf-8")
    assert '"\'=cmd()"' in csv_text  # the CSV writer still neutralises a corrected formula-like cell
    # a rule change that adds a row in front of every document's rows: the corrections still apply
    changed = tuple((name, _spurious_first(fn)) for name, fn in extract_mod.EXTRACTORS)
    monkeypatch.setattr(extract_mod, "EXTRACTORS", changed)
    check(extract(raw, out, progress=False, cache=False))


def test_corrections_are_deterministic_and_leave_the_cache_alone(raw, tmp_path):
    out = tmp_path / "out"
    extract(raw, out, progress=False)
    rid = read_table("outcomes", out)["row_id"].iloc[0]
    folder = tmp_path / "mine"
    write_csv(folder / "outcomes.csv", [{"row_id": rid, "action": "set", "count": "7", "reviewer": "A"}])
    first = extract(raw, out, progress=False, corrections_dir=folder)
    assert first.cached == len(DOCS)  # corrections are not part of a document's cached result
    data = (out / "outcomes.csv").read_bytes()
    extract(raw, out, progress=False, corrections_dir=folder)
    assert (out / "outcomes.csv").read_bytes() == data
    assert read_table("outcomes", out).set_index("row_id").loc[rid, "count"] == 7


def test_a_correction_whose_row_is_gone_is_reported(raw, tmp_path):
    out = tmp_path / "out"
    folder = tmp_path / "corr"
    write_csv(
        folder / "events.csv",
        [
            {"row_id": "0123456789ab", "action": "drop", "reviewer": "A"},
            {"row_id": "ba9876543210", "action": "set", "event_type": "harm", "reviewer": "B"},
        ],
    )
    write_csv(
        folder / "outcomes.csv",
        [
            {"doc_id": "no_such_doc", "start": "1", "end": "2", "action": "add", "category": "dismissal"},
            {"row_id": "x", "action": "explode"},
            {"row_id": "y", "action": "set", "count": "many"},
        ],
    )
    summary = extract(raw, out, progress=False, corrections_dir=folder)
    text = "\n".join(summary.warnings)
    assert "events.csv line 2" in text and "0123456789ab" in text and "no longer extracted" in text
    assert "events.csv line 3" in text and "ba9876543210" in text
    assert "no_such_doc is not in the corpus" in text
    assert "explode" in text and "line 4" in text  # the bad count of line 4
    events = read_table("events", out)
    assert set(events["review"]) == {"machine"}


def test_changing_the_document_makes_its_correction_unmatched(raw, tmp_path):
    out = tmp_path / "out"
    extract(raw, out, progress=False)
    row = read_table("outcomes", out).iloc[-1]
    folder = tmp_path / "corr"
    write_csv(folder / "outcomes.csv", [{"row_id": row["row_id"], "action": "drop", "reviewer": "A"}])
    path = raw / f"{row['doc_id']}.txt"
    path.write_text(
        "Inserted opening paragraph that moves every offset.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    summary = extract(raw, out, progress=False, corrections_dir=folder)
    assert any(row["row_id"] in w and "no longer extracted" in w for w in summary.warnings)


def test_parse_reads_null_and_spreadsheet_prefixes():
    text = "row_id,action,count,evidence,reviewer\nabc,set,NULL,'=x,A\n"
    (c,), problems = corrections.parse("outcomes", text)
    assert not problems and c.values == {"count": None, "evidence": "=x"}
    assert pd.isna(c.values["count"]) or c.values["count"] is None


def test_extract_cli_takes_a_corrections_folder_and_prints_unmatched(raw, tmp_path, capsys):
    from oversight_research.cli import main

    folder = tmp_path / "theirs"
    write_csv(folder / "statements.csv", [{"row_id": "deadbeef0000", "action": "drop", "reviewer": "C"}])
    out = tmp_path / "out"
    assert main(["extract", str(raw), "--out", str(out), "--quiet", "--corrections", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "warning: correction" in err and "deadbeef0000" in err and "by C" in err
    with pytest.raises(SystemExit):
        main(["extract", str(raw), "--out", str(out), "--corrections", str(tmp_path / "missing")])


def test_corrected_events_re_derive_missed_opportunities(tmp_path):
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for path in sorted(RAW.glob("*.txt")):
        shutil.copy(path, raw)
    out = tmp_path / "out"
    extract(raw, out, progress=False)
    missed, events = read_table("missed_opportunities", out), read_table("events", out)
    assert len(missed)

    def others_of(row):
        return events[(events["doc_id"] == row["doc_id"]) & ~events["event_type"].isin(["warning_sign", "harm"])]

    # another event of a document with a missed opportunity: a reviewer makes it a warning a year before the harm
    warning = next(row for _, row in missed.iterrows() if len(others_of(row)))
    doc = warning["doc_id"]
    promoted = others_of(warning).iloc[0]
    earlier = f"{int(warning['harm_date'][:4]) - 1}-01-15"
    dropped = events.set_index("event_id").loc[warning["warning_event_id"], "row_id"]
    rows = [
        {"row_id": dropped, "action": "drop", "reviewer": "A"},
        {
            "row_id": promoted["row_id"],
            "action": "set",
            "event_type": "warning_sign",
            "date": earlier,
            "precision": "day",
            "reviewer": "A",
        },
    ]
    write_csv(raw.parent / "corrections" / "events.csv", rows)
    summary = extract(raw, out, progress=False)
    assert not [w for w in summary.warnings if "correction" in w]
    after = read_table("missed_opportunities", out)
    assert warning["warning_event_id"] not in set(after["warning_event_id"])
    others = missed[missed["doc_id"] != doc].reset_index(drop=True)
    assert after[after["doc_id"] != doc].reset_index(drop=True).equals(others)  # other documents untouched
    new = after[after["warning_event_id"] == promoted["event_id"]]
    assert len(new) == 1 and new["review"].iloc[0] == "corrected" and new["warning_date"].iloc[0] == earlier


# --------------------------------------------------------------------------- review_codes: units, action, order


def _machine_outcomes(*where: tuple[str, int]) -> list[dict]:
    """Machine outcome rows (``doc_id``, ``start``), with their row ids."""
    rows = [{"doc_id": d, "start": s, "end": s + 20, "category": "dismissal", "count": 1} for d, s in where]
    corrections.add_row_ids({"outcomes": rows})
    return rows


def _c(action: str, reviewer: str, row_id: str = "", **values) -> corrections.Correction:
    where = {k: values.pop(k) for k in ("doc_id", "start", "end") if k in values}
    return corrections.Correction("outcomes", 0, action, row_id=row_id, values=values, reviewer=reviewer, **where)


def _applied(rows: list[dict], todo: list[corrections.Correction]) -> tuple[list[dict], list[dict]]:
    """The rows with ``todo`` applied, and the ``review_codes`` rows of the decisions."""
    decided: list[corrections.Decision] = []
    docs = list(dict.fromkeys([r["doc_id"] for r in rows] + [c.doc_id for c in todo if c.doc_id]))
    out = corrections.apply_rows("outcomes", [dict(r) for r in rows], todo, [], docs, set(), decided)
    return out, corrections.code_rows("outcomes", decided)


ADDED = {"doc_id": "d1", "start": 3, "end": 9, "category": "resignation"}


@pytest.mark.parametrize(
    "later",
    [
        [_c("set", "ben", corrections.row_id("outcomes", ADDED), count=2)],
        [_c("confirm", "ben", corrections.row_id("outcomes", ADDED))],
        [
            _c("confirm", "ana", corrections.row_id("outcomes", ADDED)),
            _c("drop", "ben", corrections.row_id("outcomes", ADDED)),
        ],
    ],
    ids=["set", "confirm", "own-confirm-other-drop"],
)
def test_every_decision_on_an_added_row_is_one_unit_whoever_names_it_by_row_id(later):
    rows = _machine_outcomes(("d1", 40))
    out, codes = _applied(rows, [_c("add", "ana", **ADDED), *later])
    assert sum(r["review"] == "added" for r in out) == (0 if later[-1].action == "drop" else 1)
    added = [r for r in codes if r["doc_id"] == "d1"]
    assert {r["unit"] for r in added} == {"d1:3-9"}  # the add and every later decision: one unit
    assert {r["machine"] for r in added} == {corrections.NOT_EXTRACTED}  # never the row_id's "(empty)"
    assert {r["reviewer"] for r in added} == {"ana", "ben"}
    from oversight_research.evaluate import reviewer_agreement

    pair = reviewer_agreement(pd.DataFrame(codes)).query("coder_a == 'ana' and coder_b == 'ben'")
    assert (pair["rows"] == 1).all()  # the two reviewers share the row, so their agreement is scored


@pytest.mark.parametrize(
    "decisions, action, kept",
    [
        (["drop", "confirm"], "confirm", True),  # a reviewer withdraws their own drop
        (["drop", "set"], "set", True),
        (["set", "drop"], "drop", False),
        (["confirm", "drop", "drop"], "drop", False),
        (["set", "confirm"], "confirm", True),
    ],
)
def test_review_codes_action_and_the_table_follow_the_reviewers_last_decision(decisions, action, kept):
    rows = _machine_outcomes(("d1", 10))
    rid = rows[0]["row_id"]
    todo = [_c(a, "ana", rid, **({"category": "resignation"} if a == "set" else {})) for a in decisions]
    out, codes = _applied(rows, todo)
    assert {r["action"] for r in codes} == {action}
    category = next(r for r in codes if r["field"] == "category")
    assert (category["coded"] == corrections.DROPPED) == (action == "drop")
    if action != "drop":
        assert category["coded"] == ("resignation" if "set" in decisions else "dismissal")
    assert [r["row_id"] for r in out] == ([rid] if kept else [])


def test_another_reviewers_later_decision_does_not_withdraw_a_drop():
    rows = _machine_outcomes(("d1", 10))
    rid = rows[0]["row_id"]
    out, codes = _applied(rows, [_c("drop", "ana", rid), _c("confirm", "ben", rid)])
    assert out == []  # the rows gone are those some reviewer's last decision drops
    assert {(r["reviewer"], r["action"]) for r in codes} == {("ana", "drop"), ("ben", "confirm")}


def test_review_codes_are_ordered_by_the_rows_document_and_start_with_its_doc_id():
    rows = _machine_outcomes(("d1", 10), ("d1", 50), ("d2", 5))
    early, late, other = (r["row_id"] for r in rows)
    todo = [
        _c("confirm", "ana", other),  # name only a row_id: no doc_id of their own
        _c("set", "ana", late, count=3),
        _c("add", "ana", doc_id="d1", start=30, end=35, category="resignation"),
        _c("confirm", "ben", corrections.row_id("outcomes", {**ADDED, "start": 30, "end": 35})),
        _c("drop", "ana", early),
    ]
    _, codes = _applied(rows, todo)
    units = list(dict.fromkeys((r["doc_id"], r["unit"]) for r in codes))
    assert units == [("d1", early), ("d1", "d1:30-35"), ("d1", late), ("d2", other)]
    assert [r["reviewer"] for r in codes if r["unit"] == "d1:30-35" and r["field"] == "category"] == ["ana", "ben"]
