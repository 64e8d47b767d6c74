"""Check the sentiment lexicons against human ratings.

:func:`validate` scores every lexicon of :mod:`sentiment` against the 5,190
New York Times sentences rated by people (``data/external/sentiment-validation``):
Pearson and Spearman correlation with bootstrap 95% intervals, and sign
agreement on clearly polar sentences — on the held-out editorials for every
lexicon, and on all sentences for the untuned ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from . import tables
from .cache import code_fingerprint
from .rules import sentiment as sentiment_rules
from .sentiment import LEXICONS, combine, scores

VALIDATION_FILE = "nytEditorialSnippets_GroundTruth.txt"


def available(folder: Path) -> bool:
    """Whether ``folder`` holds the validation set."""
    return (Path(folder) / VALIDATION_FILE).exists()


def load_validation(folder: Path) -> pd.DataFrame:
    """The human-rated sentences: id, editorial, human mean rating (-4..4), text."""
    path = Path(folder) / VALIDATION_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: the validation set belongs in data/external/sentiment-validation/")
    frame = pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=["id", "human", "text"],
        quoting=3,
        encoding="utf-8",
        encoding_errors="replace",
        dtype={"id": str},
    )
    return frame.assign(editorial=frame["id"].str.split("_").str[0])


def split_editorials(frame: pd.DataFrame) -> pd.Series:
    """True for sentences of the tuning half (editorials drawn with a fixed seed)."""
    conf = sentiment_rules.load().validation
    editorials = np.array(sorted(frame["editorial"].unique()))
    np.random.default_rng(conf.seed).shuffle(editorials)
    tuning = set(editorials[: int(len(editorials) * conf.tuning_share)])
    return frame["editorial"].isin(tuning)


def lexicon_scores(texts: Iterable[str]) -> pd.DataFrame:
    rows = [scores(t) for t in texts]
    frame = pd.DataFrame(rows)
    return frame.assign(combined=combine(frame["polarity"], frame["vader_compound"]))


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    return _pearson(rankdata(x), rankdata(y))


def correlation(
    human: np.ndarray, predicted: np.ndarray, measure: Callable, n_boot: int, seed: int
) -> tuple[float, float, float]:
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
    conf = sentiment_rules.load().validation
    frame = load_validation(folder)
    frame = pd.concat([frame, lexicon_scores(frame["text"])], axis=1)
    tuning = split_editorials(frame)
    tuned = tune_weight(*(frame.loc[tuning, c].to_numpy() for c in ("human", "polarity", "vader_compound")))
    rows = []
    for lexicon, column in LEXICONS.items():
        subsets = {"held-out": ~tuning} if lexicon == "combined" else {"held-out": ~tuning, "all": tuning | ~tuning}
        for subset, mask in subsets.items():
            human, predicted = frame.loc[mask, "human"].to_numpy(), frame.loc[mask, column].to_numpy()
            r = correlation(human, predicted, _pearson, conf.bootstrap, conf.seed)
            rho = correlation(human, predicted, _spearman, conf.bootstrap, conf.seed)
            agree, n_polar = sign_agreement(human, predicted, conf.polar_threshold)
            rows.append(
                {
                    "lexicon": lexicon,
                    "sentences": subset,
                    "n": int(mask.sum()),
                    "pearson": r[0],
                    "pearson_low": r[1],
                    "pearson_high": r[2],
                    "spearman": rho[0],
                    "spearman_low": rho[1],
                    "spearman_high": rho[2],
                    "sign_agreement": agree,
                    "n_polar": n_polar,
                    "scored_zero": float(np.mean(predicted == 0)),
                }
            )
    return pd.DataFrame(rows).round(4), tuned


def validate_to_files(folder: Path, out_dir: Path) -> tuple[pd.DataFrame, float]:
    """:func:`validate`, written as the ``sentiment_validation`` table in ``out_dir``."""
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
    key = hashlib.sha256((Path(folder) / VALIDATION_FILE).read_bytes() + code_fingerprint().encode()).hexdigest()
    stamp = Path(out_dir) / ".cache" / "sentiment_validation.key"
    if stamp.exists() and stamp.read_text() == key and (Path(out_dir) / "sentiment_validation.csv").exists():
        return False
    validate_to_files(folder, out_dir)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key)
    return True
