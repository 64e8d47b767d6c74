"""Sentiment of statements, and a check of the lexicons against human ratings.

Two lexicons, both offline: **TextBlob** polarity and subjectivity (its
pattern analyser reads a lexicon shipped with the package; TextBlob's NLTK
sentence splitting is never used — sentences come from :mod:`text`) and
**VADER** compound.  ``combined`` mixes them with a weight chosen on half of
the validation editorials (``rules/sentiment.yaml``).

:func:`validate` scores every lexicon against the 5,190 New York Times
sentences rated by people (``data/external/sentiment-validation``): Pearson
and Spearman correlation with bootstrap 95% intervals, and sign agreement on
clearly polar sentences — on the held-out editorials for every lexicon, and on
all sentences for the untuned ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from . import rules
from .text import Span, sentences

VALIDATION_FILE = "nytEditorialSnippets_GroundTruth.txt"


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
                        i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of"):
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
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words[i - 3:i + 3], 3)

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


def combine(polarity: float | np.ndarray, compound: float | np.ndarray,
            weight: float | None = None) -> float | np.ndarray:
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
            sentence = text[span.start:span.end]
            out.append({"sentence": sentence, **scores(sentence)})
        start += len(paragraph) + 2
    return out


# --------------------------------------------------------------------------- validation

def load_validation(folder: Path) -> pd.DataFrame:
    """The human-rated sentences: id, editorial, human mean rating (-4..4), text."""
    path = Path(folder) / VALIDATION_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: the validation set belongs in data/external/sentiment-validation/")
    frame = pd.read_csv(path, sep="\t", header=None, names=["id", "human", "text"], quoting=3,
                        encoding="utf-8", encoding_errors="replace", dtype={"id": str})
    return frame.assign(editorial=frame["id"].str.split("_").str[0])


def split_editorials(frame: pd.DataFrame) -> pd.Series:
    """True for sentences of the tuning half (editorials drawn with a fixed seed)."""
    conf = settings()["validation"]
    editorials = np.array(sorted(frame["editorial"].unique()))
    np.random.default_rng(conf["seed"]).shuffle(editorials)
    tuning = set(editorials[: int(len(editorials) * conf["tuning_share"])])
    return frame["editorial"].isin(tuning)


def lexicon_scores(texts: Iterable[str]) -> pd.DataFrame:
    rows = [scores(t) for t in texts]
    frame = pd.DataFrame(rows)
    return frame.assign(combined=combine(frame["polarity"], frame["vader_compound"]))


LEXICONS: dict[str, str] = {"textblob": "polarity", "vader": "vader_compound", "combined": "combined"}


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    return _pearson(rankdata(x), rankdata(y))


def correlation(human: np.ndarray, predicted: np.ndarray, measure: Callable, n_boot: int,
                seed: int) -> tuple[float, float, float]:
    """Correlation and its bootstrap 95% percentile interval (sentences resampled)."""
    rng = np.random.default_rng(seed)
    n = len(human)
    boots = [measure(human[idx], predicted[idx]) for idx in rng.integers(0, n, size=(n_boot, n))]
    low, high = np.percentile(boots, [2.5, 97.5])
    return measure(human, predicted), float(low), float(high)


def sign_agreement(human: np.ndarray, predicted: np.ndarray, threshold: float) -> tuple[float, int]:
    """Share of clearly polar sentences (|human| ≥ threshold) the lexicon gives the same sign
    (a score of exactly 0 counts as a disagreement), and how many such sentences there are."""
    polar = np.abs(human) >= threshold
    return float(np.mean(np.sign(predicted[polar]) == np.sign(human[polar]))), int(polar.sum())


def tune_weight(human: np.ndarray, polarity: np.ndarray, compound: np.ndarray) -> float:
    """The VADER weight (grid of 0.1) with the best Pearson r on the sentences given."""
    grid = np.round(np.arange(0, 1.0001, 0.1), 1)
    return float(max(grid, key=lambda w: _pearson(human, combine(polarity, compound, w))))


def validate(folder: Path) -> tuple[pd.DataFrame, float]:
    """Every lexicon against the human ratings; and the weight the tuning half picks."""
    conf = settings()["validation"]
    frame = load_validation(folder)
    frame = pd.concat([frame, lexicon_scores(frame["text"])], axis=1)
    tuning = split_editorials(frame)
    tuned = tune_weight(*(frame.loc[tuning, c].to_numpy() for c in ("human", "polarity", "vader_compound")))
    rows = []
    for lexicon, column in LEXICONS.items():
        subsets = {"held-out": ~tuning} if lexicon == "combined" else {"held-out": ~tuning, "all": tuning | ~tuning}
        for subset, mask in subsets.items():
            human, predicted = frame.loc[mask, "human"].to_numpy(), frame.loc[mask, column].to_numpy()
            r = correlation(human, predicted, _pearson, conf["bootstrap"], conf["seed"])
            rho = correlation(human, predicted, _spearman, conf["bootstrap"], conf["seed"])
            agree, n_polar = sign_agreement(human, predicted, conf["polar_threshold"])
            rows.append({
                "lexicon": lexicon, "sentences": subset, "n": int(mask.sum()),
                "pearson": r[0], "pearson_low": r[1], "pearson_high": r[2],
                "spearman": rho[0], "spearman_low": rho[1], "spearman_high": rho[2],
                "sign_agreement": agree, "n_polar": n_polar,
                "scored_zero": float(np.mean(predicted == 0)),
            })
    return pd.DataFrame(rows).round(4), tuned


def validate_to_files(folder: Path, out_dir: Path) -> tuple[pd.DataFrame, float]:
    """:func:`validate`, written as the ``sentiment_validation`` table in ``out_dir``."""
    from . import tables

    frame, tuned = validate(folder)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    tables.write_table("sentiment_validation", frame, out_dir)
    tables.write_datapackage(out_dir)
    return frame, tuned


def validate_if_changed(folder: Path, out_dir: Path) -> bool:
    """:func:`validate_to_files` unless the table is already there for the same
    validation data and the same package code (a stamp in ``<out>/.cache``).
    Returns whether it ran: `make report` need not recompute 5,190 scores and
    their bootstraps on every run."""
    from .pipeline import code_fingerprint

    key = hashlib.sha256((Path(folder) / VALIDATION_FILE).read_bytes() + code_fingerprint().encode()).hexdigest()
    stamp = Path(out_dir) / ".cache" / "sentiment_validation.key"
    if stamp.exists() and stamp.read_text() == key and (Path(out_dir) / "sentiment_validation.csv").exists():
        return False
    validate_to_files(folder, out_dir)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key)
    return True
