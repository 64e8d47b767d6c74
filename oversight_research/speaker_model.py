"""Learned speaker re-ranking: a small conditional-logit model over the
speaker candidates the text offers a quotation (codebook, "Learned speaker
re-ranking").

For each quotation the rules attributed, the candidates are the rules'
speaker, the previous quotation's speaker, and the people, police forces and
oversight bodies named outside quotations in the quotation's sentences and
the two sentences before and after them.  Each candidate gets a handful of
features read from the text (distance, side, speech verb beside it, kind,
mentions in the document, the headline, whether the rules chose it and by
which path); a softmax over the candidates' scores, with the weights of
``rules/speaker_model.json``, gives each a probability.  :func:`rerank`
replaces the rules' speaker only when another candidate is at least
``learned_speaker_min_percent`` (rules/statements.yaml) per cent likely; the
new speaker is resolved by the rules' own resolver, so its fullest name,
role and organisation follow from the existing role rules.

This module imports nothing of :mod:`statements` (which calls it): the
resolver, quotation and speakers come in as arguments.  Training
(:mod:`speaker_training`) sets :data:`COLLECT` to record every quotation's
candidates instead of re-ranking.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

MODEL_PATH = Path(__file__).parent / "rules" / "speaker_model.json"
FORMAT = "oversight-research speaker re-ranker 1"
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+|\n+")
_NON_WORD = re.compile(r"[^\w]+")
VERB_AFTER_CHARS = 40  # a speech verb this close after a mention ("Ms Cole, her mother, said")
VERB_BEFORE_CHARS = 25  # or this close before it ("said Ms Cole")
WINDOW_SENTENCES = 2  # sentences before and after the quotation's own

COLLECT: list[dict] | None = None  # set by training: every quotation's candidates are recorded here


@cache
def load(path: Path = MODEL_PATH) -> dict:
    """The model file, checked: ``{"format", "training", "weights": {feature: float}}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    validate(data)
    return data


def validate(data: object) -> None:
    """ValueError naming the problem when ``data`` is no model of this format."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"speaker model: format is not {FORMAT!r}")
    weights = data.get("weights")
    if not isinstance(weights, dict) or not weights:
        raise ValueError("speaker model: weights must be a non-empty mapping of feature to number")
    for name, value in weights.items():
        if not isinstance(name, str) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"speaker model: weight {name!r} is not a finite number")
    training = data.get("training")
    if not isinstance(training, dict) or not isinstance(training.get("sets"), list):
        raise ValueError("speaker model: training must name its sets")


def dumps(data: dict) -> str:
    """The model file's bytes (sorted keys, rounded weights: the same model, the same bytes)."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- candidates


class _DocIndex:
    """What every quotation of one document needs: sentence starts, the headline's span."""

    def __init__(self, doc: Any):
        text = doc.text
        self.starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
        head = next((p for p in doc.paragraphs if p.kind == "article"), None)
        self.headline = (head.start, head.end) if head is not None else (0, 0)


_INDEX: WeakKeyDictionary[Any, _DocIndex] = WeakKeyDictionary()


def _key(name: str | None) -> str:
    return _NON_WORD.sub(" ", (name or "").lower()).strip()


def _same(a: str | None, b: str | None) -> bool:
    """The same speaker by name: equal words, one inside the other, or the same last word."""
    x, y = _key(a), _key(b)
    if not x or not y:
        return False
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} " or x.split()[-1] == y.split()[-1]


def _shape(name: str, ledger: Any) -> str:
    """What the rules' speaker is: a person the ledger names, a lower-case description, or another name."""
    if name in ledger.entities:
        return "person"
    return "description" if name[:1].islower() else "name"


def candidates(resolver: Any, quote: Any, rule: Any, basis: str, previous: Any, verb: re.Pattern[str]) -> list[dict]:
    """The candidates of ``quote``: dicts with ``kind`` (rule | previous | person |
    force | body), ``name`` and ``features``; the rules' speaker first."""
    doc, ledger = resolver.doc, resolver.ledger
    text = doc.text
    index = _INDEX.get(resolver)
    if index is None:
        index = _INDEX[resolver] = _DocIndex(doc)
    starts = index.starts
    first = bisect_right(starts, quote.start) - 1
    last = bisect_right(starts, max(quote.start, quote.end - 1)) - 1
    lo = starts[max(0, first - WINDOW_SENTENCES)]
    hi = starts[last + WINDOW_SENTENCES + 1] if last + WINDOW_SENTENCES + 1 < len(starts) else len(text)
    mentions: dict[str, list[tuple[int, int]]] = {}
    kinds: dict[str, tuple[str, Any]] = {}
    people = ledger.mentions
    for pos, ent in people[bisect_left(people, (lo,), key=lambda m: (m[0],)) :]:
        if pos >= hi:
            break
        name = ent.name
        kinds.setdefault(name, ("person", ent))
        end = pos + len(name) if text.startswith(name, pos) else text.find(" ", pos + 1)
        mentions.setdefault(name, []).append((pos, max(end, pos + 1)))
    for force, at in ledger._force_starts.items():
        for s in at[bisect_left(at, lo) : bisect_left(at, hi)]:
            if not quote.start <= s < quote.end:
                kinds.setdefault(force, ("force", None))
                mentions.setdefault(force, []).append((s, s + len(force)))
    bodies = ledger._body_index[2]
    for s, name in bodies[bisect_left(bodies, (lo, "")) : bisect_left(bodies, (hi, ""))]:
        if not quote.start <= s < quote.end:
            kinds.setdefault(name, ("body", None))
            mentions.setdefault(name, []).append((s, s + len(name)))
    rule_name = rule.name
    prev_name = previous.name if previous is not None else None
    out = [
        {
            "kind": "rule",
            "name": rule_name,
            "features": {"rule": 1.0, f"rule:{basis}": 1.0, f"rule:{quote.kind}": 1.0}
            | ({"rule_none": 1.0} if not rule_name else {f"rule_role:{rule.role}": 1.0, f"rule_shape:{_shape(rule_name, ledger)}": 1.0})
            | ({"prev_is_rule": 1.0} if rule_name and prev_name == rule_name else {}),
        }
    ]
    if prev_name and prev_name != rule_name:
        out.append(
            {
                "kind": "previous",
                "name": prev_name,
                "features": {"prev": 1.0, f"prev:{basis}": 1.0, f"prev_role:{previous.role}": 1.0},
            }
        )
    nearest, best = None, 1 << 62
    head_lo, head_hi = index.headline
    for name, spans in mentions.items():
        kind, ent = kinds[name]
        feats: dict[str, float] = {kind: 1.0}
        dist, side, sent = 1 << 62, "before", 9
        verb_near = False
        for s, e in spans:
            if e <= quote.start:
                d, sd = quote.start - e, first - (bisect_right(starts, s) - 1)
                here = "before"
                if verb.search(text[e : min(e + VERB_AFTER_CHARS, quote.start)]) or verb.search(
                    text[quote.end : quote.end + VERB_BEFORE_CHARS]
                ):
                    verb_near = True
            else:
                d, sd = max(0, s - quote.end), (bisect_right(starts, s) - 1) - last
                here = "after"
                gap = text[quote.end : s]
                if verb.search(gap[-VERB_BEFORE_CHARS:]) or verb.search(text[e : e + VERB_AFTER_CHARS]):
                    verb_near = True
            if d < dist:
                dist, side, sent = d, here, max(0, sd)
        feats[f"{kind}:{side}"] = feats[f"{kind}:{side}|{basis}"] = 1.0
        feats[f"{kind}:sentences_{min(sent, 2)}"] = feats[f"{kind}:sentences_{min(sent, 2)}|{basis}"] = 1.0
        feats["log_chars"] = math.log1p(dist) / 8
        if verb_near:
            feats[f"{kind}:speech_verb"] = feats[f"{kind}:speech_verb|{basis}"] = 1.0
        if kind == "person":
            n = len(ent.mention_starts)
            if ent.role:
                feats[f"person_role:{ent.role}"] = 1.0
            if ent.harmed:
                feats["person:harmed"] = 1.0
        else:
            n = len(spans)
        feats["log_mentions"] = math.log1p(n) / 3
        if text.find(name.split()[-1], head_lo, head_hi) >= 0:
            feats["headline"] = 1.0
        if dist < best:
            nearest, best = name, dist
        merged = next((c for c in out if c["kind"] in ("rule", "previous") and _same(c["name"], name)), None)
        if merged is not None:  # the rules' (or the previous) speaker named in the window: one candidate
            merged["features"].update({f"named:{k}": v for k, v in feats.items()})
            merged.setdefault("names", []).append(name)
            continue
        out.append({"kind": kind, "name": name, "features": feats})
    for c in out:
        if nearest is not None and (c["name"] == nearest or nearest in c.get("names", ())):
            c["features"]["nearest"] = 1.0
    return out


# --------------------------------------------------------------------------- the model


def probabilities(weights: dict[str, float], cands: Sequence[dict]) -> list[float]:
    scores = [sum(weights.get(f, 0.0) * v for f, v in c["features"].items()) for c in cands]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return [e / total for e in exp]


def choose(weights: dict[str, float], cands: Sequence[dict], min_percent: int) -> int:
    """Index of the candidate to take: another than the rules' (0) only when at least ``min_percent`` % likely."""
    if len(cands) < 2:
        return 0
    p = probabilities(weights, cands)
    best = max(range(len(p)), key=lambda i: (p[i], -i))
    return best if best != 0 and p[best] * 100 >= min_percent else 0


def train(
    examples: Sequence[tuple[Sequence[dict], int]], l2: float, iterations: int, rate: float
) -> dict[str, float]:
    """Weights of a conditional logit on ``examples`` ((candidates, index of the right one)):
    full-batch gradient descent on the mean log-loss plus ``l2``·|w|², from zero weights,
    a fixed number of iterations (no randomness: the same examples, the same weights)."""
    import numpy as np

    names = sorted({f for cands, _ in examples for c in cands for f in c["features"]})
    column = {f: j for j, f in enumerate(names)}
    rows: list[list[float]] = []
    groups, labels = [], []
    for cands, right in examples:
        groups.append(len(rows))
        labels.append(len(rows) + right)
        for c in cands:
            row = [0.0] * len(names)
            for f, v in c["features"].items():
                row[column[f]] = v
            rows.append(row)
    if not rows:
        return {}
    x = np.array(rows)
    starts = np.array(groups)
    group_of = np.repeat(np.arange(len(groups)), np.diff(np.append(starts, len(rows))))
    w = np.zeros(len(names))
    n = len(examples)
    for _ in range(iterations):
        s = x @ w
        top = np.maximum.reduceat(s, starts)[group_of]
        e = np.exp(s - top)
        p = e / np.add.reduceat(e, starts)[group_of]
        grad = (x * p[:, None]).sum(axis=0) - x[labels].sum(axis=0)
        w -= rate * (grad / n + 2 * l2 * w)
    return {f: round(float(v), 6) for f, v in zip(names, w, strict=True) if round(float(v), 6) != 0.0}


# --------------------------------------------------------------------------- the hook


def rerank(
    resolver: Any,
    quote: Any,
    speaker: Any,
    basis: str,
    previous: Any,
    resolve: Callable[[str], Any],
    verb: re.Pattern[str],
    min_percent: int,
) -> tuple[Any, str]:
    """The speaker of ``quote``: the rules' (``speaker``, decided by ``basis``) unless the
    model is at least ``min_percent`` % sure of another candidate, which ``resolve`` turns
    into a speaker (basis ``learned``)."""
    if COLLECT is None and min_percent > 100:
        return speaker, basis
    cands = candidates(resolver, quote, speaker, basis, previous, verb)
    if COLLECT is not None:
        for c in cands:
            c["speaker"] = speaker if c["kind"] == "rule" else previous if c["kind"] == "previous" else resolve(c["name"])
        COLLECT.append({"doc_id": resolver.doc.doc_id, "start": quote.start, "candidates": cands})
        return speaker, basis
    pick = choose(load()["weights"], cands, min_percent)
    if pick == 0:
        return speaker, basis
    chosen = cands[pick]
    new = previous if chosen["kind"] == "previous" else resolve(chosen["name"])
    return (new, "learned") if new.name else (speaker, basis)
