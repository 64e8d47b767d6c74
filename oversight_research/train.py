"""Fit the learned event-type weights (``rules/event_model.yaml``) to the gold.

:func:`train_event_model` reads every annotated document of the sets that
``sets.yaml`` marks ``tuned: true`` — never a set marked ``tuned: false``: those
are the fair estimate of quality and must stay unseen — types its dated
mentions with the clause rules alone (:func:`timeline.extract_events`), pairs
them with the gold events exactly as the evaluation does
(:func:`evaluate.event_type_matches`), and fits an L2-penalised multinomial
logistic regression (scipy's L-BFGS, from zero weights: the same data give the
same file on every run) on the features of :func:`event_model.features`. The
file keeps its ``settings`` and records the sets, documents and events it was
fitted to.

Command line: ``oversight-research train-event-model --gold data/annotations
--raw data/raw --raw data/gathered/raw``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from scipy.optimize import minimize

from . import evaluate, ingest
from .event_model import Timeline, features
from .goldcheck import read_sets
from .rules import event_model as model_rules
from .tables import atomic_write_text
from .timeline import extract_events

MODEL_FILE = Path(__file__).parent / "rules" / "event_model.yaml"
HEADER = (
    "# Learned weights for event types (docs/codebook.md, 'Learned weights for event types').\n"
    "# Written by `oversight-research train-event-model`; edit `settings`, then retrain.\n"
    "# One row per feature: its weight for each of `classes`, in that order.\n"
)


def training_examples(gold_dir: Path, raw_dirs: Sequence[Path]) -> tuple[list[dict[str, float]], list[str], list[str]]:
    """(features, gold type) of every matched gold event in the tuned sets, and the documents used."""
    gold_dir = Path(gold_dir)
    tuned = {name for name, spec in read_sets(gold_dir).items() if spec.get("tuned") is True}
    gold = {d: g for d, g in evaluate.load_gold(gold_dir).items() if g["set"] in tuned}
    window = model_rules.load().settings.window
    xs: list[dict[str, float]] = []
    ys: list[str] = []
    used: list[str] = []
    for raw_dir in map(Path, raw_dirs):
        paths = ingest.list_raw_files(raw_dir)
        manifest, _ = ingest.read_manifest(raw_dir, set(ingest.doc_ids(paths, raw_dir)))
        for path, doc_id in zip(paths, ingest.doc_ids(paths, raw_dir), strict=True):
            if doc_id not in gold or doc_id in used:
                continue
            doc = ingest.read_document(path, raw_dir, {"doc_id": doc_id, **manifest.get(doc_id, {})})
            rows = extract_events(doc)
            timeline = Timeline.of(rows)
            for g, i in evaluate.event_type_matches(gold[doc_id], rows):
                xs.append(features(rows[i], timeline, window))
                ys.append(g["type"])
            used.append(doc_id)
    return xs, ys, sorted(used)


def fit(xs: list[dict[str, float]], ys: list[str], classes: Sequence[str], c: float, min_count: int):
    """(feature names, intercept, weights): the multinomial logistic regression
    minimising log-loss + ||W||² / (2c) over the features seen ``min_count``
    times or more (the intercept is not penalised)."""
    seen = Counter(name for x in xs for name in x)
    names = sorted(name for name, n in seen.items() if n >= min_count)
    index = {name: j for j, name in enumerate(names)}
    rows, cols, vals = [], [], []
    for i, x in enumerate(xs):
        for name, value in x.items():
            if name in index:
                rows.append(i)
                cols.append(index[name])
                vals.append(value)
    X = sparse.csr_matrix((vals, (rows, cols)), shape=(len(xs), len(names)))
    k = len(classes)
    Y = np.zeros((len(xs), k))
    Y[np.arange(len(ys)), [list(classes).index(y) for y in ys]] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W, b = theta[: len(names) * k].reshape(len(names), k), theta[len(names) * k :]
        z = X @ W + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -float(np.sum(Y * np.log(p + 1e-300))) + float(np.sum(W * W)) / (2 * c)
        grad_z = p - Y
        return value, np.concatenate([(X.T @ grad_z + W / c).ravel(), grad_z.sum(axis=0)])

    theta0 = np.zeros(len(names) * k + k)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 5000, "maxfun": 10000})
    W = result.x[: len(names) * k].reshape(len(names), k)
    return names, result.x[len(names) * k :], W


def _numbers(values: np.ndarray) -> list[float]:
    return [round(float(v), 4) + 0.0 for v in values]  # + 0.0: no "-0.0" in the file


def model_yaml(settings: model_rules.Settings, used: list[str], tuned_sets: list[str], n_events: int, fitted) -> str:
    names, intercept, W = fitted
    classes = list(model_rules.load().classes)
    weights = {name: _numbers(W[j]) for j, name in enumerate(names) if np.abs(W[j]).max() > settings.prune}
    body = {
        "settings": {
            "enabled": settings.enabled,
            "regularisation": settings.regularisation,
            "min_count": settings.min_count,
            "window": settings.window,
            "prune": settings.prune,
        },
        "trained_on": {"sets": tuned_sets, "documents": len(used), "events": n_events},
        "classes": classes,
        "intercept": _numbers(intercept),
        "weights": weights,
    }
    return HEADER + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, default_flow_style=None, width=200)


def train_event_model(gold_dir: Path, raw_dirs: Sequence[Path], out: Path = MODEL_FILE) -> dict[str, int]:
    """Fit the weights to the tuned sets' gold and write them to ``out`` (atomically)."""
    settings = model_rules.load().settings
    classes = model_rules.load().classes
    xs, ys, used = training_examples(gold_dir, raw_dirs)
    if not xs:
        from .errors import InputError

        raise InputError(f"no gold event of a tuned set in {gold_dir} matched an extracted one: nothing to train on")
    fitted = fit(xs, ys, classes, settings.regularisation, settings.min_count)
    tuned_sets = sorted({evaluate.load_gold(Path(gold_dir))[d]["set"] for d in used})
    text = model_yaml(settings, used, tuned_sets, len(xs), fitted)
    atomic_write_text(Path(out), text)
    return {"documents": len(used), "events": len(xs), "features": len(fitted[0])}
