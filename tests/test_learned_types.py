"""The learned event-type experiment (benchmarks/learned_types.py, docs/round-s8-learn.md):
its features come from the text, training is deterministic, the model file
reads back, and a model below the threshold leaves the rule's type alone."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lt():
    spec = importlib.util.spec_from_file_location("learned_types", ROOT / "benchmarks" / "learned_types.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seeds(lt, tmp_path_factory):
    """The five seed documents, typed by the rules, with their gold pairs."""
    gold = tmp_path_factory.mktemp("gold")
    shutil.copytree(ROOT / "data/annotations/seeds", gold / "seeds")
    docs = lt.gathered(gold, [ROOT / "data/raw"])
    assert len(docs) == 5 and all(d.set == "seeds" for d in docs)
    return docs


def test_features_name_the_rule_type_the_words_and_the_cues(seeds):
    doc = next(d for d in seeds if d.pairs)
    for row, active in zip(doc.rows, doc.features, strict=True):
        assert f"rule:{row['event_type']}" in active
        assert active == sorted(set(active))
    assert any(f.startswith(("l:", "r:")) for fs in doc.features for f in fs)
    assert any(f.startswith("cue:") for fs in doc.features for f in fs)


def test_training_twice_gives_the_same_bytes(lt, seeds):
    first, second = lt.model_json(lt.fit(seeds, iterations=50)), lt.model_json(lt.fit(seeds, iterations=50))
    assert first == second
    data = json.loads(first)
    assert data["header"]["trained_on"] == ["seeds"] and data["header"]["iterations"] == 50
    assert list(data["weights"]) == sorted(data["weights"])
    model = lt.parse_model(data)
    assert model.types == tuple(data["types"])


def test_a_broken_model_file_is_refused(lt, seeds):
    data = json.loads(lt.model_json(lt.fit(seeds, iterations=5)))
    with pytest.raises(ValueError, match="format"):
        lt.parse_model({**data, "format": "something else"})
    with pytest.raises(ValueError, match="bias"):
        lt.parse_model({**data, "bias": data["bias"][:-1]})


def test_the_rule_type_stays_below_the_threshold(lt, seeds):
    doc = next(d for d in seeds if d.rows)
    rules = [r["event_type"] for r in doc.rows]
    kinds = ("harm", "other")
    target = next(k for k in kinds if k != rules[0])
    # no feature weights, only a bias towards `target`: probability e / (1 + e) ~ 0.73 over the two types
    model = lt.Model(types=kinds, bias=tuple(1.0 if k == target else 0.0 for k in kinds), weights={}, header={})
    assert lt.typed(doc, model, 0.9) == rules  # not confident enough: the rules' types stand
    assert lt.typed(doc, model, 0.7) == [target] * len(rules)  # confident: replaced
    assert lt.typed(doc, None, 0.0) == rules


def test_scores_count_the_scorers_pairs(lt, seeds):
    s = lt.scores(seeds, None, 1.0)
    assert s["events"] == sum(len(d.pairs) for d in seeds)
    assert 0.0 <= s["accuracy"] <= 1.0
