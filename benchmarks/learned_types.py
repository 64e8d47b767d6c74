"""A learned re-ranker of event types, tested against the rules (session 8;
docs/round-s8-learn.md): does a small supervised model, trained on the gold
event types, type events better than the rules on documents it was not
trained on?

    python benchmarks/learned_types.py --evaluate [--out DIR]   # the figures of docs/round-s8-learn.md
    python benchmarks/learned_types.py --model FILE             # train on every set, write the weights

Every annotated document (data/raw, data/gathered/raw) is extracted with the
rules (``timeline.extract_events``); each events row gets binary features, all
from the text (:func:`features`): the rule's type and how it was decided
(``_how``), the words left and right of the date (nearest first; inside the
date's clause, ``timeline.clause_of``, or not), the cue families of the
sentence (``timeline.cue_matches``) by side and clause, the date's
precision, and document facts (a harm cue anywhere, the date against the
first rule-typed harm, the headline's cues, the neighbouring rows' rule
types). Rows are paired with gold events exactly as the scorer pairs them
(``evaluate.event_type_pairs``), so the model learns the gold type of the
events type accuracy counts. The model is a multinomial logistic regression
with an L2 penalty (full batch, L-BFGS from zeros for a fixed number of
iterations: no randomness; training twice gives the same bytes). The model
may replace the rule's type only where its probability for another type
reaches a threshold.

``--evaluate`` prints and writes (``--out``, default /tmp/learned-types)
(a) leave-one-set-out over the gathered sets (train on every other set, the
seeds and dev sets included; test on the held-out one), pooled, and (b) the
blind check: train on every set but gathered/vault4 and gathered/vault5,
test on those two — type accuracy on the scorer's pairs and missed
opportunity F1, with the rules' types and with the model's, for each
feature set, L2 strength and threshold of the grid. The pipeline does not
use the model: the experiment's result was negative (docs/round-s8-learn.md).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from oversight_research import ingest  # noqa: E402
from oversight_research.evaluate import event_type_pairs, gold_missed_values, load_gold, match_multiset, prf  # noqa: E402
from oversight_research.rules import events as events_rules  # noqa: E402
from oversight_research.text import lower_same_length  # noqa: E402
from oversight_research.timeline import clause_of, cue_matches, document_missed_opportunities, extract_events  # noqa: E402

FORMAT = "oversight-research learned event types 1"
WINDOW = 8  # words each side of the date, nearest first
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


Row = dict[str, Any]
Cue = tuple[str, int, int]


@dataclass(frozen=True)
class Model:
    """Weights by feature (one per type, in ``types`` order), the bias, and the file's header."""

    types: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    header: Mapping[str, Any]

    def probabilities(self, active: Sequence[str]) -> list[float]:
        scores = list(self.bias)
        for name in active:
            w = self.weights.get(name)
            if w is not None:
                for k, v in enumerate(w):
                    scores[k] += v
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def parse_model(data: object, where: str = "model") -> Model:
    """A :class:`Model` from the file's JSON; :class:`ValueError` naming what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{where}: not a learned event-type model (format must be {FORMAT!r})")
    types, bias, weights = data.get("types"), data.get("bias"), data.get("weights")
    if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
        raise ValueError(f"{where}: 'types' must be a non-empty list of type names")
    k = len(types)

    def vector(value: object, name: str) -> tuple[float, ...]:
        if not isinstance(value, list) or len(value) != k or not all(isinstance(v, int | float) for v in value):
            raise ValueError(f"{where}: {name} must be a list of {k} numbers")
        return tuple(float(v) for v in value)

    if not isinstance(weights, dict):
        raise ValueError(f"{where}: 'weights' must map feature names to lists of {k} numbers")
    header = data.get("header")
    if not isinstance(header, dict):
        raise ValueError(f"{where}: 'header' must be a mapping (training sets, hyper-parameters)")
    return Model(
        types=tuple(types),
        bias=vector(bias, "'bias'"),
        weights={name: vector(w, f"weights[{name!r}]") for name, w in weights.items()},
        header=header,
    )


def _sentence_start(text: str, row: Row) -> int:
    """Offset in ``text`` of the row's sentence (it holds the mention)."""
    sentence, start, end = str(row["sentence"]), int(row["start"]), int(row["end"])
    at = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
    if at == -1:  # not found as is: place the date by its expression
        local = sentence.find(str(row.get("date_text") or ""))
        return start - max(local, 0)
    return at


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def _document_facts(rows: Sequence[Row], found: Sequence[list[Cue]]) -> tuple[list[str], str | None]:
    """The document's own features (shared by its rows) and its first rule-typed harm date."""
    facts: list[str] = []
    if any(kind == "harm" for cues in found for kind, _, _ in cues):
        facts.append("doc:harm_cue")
    harms = sorted(r["date"] for r in rows if r["event_type"] == "harm" and r["date"])
    facts.append(f"doc:harms:{_bucket(len(harms), (0, 1, 3))}")
    for kind in sorted(
        {kind for r, cues in zip(rows, found, strict=True) if r.get("_headline") for kind, _, _ in cues}
    ):
        facts.append(f"doc:headline_cue:{kind}")
    return facts, harms[0] if harms else None


def features(rows: Sequence[Row], text: str) -> list[list[str]]:
    """The active features of each of a document's events ``rows`` (in order)."""
    found = [cue_matches(r["sentence"]) for r in rows]
    facts, first_harm = _document_facts(rows, found)
    dated = sorted({r["date"] for r in rows if r["date"]})
    latest = dated[-1] if dated else None
    out = []
    for i, (row, cues) in enumerate(zip(rows, found, strict=True)):
        sentence = row["sentence"]
        at = _sentence_start(text, row)
        ds, de = row["start"] - at, row["end"] - at
        cl, cr = clause_of(sentence, ds, de)
        rule, how = row["event_type"], row.get("_how", "")
        f = [*facts, f"rule:{rule}", f"how:{how}", f"rule_how:{rule}:{how}", f"precision:{row['precision']}"]
        f += ["relative"] if row.get("relative") else []
        f += ["range"] if row.get("date_end") else []
        f += ["anchor"] if row.get("anchor") else []
        f += ["headline"] if row.get("_headline") else []
        f.append(f"paragraph:{_bucket(int(row.get('_paragraph') or 0), (0, 1, 3, 8))}")
        f.append(f"prev:{rows[i - 1]['event_type']}" if i else "prev:none")
        f.append(f"next:{rows[i + 1]['event_type']}" if i + 1 < len(rows) else "next:none")
        date = row["date"]
        if date and first_harm:
            side = "same" if date[: len(first_harm)] == first_harm or first_harm[: len(date)] == date else None
            f.append(f"vs_harm:{side or ('before' if date < first_harm else 'after')}")
        elif date:
            f.append("vs_harm:no_harm")
        if date and latest:
            f.append(f"vs_latest:{_bucket(int(latest[:4]) - int(date[:4]), (0, 1, 4))}")
        low = lower_same_length(sentence)
        left = [(m.group(), m.start()) for m in _WORD.finditer(low, 0, max(ds, 0))][::-1][:WINDOW]
        right = [(m.group(), m.end()) for m in _WORD.finditer(low, min(de, len(low)))][:WINDOW]
        for n, (w, s) in enumerate(left):
            f.append(f"l:{w}" if s >= cl else f"lx:{w}")
            if n < 2:
                f.append(f"l{n + 1}:{w}")
        for n, (w, e) in enumerate(right):
            f.append(f"r:{w}" if e <= cr else f"rx:{w}")
            if n < 2:
                f.append(f"r{n + 1}:{w}")
        f += [f"d:{w}" for w in _WORD.findall(low, max(ds, 0), max(de, 0))]
        near_left: tuple[int, str] | None = None
        near_right: tuple[int, str] | None = None
        for kind, cs, ce in cues:
            side = "l" if ce <= ds else "r" if cs >= de else "in"
            f.append(f"cue:{kind}:{side}:{'c' if cl <= cs and ce <= cr else 'x'}")
            if side == "l" and (near_left is None or ds - ce < near_left[0]):
                near_left = (ds - ce, kind)
            if side == "r" and (near_right is None or cs - de < near_right[0]):
                near_right = (cs - de, kind)
        f += [f"cue_l1:{near_left[1]}"] if near_left else []
        f += [f"cue_r1:{near_right[1]}"] if near_right else []
        out.append(sorted(set(f)))
    return out


C_DEFAULT = 1.0  # L2: the penalty is sum(w**2) / (2 * C), against the summed log-loss
ITERATIONS = 300
MIN_COUNT = 2  # a feature seen in fewer training events is left out
DIGITS = 4  # weights rounded to this many decimals (byte-stable files)


@dataclass
class Doc:
    """One annotated document, typed by the rules: its rows, their features,
    the (row, gold type) pairs of the scorer and the gold missed opportunities."""

    doc_id: str
    set: str
    rows: list[dict[str, Any]]
    features: list[list[str]]
    pairs: list[tuple[int, str]]
    gold_missed: list[tuple[str, str]]


def _paired(doc: dict[str, Any], rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """(row index, gold type) of every gold event the scorer pairs with a row."""
    frame = pd.DataFrame(
        [
            {"date": r["date"], "date_end": r["date_end"], "date_text": r["date_text"], "event_type": str(i)}
            for i, r in enumerate(rows)
        ],
        columns=["date", "date_end", "date_text", "event_type"],
    )
    return [(int(index), gold) for gold, index, _ in event_type_pairs(doc, frame)]


def gathered(gold_dir: Path, raw_dirs: Sequence[Path]) -> list[Doc]:
    """Every annotated document found in ``raw_dirs``, typed by the rules alone (sorted by doc_id)."""
    gold = load_gold(gold_dir)
    docs = []
    for raw_dir in map(Path, raw_dirs):
        paths = ingest.list_raw_files(raw_dir)
        ids = ingest.doc_ids(paths, raw_dir)
        manifest, _ = ingest.read_manifest(raw_dir, set(ids))
        for path, doc_id in zip(paths, ids, strict=True):
            if doc_id not in gold:
                continue
            doc = ingest.read_document(path, raw_dir, {**manifest.get(doc_id, {}), "doc_id": doc_id})
            rows = extract_events(doc)
            docs.append(
                Doc(
                    doc_id=doc_id,
                    set=gold[doc_id]["set"],
                    rows=rows,
                    features=features(rows, doc.text),
                    pairs=_paired(gold[doc_id], rows),
                    gold_missed=gold_missed_values(gold[doc_id]),
                )
            )
    return sorted(docs, key=lambda d: d.doc_id)


def fit(docs: Sequence[Doc], c: float = C_DEFAULT, iterations: int = ITERATIONS) -> Model:
    """Multinomial logistic regression on every (features, gold type) pair of ``docs``."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    types = tuple(events_rules.load().priority)
    examples = [(d.features[i], gold) for d in docs for i, gold in d.pairs if gold in types]
    counts: dict[str, int] = {}
    for active, _ in examples:
        for name in active:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, k in counts.items() if k >= MIN_COUNT)
    column = {n: j for j, n in enumerate(names)}
    indptr, indices = [0], []
    for active, _ in examples:
        indices += [column[n] for n in active if n in column]
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(examples), len(names)))
    y = np.zeros((len(examples), len(types)))
    y[np.arange(len(examples)), [types.index(g) for _, g in examples]] = 1.0
    d, k = len(names), len(types)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[: d * k].reshape(d, k), theta[d * k :]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -float(np.sum(y * np.log(p + 1e-300))) + float(np.sum(w * w)) / (2 * c)
        g = p - y
        return value, np.concatenate([(x.T @ g + w / c).ravel(), g.sum(axis=0)])

    start = np.zeros(d * k + k)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": iterations, "gtol": 1e-9})
    w, b = result.x[: d * k].reshape(d, k), result.x[d * k :]
    header = {
        "trained_on": sorted({doc.set for doc in docs}),
        "documents": len(docs),
        "events": len(examples),
        "features": d,
        "c": c,
        "iterations": iterations,
        "min_count": MIN_COUNT,
        "digits": DIGITS,
    }
    weights = {n: tuple(round(float(v), DIGITS) for v in w[j]) for n, j in column.items()}
    return Model(
        types=types,
        bias=tuple(round(float(v), DIGITS) for v in b),
        weights={n: v for n, v in weights.items() if any(v)},
        header=header,
    )


def model_json(model: Model) -> str:
    """The model file's text: sorted keys, one feature a line, rounded weights."""

    def vector(v: Iterable[float]) -> str:
        return json.dumps([round(x, DIGITS) + 0.0 for x in v])

    lines = [
        "{",
        f'"format": {json.dumps(FORMAT)},',
        f'"header": {json.dumps(dict(model.header), sort_keys=True)},',
        f'"types": {json.dumps(list(model.types))},',
        f'"bias": {vector(model.bias)},',
        '"weights": {',
    ]
    items = sorted(model.weights.items())
    lines += [f"{json.dumps(n)}: {vector(v)}{',' if i + 1 < len(items) else ''}" for i, (n, v) in enumerate(items)]
    lines += ["}", "}", ""]
    text = "\n".join(lines)
    parse_model(json.loads(text))  # what is written reads back
    return text


def typed(doc: Doc, model: Model | None, threshold: float) -> list[str]:
    """The type of each of ``doc``'s rows: the rule's, or the model's where it is confident."""
    out = [r["event_type"] for r in doc.rows]
    if model is None:
        return out
    for i, active in enumerate(doc.features):
        probs = model.probabilities(active)
        best = max(range(len(probs)), key=lambda k: (probs[k], -k))
        if model.types[best] != out[i] and probs[best] >= threshold:
            out[i] = model.types[best]
    return out


def scores(docs: Sequence[Doc], model: Model | None, threshold: float) -> dict[str, float]:
    """Pooled type accuracy (on the scorer's pairs) and missed-opportunity F1 of ``docs``."""
    ok = n = tp = fp = fn = 0
    for doc in docs:
        types = typed(doc, model, threshold)
        ok += sum(types[i] == gold for i, gold in doc.pairs)
        n += len(doc.pairs)
        rows = [{**r, "event_type": t} for r, t in zip(doc.rows, types, strict=True)]
        missed = [(f"{m['warning_date']} -> {m['harm_date']}", "") for m in document_missed_opportunities(rows)]
        hit, misses, spurious = match_multiset(doc.gold_missed, missed)
        tp, fp, fn = tp + hit, fp + len(spurious), fn + len(misses)
    return {
        "events": n,
        "accuracy": ok / n if n else float("nan"),
        "mo_f1": prf(tp, fp, fn)[2],
        "mo_tp": tp,
        "mo_fp": fp,
        "mo_fn": fn,
    }


# --------------------------------------------------------------------------- feature sets of the grid

CONJOINED = (
    "cue:",
    "cue_l1:",
    "cue_r1:",
    "l1:",
    "r1:",
    "vs_harm:",
    "doc:harm_cue",
    "how:",
    "precision:",
    "relative",
    "headline",
)
RULE_FEATURES = ("rule:", "how:", "rule_how:", "prev:", "next:")


def variant(docs: Sequence[Doc], name: str) -> list[Doc]:
    """``docs`` with the features of one feature set: ``base`` (as :func:`features`),
    ``conjoined`` (base, and every cue, neighbour-word and document feature
    conjoined with the rule's type), ``no-rules`` (no rule type, no how)."""
    out = []
    for d in docs:
        if name == "base":
            feats = d.features
        elif name == "conjoined":
            feats = []
            for fs in d.features:
                rule = next(f for f in fs if f.startswith("rule:"))[5:]
                feats.append(sorted({*fs, *(f"{rule}|{f}" for f in fs if f.startswith(CONJOINED))}))
        elif name == "no-rules":
            feats = [[f for f in fs if not f.startswith(RULE_FEATURES)] for fs in d.features]
        else:
            raise ValueError(name)
        out.append(Doc(d.doc_id, d.set, d.rows, feats, d.pairs, d.gold_missed))
    return out


GRID = (("base", 0.1), ("base", 1.0), ("base", 10.0), ("conjoined", 1.0), ("no-rules", 1.0))
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)  # 0.0: the model's type everywhere
BLIND = ("gathered/vault4", "gathered/vault5")


def _pool(parts: Sequence[dict[str, float]]) -> dict[str, float]:
    n = sum(int(p["events"]) for p in parts)
    ok = sum(round(p["accuracy"] * p["events"]) for p in parts)
    tp, fp, fn = (sum(int(p[k]) for p in parts) for k in ("mo_tp", "mo_fp", "mo_fn"))
    return {"events": n, "accuracy": ok / n, "mo_f1": prf(tp, fp, fn)[2], "mo_tp": tp, "mo_fp": fp, "mo_fn": fn}


def evaluate_grid(docs: Sequence[Doc], grid: Iterable[tuple[str, float]] = GRID) -> pd.DataFrame:
    """(a) leave-one-set-out over the gathered sets, pooled, and per set; (b) vault4+vault5 blind."""
    held = sorted({d.set for d in docs if d.set.startswith("gathered/")})
    rows = []
    for name, c in grid:
        vd = variant(docs, name)
        folds = [(s, [d for d in vd if d.set != s], [d for d in vd if d.set == s]) for s in held]
        folds.append(("+".join(BLIND), [d for d in vd if d.set not in BLIND], [d for d in vd if d.set in BLIND]))
        per: dict[tuple[str, str], dict[str, float]] = {}
        for test_set, train, test in folds:
            model = fit(train, c)
            per[test_set, "rules"] = scores(test, None, 1.0)
            for th in THRESHOLDS:
                per[test_set, f"model>={th}"] = scores(test, model, th)
        for how in ["rules", *(f"model>={th}" for th in THRESHOLDS)]:
            loso = _pool([per[s, how] for s in held])
            rows.append(
                {"features": name, "c": c, "check": "leave-one-set-out", "test": "pooled", "typing": how, **loso}
            )
            for s in [*held, "+".join(BLIND)]:
                check = "blind vault4+vault5" if s == "+".join(BLIND) else "leave-one-set-out"
                rows.append({"features": name, "c": c, "check": check, "test": s, "typing": how, **per[s, how]})
    return pd.DataFrame(rows)


def top_features(model: Model, n: int = 8) -> dict[str, list[tuple[str, float]]]:
    """The features that most raise each type's score."""
    out = {}
    for k, kind in enumerate(model.types):
        ranked = sorted(model.weights.items(), key=lambda item: (-item[1][k], item[0]))
        out[kind] = [(name, w[k]) for name, w in ranked[:n]]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--evaluate", action="store_true", help="leave-one-set-out and vault4/vault5 figures")
    parser.add_argument("--model", type=Path, help="train on every set and write the model (JSON) here")
    parser.add_argument("--out", type=Path, default=Path("/tmp/learned-types"), help="where --evaluate writes its CSV")
    parser.add_argument("--gold", type=Path, default=ROOT / "data/annotations")
    parser.add_argument("--raw", type=Path, nargs="+", default=[ROOT / "data/raw", ROOT / "data/gathered/raw"])
    args = parser.parse_args(argv)
    if not (args.evaluate or args.model):
        parser.error("give --evaluate, --model FILE or both")
    docs = gathered(args.gold, args.raw)
    print(f"{len(docs)} annotated documents, {sum(len(d.pairs) for d in docs)} paired events", flush=True)
    if args.model:
        model = fit(docs)
        args.model.write_text(model_json(model), encoding="utf-8")
        print(f"model written to {args.model}")
        for kind, top in top_features(model).items():
            print(f"  {kind}: " + ", ".join(f"{name} {w:+.2f}" for name, w in top))
    if args.evaluate:
        table = evaluate_grid(docs)
        args.out.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.out / "learned-types.csv", index=False)
        shown = table[table.test.isin(["pooled", "+".join(BLIND)])]
        with pd.option_context("display.width", 200, "display.max_rows", 500):
            print(
                shown[["features", "c", "check", "typing", "events", "accuracy", "mo_f1"]]
                .round(4)
                .to_string(index=False)
            )
        print(f"written {args.out / 'learned-types.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
