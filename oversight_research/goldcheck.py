"""Check gold annotation files against the schema and the documents they annotate.

A gold file is only useful if every quoted piece of evidence can be found in
its document: ``events[].text``, ``outcomes[].evidence``,
``statements[].quote_start`` and the missed opportunities' texts must be exact
substrings of the raw text, and every coded value must come from the
codebook.  ``oversight-research check-gold --gold DIR --raw DIR`` prints one
line per problem.
"""

from __future__ import annotations

import glob
import json
import re
from pathlib import Path

from .rules import analysis as analysis_rules
from .rules import events as event_rules
from .rules import outcomes as outcome_rules
from .rules import statements as statement_rules

# The coded values a gold file may use: those of the rules (an event type, role or subject added
# to the YAML is accepted here without touching code), "other" for what no rule names, and the
# subject of a group of officers and staff together (rules/analysis.yaml, outcomes.shared_subject).
EVENT_TYPES = tuple(dict.fromkeys([*event_rules.load().types, "other"]))
ROLES = tuple(dict.fromkeys([*statement_rules.load().roles, "other"]))
_SHARED = analysis_rules.load().outcomes.shared_subject
SUBJECTS = tuple(dict.fromkeys([*(s for s in outcome_rules.load().subjects if s != "other"), _SHARED, "other"]))
PRECISIONS = ("day", "month", "year", None)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _categories() -> set[str]:
    from .rules import load

    return set(load("outcomes")["categories"])


def _date_problem(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and _DATE.match(value))


def check_document(gold: dict, text: str, categories: set[str]) -> list[str]:
    """Problems with one gold annotation, as sentences."""
    problems = []

    def substring(what: str, value: object) -> None:
        if not isinstance(value, str) or not value or value not in text:
            problems.append(f"{what} {value!r} is not an exact substring of the text")

    if _date_problem(gold.get("published")):
        problems.append(f"published {gold.get('published')!r} is not YYYY-MM-DD or null")
    for i, e in enumerate(gold.get("events", [])):
        substring(f"events[{i}].text", e.get("text"))
        if _date_problem(e.get("date")):
            problems.append(f"events[{i}].date {e.get('date')!r} is not YYYY[-MM[-DD]] or null")
        if e.get("precision") not in PRECISIONS:
            problems.append(f"events[{i}].precision {e.get('precision')!r} is not day, month, year or null")
        if e.get("type") not in EVENT_TYPES:
            problems.append(f"events[{i}].type {e.get('type')!r} is not one of {', '.join(EVENT_TYPES)}")
    for i, o in enumerate(gold.get("outcomes", [])):
        substring(f"outcomes[{i}].evidence", o.get("evidence"))
        if o.get("category") not in categories:
            problems.append(f"outcomes[{i}].category {o.get('category')!r} is not in the codebook")
        if o.get("subject") not in SUBJECTS:
            problems.append(f"outcomes[{i}].subject {o.get('subject')!r} is not one of {', '.join(SUBJECTS)}")
        if o.get("count") is not None and not isinstance(o.get("count"), int):
            problems.append(f"outcomes[{i}].count {o.get('count')!r} is not an integer or null")
    for i, s in enumerate(gold.get("statements", [])):
        substring(f"statements[{i}].quote_start", s.get("quote_start"))
        if s.get("role") not in ROLES:
            problems.append(f"statements[{i}].role {s.get('role')!r} is not one of {', '.join(ROLES)}")
        if not s.get("speaker"):
            problems.append(f"statements[{i}].speaker is empty")
    for i, m in enumerate(gold.get("missed_opportunities", [])):
        substring(f"missed_opportunities[{i}].warning_text", m.get("warning_text"))
        substring(f"missed_opportunities[{i}].harm_text", m.get("harm_text"))
        for key in ("warning_date", "harm_date"):
            if _date_problem(m.get(key)) or m.get(key) is None:
                problems.append(f"missed_opportunities[{i}].{key} {m.get(key)!r} is not YYYY[-MM[-DD]]")
        if not isinstance(m.get("interval_days"), int):
            problems.append(f"missed_opportunities[{i}].interval_days {m.get('interval_days')!r} is not an integer")
    return problems


def check_gold(gold_dir: Path, raw_dirs: Path | list[Path]) -> list[str]:
    """Problems of every gold file in ``gold_dir`` and its set folders, each
    prefixed with its path; a document is looked for in each of ``raw_dirs``."""
    categories = _categories()
    folders = [Path(raw_dirs)] if isinstance(raw_dirs, str | Path) else [Path(d) for d in raw_dirs]
    problems = []
    for path in sorted(Path(gold_dir).rglob("*.json")):
        name = path.relative_to(gold_dir).as_posix()
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{name}: cannot be read: {exc}")
            continue
        doc_id = gold.get("doc_id") or path.stem
        raw = [p for d in folders for p in d.glob(f"{glob.escape(doc_id)}.*") if p.suffix in (".txt", ".html", ".htm")]
        if not raw:
            problems.append(f"{name}: no document {doc_id}.txt or .html in {', '.join(map(str, folders))}")
            continue
        text = raw[0].read_text(encoding="utf-8", errors="replace")
        problems += [f"{name}: {p}" for p in check_document(gold, text, categories)]
    return problems
