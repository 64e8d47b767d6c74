"""The statement analysis the notebook draws: groups, difference of means, extremes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from oversight_research import analysis


def frame(scores: dict[str, list[float]]) -> pd.DataFrame:
    rows = [
        {
            "statement_id": f"s{i}-{role}",
            "case_id": "c",
            "role": role,
            "kind": "full",
            "n_words": 10,
            "polarity": v,
            "vader_compound": v,
            "subjectivity": 0.5,
            "speaker": "x",
            "doc_id": "d",
            "quote": "q",
            "start": 0,
            "end": 1,
        }
        for role, values in scores.items()
        for i, v in enumerate(values)
    ]
    return pd.DataFrame(rows)


CASES = pd.DataFrame({"case_id": ["c"]})


def test_roles_fall_into_groups_and_others_are_left_out():
    chosen = analysis.select_statements(
        frame({"family": [0.1], "police": [0.2], "media": [0.3]}), CASES, analysis.DEFAULT_GROUPS
    )
    assert dict(zip(chosen["role"], chosen["group"], strict=True)) == {"family": "family", "police": "official"}


def test_difference_of_means_with_interval_and_n():
    chosen = analysis.select_statements(
        frame({"family": [-0.5, -0.4, -0.6], "police": [0.2, 0.3, 0.1, 0.2]}), CASES, analysis.DEFAULT_GROUPS
    )
    result = analysis.difference_of_means(chosen, "vader_compound", "family", "official")
    assert result["difference"] == pytest.approx(-0.7)
    assert result["low"] <= result["difference"] <= result["high"] and result["high"] < 0
    assert (result["n_first"], result["n_second"]) == (3, 4)


def test_too_few_statements_are_said_not_computed():
    chosen = analysis.select_statements(frame({"family": [0.1], "police": [0.2, 0.3]}), CASES, analysis.DEFAULT_GROUPS)
    result = analysis.difference_of_means(chosen, "polarity", "family", "official")
    assert np.isnan(result["difference"])
    assert "Too few statements" in analysis.difference_text(result, "vader")


def test_lexicon_is_validated():
    assert analysis.score_column("textblob") == "polarity"
    with pytest.raises(ValueError, match="lexicon must be one of"):
        analysis.score_column("afinn")


def test_extremes_pick_both_ends():
    chosen = analysis.select_statements(frame({"family": [-0.9, 0.0], "police": [0.8]}), CASES, analysis.DEFAULT_GROUPS)
    ends = analysis.extremes(chosen, "polarity", n=1)
    assert ends["polarity"].tolist() == [-0.9, 0.8]


@pytest.mark.parametrize("n", [0, 1, 2])
def test_lexicon_agreement_on_too_few_statements_is_nothing_to_score(n):
    text = analysis.lexicon_agreement_text(analysis.lexicon_agreement(frame({"family": [0.1, -0.2]}).head(n)))
    assert text.startswith("Nothing to score") and "nan" not in text.lower() and f"on {n} statement" in text


def test_lexicon_agreement_of_scores_that_do_not_vary_is_nothing_to_score():
    text = analysis.lexicon_agreement_text(analysis.lexicon_agreement(frame({"police": [0.0, 0.0, 0.0]})))
    assert text.startswith("Nothing to score") and "nan" not in text.lower()
    scored = analysis.lexicon_agreement_text(analysis.lexicon_agreement(frame({"police": [0.1, -0.3, 0.5]})))
    assert scored.startswith("On 3 statements") and "r = 1.00" in scored and "100%" in scored


@pytest.mark.parametrize(
    ("roles", "problem"),
    [
        ({"family": "family"}, "at least two groups"),
        ({"family": "family", "official": ["police"]}, "non-empty list"),
        ({"family": ["famly"], "official": ["police"]}, "unknown role"),
        (["family", "police"], "at least two groups"),
    ],
)
def test_a_malformed_roles_parameter_is_refused_with_what_is_wrong(roles, problem):
    with pytest.raises(ValueError, match=problem):
        analysis.compared_groups(roles)
    assert analysis.compared_groups(analysis.DEFAULT_GROUPS) == ("family", "official")
