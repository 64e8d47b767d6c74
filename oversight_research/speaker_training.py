"""Training and evaluation of the learned speaker re-ranker (:mod:`speaker_model`).

``python -m oversight_research.speaker_training train`` writes
``rules/speaker_model.json`` from the gold statements of every set
``data/annotations/sets.yaml`` marks ``tuned: true`` (deterministic: the same
gold and rules, the same bytes).  ``… evaluate`` prints the experiment's
figures: the ceiling (gold statements whose speaker is among the
candidates), leave-one-set-out over the gathered sets and the vault4/vault5
hold-out, the rules against the model on the same detected statements.

An example is an extracted quotation a gold statement detects (the
matching of :mod:`evaluate`: ``_detected``, ``same_speaker``); its label, the
first candidate whose resolved speaker ``same_speaker`` matches with the gold
speaker (the rules' own first); a statement whose gold speaker is no
candidate is left out of training (it counts against the ceiling).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from . import evaluate, ingest, speaker_model, statements
from .rules import statements as statement_rules

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "annotations"
RAW = (ROOT / "data" / "raw", ROOT / "data" / "gathered" / "raw")
L2, ITERATIONS, RATE = 0.001, 400, 0.5
HELD_OUT = ("gathered/vault4", "gathered/vault5")


def collect(gold: dict[str, dict]) -> list[dict]:
    """One record per detected gold statement whose quotation the rules attributed in the loop:
    set, gold speaker and role, the rules' final speaker and role, the candidates."""
    raws = {}
    for raw in RAW:
        files = ingest.list_raw_files(raw)
        for path, name in zip(files, ingest.doc_ids(files, raw), strict=True):
            if name in gold:
                raws[name] = (path, raw)
    records = []
    for doc_id in sorted(raws):
        path, raw = raws[doc_id]
        manifest, _ = ingest.read_manifest(raw, {doc_id})
        doc = ingest.read_document(path, raw, manifest.get(doc_id))
        speaker_model.COLLECT = []
        try:
            rows = statements.extract_statements(doc)
            seen = {c["start"]: c["candidates"] for c in speaker_model.COLLECT}
        finally:
            speaker_model.COLLECT = None
        quotes = [r["quote"] for r in rows]
        used: set[int] = set()
        for g in gold[doc_id].get("statements", []):
            i = evaluate._detected(g["quote_start"], [q if j not in used else "" for j, q in enumerate(quotes)])
            if i is None:
                continue
            used.add(i)
            row = rows[i]
            cands = seen.get(row["start"])
            records.append(
                {
                    "set": gold[doc_id]["set"],
                    "doc_id": doc_id,
                    "gold_speaker": g.get("speaker") or "",
                    "gold_role": g.get("role"),
                    "rule_speaker": row["speaker"],
                    "rule_role": row["role"],
                    "candidates": cands or [],
                }
            )
    return records


def label(record: dict) -> int | None:
    """The first candidate the gold speaker matches, None when it is none of them."""
    if evaluate.same_speaker(record["gold_speaker"], record["rule_speaker"]):
        return 0  # the rules' final speaker (after the document-wide passes) is right
    for i, c in enumerate(record["candidates"]):
        if evaluate.same_speaker(record["gold_speaker"], c["speaker"].name):
            return i
    return None


def fit(records: Sequence[dict]) -> dict[str, float]:
    examples = [(r["candidates"], k) for r in records if len(r["candidates"]) > 1 and (k := label(r)) is not None]
    return speaker_model.train(examples, L2, ITERATIONS, RATE)


def predict(weights: dict[str, float], record: dict, min_percent: int) -> tuple[str | None, str | None]:
    """(speaker, role) with the model: the rules' final ones unless it takes another candidate."""
    cands = record["candidates"]
    pick = speaker_model.choose(weights, cands, min_percent) if cands else 0
    if pick == 0 or not cands[pick]["speaker"].name:
        return record["rule_speaker"], record["rule_role"]
    sp = cands[pick]["speaker"]
    return sp.name, sp.role


def score(weights: dict[str, float] | None, records: Sequence[dict], min_percent: int) -> dict[str, float]:
    n = len(records)
    s_ok = r_ok = fam_ok = fam_n = 0
    for r in records:
        name, role = predict(weights, r, min_percent) if weights else (r["rule_speaker"], r["rule_role"])
        s_ok += evaluate.same_speaker(r["gold_speaker"], name)
        r_ok += r["gold_role"] == role
        fam_n += r["gold_role"] == "family"
        fam_ok += r["gold_role"] == "family" == role
    return {"n": n, "speaker": s_ok / n, "role": r_ok / n, "family": fam_ok / fam_n if fam_n else float("nan")}


def tuned_sets() -> list[str]:
    from .goldcheck import read_sets

    return sorted(name for name, spec in read_sets(GOLD).items() if spec.get("tuned") is True)


def model_file(weights: dict[str, float], sets: list[str]) -> dict:
    return {
        "format": speaker_model.FORMAT,
        "training": {
            "command": "python -m oversight_research.speaker_training train",
            "sets": sets,
            "l2": L2,
            "iterations": ITERATIONS,
            "rate": RATE,
            "model": "conditional logit over each quotation's candidates, full-batch gradient descent from zero",
        },
        "weights": dict(sorted(weights.items())),
    }


def _line(name: str, base: dict, model: dict) -> str:
    return (
        f"{name:<22} n={base['n']:>4}  speaker {base['speaker']:.3f} → {model['speaker']:.3f}  "
        f"role {base['role']:.3f} → {model['role']:.3f}  family {base['family']:.3f} → {model['family']:.3f}"
    )


def run_evaluate(records: list[dict], thresholds: Sequence[int]) -> None:
    n = len(records)
    ceiling = sum(label(r) is not None for r in records)
    print(f"detected gold statements {n}; gold speaker among the candidates {ceiling} ({ceiling / n:.3f}); "
          f"rule candidate right {sum(label(r) == 0 for r in records)}")
    by_set = defaultdict(list)
    for r in records:
        by_set[r["set"]].append(r)
    gathered = sorted(s for s in by_set if s.startswith("gathered/"))
    for t in thresholds:
        print(f"--- threshold {t}%")
        pooled_base, pooled_model = [], []
        for held in gathered:
            w = fit([r for r in records if r["set"] != held])
            test = by_set[held]
            pooled_base += [(r, None) for r in test]
            pooled_model += [(r, w) for r in test]
        base = score(None, [r for r, _ in pooled_base], t)
        model = _pooled(pooled_model, t)
        print(_line("LOSO (gathered, pooled)", base, model))
        w = fit([r for r in records if r["set"] not in HELD_OUT])
        test = [r for r in records if r["set"] in HELD_OUT]
        print(_line("vault4+vault5", score(None, test, t), score(w, test, t)))
        for held in HELD_OUT:
            print(_line(f"  {held}", score(None, by_set[held], t), score(w, by_set[held], t)))


def _pooled(pairs: list[tuple[dict, dict[str, float]]], t: int) -> dict[str, float]:
    n = len(pairs)
    s_ok = r_ok = fam_ok = fam_n = 0
    for r, w in pairs:
        name, role = predict(w, r, t)
        s_ok += evaluate.same_speaker(r["gold_speaker"], name)
        r_ok += r["gold_role"] == role
        fam_n += r["gold_role"] == "family"
        fam_ok += r["gold_role"] == "family" == role
    return {"n": n, "speaker": s_ok / n, "role": r_ok / n, "family": fam_ok / fam_n if fam_n else float("nan")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m oversight_research.speaker_training")
    parser.add_argument("command", choices=("train", "evaluate"))
    parser.add_argument("--exclude", action="append", default=[], help="leave a set out of training")
    parser.add_argument("--out", type=Path, default=speaker_model.MODEL_PATH)
    parser.add_argument("--threshold", type=int, action="append")
    args = parser.parse_args(argv)
    sets = [s for s in tuned_sets() if s not in args.exclude]
    gold = {d: g for d, g in evaluate.load_gold(GOLD).items() if g["set"] in sets}
    records = collect(gold)
    if args.command == "evaluate":
        run_evaluate(records, args.threshold or [statement_rules.load().as_dict()["learned_speaker_min_percent"]])
        return 0
    args.out.write_text(speaker_model.dumps(model_file(fit(records), sets)), encoding="utf-8")
    print(f"wrote {args.out} ({len(records)} statements of {len(sets)} sets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
