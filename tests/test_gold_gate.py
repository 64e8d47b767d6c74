"""The gold gate: every annotated set keeps the scores in tests/gold_floors.json.

The corpus (data/raw) and the gathered documents (data/gathered/raw) are
extracted once each and evaluated once each; every set's precision and recall
must stay at or above its floor.
``python tests/floors.py`` raises the floors when the extractors improve.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import GOLD
from floors import load, measured, shortfalls

from oversight_research.evaluate import evaluate


@pytest.fixture(scope="module")
def scores(corpus_tables, gathered_tables):
    gathered = evaluate(GOLD, gathered_tables)[0]
    return pd.concat([evaluate(GOLD, corpus_tables)[0], gathered[gathered["set"] != "all"]], ignore_index=True)


def test_every_floor_holds(scores):
    assert shortfalls(load(), measured(scores)) == []


def test_every_annotated_set_is_gated(scores):
    floors = load()
    assert set(scores["set"]) - {"all"} <= set(floors)
    for set_name in floors:
        assert {"outcomes: category+count", "events: date value"} <= set(floors[set_name])


def test_a_score_below_its_floor_is_reported():
    floors = {"seeds": {"outcomes: category": {"precision": 0.9, "recall": 0.9}}}
    assert shortfalls(floors, {"seeds": {"outcomes: category": {"precision": 0.95, "recall": 0.85}}}) == [
        "seeds / outcomes: category / recall: 0.85 < floor 0.9"
    ]
    assert shortfalls(floors, {}) == [
        "seeds / outcomes: category / precision: None < floor 0.9",
        "seeds / outcomes: category / recall: None < floor 0.9",
    ]
