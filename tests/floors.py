"""The gold floors: what the extractors reach today on every annotated set.

``tests/gold_floors.json`` holds, per evaluation set and measure, the
precision and recall the extractors must keep (accuracies are stored as both).
``tests/test_gold_gate.py`` checks them; ``python tests/floors.py`` re-measures
and raises the floors to today's scores (rounded down to two decimals).  It
refuses to lower a floor unless ``--allow-lower`` is given, and prints every
change, old and new, so a lowered floor never passes unseen.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

import pandas as pd

from oversight_research.evaluate import LOWER_IS_BETTER

ROOT = Path(__file__).resolve().parents[1]
FLOORS = Path(__file__).with_name("gold_floors.json")
GATED = ("precision", "recall")


def load() -> dict[str, dict[str, dict[str, float]]]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def key(extractor: str, measure: str) -> str:
    return f"{extractor}: {measure}"


def measured(scores: pd.DataFrame) -> dict[str, dict[str, dict[str, float]]]:
    """Today's pooled scores per set, as the floors file stores them; the
    errors (``LOWER_IS_BETTER``: the interval and tone gap errors) and measures with nothing to score are left out."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    pooled = scores[(scores["doc_id"] == "ALL") & ~scores["measure"].isin(LOWER_IS_BETTER)]
    for row in pooled.itertuples():
        values = {name: float("nan") if pd.isna(v := getattr(row, name)) else float(v) for name in GATED}
        if all(not math.isnan(v) for v in values.values()):
            out.setdefault(row.set, {})[key(row.extractor, row.measure)] = values
    return out


def shortfalls(floors: dict, scores: dict) -> list[str]:
    """Every gated value below its floor (or missing), as a sentence."""
    out = []
    for set_name, measures in sorted(floors.items()):
        for name, values in sorted(measures.items()):
            for part, floor in values.items():
                now = scores.get(set_name, {}).get(name, {}).get(part)
                if now is None or now < floor - 1e-9:
                    out.append(f"{set_name} / {name} / {part}: {now} < floor {floor}")
    return out


def _round_down(value: float) -> float:
    return math.floor(value * 100 + 1e-9) / 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--allow-lower", action="store_true", help="write floors lower than the stored ones")
    args = parser.parse_args(argv)
    from oversight_research.evaluate import evaluate
    from oversight_research.pipeline import extract

    with tempfile.TemporaryDirectory() as raw, tempfile.TemporaryDirectory() as gathered:
        extract(ROOT / "data" / "raw", Path(raw), progress=False, cache=False)
        extract(ROOT / "data" / "gathered" / "raw", Path(gathered), progress=False, cache=False)
        scores, _, _ = evaluate(ROOT / "data" / "annotations", Path(raw))
        extra, _, _ = evaluate(ROOT / "data" / "annotations", Path(gathered))
    scores = pd.concat([scores, extra[extra["set"] != "all"]], ignore_index=True)
    new = {
        s: {m: {p: _round_down(v) for p, v in vals.items()} for m, vals in ms.items()}
        for s, ms in measured(scores).items()
    }
    old = load() if FLOORS.exists() else {}
    lowered = []
    for set_name in sorted(set(old) | set(new)):
        for name in sorted(set(old.get(set_name, {})) | set(new.get(set_name, {}))):
            for part in GATED:
                before = old.get(set_name, {}).get(name, {}).get(part)
                after = new.get(set_name, {}).get(name, {}).get(part)
                if before != after:
                    print(f"{set_name} / {name} / {part}: {before} -> {after}")
                if before is not None and (after is None or after < before):
                    lowered.append(f"{set_name} / {name} / {part}")
    if lowered and not args.allow_lower:
        print(f"refused: {len(lowered)} floor(s) would go down (pass --allow-lower to accept):", file=sys.stderr)
        print("\n".join(f"  {name}" for name in lowered), file=sys.stderr)
        return 1
    FLOORS.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"floors written to {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
