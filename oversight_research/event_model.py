"""Event types re-weighed by learned weights: one stage after the clause rules.

The clause rules (:mod:`timeline`) give each dated mention a type and say how
they decided it. Fitted to the pages they were written against, they type
about six in ten events right on pages nobody tuned to. This stage weighs
their verdict together with the language around the date — every word of the
sentence, the words just before and after the date expression, the date's
precision, whether it opens the page, and where it falls against the
document's first harm — with one weight per feature and event type, learned
from every annotated event of the sets marked tuned (``rules/event_model.yaml``,
written by :func:`train.train_event_model`). The type with the highest
score wins; the row keeps the rules' verdict in ``_rule_type``.

Features are plain strings so the weights file reads as a codebook:
``w=<word>`` (a word of the sentence), ``L=<word>`` / ``R=<word>`` (within
``settings.window`` words before / after the date), ``L1=`` / ``R1=`` (the
word right beside it), ``rule=<type>``, ``how=<way>`` (which clause rule
decided), ``prec=<precision>``, ``rel=<True|False>``, ``head`` (in the
headline paragraph), ``vs_harm=<lt|eq|gt>`` (before, on or after the
document's first harm by the rules, compared at the coarser precision),
``vs_harm_rule=<lt|eq|gt>_<type>``, ``noharm``, ``nodate`` and ``rank`` (the
share of the document's dates before this one)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .rules import event_model as model_rules

Row = dict
_TOKEN = re.compile(r"[a-z][a-z']+|\d+")


@dataclass(frozen=True)
class Timeline:
    """What the features need of the whole document: its dates, sorted, and
    the date of its first harm as the clause rules typed it."""

    dates: tuple[str, ...]
    first_harm: str | None

    @classmethod
    def of(cls, rows: Iterable[Row]) -> Timeline:
        rows = list(rows)
        dates = tuple(sorted(r["date"] for r in rows if r.get("date")))
        harms = sorted(r["date"] for r in rows if r.get("date") and _rule_type(r) == "harm")
        return cls(dates, harms[0] if harms else None)


def _rule_type(row: Row) -> str:
    return str(row.get("_rule_type") or row["event_type"])


def _order(a: str, b: str) -> str:
    """lt, eq or gt: ``a`` against ``b`` at the coarser of their precisions."""
    n = min(len(a), len(b))
    return "lt" if a[:n] < b[:n] else "eq" if a[:n] == b[:n] else "gt"


def features(row: Row, timeline: Timeline, window: int) -> dict[str, float]:
    """The features of one event row (module docstring)."""
    sentence = str(row.get("sentence") or "").lower()
    text = str(row.get("date_text") or "").lower()
    at = sentence.find(text) if text else -1
    left = _TOKEN.findall(sentence[:at]) if at >= 0 else []
    right = _TOKEN.findall(sentence[at + len(text) :]) if at >= 0 else []
    kind = _rule_type(row)
    f = {"rule=" + kind: 1.0, "how=" + str(row.get("_how") or "none"): 1.0}
    f.update(("w=" + w, 1.0) for w in _TOKEN.findall(sentence))
    f.update(("L=" + w, 1.0) for w in left[len(left) - window :] if window)
    f.update(("R=" + w, 1.0) for w in right[:window])
    if left:
        f["L1=" + left[-1]] = 1.0
    if right:
        f["R1=" + right[0]] = 1.0
    f["prec=" + str(row.get("precision"))] = 1.0
    f["rel=" + str(bool(row.get("relative")))] = 1.0
    if row.get("_headline"):
        f["head"] = 1.0
    f.update(_timeline_features(row.get("date"), kind, timeline))
    return f


def _timeline_features(date: str | None, kind: str, timeline: Timeline) -> dict[str, float]:
    if not date or not timeline.dates:
        return {"nodate": 1.0}
    f = {"rank": sum(d < date for d in timeline.dates) / len(timeline.dates)}
    if timeline.first_harm is None:
        f["noharm"] = 1.0
        return f
    order = _order(date, timeline.first_harm)
    f["vs_harm=" + order] = 1.0
    f[f"vs_harm_rule={order}_{kind}"] = 1.0
    return f


def scores(f: dict[str, float], model: model_rules.EventModel) -> list[float]:
    """One score per class: intercept plus the weighted features, summed in
    sorted feature order (the same floating-point sum on every machine)."""
    total = list(model.intercept)
    for name in sorted(f):
        weights = model.weights.get(name)
        if weights is not None:
            value = f[name]
            for i, w in enumerate(weights):
                total[i] += value * w
    return total


def best(total: Sequence[float], classes: Sequence[str], rule: str) -> str:
    """The highest-scoring class; a tie keeps the rules' type, else the first class."""
    top = max(total)
    winners = [c for c, s in zip(classes, total, strict=True) if s == top]
    return rule if rule in winners else winners[0]


def retype(rows: list[Row]) -> list[Row]:
    """Every row typed by the learned weights (unchanged when the model file
    switches them off); the rules' verdict is kept in ``_rule_type``."""
    model = model_rules.load()
    if not model.settings.enabled or not rows:
        return rows
    timeline = Timeline.of(rows)
    for row in rows:
        rule = _rule_type(row)
        row["_rule_type"] = rule
        row["event_type"] = best(scores(features(row, timeline, model.settings.window), model), model.classes, rule)
    return rows
