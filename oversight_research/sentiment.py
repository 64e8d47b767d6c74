"""Sentiment of statements, and a check of the lexicons against human ratings.

Two lexicons, both offline: **TextBlob** polarity and subjectivity (its
pattern analyser reads a lexicon shipped with the package; TextBlob's NLTK
sentence splitting is never used — sentences come from :mod:`text`) and
**VADER** compound.  ``combined`` mixes them with a weight chosen on half of
the validation editorials (``rules/sentiment.yaml``).
The check of the lexicons against human ratings is :mod:`sentiment_validation`.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from . import rules
from .text import Span, sentences


@cache
def settings() -> dict:
    return rules.load("sentiment")


@cache
def _vader():
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

    class LinearVader(SentimentIntensityAnalyzer):
        """VADER with its scores unchanged, in linear time.

        VADER's negation and idiom checks lower-case the whole text's word
        list once per sentiment word, which is quadratic in a long statement;
        they only ever read the three words before the word and two after,
        so they are handed that window (with the index shifted into it).  A
        text without emoji skips VADER's character-by-character emoji
        replacement, which would copy it unchanged; the rest of
        ``polarity_scores`` is VADER 3.3.2's own."""

        def polarity_scores(self, text):
            if not self.emoji_chars.isdisjoint(text):
                return super().polarity_scores(text)
            text = text.strip()
            sentitext = SentiText(text)
            sentiments = []
            words = sentitext.words_and_emoticons
            for i, item in enumerate(words):
                if item.lower() in BOOSTER_DICT or (
                    i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of"
                ):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        @staticmethod
        def _negation_check(valence, words, start_i, i):
            lo = max(0, i - 3)
            return SentimentIntensityAnalyzer._negation_check(valence, words[lo:i], start_i, i - lo)

        @staticmethod
        def _special_idioms_check(valence, words, i):  # only called with i >= 3
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words[i - 3 : i + 3], 3)

    vader = LinearVader()
    vader.emoji_chars = frozenset(vader.emojis)
    return vader


@cache
def _textblob():
    """The analyser ``TextBlob(text).sentiment`` delegates to, with its lexicon
    loaded once into a plain dict.

    TextBlob keeps the lexicon in a lazy dict that checks whether it has been
    loaded on every word it looks up (``word in lexicon``, ``lexicon[word]``);
    this copy has the same lexicon, settings and algorithm and looks words up
    as a dict does: the same scores, a quarter less time."""
    from textblob.en import sentiment as lazy

    class LoadedSentiment(type(lazy)):
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__

    len(lazy)  # loads the lexicon
    loaded = LoadedSentiment.__new__(LoadedSentiment)
    loaded.__dict__.update({k: v for k, v in vars(lazy).items() if not k.startswith("__")})
    dict.update(loaded, lazy)
    return loaded


def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob (pattern analyser) polarity in [-1, 1] and subjectivity in [0, 1].

    Calls the analyser ``TextBlob(text).sentiment`` delegates to, without
    building a blob (same scores, a third of the time)."""
    polarity, subjectivity = _textblob()(text)
    return round(polarity, 6), round(subjectivity, 6)


def vader_compound(text: str) -> float:
    """VADER compound score in [-1, 1]."""
    return round(_vader().polarity_scores(text)["compound"], 6)


def combine(
    polarity: float | np.ndarray, compound: float | np.ndarray, weight: float | None = None
) -> float | np.ndarray:
    """The combined lexicon: ``weight`` × VADER + (1 − weight) × TextBlob."""
    w = settings()["combined"]["vader_weight"] if weight is None else weight
    return w * compound + (1 - w) * polarity


def scores(text: str) -> dict[str, float]:
    polarity, subjectivity = textblob_scores(text)
    return {"polarity": polarity, "subjectivity": subjectivity, "vader_compound": vader_compound(text)}


def with_sentiment(rows: list[dict]) -> list[dict]:
    """Statement rows with their quote's ``polarity``, ``subjectivity`` and ``vader_compound``."""
    return [{**row, **scores(row["quote"])} for row in rows]


def sentence_scores(text: str) -> list[dict]:
    """Per-sentence scores of a long statement (the package's own segmentation)."""
    out, start = [], 0
    for paragraph in text.split("\n\n"):
        for span in sentences(text, Span(start, start + len(paragraph))):
            sentence = text[span.start : span.end]
            out.append({"sentence": sentence, **scores(sentence)})
        start += len(paragraph) + 2
    return out


# The score column of each lexicon in the statements table.
LEXICONS: dict[str, str] = {"textblob": "polarity", "vader": "vader_compound", "combined": "combined"}
