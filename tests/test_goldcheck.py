"""Every gold file of the project is usable: coded values from the codebook,
every quoted piece an exact substring of its document (``check-gold``)."""

from __future__ import annotations

import json

from conftest import GATHERED, GOLD, RAW

from oversight_research.cli import main
from oversight_research.goldcheck import check_gold


def test_every_gold_file_of_the_project_checks_clean():
    assert check_gold(GOLD, [RAW, GATHERED]) == []


def test_a_broken_gold_file_is_reported_by_name(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "d.txt").write_text("On 5 May 2020 two officers were dismissed.", encoding="utf-8")
    (tmp_path / "gold" / "set").mkdir(parents=True)
    gold = {
        "doc_id": "d",
        "published": "5/5/2020",
        "events": [{"date": "2020-05-05", "text": "5 May 2021", "precision": "day", "type": "harm"}],
        "outcomes": [{"category": "sacked", "count": 2, "subject": "officer", "evidence": "were dismissed"}],
        "statements": [],
        "missed_opportunities": [],
    }
    (tmp_path / "gold" / "set" / "d.json").write_text(json.dumps(gold), encoding="utf-8")
    problems = check_gold(tmp_path / "gold", tmp_path / "raw")
    assert [p.split(": ", 1)[1].split(" ")[0] for p in problems] == [
        "published",
        "events[0].text",
        "outcomes[0].category",
    ]
    assert all(p.startswith("set/d.json: ") for p in problems)
    assert main(["check-gold", "--gold", str(tmp_path / "gold"), "--raw", str(tmp_path / "raw")]) == 1
    assert "1 gold file(s) checked" in capsys.readouterr().err


def test_check_gold_on_a_folder_that_does_not_exist_is_an_error_not_a_pass(tmp_path, capsys):
    """A mistyped --gold checked "0 gold file(s) ...: 0 problem(s)" and exited 0."""
    from oversight_research.cli import main

    assert main(["check-gold", "--gold", str(tmp_path / "nope"), "--raw", str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "gold").mkdir()
    assert main(["check-gold", "--gold", str(tmp_path / "gold"), "--raw", str(tmp_path / "raw")]) == 2
    assert "documents folder" in capsys.readouterr().err


def test_a_document_in_two_raw_folders_with_different_texts_is_a_problem(tmp_path):
    """check-gold checked against whichever folder came first, without a word."""
    for folder, text in (("one", "Two officers were dismissed."), ("two", "An officer resigned.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "d.json").write_text('{"doc_id": "d"}', encoding="utf-8")
    (problem,) = check_gold(tmp_path / "gold", [tmp_path / "one", tmp_path / "two"])
    assert "document 'd' is both" in problem and "different texts" in problem
    (tmp_path / "two" / "d.txt").write_text("Two officers were dismissed.", encoding="utf-8")
    assert check_gold(tmp_path / "gold", [tmp_path / "one", tmp_path / "two"]) == []  # a copy is fine
