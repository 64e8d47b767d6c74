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
  and Krippendorff's alpha (nominal) for role coding; and ``family labelled
  family``: of the gold statements whose role is family, the share detected
  and coded family (the basis of the family-versus-official comparison); and
  ``tone gap error``: on the detected statements, the family-minus-official
  difference of mean VADER compound with the extracted roles against the same
  difference with the gold roles (groups: ``statements.groups`` of
  rules/analysis.yaml, the first two) — ``f1`` holds the absolute error,
  ``precision`` the difference with the extracted roles, ``recall`` the one
  with the gold roles; lower is better.

Micro averages (``doc_id == "ALL"``) pool the counts of every annotated
document that was extracted; each carries ``documents`` (how many) and a
percentile bootstrap 95% interval (``*_low``/``*_high``) from resampling those
documents with replacement (``evaluation.bootstrap`` resamples from the fixed
``evaluation.seed`` of rules/analysis.yaml, so the same tables give the same
intervals).  The mean interval error, the tone gap error and Krippendorff's
alpha have no interval (:data:`LOWER_IS_BETTER` names the two errors).  With no annotated document extracted there is nothing to
score: :func:`evaluate` returns empty tables and the CLI says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from . import tables
from .errors import InputError
from .rules import analysis as analysis_rules

TOP_SET = "gold"  # the set of gold files directly in the gold folder
ALL_SETS = "all"
UNTUNED = "untuned"  # every set sets.yaml marks tuned: false, pooled
INTERVAL_ERROR = "interval error (days, mean)"
TONE_GAP_ERROR = "tone gap error (family − official)"
LOWER_IS_BETTER = (INTERVAL_ERROR, TONE_GAP_ERROR)  # errors, not 0–1 scores: no floor, no bar in the figure


def untuned_sets(gold_dir: Path) -> set[str]:
    """The sets ``<gold_dir>/sets.yaml`` marks ``tuned: false`` (none without the file).
    :class:`errors.InputError` (one line) when the file cannot be read as a
    mapping of set names to ``{tuned: true|false, about: ...}``
    (:func:`goldcheck.read_sets`): which sets are the fair estimate must never be guessed."""
    from .goldcheck import read_sets

    return {name for name, spec in read_sets(Path(gold_dir)).items() if spec.get("tuned") is False}


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold annotations by doc_id, from ``gold_dir`` and its sub-folders.

    Each sub-folder is an evaluation *set* (e.g. ``seeds``, ``dev-new``,
    ``gathered``), recorded under the key ``"set"``; files directly in
    ``gold_dir`` form the set ``gold``.  :class:`errors.InputError` (one line,
    naming the file and the field) when a file cannot be scored
    (:func:`goldcheck.read_gold`)."""
    from .goldcheck import gold_doc_id, read_gold, refusal

    gold_dir = Path(gold_dir)
    found, problems = read_gold(gold_dir)
    if problems:  # a file that cannot be parsed, a field of the wrong type, a document annotated twice
        raise InputError(refusal(gold_dir, [why for _, _, why in problems]))
    gold = {}
    for path, data in found.values():
        folder = path.parent.relative_to(gold_dir).as_posix()
        data["set"] = TOP_SET if folder == "." else folder
        gold[gold_doc_id(data, path)] = data
    return gold


def norm(text: object) -> str:
    """Lower case, plain quotes, punctuation as spaces; missing values → ""."""
    text = unicodedata.normalize("NFKC", text if isinstance(text, str) else "").lower()
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", " ", re.sub(r"[^\w' ]+", " ", text)).strip()


# --------------------------------------------------------------------------- values


def gold_event_values(doc: dict) -> list[tuple[str, str]]:
    return [
        (e["date"] if e.get("date") else f"{UNRESOLVED}{norm(e['text'])}", e.get("what", ""))
        for e in doc.get("events", [])
    ]


def extracted_event_values(events: pd.DataFrame) -> list[tuple[str, str]]:
    values = []
    for row in events.itertuples():
        if pd.isna(row.date):
            values.append((f"{UNRESOLVED}{norm(row.date_text)}", row.sentence))
        else:
            values.append((row.date, row.sentence))
            if not pd.isna(row.date_end):
                values.append((row.date_end, row.sentence))
    return values


UNRESOLVED = "unresolved: "
T = TypeVar("T")


def _holds(a: str, b: str) -> bool:
    """One normalised expression holds the other as whole words."""
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def aligned_expressions(gold: Sequence[T], extracted: Sequence[T], expression: Callable[[T], str | None]) -> list[T]:
    """``extracted`` with every unresolved value no gold value equals renamed to
    an unmatched unresolved gold value whose expression holds its expression or
    is held by it, as whole words, one to one, in reading order
    (``expression``: the normalised expression of an unresolved value, None
    for a resolved one).

    An unresolved date is scored by its expression, and where an expression
    starts and ends is not part of what it means: "on July 16th" and "July
    16th", "around 6.30pm" and "6.30pm", "between Monday 6 July and Thursday
    9 July" and "Monday 6 July" are one mention of one date.  Values that are
    equal keep their pairing; only the surplus on each side is aligned."""
    spare_gold = Counter(v for v in gold if expression(v) is not None) - Counter(extracted)
    spare_extracted = Counter(extracted) - Counter(gold)
    open_gold = [v for v in dict.fromkeys(gold) if spare_gold[v] > 0]
    out = []
    for value in extracted:
        text = expression(value)
        if text is not None and spare_extracted[value] > 0:
            match = next((g for g in open_gold if spare_gold[g] > 0 and _holds(expression(g) or "", text)), None)
            if match is not None:
                spare_extracted[value] -= 1
                spare_gold[match] -= 1
                value = match
        out.append(value)
    return out


def _value_expression(value: str) -> str | None:
    return value.removeprefix(UNRESOLVED) if value.startswith(UNRESOLVED) else None


def _key_expression(key: tuple[str, str]) -> str | None:
    return None if key[0] else key[1]


def event_value_pairs(doc: dict, events: pd.DataFrame) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Gold and extracted (date value, context) lists of a document, the
    extracted unresolved expressions aligned to the gold ones
    (:func:`aligned_expressions`)."""
    gold, extracted = gold_event_values(doc), extracted_event_values(events)
    names = aligned_expressions([v for v, _ in gold], [v for v, _ in extracted], _value_expression)
    return gold, [(name, context) for name, (_, context) in zip(names, extracted, strict=True)]


def _count_text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def gold_outcome_values(doc: dict, with_count: bool) -> list[tuple[str, str]]:
    return [
        (o["category"] + (f"|{_count_text(o.get('count'))}" if with_count else ""), o.get("evidence", ""))
        for o in doc.get("outcomes", [])
    ]


def extracted_outcome_values(outcomes: pd.DataFrame, with_count: bool) -> list[tuple[str, str]]:
    actual = outcomes[outcomes["status"] == "actual"]
    return [(r.category + (f"|{_count_text(r.count)}" if with_count else ""), r.evidence) for r in actual.itertuples()]


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
    """Precision, recall, F1.  Nothing extracted and nothing annotated is not a
    score: all three are undefined (NaN).  Precision with nothing extracted (or
    recall with nothing annotated) is undefined too, and F1 is then 0."""
    nan = float("nan")
    if tp == fp == fn == 0:
        return nan, nan, nan
    precision = tp / (tp + fp) if tp + fp else nan
    recall = tp / (tp + fn) if tp + fn else nan
    if tp == 0:
        return precision, recall, 0.0
    return precision, recall, 2 * precision * recall / (precision + recall)


def _score_rows(extractor: str, measure: str, per_doc: dict[str, tuple[int, int, int]]) -> list[dict]:
    rows = []
    total = [0, 0, 0]
    for doc_id, (tp, fp, fn) in sorted(per_doc.items()):
        rows.append({**_score_row(extractor, measure, doc_id, tp, fp, fn), "documents": 1})
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
    pooled = _score_row(extractor, measure, "ALL", *total)
    rows.append({**pooled, **bootstrap_prf([per_doc[d] for d in sorted(per_doc)]), "documents": len(per_doc)})
    return rows


# resamples of the documents behind each pooled score, and their seed (fixed: the same
# tables give the same intervals): rules/analysis.yaml, keys evaluation.bootstrap and evaluation.seed
BOOTSTRAP = analysis_rules.load().evaluation.bootstrap
BOOTSTRAP_SEED = analysis_rules.load().evaluation.seed


def _resampled_sums(counts: np.ndarray, n_boot: int = BOOTSTRAP) -> np.ndarray:
    """Column sums of ``n_boot`` resamples (with replacement) of the rows (documents) of ``counts``."""
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    picks = rng.integers(0, len(counts), size=(n_boot, len(counts)))
    return counts[picks].sum(axis=1)


def _interval(values: np.ndarray) -> tuple[float, float]:
    values = values[~np.isnan(values)]
    if not len(values):
        return float("nan"), float("nan")
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def bootstrap_prf(per_doc: Sequence[tuple[int, int, int]]) -> dict[str, float]:
    """Percentile 95% intervals of pooled precision, recall and F1, resampling
    documents (the unit that was annotated) with replacement."""
    nan = float("nan")
    keys = ("precision_low", "precision_high", "recall_low", "recall_high", "f1_low", "f1_high")
    if not per_doc or not any(sum(c) for c in per_doc):
        return dict.fromkeys(keys, nan)
    sums = _resampled_sums(np.asarray(per_doc, dtype=float))
    tp, fp, fn = sums[:, 0], sums[:, 1], sums[:, 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f1 = np.where(tp > 0, 2 * tp / (2 * tp + fp + fn), np.where(tp + fp + fn > 0, 0.0, np.nan))
    out = {}
    for name, values in (("precision", precision), ("recall", recall), ("f1", f1)):
        out[f"{name}_low"], out[f"{name}_high"] = _interval(values)
    return out


def bootstrap_accuracy(per_doc: Sequence[tuple[int, int]]) -> dict[str, float]:
    """Percentile 95% interval of a pooled accuracy (correct / scored), resampling documents."""
    nan = float("nan")
    if not per_doc or not any(n for _, n in per_doc):
        low = high = nan
    else:
        sums = _resampled_sums(np.asarray(per_doc, dtype=float))
        with np.errstate(invalid="ignore", divide="ignore"):
            low, high = _interval(np.where(sums[:, 1] > 0, sums[:, 0] / sums[:, 1], np.nan))
    return {f"{m}_{end}": value for m in ("precision", "recall", "f1") for end, value in (("low", low), ("high", high))}


def _score_row(extractor: str, measure: str, doc_id: str, tp: int, fp: int, fn: int) -> dict:
    p, r, f = prf(tp, fp, fn)
    return {
        "extractor": extractor,
        "measure": measure,
        "doc_id": doc_id,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": p,
        "recall": r,
        "f1": f,
    }


def _errors(extractor: str, measure: str, doc_id: str, misses, spurious) -> list[dict]:
    return [
        {"extractor": extractor, "measure": measure, "doc_id": doc_id, "error": "miss", "value": v, "context": c}
        for v, c in misses
    ] + [
        {"extractor": extractor, "measure": measure, "doc_id": doc_id, "error": "spurious", "value": v, "context": c}
        for v, c in spurious
    ]


def score_values(extractor: str, measure: str, pairs: Iterable[tuple[str, list, list]]):
    """Scores and errors for (doc_id, gold values, extracted values) triples."""
    per_doc, errors = {}, []
    for doc_id, gold, pred in pairs:
        tp, misses, spurious = match_multiset(gold, pred)
        per_doc[doc_id] = (tp, len(spurious), len(misses))
        errors += _errors(extractor, measure, doc_id, misses, spurious)
    return _score_rows(extractor, measure, per_doc), errors


# --------------------------------------------------------------------------- event types


def _event_key(date: object, text: object) -> tuple[str, str]:
    return (date if isinstance(date, str) and date else "", norm(text))


def event_type_pairs(doc: dict, events: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(gold type, extracted type, gold text) for every gold event matched to an
    extracted one with the same date (an unresolved gold date: an unresolved
    extraction with the same expression text), one to one.

    Among mentions of one date the pairing keeps the order of the text (gold
    events are listed in reading order; a range's end sits at its start's
    place), and an identical expression breaks ties: two mentions of "12
    September" and a range ending on 12 September pair in turn, not the
    first gold "12 September" with whichever extraction spells it alike
    (:func:`_pair_in_order`)."""
    extracted: list[tuple[tuple[str, str], str]] = []
    for r in events.itertuples():
        extracted.append((_event_key(r.date, r.date_text), r.event_type))
        if isinstance(r.date_end, str) and r.date_end:
            extracted.append((_event_key(r.date_end, r.date_text), r.event_type))
    gold_events = [g for g in doc.get("events", []) if g.get("type")]
    gold_keys = [_event_key(g.get("date"), g.get("text")) for g in gold_events]
    keys = aligned_expressions(gold_keys, [k for k, _ in extracted], _key_expression)
    pairs = []
    for gi, xi in _pair_in_order(gold_keys, keys):
        g = gold_events[gi]
        pairs.append((g["type"], extracted[xi][1], g.get("text", "")))
    return pairs


def _likeness(gold: str, extracted: str) -> int:
    """2 for the same expression, 1 when one holds the other ("the morning of
    her death" in "on the morning of her death", "12 September" in "between
    21 August and 12 September"), else 0 (both normalised)."""
    if gold == extracted:
        return 2
    return int(bool(gold and extracted) and (gold in extracted or extracted in gold))


def _pair_in_order(gold: list[tuple[str, str]], extracted: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(gold index, extracted index) pairs: within each date, the most pairs,
    then the most alike expressions (:func:`_likeness`), then the fewest places
    out of reading order (rank among the date's mentions); an unresolved date
    pairs only on the same expression, in turn. In gold order."""
    from scipy.optimize import linear_sum_assignment

    out: list[tuple[int, int]] = []
    for key in dict.fromkeys(g if not g[0] else (g[0], "") for g in gold):  # a date, or an unresolved expression
        date = key[0]
        gs = [i for i, g in enumerate(gold) if (g[0] == date if date else g == key)]
        xs = [i for i, x in enumerate(extracted) if (x[0] == date if date else x == key)]
        if not date or len(gs) == len(xs) == 1:
            out += list(zip(gs, xs, strict=False))
            continue
        n = max(len(gs), len(xs))
        cost = np.array(
            [
                [-_likeness(gold[g][1], extracted[x][1]) + abs(a - b) / (n * n) for b, x in enumerate(xs)]
                for a, g in enumerate(gs)
            ],
            dtype=float,
        )
        rows, cols = linear_sum_assignment(cost)
        out += [(gs[r], xs[c]) for r, c in zip(rows, cols, strict=True)]
    return sorted(out)


def score_event_types(gold: dict[str, dict], events_by_doc) -> tuple[list[dict], list[dict], list[tuple[str, str]]]:
    """Event-type accuracy per document and pooled, errors, and the (gold, extracted) pairs."""
    counts, errors, pairs = {}, [], []
    for doc_id, doc in gold.items():
        found = event_type_pairs(doc, events_by_doc(doc_id))
        ok = sum(g == e for g, e, _ in found)
        counts[doc_id] = (ok, len(found))
        pairs += [(g, e) for g, e, _ in found]
        errors += _errors(
            "events", "event type", doc_id, [(f"gold {g} vs extracted {e}", text) for g, e, text in found if g != e], []
        )
    return _accuracy_rows("events", "type accuracy", counts), errors, pairs


def _accuracy_rows(extractor: str, measure: str, counts: dict[str, tuple[int, int]]) -> list[dict]:
    total = tuple(map(sum, zip(*counts.values(), strict=False))) or (0, 0)
    rows = []
    for doc_id, (ok, n) in [*sorted(counts.items()), ("ALL", total)]:
        acc = ok / n if n else float("nan")
        pooled = doc_id == "ALL"
        rows.append(
            {
                "extractor": extractor,
                "measure": measure,
                "doc_id": doc_id,
                "tp": ok,
                "fp": None,
                "fn": n - ok,
                "precision": acc,
                "recall": acc,
                "f1": acc,
                "documents": len(counts) if pooled else 1,
                **(bootstrap_accuracy([counts[d] for d in sorted(counts)]) if pooled else {}),
            }
        )
    return rows


# --------------------------------------------------------------------------- missed opportunities


def gold_missed_values(doc: dict) -> list[tuple[str, str]]:
    return [
        (f"{m['warning_date']} -> {m['harm_date']}", f"{m.get('warning_text')} … {m.get('harm_text')}")
        for m in doc.get("missed_opportunities", [])
    ]


def extracted_missed_values(missed: pd.DataFrame) -> list[tuple[str, str]]:
    return [(f"{r.warning_date} -> {r.harm_date}", r.warning_text) for r in missed.itertuples()]


def missed_interval_errors(gold: dict[str, dict], missed_by_doc) -> list[int]:
    """Absolute interval error in days on every matched (warning, harm) pair."""
    out = []
    for doc_id, doc in gold.items():
        found = {f"{r.warning_date} -> {r.harm_date}": r.interval_days for r in missed_by_doc(doc_id).itertuples()}
        for m in doc.get("missed_opportunities", []):
            key = f"{m['warning_date']} -> {m['harm_date']}"
            if key in found and m.get("interval_days") is not None:
                out.append(abs(int(found[key]) - int(m["interval_days"])))
    return out


# --------------------------------------------------------------------------- statements


def _detected(quote_start: str, quotes: list[str]) -> int | None:
    """Index of the extracted quote that starts with the gold quote's first words (or holds
    them near its start: ``evaluation.quote_inside_*`` of rules/analysis.yaml)."""
    rules = analysis_rules.load().evaluation
    key = norm(quote_start)
    for i, quote in enumerate(quotes):
        q = norm(quote)
        if q.startswith(key) or (
            len(key) > rules.quote_inside_min_chars and key in q[: len(key) + rules.quote_inside_slack]
        ):
            return i
    return None


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def same_speaker(gold: str, extracted: str | None) -> bool:
    """The same speaker: the same normalised words or one inside the other;
    else, when either names a police force or oversight body and no person,
    the same forces and bodies under their canonical names ("The IOPC" and
    "Independent Office for Police Conduct"; not "Kent Police" and "Essex
    Police"); else the same last word (a surname: "Ann Cole" and "Ms Cole")."""
    g, e = norm(gold), norm(extracted)
    if not e:
        return False
    if g == e or g in e or e in g:
        return True
    gold_bodies, extracted_bodies = _bodies(gold), _bodies(str(extracted))
    if gold_bodies or extracted_bodies:
        return gold_bodies == extracted_bodies
    return g.split()[-1:] == e.split()[-1:]


def _bodies(speaker: str) -> tuple[str, ...]:
    """The canonical forces and oversight bodies a speaker names, none when it names a person."""
    from . import entities

    found = (*entities.forces(speaker), *entities.oversight_bodies(speaker))
    if any(not any(name in body for body in found) for name, _, _ in entities.people(speaker)):
        return ()  # a person ("Northern Ireland" inside the force's name is not one)
    return found


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


def _group_difference(pairs: list[tuple[str, float]], first: tuple[str, ...], second: tuple[str, ...]) -> float:
    """Mean score of the statements whose role is in ``first`` minus that of
    those in ``second`` (NaN when either group has none)."""
    a = [score for role, score in pairs if role in first]
    b = [score for role, score in pairs if role in second]
    return sum(a) / len(a) - sum(b) / len(b) if a and b else float("nan")


def tone_gap_row(scored: list[tuple[str, str, float]], n_docs: int) -> dict:
    """The tone gap error on (gold role, extracted role, VADER compound) of the
    detected statements: how far the family-minus-official difference the
    extracted roles give lies from the one the gold roles give (module docstring)."""
    groups = list(analysis_rules.load().statements.groups.values())[:2]
    extracted = _group_difference([(x, v) for _, x, v in scored], *groups)
    true = _group_difference([(g, v) for g, _, v in scored], *groups)
    error = abs(extracted - true)  # NaN when either difference is undefined: nothing to score
    # the statements behind the two differences; none when either is undefined (nothing to score)
    used = 0 if pd.isna(error) else sum(g in groups[0] + groups[1] or x in groups[0] + groups[1] for g, x, _ in scored)
    return {
        "extractor": "statements",
        "measure": TONE_GAP_ERROR,
        "doc_id": "ALL",
        "tp": used,
        "fp": None,
        "fn": None,
        "precision": extracted,
        "recall": true,
        "f1": error,
        "documents": n_docs,
    }


def score_statements(gold: dict[str, dict], statements: pd.DataFrame):
    per_doc, errors, speaker, role, role_pairs, family = {}, [], {}, {}, [], {}
    scored: list[tuple[str, str, float]] = []  # (gold role, extracted role, VADER) of every detected statement
    for doc_id, doc in gold.items():
        found = statements[statements["doc_id"] == doc_id].reset_index(drop=True)
        quotes = found["quote"].fillna("").tolist()
        used: set[int] = set()
        tp = 0
        s_ok = r_ok = 0
        family_n = family_ok = 0
        for g in doc.get("statements", []):
            i = _detected(g["quote_start"], [q if j not in used else "" for j, q in enumerate(quotes)])
            family_n += g.get("role") == "family"
            if i is None:
                errors += _errors("statements", "detection", doc_id, [(g["quote_start"], g.get("speaker", ""))], [])
                continue
            used.add(i)
            tp += 1
            row = found.iloc[i]
            s_ok += same_speaker(g.get("speaker", ""), row["speaker"])
            r_ok += g.get("role") == row["role"]
            family_ok += g.get("role") == "family" == row["role"]
            role_pairs.append((g.get("role") or "other", _str(row["role"]) or "other"))
            if pd.notna(row["vader_compound"]):
                scored.append((g.get("role") or "other", _str(row["role"]) or "other", float(row["vader_compound"])))
            if g.get("role") != row["role"] or not same_speaker(g.get("speaker", ""), row["speaker"]):
                errors += _errors(
                    "statements",
                    "speaker/role",
                    doc_id,
                    [
                        (
                            f"gold {g.get('speaker')} ({g.get('role')}) vs extracted {_str(row['speaker']) or 'no speaker'} "
                            f"({_str(row['role'])})",
                            g["quote_start"],
                        )
                    ],
                    [],
                )
        spurious = [(q[:80], _str(found.iloc[j]["speaker"])) for j, q in enumerate(quotes) if j not in used]
        errors += _errors("statements", "detection", doc_id, [], spurious)
        per_doc[doc_id] = (tp, len(spurious), len(doc.get("statements", [])) - tp)
        speaker[doc_id], role[doc_id] = (s_ok, tp), (r_ok, tp)
        if family_n:
            family[doc_id] = (family_ok, family_n)
    rows = _score_rows("statements", "detection", per_doc)
    measures = (("speaker accuracy", speaker), ("role accuracy", role), ("family labelled family", family))
    for measure, counts in measures:
        rows += _accuracy_rows("statements", measure, counts)
    alpha = krippendorff_alpha_nominal(role_pairs)
    rows.append(
        {
            "extractor": "statements",
            "measure": "role alpha (Krippendorff)",
            "doc_id": "ALL",
            "tp": len(role_pairs),
            "fp": None,
            "fn": None,
            "precision": alpha,
            "recall": alpha,
            "f1": alpha,
            "documents": len(gold),
        }
    )
    rows.append(tone_gap_row(scored, len(gold)))
    return rows, errors


# --------------------------------------------------------------------------- driver


def _score_set(gold: dict[str, dict], t: dict[str, pd.DataFrame], by_doc: dict) -> tuple[list, list, list]:
    def rows_of(name: str):
        return lambda doc_id: by_doc[name].get(doc_id, t[name].iloc[0:0])

    scores, errors = [], []
    s, e = score_values(
        "events",
        "date value",
        ((d, *event_value_pairs(g, rows_of("events")(d))) for d, g in gold.items()),
    )
    scores, errors = scores + s, errors + e
    s, e, pairs = score_event_types(gold, rows_of("events"))
    scores, errors = scores + s, errors + e
    s, e = score_values(
        "missed_opportunities",
        "warning+harm date",
        (
            (d, gold_missed_values(g), extracted_missed_values(rows_of("missed_opportunities")(d)))
            for d, g in gold.items()
        ),
    )
    scores, errors = scores + s, errors + e
    gaps = missed_interval_errors(gold, rows_of("missed_opportunities"))
    mean_gap = sum(gaps) / len(gaps) if gaps else float("nan")
    scores.append(
        {
            "extractor": "missed_opportunities",
            "measure": INTERVAL_ERROR,
            "doc_id": "ALL",
            "tp": len(gaps),
            "fp": None,
            "fn": None,
            "precision": mean_gap,
            "recall": mean_gap,
            "f1": mean_gap,
            "documents": len(gold),
        }
    )
    for measure, with_count in (("category+count", True), ("category", False)):
        s, e = score_values(
            "outcomes",
            measure,
            (
                (d, gold_outcome_values(g, with_count), extracted_outcome_values(rows_of("outcomes")(d), with_count))
                for d, g in gold.items()
            ),
        )
        scores, errors = scores + s, errors + e
    s, e = score_statements(gold, t["statements"])
    return scores + s, errors + e, pairs


def _tagged(rows: list[dict], set_name: str, only_all: bool = False) -> list[dict]:
    return [{**r, "set": set_name} for r in rows if not only_all or r["doc_id"] == "ALL"]


def _extracted_once(articles: list[pd.DataFrame], dirs: Sequence[Path]) -> None:
    """:class:`errors.InputError` when an annotated document is in the tables
    of two of ``dirs`` (``articles``: the rows of each): its rows would be
    counted twice."""
    where: dict[str, list[str]] = {}
    for folder, frame in zip(dirs, articles, strict=True):
        for doc in frame["doc_id"]:
            where.setdefault(doc, []).append(str(folder))
    if twice := [doc for doc, folders in where.items() if len(folders) > 1]:
        more = f" (and {len(twice) - 1} more)" if len(twice) > 1 else ""
        raise InputError(
            f"annotated document {twice[0]!r} is in the tables of both {' and '.join(where[twice[0]])}{more}: "
            "its rows would be counted twice; extract each document into one of the folders only"
        )


def evaluate(gold_dir: Path, tables_dir: Path | Sequence[Path]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Scores, error list and event-type confusion for every annotated document
    that was extracted (into ``tables_dir``, or any of several folders): per
    set (sub-folder of ``gold_dir``), pooled over the sets nobody tuned to
    (``set`` = ``untuned``, see :func:`untuned_sets`) and over every set
    (``set`` = ``all``)."""
    gold = load_gold(gold_dir)
    untuned_names = untuned_sets(gold_dir)  # before anything is read or scored: a broken sets.yaml stops here
    names = ("articles", "events", "missed_opportunities", "outcomes", "statements")
    dirs = [tables_dir] if isinstance(tables_dir, str | Path) else list(tables_dir)
    parts = {name: [tables.read_table(name, d, doc_ids=gold) for d in dirs] for name in names}
    _extracted_once(parts["articles"], dirs)
    t = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    gold = {d: g for d, g in gold.items() if d in set(t["articles"]["doc_id"])}
    if not gold:  # no annotated document was extracted: nothing to score, so no score at all
        return tuple(tables.to_frame(name, []) for name in ("evaluation", "evaluation_errors", "evaluation_confusion"))  # type: ignore[return-value]
    by_doc = {name: dict(tuple(t[name].groupby("doc_id"))) for name in names[1:]}
    scores, errors, confusion = [], [], []
    for set_name in sorted({g["set"] for g in gold.values()}):
        subset = {d: g for d, g in gold.items() if g["set"] == set_name}
        s, e, pairs = _score_set(subset, t, by_doc)
        scores += _tagged(s, set_name)
        errors += _tagged(e, set_name)
        confusion += [
            {"set": set_name, "gold_type": g, "extracted_type": x, "n": n}
            for (g, x), n in sorted(Counter(pairs).items())
        ]
    untuned = {d: g for d, g in gold.items() if g["set"] in untuned_names}
    if untuned:
        s, _, _ = _score_set(untuned, t, by_doc)
        scores += _tagged(s, UNTUNED, only_all=True)
    s, _, _ = _score_set(gold, t, by_doc)
    scores += _tagged(s, ALL_SETS, only_all=True)
    return (
        tables.to_frame("evaluation", scores),
        tables.to_frame("evaluation_errors", errors),
        tables.to_frame("evaluation_confusion", confusion),
    )


# --------------------------------------------------------------------------- reviewers' agreement

MACHINE = "machine"  # the coder whose values are the extracted ones, before any correction


def _agreement_row(table: str, field: str, a: str, b: str, pairs: list[tuple[str, str]]) -> dict:
    """One row of ``review_agreement``: alpha over ``pairs``, or why there is none."""
    alpha, note = float("nan"), ""
    if not pairs:
        note = "nothing to score: no row coded by both"
    elif len({v for pair in pairs for v in pair}) == 1:
        note = "nothing to score: one value throughout (alpha undefined)"
    else:
        alpha = krippendorff_alpha_nominal(pairs)
    return {
        "table": table,
        "field": field,
        "coder_a": a,
        "coder_b": b,
        "rows": len(pairs),
        "agreed": sum(x == y for x, y in pairs),
        "alpha": alpha,
        "note": note,
    }


def reviewer_agreement(codes: pd.DataFrame) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) per table and field of ``review_codes``:
    between every two reviewers, over the rows both decided on, and between the
    machine (its values before correction) and each reviewer, over the rows
    that reviewer decided on.  A pair of coders with no row in common, or a
    single value throughout, has nothing to score: ``alpha`` is empty, never
    a number, and ``note`` says why."""
    rows: list[dict] = []
    for (table, field), group in codes.groupby(["table", "field"], sort=False):
        coded = {r: dict(zip(g["unit"], g["coded"], strict=True)) for r, g in group.groupby("reviewer", sort=True)}
        machine = dict(zip(group["unit"], group["machine"], strict=True))
        reviewers = sorted(coded)
        for i, a in enumerate(reviewers):
            for b in reviewers[i + 1 :]:
                shared = sorted(set(coded[a]) & set(coded[b]))
                rows.append(_agreement_row(table, field, a, b, [(coded[a][u], coded[b][u]) for u in shared]))
        for r in reviewers:
            rows.append(_agreement_row(table, field, MACHINE, r, [(machine[u], coded[r][u]) for u in sorted(coded[r])]))
    return tables.to_frame("review_agreement", rows)


def agreement_to_files(tables_dir: Path) -> pd.DataFrame | None:
    """:func:`reviewer_agreement` of ``tables_dir``'s ``review_codes``, written
    there as ``review_agreement``; None when the folder has no ``review_codes``."""
    tables_dir = Path(tables_dir)
    if not tables.has_table("review_codes", tables_dir):
        return None
    agreement = reviewer_agreement(tables.read_table("review_codes", tables_dir))
    tables.write_table("review_agreement", agreement, tables_dir)
    return agreement


def agreement_summary(agreement: pd.DataFrame) -> str:
    """The agreement table as text: alpha with the rows behind it, or why there is none."""
    if agreement.empty:
        return "reviewers' agreement: nothing to score (no correction with a reviewer in review_codes)"
    cells = [
        f"{r.table}.{r.field}: {r.coder_a} vs {r.coder_b}: "
        + (f"alpha {r.alpha:.2f}" if pd.notna(r.alpha) else str(r.note))
        + f" [{r.agreed} of {r.rows} rows agree]"
        for r in agreement.itertuples()
    ]
    return "\n".join(["reviewers' agreement (Krippendorff's alpha, nominal; [rows both coded])", *cells])


def evaluate_to_files(gold_dir: Path, tables_dir: Path, also: Sequence[Path] = ()) -> pd.DataFrame:
    """:func:`evaluate` on ``tables_dir`` (and the folders in ``also``), written
    into ``tables_dir``, with the reviewers' agreement on ``tables_dir``'s own
    corrections (:func:`agreement_to_files`)."""
    scores, errors, confusion = evaluate(gold_dir, [tables_dir, *also])
    tables.write_table("evaluation", scores, tables_dir)
    tables.write_table("evaluation_errors", errors, tables_dir)
    tables.write_table("evaluation_confusion", confusion, tables_dir)
    agreement_to_files(tables_dir)
    tables.write_datapackage(tables_dir)
    return scores


def pooled_by_set(scores: pd.DataFrame) -> pd.DataFrame:
    """The pooled score of every measure (rows) in every set (columns, with
    their number of documents), as "0.85 [40]": F1, or the accuracy, alpha or
    mean error the measure names, and the gold items behind it."""
    pooled = scores[scores["doc_id"] == "ALL"]
    n_docs = pooled.groupby("set")["documents"].max()
    cell = [_cell(r) for r in pooled.itertuples()]
    table = pooled.assign(cell=cell).pivot_table(
        index=["extractor", "measure"], columns="set", values="cell", aggfunc="first", sort=False
    )
    table.columns = [f"{c} ({int(n_docs[c])} docs)" if pd.notna(n_docs.get(c)) else c for c in table.columns]
    return table


def type_confusion(confusion: pd.DataFrame) -> pd.DataFrame:
    """Gold event types (rows) against extracted ones (columns), every set pooled."""
    return confusion.pivot_table(index="gold_type", columns="extracted_type", values="n", aggfunc="sum", fill_value=0)


def evaluation_summary(scores: pd.DataFrame, tables_dir: Path) -> str:
    """:func:`pooled_by_set` and :func:`type_confusion` as text."""
    out = [
        "F1, or accuracy / alpha / mean error where the measure says so; (low–high) = bootstrap 95% interval "
        "over documents; [n] = gold items scored",
        pooled_by_set(scores).to_string(),
    ]
    confusion = tables.read_table("evaluation_confusion", tables_dir)
    if not confusion.empty:
        out += [
            "",
            "event types, every set pooled (rows: gold, columns: extracted)",
            type_confusion(confusion).to_string(),
        ]
    if tables.has_table("review_agreement", tables_dir):
        out += ["", agreement_summary(tables.read_table("review_agreement", tables_dir))]
    return "\n".join(out)


def _cell(row) -> str:
    """ "0.85 (0.78–0.91) [40]": the score, its bootstrap interval over documents when there is one,
    and the gold items behind it (matched pairs for the interval error)."""

    def whole(value: object) -> int:
        return 0 if value is None or pd.isna(value) else int(value)

    n = whole(row.tp) + whole(row.fn)
    if pd.isna(row.f1):
        return f"nothing to score [{n}]" if n == 0 else f"undefined [{n}]"
    low, high = getattr(row, "f1_low", float("nan")), getattr(row, "f1_high", float("nan"))
    interval = "" if pd.isna(low) or pd.isna(high) else f" ({low:.2f}–{high:.2f})"
    return f"{row.f1:.2f}{interval} [{n}]"
