"""Sentiment: offline lexicons, and their check against human-rated news sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from oversight_research import sentiment, sentiment_validation
from oversight_research.cli import main
from oversight_research.rules import sentiment as sentiment_rules

VALIDATION = ROOT / "data" / "external" / "sentiment-validation"


def test_textblob_needs_no_nltk_data(monkeypatch, tmp_path):
    nltk = pytest.importorskip("nltk")
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    polarity, subjectivity = sentiment.textblob_scores("This is a terrible failure. We are not happy at all.")
    assert polarity < 0 and 0 <= subjectivity <= 1
    assert len(sentiment.sentence_scores("It was awful.\n\nIt was wonderful. Truly.")) == 3


def test_scores_have_the_expected_direction():
    good, bad = sentiment.scores("A wonderful, caring response."), sentiment.scores("A shameful, appalling failure.")
    assert good["polarity"] > 0 > bad["polarity"] and good["vader_compound"] > 0 > bad["vader_compound"]


def test_apologies_read_as_negative_the_limit_the_report_names():
    assert sentiment.vader_compound("We are deeply sorry for their loss.") < 0


def test_correlation_interval_contains_the_estimate():
    rng = np.random.default_rng(1)
    human = rng.normal(size=300)
    r, low, high = sentiment_validation.correlation(
        human, human + rng.normal(size=300), sentiment_validation._pearson, 300, 0
    )
    assert low < r < high and 0.6 < r < 0.8
    assert sentiment_validation.correlation(human, human, sentiment_validation._spearman, 50, 0)[0] == pytest.approx(
        1.0
    )


def test_sign_agreement_counts_zero_as_disagreement():
    human = np.array([2.0, -1.0, 0.1, 1.0])
    agree, n = sentiment_validation.sign_agreement(human, np.array([0.5, -0.2, -0.9, 0.0]), threshold=0.5)
    assert (agree, n) == (pytest.approx(2 / 3), 3)


def test_split_keeps_each_editorial_on_one_side():
    frame = sentiment_validation.load_validation(VALIDATION)
    tuning = sentiment_validation.split_editorials(frame)
    sides = frame.assign(tuning=tuning).groupby("editorial")["tuning"].nunique()
    assert (sides == 1).all() and 0.4 < tuning.mean() < 0.6


def test_validate_sentiment_command(tmp_path, capsys):
    assert main(["validate-sentiment", "--data", str(VALIDATION), "--out", str(tmp_path)]) == 0
    table = pd.read_csv(tmp_path / "sentiment_validation.csv").set_index(["lexicon", "sentences"])
    assert table.loc[("vader", "all"), "n"] == 5190
    assert 0.45 < table.loc[("vader", "all"), "pearson"] < 0.55  # published-set figure, measured
    assert 0.25 < table.loc[("textblob", "all"), "pearson"] < 0.35
    assert table.loc[("combined", "held-out"), "pearson"] > table.loc[("vader", "held-out"), "pearson"]
    assert "held-out" in table.index.get_level_values("sentences")
    # the stored weight is the one the tuning half picks, not one fitted on the held-out half
    assert (
        f"weight {sentiment_rules.load().vader_weight} (rules/sentiment.yaml); the tuning half picks "
        f"{sentiment_rules.load().vader_weight}" in capsys.readouterr().out
    )


def test_missing_validation_set_is_a_clear_error(tmp_path, capsys):
    assert main(["validate-sentiment", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 2
    assert "data/external/sentiment-validation" in capsys.readouterr().err


def test_fast_paths_score_exactly_like_the_stock_libraries():
    """The linear-time VADER and the blob-free, preloaded TextBlob analyser (with its faster
    tokeniser and assessments) change speed, not scores: compared on the validation sentences,
    on long multi-sentence statements (where the stock VADER's quadratic checks matter) and on
    texts made of the tokeniser's and the checks' corner cases."""
    from textblob import TextBlob
    from textblob._text import find_tokens
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    frame = pd.read_csv(
        ROOT / "data/external/sentiment-validation" / sentiment_validation.VALIDATION_FILE,
        sep="\t",
        header=None,
        quoting=3,
    )
    texts = list(frame[2].astype(str))  # all 5,190 sentences
    texts += [" ".join(texts[i : i + 12]) for i in range(0, 600, 12)]  # long statements
    texts += [
        "Never so good, without doubt. Not bad at all! kind of great :) but no",
        "",
        "no",
        " padded ",
        "Sorry 😢 but kind of proud 👍🏽",
        "💔",
        "It was really not a very good idea (!)",
        "hardly ever so bad :-(",
        # the tokeniser's corners: contractions, abbreviations, ellipses, quotes, line breaks, emoticons
        "He didn't say it's Mr. Smith's car, e.g. the U.S. one... did he?!",
        'She said: "it\'s \u2018awful\u2019" \u201cand wrong\u201d.\n\nNext paragraph\r\nline (see below)',
        "Note: (bad) box D end xD 8) :3 ;-) o.O ( ! ) never so, least good; at least bad!!! very least nice",
        "No, not good. No or nor bad. NO GOOD but VERY bad, kind of nice, sort of the shit ... the bomb!",
        "'' \" ' ' -- - _ * (!) [x] {y} @z #w $5 ^ & + | = ~ `q`",
        " \u00a0good\u2003bad\tnot\x0bgreat\x1cnice\u2028\u2029sad\x85 \n\n\n end \r\n\r\n",
    ]
    stock = SentimentIntensityAnalyzer()
    for text in texts:
        assert sentiment._vader().polarity_scores(text) == stock.polarity_scores(text), text
        blob = TextBlob(text).sentiment
        assert tuple(sentiment._textblob()(text)) == (blob.polarity, blob.subjectivity), text
        assert sentiment.textblob_scores(text) == (round(blob.polarity, 6), round(blob.subjectivity, 6)), text
        assert sentiment._find_tokens(text) == find_tokens(text), text


def test_scoring_does_not_import_nltk_or_scipy_and_leaves_textblob_importable():
    """TextBlob's analyser is imported without ``textblob/__init__`` (which pulls
    in NLTK and SciPy, a second of start-up per worker); ``import textblob``
    afterwards still gives the whole package."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from oversight_research import sentiment\n"
        "assert sentiment.scores('A shameful failure.')['polarity'] < 0\n"
        "assert not {'nltk', 'scipy', 'textblob'} & set(sys.modules), sorted(sys.modules)\n"
        "from textblob import TextBlob\n"
        "blob = TextBlob('A shameful failure.').sentiment\n"
        "assert round(blob.polarity, 6) == sentiment.textblob_scores('A shameful failure.')[0]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_scores_are_kept_per_text_and_handed_out_as_fresh_dicts():
    text = "We are appalled and deeply disappointed by this decision."
    sentiment._scores.cache_clear()
    first = sentiment.scores(text)
    first["polarity"] = 99.0  # a caller's change must not reach the next caller
    again = sentiment.scores(text)
    assert again != first and sentiment._scores.cache_info().hits == 1
    polarity, subjectivity = sentiment.textblob_scores(text)
    assert again == {
        "polarity": polarity,
        "subjectivity": subjectivity,
        "vader_compound": sentiment.vader_compound(text),
    }
