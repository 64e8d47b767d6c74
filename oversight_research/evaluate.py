"""Score the extracted tables against gold annotations.

Gold files (``data/annotations/*.json``, schema in its README) hold, per
document, the events, outcomes and statements a person found.  Matching is
on values, as a multiset per document:

* events — the normalised date (``YYYY[-MM[-DD]]``; a range counts as its two
  ends; an unresolved gold date matches an unresolved extraction with the same
  expression text);
* outcomes — (category, count) and, more leniently, category alone; only rows
  with status ``actual`` are predictions;
* statements — a gold quotation is detected when an extracted quotation
  starts with its first words; on detected pairs, speaker and role accuracy
  and Krippendorff's alpha (nominal) for role coding.

Micro averages (``doc_id == "ALL"``) pool the counts of every annotated
document that was extracted.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import tables


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold annotations by doc_id."""
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data.get("doc_id") or path.stem] = data
    return gold


def norm(text: object) -> str:
    """Lower case, plain quotes, punctuation as spaces; missing values → ""."""
    text = unicodedata.normalize("NFKC", text if isinstance(text, str) else "").lower()
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", " ", re.sub(r"[^\w' ]+", " ", text)).strip()


# --------------------------------------------------------------------------- values

def gold_event_values(doc: dict) -> list[tuple[str, str]]:
    return [(e["date"] if e.get("date") else f"unresolved: {norm(e['text'])}", e.get("what", ""))
            for e in doc.get("events", [])]


def extracted_event_values(events: pd.DataFrame) -> list[tuple[str, str]]:
    values = []
    for row in events.itertuples():
        if pd.isna(row.date):
            values.append((f"unresolved: {norm(row.date_text)}", row.sentence))
        else:
            values.append((row.date, row.sentence))
            if not pd.isna(row.date_end):
                values.append((row.date_end, row.sentence))
    return values


def _count_text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def gold_outcome_values(doc: dict, with_count: bool) -> list[tuple[str, str]]:
    return [(o["category"] + (f"|{_count_text(o.get('count'))}" if with_count else ""), o.get("evidence", ""))
            for o in doc.get("outcomes", [])]


def extracted_outcome_values(outcomes: pd.DataFrame, with_count: bool) -> list[tuple[str, str]]:
    actual = outcomes[outcomes["status"] == "actual"]
    return [(r.category + (f"|{_count_text(r.count)}" if with_count else ""), r.evidence)
            for r in actual.itertuples()]


# --------------------------------------------------------------------------- scoring

def match_multiset(gold: list[tuple[str, str]], pred: list[tuple[str, str]]):
    """(tp, misses, spurious) for two multisets of (value, context)."""
    g, p = Counter(v for v, _ in gold), Counter(v for v, _ in pred)
    tp = sum((g & p).values())
    missing, extra = g - p, p - g
    misses = _take(gold, missing)
    spurious = _take(pred, extra)
    return tp, misses, spurious


def _take(items: list[tuple[str, str]], wanted: Counter) -> list[tuple[str, str]]:
    wanted = Counter(wanted)
    out = []
    for value, context in items:
        if wanted[value] > 0:
            out.append((value, context))
            wanted[value] -= 1
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1.  Nothing extracted and nothing annotated is a
    perfect 1.0; precision with nothing extracted (or recall with nothing
    annotated) but errors on the other side is undefined (NaN), and F1 is 0."""
    nan = float("nan")
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else nan)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else nan)
    if tp == 0:
        return precision, recall, 1.0 if fp == fn == 0 else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall)


def _score_rows(extractor: str, measure: str, per_doc: dict[str, tuple[int, int, int]]) -> list[dict]:
    rows = []
    total = [0, 0, 0]
    for doc_id, (tp, fp, fn) in sorted(per_doc.items()):
        rows.append(_score_row(extractor, measure, doc_id, tp, fp, fn))
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
    rows.append(_score_row(extractor, measure, "ALL", *total))
    return rows


def _score_row(extractor: str, measure: str, doc_id: str, tp: int, fp: int, fn: int) -> dict:
    p, r, f = prf(tp, fp, fn)
    return {"extractor": extractor, "measure": measure, "doc_id": doc_id, "tp": tp, "fp": fp, "fn": fn,
            "precision": p, "recall": r, "f1": f}


def _errors(extractor: str, measure: str, doc_id: str, misses, spurious) -> list[dict]:
    return ([{"extractor": extractor, "measure": measure, "doc_id": doc_id, "error": "miss",
              "value": v, "context": c} for v, c in misses]
            + [{"extractor": extractor, "measure": measure, "doc_id": doc_id, "error": "spurious",
                "value": v, "context": c} for v, c in spurious])


def score_values(extractor: str, measure: str, pairs: Iterable[tuple[str, list, list]]):
    """Scores and errors for (doc_id, gold values, extracted values) triples."""
    per_doc, errors = {}, []
    for doc_id, gold, pred in pairs:
        tp, misses, spurious = match_multiset(gold, pred)
        per_doc[doc_id] = (tp, len(spurious), len(misses))
        errors += _errors(extractor, measure, doc_id, misses, spurious)
    return _score_rows(extractor, measure, per_doc), errors


# --------------------------------------------------------------------------- statements

def _detected(quote_start: str, quotes: list[str]) -> int | None:
    """Index of the extracted quote that starts with the gold quote's first words."""
    key = norm(quote_start)
    for i, quote in enumerate(quotes):
        q = norm(quote)
        if q.startswith(key) or (len(key) > 12 and key in q[: len(key) + 40]):
            return i
    return None


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def same_speaker(gold: str, extracted: str | None) -> bool:
    g, e = norm(gold), norm(extracted)
    if not e:
        return False
    return g == e or g in e or e in g or g.split()[-1:] == e.split()[-1:]


def krippendorff_alpha_nominal(pairs: list[tuple[str, str]]) -> float:
    """Krippendorff's alpha for two coders, nominal data, no missing values."""
    if not pairs:
        return float("nan")
    values = Counter()
    coincidences = Counter()
    for a, b in pairs:
        values.update([a, b])
        coincidences[(a, b)] += 1
        coincidences[(b, a)] += 1
    n = sum(values.values())
    observed = sum(c for (a, b), c in coincidences.items() if a != b) / n
    expected = sum(values[a] * values[b] for a in values for b in values if a != b) / (n * (n - 1))
    return 1.0 if expected == 0 else 1 - observed / expected


def score_statements(gold: dict[str, dict], statements: pd.DataFrame):
    per_doc, errors, speaker, role, role_pairs = {}, [], {}, {}, []
    for doc_id, doc in gold.items():
        found = statements[statements["doc_id"] == doc_id].reset_index(drop=True)
        quotes = found["quote"].fillna("").tolist()
        used: set[int] = set()
        tp = 0
        s_ok = r_ok = 0
        for g in doc.get("statements", []):
            i = _detected(g["quote_start"], [q if j not in used else "" for j, q in enumerate(quotes)])
            if i is None:
                errors += _errors("statements", "detection", doc_id, [(g["quote_start"], g.get("speaker", ""))], [])
                continue
            used.add(i)
            tp += 1
            row = found.iloc[i]
            s_ok += same_speaker(g.get("speaker", ""), row["speaker"])
            r_ok += g.get("role") == row["role"]
            role_pairs.append((g.get("role") or "other", _str(row["role"]) or "other"))
            if g.get("role") != row["role"] or not same_speaker(g.get("speaker", ""), row["speaker"]):
                errors += _errors("statements", "speaker/role", doc_id, [(
                    f"gold {g.get('speaker')} ({g.get('role')}) vs extracted {_str(row['speaker']) or 'no speaker'} "
                    f"({_str(row['role'])})",
                    g["quote_start"])], [])
        spurious = [(q[:80], _str(found.iloc[j]["speaker"])) for j, q in enumerate(quotes) if j not in used]
        errors += _errors("statements", "detection", doc_id, [], spurious)
        per_doc[doc_id] = (tp, len(spurious), len(doc.get("statements", [])) - tp)
        speaker[doc_id], role[doc_id] = (s_ok, tp), (r_ok, tp)
    rows = _score_rows("statements", "detection", per_doc)
    for measure, counts in (("speaker accuracy", speaker), ("role accuracy", role)):
        for doc_id, (ok, n) in [*sorted(counts.items()), ("ALL", tuple(map(sum, zip(*counts.values(), strict=False))) or (0, 0))]:
            acc = ok / n if n else float("nan")
            rows.append({"extractor": "statements", "measure": measure, "doc_id": doc_id, "tp": ok,
                         "fp": None, "fn": n - ok, "precision": acc, "recall": acc, "f1": acc})
    alpha = krippendorff_alpha_nominal(role_pairs)
    rows.append({"extractor": "statements", "measure": "role alpha (Krippendorff)", "doc_id": "ALL",
                 "tp": len(role_pairs), "fp": None, "fn": None, "precision": alpha, "recall": alpha, "f1": alpha})
    return rows, errors


# --------------------------------------------------------------------------- driver

def evaluate(gold_dir: Path, tables_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores and error list for every annotated document that was extracted."""
    gold = load_gold(gold_dir)
    t = {name: tables.read_table(name, tables_dir, doc_ids=gold)  # only the annotated documents
         for name in ("articles", "events", "outcomes", "statements")}
    gold = {d: g for d, g in gold.items() if d in set(t["articles"]["doc_id"])}
    by_doc = {name: dict(tuple(t[name].groupby("doc_id"))) for name in ("events", "outcomes", "statements")}

    def rows_of(name: str, doc_id: str) -> pd.DataFrame:
        return by_doc[name].get(doc_id, t[name].iloc[0:0])

    scores, errors = [], []
    s, e = score_values("events", "date value", (
        (d, gold_event_values(g), extracted_event_values(rows_of("events", d))) for d, g in gold.items()))
    scores += s
    errors += e
    for measure, with_count in (("category+count", True), ("category", False)):
        s, e = score_values("outcomes", measure, (
            (d, gold_outcome_values(g, with_count), extracted_outcome_values(rows_of("outcomes", d), with_count))
            for d, g in gold.items()))
        scores += s
        errors += e
    s, e = score_statements(gold, t["statements"])
    scores += s
    errors += e
    return tables.to_frame("evaluation", scores), tables.to_frame("evaluation_errors", errors)


def evaluate_to_files(gold_dir: Path, tables_dir: Path) -> pd.DataFrame:
    scores, errors = evaluate(gold_dir, tables_dir)
    tables.write_table("evaluation", scores, tables_dir)
    tables.write_table("evaluation_errors", errors, tables_dir)
    tables.write_datapackage(tables_dir)
    return scores
