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

from .errors import InputError
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


# The gold lists (data/annotations/README.md): each a list of objects.
GOLD_LISTS = ("events", "outcomes", "statements", "missed_opportunities")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _type_problem(value: object, kind: str, required: bool) -> str | None:
    """Why ``value`` is not of ``kind`` (``text``, ``integer``), or None when it is."""
    if value is None:
        return "is missing" if required else None
    if kind == "text" and isinstance(value, str) and (value or not required):
        return None
    if kind == "integer" and _is_int(value):
        return None
    what = "empty text" if value == "" else f"{value!r}"
    return f"{what} is not {'text' if kind == 'text' else 'an integer'}{'' if required else ' or null'}"


# (list, field, kind, required): the fields :mod:`evaluate` reads, with the type it
# needs (a wrong one would stop it, or score a wrong value without a word).
FIELD_TYPES: tuple[tuple[str, str, str, bool], ...] = (
    ("events", "date", "text", False),
    ("events", "type", "text", False),
    ("outcomes", "category", "text", True),
    ("outcomes", "count", "integer", False),
    ("statements", "quote_start", "text", True),
    ("statements", "speaker", "text", False),
    ("statements", "role", "text", False),
    ("missed_opportunities", "warning_date", "text", True),
    ("missed_opportunities", "harm_date", "text", True),
    ("missed_opportunities", "interval_days", "integer", False),
)


def field_problems(gold: object) -> list[tuple[str, str]]:
    """(field, sentence) for every part of one gold annotation that cannot be
    scored: not an object, a list that is not a list of objects, a doc_id that
    is not text, or a field :mod:`evaluate` reads that is missing or of the
    wrong type (:data:`FIELD_TYPES`; an event with no date needs its text)."""
    if not isinstance(gold, dict):
        return [("", f"holds a JSON {type(gold).__name__}, not one document's annotation (an object)")]
    problems = []
    if gold.get("doc_id") is not None and (why := _type_problem(gold["doc_id"], "text", True)):
        problems.append(("doc_id", f"doc_id {why} (the document's file name without its extension)"))
    for key in GOLD_LISTS:
        rows = gold.get(key, [])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            problems.append((key, f"{key} must be a list of objects (data/annotations/README.md)"))
            continue
        for i, row in enumerate(rows):
            for name, field, kind, required in FIELD_TYPES:
                if name == key and (why := _type_problem(row.get(field), kind, required)):
                    problems.append((f"{key}[{i}].{field}", f"{key}[{i}].{field} {why}"))
            if key == "events" and not row.get("date") and not isinstance(row.get("text"), str):
                text = row.get("text")
                why = "is missing" if text is None else f"{text!r} is not text"
                problems.append((f"events[{i}].text", f"events[{i}].text {why} (an event with no date needs it)"))
    return problems


def check_document(gold: dict, text: str, categories: set[str]) -> list[str]:
    """Problems with one gold annotation, as sentences: its fields of the wrong
    type (:func:`field_problems`), then values outside the codebook and
    quoted pieces that are not in ``text``."""
    typed = field_problems(gold)
    problems = [why for _, why in typed]
    bad = {field for field, _ in typed}
    if "" in bad:
        return problems

    def rows(key: str) -> list[dict]:
        return [] if key in bad else gold.get(key, [])

    def substring(what: str, value: object) -> None:
        if what in bad:
            return
        if not isinstance(value, str) or not value or value not in text:
            problems.append(f"{what} {value!r} is not an exact substring of the text")

    def other(what: str, value: object, allowed: tuple | set) -> bool:
        """Whether ``value`` (of a field whose type is right) is not one of ``allowed``."""
        return what not in bad and (not isinstance(value, str | None) or value not in allowed)

    if _date_problem(gold.get("published")):
        problems.append(f"published {gold.get('published')!r} is not YYYY-MM-DD or null")
    for i, e in enumerate(rows("events")):
        substring(f"events[{i}].text", e.get("text"))
        if f"events[{i}].date" not in bad and _date_problem(e.get("date")):
            problems.append(f"events[{i}].date {e.get('date')!r} is not YYYY[-MM[-DD]] or null")
        if other(f"events[{i}].precision", e.get("precision"), PRECISIONS):
            problems.append(f"events[{i}].precision {e.get('precision')!r} is not day, month, year or null")
        if other(f"events[{i}].type", e.get("type"), EVENT_TYPES):
            problems.append(f"events[{i}].type {e.get('type')!r} is not one of {', '.join(EVENT_TYPES)}")
    for i, o in enumerate(rows("outcomes")):
        substring(f"outcomes[{i}].evidence", o.get("evidence"))
        if other(f"outcomes[{i}].category", o.get("category"), categories):
            problems.append(f"outcomes[{i}].category {o.get('category')!r} is not in the codebook")
        if other(f"outcomes[{i}].subject", o.get("subject"), SUBJECTS):
            problems.append(f"outcomes[{i}].subject {o.get('subject')!r} is not one of {', '.join(SUBJECTS)}")
    for i, s in enumerate(rows("statements")):
        substring(f"statements[{i}].quote_start", s.get("quote_start"))
        if other(f"statements[{i}].role", s.get("role"), ROLES):
            problems.append(f"statements[{i}].role {s.get('role')!r} is not one of {', '.join(ROLES)}")
        if f"statements[{i}].speaker" not in bad and not s.get("speaker"):
            problems.append(f"statements[{i}].speaker is empty")
    for i, m in enumerate(rows("missed_opportunities")):
        substring(f"missed_opportunities[{i}].warning_text", m.get("warning_text"))
        substring(f"missed_opportunities[{i}].harm_text", m.get("harm_text"))
        for key in ("warning_date", "harm_date"):
            if f"missed_opportunities[{i}].{key}" not in bad and _date_problem(m.get(key)):
                problems.append(f"missed_opportunities[{i}].{key} {m.get(key)!r} is not YYYY[-MM[-DD]]")
        if f"missed_opportunities[{i}].interval_days" not in bad and m.get("interval_days") is None:
            problems.append(f"missed_opportunities[{i}].interval_days None is not an integer")
    return problems


def gold_doc_id(gold: dict, path: Path) -> str:
    """The document a gold file annotates: its ``doc_id``, else the file's stem."""
    doc_id = gold.get("doc_id")
    return doc_id if isinstance(doc_id, str) and doc_id else path.stem


# What :func:`read_gold` finds wrong with a gold file: it cannot be parsed, it is not
# of the schema's shape (an object of lists of objects), a field has the wrong type,
# or its document is annotated by another file too.
UNPARSED, SHAPE, FIELD, DUPLICATE = "unparsed", "shape", "field", "duplicate"


def read_sets(gold_dir: Path) -> dict[str, dict]:
    """``<gold_dir>/sets.yaml``: each set's ``{tuned, about}`` (empty without
    the file); :class:`errors.InputError` (one line) when it is not UTF-8, not
    valid YAML, not a mapping, or a set is not a mapping whose ``tuned`` is
    true or false."""
    path = Path(gold_dir) / "sets.yaml"
    if not path.exists():
        return {}
    import yaml

    form = "a mapping of set names to {tuned: true or false, about: ...} (data/annotations/sets.yaml)"
    try:
        sets = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1}, column {where.column + 1})" if where is not None else ""
        raise InputError(f"{path}: not valid YAML{at}; it should be {form}") from exc
    if not isinstance(sets, dict):
        raise InputError(f"{path}: holds a YAML {type(sets).__name__}, not {form}")
    for name, spec in sets.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("tuned", True), bool):
            raise InputError(f"{path}: set {name!r} is {spec!r}; each set is {{tuned: true or false, about: ...}}")
    return sets


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of ``gold_dir``: every ``*.json`` in it and its set
    folders (sorted), those in hidden folders aside (``.ipynb_checkpoints/``
    holds Jupyter's copy of every file edited there, under another name)."""
    gold_dir = Path(gold_dir)
    return [
        p
        for p in sorted(gold_dir.rglob("*.json"))
        if not any(part.startswith(".") for part in p.relative_to(gold_dir).parts)
    ]


def read_gold(gold_dir: Path) -> tuple[dict[str, tuple[Path, dict]], list[tuple[str, str, str]]]:
    """Every gold file of ``gold_dir`` (sub-folders included) by its name
    relative to ``gold_dir``, with its path and content, and (kind, name,
    sentence) for each problem that keeps a file from being scored as it
    stands, the sentence starting with the file's name.  A file that cannot be parsed or
    is not an object is left out of the files."""
    gold_dir = Path(gold_dir)
    found: dict[str, tuple[Path, dict]] = {}
    problems: list[tuple[str, str, str]] = []
    first: dict[str, str] = {}
    for path in gold_files(gold_dir):
        name = path.relative_to(gold_dir).as_posix()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append((UNPARSED, name, f"{name}: not UTF-8 text"))
            continue
        except json.JSONDecodeError as exc:
            problems.append(
                (UNPARSED, name, f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
            )
            continue
        except OSError as exc:
            problems.append((UNPARSED, name, f"{name}: cannot be read ({exc.strerror or exc})"))
            continue
        for field, why in field_problems(data):
            problems.append((SHAPE if field in ("", *GOLD_LISTS) else FIELD, name, f"{name}: {why}"))
        if not isinstance(data, dict):
            continue
        found[name] = (path, data)
        doc_id = gold_doc_id(data, path)
        if doc_id in first:
            problems.append(
                (
                    DUPLICATE,
                    name,
                    f"{name}: annotates document {doc_id!r}, which {first[doc_id]} annotates too "
                    "(only one would be scored): keep one, or give each its own doc_id",
                )
            )
        first.setdefault(doc_id, name)
    return found, problems


def refusal(gold_dir: Path, whys: list[str]) -> str:
    """The one line that refuses to score ``gold_dir``: the first problem, and how many more."""
    more = f" (and {len(whys) - 1} more; `oversight-research check-gold` lists them)" if len(whys) > 1 else ""
    return f"gold annotations in {gold_dir}: {whys[0]}{more}; fix it, then run the command again"


def check_gold(gold_dir: Path, raw_dirs: Path | list[Path]) -> list[str]:
    """Problems of every gold file in ``gold_dir`` and its set folders, each
    prefixed with its path; a document is looked for in each of ``raw_dirs``."""
    categories = _categories()
    folders = [Path(raw_dirs)] if isinstance(raw_dirs, str | Path) else [Path(d) for d in raw_dirs]
    found, read_problems = read_gold(gold_dir)
    try:
        read_sets(Path(gold_dir))
    except InputError as exc:  # which sets are untuned: evaluate refuses to guess
        read_problems.insert(0, (UNPARSED, "sets.yaml", str(exc)))
    # the files it holds are checked below, with their fields; those it could not hold are reported here
    problems = [why for kind, name, why in read_problems if kind in (UNPARSED, DUPLICATE) or name not in found]
    for name, (path, gold) in found.items():
        doc_id = gold_doc_id(gold, path)
        raw = [p for d in folders for p in d.glob(f"{glob.escape(doc_id)}.*") if p.suffix in (".txt", ".html", ".htm")]
        if not raw:
            problems.append(f"{name}: no document {doc_id}.txt or .html in {', '.join(map(str, folders))}")
            continue
        try:
            text = raw[0].read_text(encoding="utf-8", errors="replace")
            if others := [p for p in raw[1:] if p.parent != raw[0].parent and p.read_bytes() != raw[0].read_bytes()]:
                problems.append(
                    f"{name}: document {doc_id!r} is both {raw[0]} and {others[0]}, with different texts; checked "
                    "against the first (evaluate would refuse it too if both were extracted)"
                )
        except OSError as exc:
            problems.append(f"{name}: its document {raw[0]} cannot be read ({exc.strerror or exc})")
            continue
        problems += [f"{name}: {p}" for p in check_document(gold, text, categories)]
    return problems
