"""Researchers' corrections of the extracted rows, kept as data and applied on every ``extract``.

Stable row identity
    Every row of :data:`CORRECTABLE` carries a ``row_id`` (:func:`row_id`): a
    short sha1 of the table, the ``doc_id``, the evidence offsets and the
    row's category or type where it has one -- never its position, so a rule
    that adds, drops or reorders *other* rows leaves it unchanged.  Two rows
    with the same key in one document (the same category twice in one
    sentence) get ``-2``, ``-3``, ... in their order of extraction.

Corrections
    ``<corrections dir>/<table>.csv``, one row per decision:

    ``row_id``            the row decided on (``drop``, ``set``, ``confirm``)
    ``doc_id``, ``start``, ``end``   where a row the machine missed is (``add``)
    ``action``            ``drop``, ``set``, ``add`` or ``confirm`` (checked, right)
    any column of the table (``category``, ``count``, ``speaker``, ``role``,
    ``event_type``, ``date``, ...)    the value to set; an empty cell sets
    nothing, ``NULL`` empties the field
    ``reviewer``, ``note``  who decided, and why

    The pipeline applies them (:func:`apply_to_parts`) to the batch parts
    after extraction and before the tables are written and published, so the
    per-document cache never depends on them.  Each row's ``review`` column
    says ``machine``, ``corrected`` (a ``set``), ``confirmed`` or ``added``;
    dropped rows are gone.  A correction whose row is no longer extracted (the
    document or the rule changed), or which names an unknown field or a value
    of the wrong type, is reported as a warning of the run -- never dropped
    silently.  An ``add`` of a row the machine now finds itself becomes a
    ``set`` on that row.

What was decided, kept as tables
    :func:`apply_to_parts` also returns every decision that found its row
    (:class:`Decision`: the machine's values before any correction, the
    reviewer's decision), which :func:`code_rows` turns into the
    ``review_codes`` table -- per row, reviewer and field, the machine's value
    and the reviewer's -- from which ``evaluate`` scores the agreement of two
    reviewers (Krippendorff's alpha); and the corrections that found no row,
    the ``corrections_unmatched`` table (:func:`unmatched_rows`).  Two
    reviewers keep their decisions in the same ``<table>.csv``, told apart by
    ``reviewer``; where they disagree on a row's value, the later line is
    applied.  A row is dropped when some reviewer's last decision on it is a
    ``drop`` (a reviewer's later decision on the row withdraws their own
    drop; another reviewer's does not), so the rows gone from a table are
    those whose ``review_codes.action`` is ``drop`` for some reviewer.  Every
    decision on one row is one unit of ``review_codes``: a row's ``row_id``,
    or for a row the machine did not extract where it is
    (``doc_id:start-end``), also when a later decision names it by its
    ``row_id``.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import ingest, tables
from .errors import InputError, OversightError, Unreadable
from .schema import TABLES

CORRECTABLE = ("events", "missed_opportunities", "outcomes", "statements")
# Columns, besides doc_id, that identify a row of each table (offsets, then category/type).
ID_KEYS: dict[str, tuple[str, ...]] = {
    "events": ("start", "end", "event_type"),
    "missed_opportunities": ("start", "end", "harm_start", "harm_end"),
    "outcomes": ("start", "end", "category"),
    "statements": ("start", "end"),
}
# The table's own per-document identifier column, and its letter.
OWN_ID = {
    "events": ("event_id", "e"),
    "missed_opportunities": (None, ""),
    "outcomes": ("outcome_id", "o"),
    "statements": ("statement_id", "s"),
}
# Fields a review sheet offers to set, per table (:mod:`review`); reviewers'
# agreement is scored on them and on any other field a correction sets.
EDITABLE: dict[str, tuple[str, ...]] = {
    "events": ("event_type", "date", "date_end", "precision"),
    "missed_opportunities": ("interval_days", "compared_at"),
    "outcomes": ("category", "count", "subject", "status"),
    "statements": ("speaker", "role", "organisation", "kind"),
}
ACTIONS = ("drop", "set", "add", "confirm")
REVIEW = {"set": "corrected", "confirm": "confirmed", "add": "added"}
META = ("row_id", "doc_id", "start", "end", "action", "reviewer", "note")
# Fields a correction may not set: identity and bookkeeping.
FIXED = ("row_id", "review", "doc_id", "case_id", "event_id", "outcome_id", "statement_id")
NULL = "NULL"
ID_CHARS = 12
_UNPREFIX = re.compile(tables._UNPREFIX)


def held_in(folder: Path) -> Path | None:
    """The first corrections file (``<table>.csv`` of a :data:`CORRECTABLE`
    table, with an ``action`` column) in ``folder``, else None: the tables of
    the same names must never be written over it."""
    for table in CORRECTABLE:
        path = Path(folder) / f"{table}.csv"
        try:
            with open(path, "rb") as fh:
                head = ingest.decode(fh.read(65536))[0]
        except (OSError, OversightError):  # none there (or not text: not a corrections file either)
            continue
        first = head.splitlines()[0] if head else ""
        if "action" in [name.strip().strip('"').lower() for name in first.split(ingest.csv_delimiter(first))]:
            return path
    return None


def refuse_output_holding_corrections(out_dir: Path) -> None:
    """:class:`InputError` when ``out_dir`` holds researchers' corrections:
    extracting there would write the tables over them."""
    if held := held_in(out_dir):
        raise InputError(
            f"{out_dir} holds researchers' corrections ({held.name}, with an action column): extract would "
            "write its tables over them; give another folder for the tables (e.g. data/processed)"
        )


def row_id(table: str, row: dict) -> str:
    """The row's stable id: sha1 of table, doc_id and :data:`ID_KEYS` (12 hex digits)."""
    return _row_id(table, ("doc_id", *ID_KEYS[table]), row)


def _row_id(table: str, keys: tuple[str, ...], row: Mapping[str, object]) -> str:
    key = "\x1f".join(["" if (v := row.get(k)) is None else str(v) for k in keys])
    return hashlib.sha1(f"{table}\x1e{key}".encode()).hexdigest()[:ID_CHARS]


def add_row_ids(result: dict[str, list[dict]]) -> None:
    """Give every row of one document's :data:`CORRECTABLE` tables its ``row_id``
    and ``review = "machine"`` (in place)."""
    for table in CORRECTABLE:
        keys = ("doc_id", *ID_KEYS[table])
        seen: dict[str, int] = {}
        for row in result.get(table) or []:
            rid = _row_id(table, keys, row)
            n = seen[rid] = seen.get(rid, 0) + 1
            row["row_id"] = rid if n == 1 else f"{rid}-{n}"
            row["review"] = "machine"


# --------------------------------------------------------------------------- reading corrections


@dataclass
class Correction:
    table: str
    line: int  # line of the CSV file (header = 1)
    action: str
    row_id: str = ""
    doc_id: str = ""
    start: int | None = None
    end: int | None = None
    values: dict[str, object] = field(default_factory=dict)
    reviewer: str = ""
    note: str = ""

    def where(self, folder: Path | None = None) -> str:
        name = f"{self.table}.csv" if folder is None else str(Path(folder) / f"{self.table}.csv")
        return f"{name} line {self.line}"


def default_dir(raw_dir: Path) -> Path | None:
    """``<raw_dir>/../corrections`` when it exists (``data/raw`` → ``data/corrections``), else None."""
    folder = Path(raw_dir).resolve().parent / "corrections"
    return folder if folder.is_dir() else None


def _convert(table: str, name: str, text: str) -> object:
    """A cell's text as the field's type (``NULL`` → None); ValueError if it is not one."""
    if text == NULL:
        return None
    kind = next(f.type for f in TABLES[table] if f.name == name)
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        if text.strip().lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(f"{text!r} is not true or false")
        return text.strip().lower() in ("true", "1", "yes")
    return text


@cache
def coded_values() -> dict[tuple[str, str], tuple[str, ...]]:
    """The values a coded field may take, by (table, field): the codebook's
    categories, the rules' roles, subjects, statuses and event types, and the
    fixed vocabularies of ``schema.py``.  A correction setting another value
    (a typo: ``famly``) would make a code no table, figure or score counts."""
    from .goldcheck import EVENT_TYPES, ROLES, SUBJECTS
    from .rules import load
    from .rules import outcomes as outcome_rules

    return {
        ("outcomes", "category"): tuple(load("outcomes")["categories"]),
        ("outcomes", "subject"): SUBJECTS,
        ("outcomes", "status"): ("actual", *outcome_rules.load().status.cues),
        ("statements", "role"): ROLES,
        ("statements", "kind"): ("full", "partial"),
        ("events", "event_type"): EVENT_TYPES,
        ("events", "precision"): ("day", "month", "year", "range", "unknown"),
        ("missed_opportunities", "compared_at"): ("day", "month", "year"),
    }


def _check_code(table: str, name: str, value: object) -> None:
    """ValueError when ``value`` is not one of the field's codes (:func:`coded_values`)."""
    allowed = coded_values().get((table, name))
    if allowed is not None and value is not None and value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of {', '.join(allowed)}")


def _strip_formula_quote(text: str) -> str:
    """Undo the ``'`` :func:`tables.csv_safe` put before a formula-like cell."""
    return _UNPREFIX.sub("", text)


def parse(table: str, text: str) -> tuple[list[Correction], list[str]]:
    """The corrections in one ``<table>.csv`` (its text), and a problem per row that cannot be one."""
    problems: list[str] = []
    reader = csv.DictReader(io.StringIO(text), delimiter=ingest.csv_delimiter(text))
    names = set(tables_columns(table))
    unknown = [c for c in reader.fieldnames or [] if c not in META and c not in names]
    if unknown:
        problems.append(f"{table}.csv: unknown column(s) {', '.join(unknown)} ignored (not columns of {table})")
    fixed = [c for c in reader.fieldnames or [] if c in FIXED and c not in META]
    found: list[Correction] = []
    for line, raw in enumerate(reader, start=2):
        cell = {k: _strip_formula_quote((v or "").strip()) for k, v in raw.items() if k is not None}
        action = cell.get("action", "").lower()
        c = Correction(
            table,
            line,
            action,
            row_id=cell.get("row_id", ""),
            doc_id=cell.get("doc_id", ""),
            reviewer=cell.get("reviewer", ""),
            note=cell.get("note", ""),
        )
        where = f"{table}.csv line {line}"
        if action not in ACTIONS:
            problems.append(f"{where}: action must be one of {', '.join(ACTIONS)}, not {action!r}; not applied")
            continue
        try:
            c.start = int(cell["start"]) if cell.get("start") else None
            c.end = int(cell["end"]) if cell.get("end") else None
            c.values = {
                k: _convert(table, k, v)
                for k, v in cell.items()
                if k in names and k not in META and k not in fixed and v != ""
            }
            for k, v in c.values.items():
                _check_code(table, k, v)
        except ValueError as exc:
            problems.append(f"{where}: {exc}; not applied")
            continue
        if action == "add":
            if not c.doc_id or c.start is None or c.end is None:
                problems.append(f"{where}: add needs doc_id, start and end; not applied")
                continue
        elif not c.row_id:
            problems.append(f"{where}: {action} needs a row_id; not applied")
            continue
        if action == "set" and not c.values:
            problems.append(f"{where}: set names no field to set; not applied")
            continue
        found.append(c)
    return found, problems


def tables_columns(table: str) -> list[str]:
    return [f.name for f in TABLES[table]]


def read_text(path: Path) -> str:
    """A corrections file or a filled sheet as text, decoded as a spreadsheet
    may have saved it (UTF-8, BOM, UTF-16, else cp1252: :func:`ingest.decode`);
    :class:`InputError` when it cannot be read or is not text."""
    try:
        return ingest.decode(Path(path).read_bytes())[0]
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    except Unreadable as exc:
        raise InputError(f"{path}: not a CSV text file ({exc}); save it as CSV") from exc


def read_corrections(folder: Path | None) -> tuple[dict[str, list[Correction]], list[str]]:
    """Every ``<table>.csv`` of :data:`CORRECTABLE` in ``folder`` (none when it is None or missing)."""
    found: dict[str, list[Correction]] = {}
    problems: list[str] = []
    if folder is None or not Path(folder).is_dir():
        return found, problems
    names = ", ".join(f"{t}.csv" for t in CORRECTABLE)
    problems += [
        f"corrections {path}: not read: a corrections file is named for its table ({names})"
        for path in sorted(Path(folder).glob("*.csv"))
        if path.stem not in CORRECTABLE
    ]
    for table in CORRECTABLE:
        path = Path(folder) / f"{table}.csv"
        if path.is_file():
            try:
                text = read_text(path)
            except InputError as exc:
                problems.append(f"corrections {exc}; none of it applied")
                continue
            rows, bad = parse(table, text)
            found[table] = rows
            problems += [f"corrections {Path(folder) / p}" for p in bad]
    return found, problems


# --------------------------------------------------------------------------- applying them


def _added_row(table: str, c: Correction, sentences: list[dict]) -> dict:
    """A row the reviewer added: its values, evidence from the sentence holding it."""
    row: dict[str, object] = {"doc_id": c.doc_id, "start": c.start, "end": c.end, **c.values}
    starts = [s["start"] for s in sentences]
    i = bisect.bisect_right(starts, c.start) - 1
    sentence = sentences[i] if i >= 0 and sentences[i]["end"] >= c.start else None
    if sentence is not None:
        if "sentence_id" in tables_columns(table) and c.start < sentence["end"]:
            row["sentence_id"] = sentence["sentence"]
        text = sentence["text"]
        for column in ("evidence", "sentence", "warning_sentence"):
            if column in tables_columns(table) and row.get(column) is None:
                row[column] = text
        if table == "statements" and row.get("quote") is None and c.end <= sentence["end"]:
            row["quote"] = text[c.start - sentence["start"] : c.end - sentence["start"]]
    if table == "outcomes" and row.get("category") is not None:
        _category_fields(row)
    rid = row_id(table, row)
    row["row_id"], row["review"] = rid, "added"
    own, letter = OWN_ID[table]
    if own and row.get(own) is None:
        row[own] = f"{c.doc_id}:{letter}+{rid[:8]}"
    return row


def _category_fields(row: dict) -> None:
    """An outcome's stage and severity follow its (corrected) category, from the codebook."""
    from .outcomes import codebook

    spec = codebook()["categories"].get(row.get("category"))
    if spec is not None:
        row["stage"], row["severity"] = spec["stage"], spec["severity"]


def _set(table: str, row: dict, c: Correction) -> None:
    row.update(c.values)
    if table == "outcomes" and "category" in c.values and not {"stage", "severity"} & set(c.values):
        _category_fields(row)


@dataclass
class Decision:
    """A correction that found its row: the row (``unit``), the machine's
    values before any correction (``None`` for a row the machine did not
    extract), and where the row is (``doc_id``, ``start``: the row's own, also
    for a correction that names only its ``row_id``)."""

    correction: Correction
    unit: str
    machine: dict | None
    doc_id: str = ""
    start: int | None = None


@dataclass
class Applied:
    """What :func:`apply_to_parts` did: its warnings, the decisions that found
    their row and the corrections that found none."""

    warnings: list[str] = field(default_factory=list)
    decisions: dict[str, list[Decision]] = field(default_factory=dict)
    unmatched: list[Correction] = field(default_factory=list)


def _position_unit(c: Correction) -> str:
    """The unit of an added row the machine did not extract: where it is."""
    return f"{c.doc_id}:{c.start}-{c.end}"


def _reviewer(c: Correction) -> str:
    return c.reviewer or UNNAMED


def apply_rows(
    table: str,
    rows: list[dict],
    corrections: list[Correction],
    sentences: list[dict],
    doc_order: list[str],
    used: set[int],
    decided: list[Decision] | None = None,
) -> list[dict]:
    """``rows`` (one batch of ``table``, documents in ``doc_order``) with
    ``corrections`` applied; the index (in ``corrections``) of each one that
    found its row is added to ``used``, and its :class:`Decision` to ``decided``.

    Every decision on a row the machine did not extract -- the ``add`` and any
    later ``set``, ``confirm`` or ``drop`` naming the added row's ``row_id`` --
    has the added row's unit (where it is, ``doc_id:start-end``), so each row
    is one unit of ``review_codes`` whoever decided on it and however they
    named it.  A row is dropped when some reviewer's last decision on it is a
    ``drop``: a reviewer's later ``set``, ``confirm`` or ``add`` of the row
    withdraws their own earlier drop, as it does in ``review_codes.action``."""
    by_id = {row["row_id"]: row for row in rows if row.get("row_id")}
    machine: dict[str, dict] = {}  # row_id -> the machine's values, kept before the first change
    docs = set(doc_order)
    droppers: dict[str, set[str]] = {}  # row_id -> the reviewers whose last decision on it is a drop
    added: list[dict] = []
    units: dict[str, str] = {}  # row_id of an added row -> its unit (where it is)
    log: list[Decision] = [] if decided is None else decided

    def decide(c: Correction, row: dict) -> None:
        """Log ``c``'s decision on ``row`` (before ``c`` changes it) and note whether it drops the row."""
        rid = row["row_id"]
        before = None if rid in units else machine.setdefault(rid, dict(row))
        log.append(Decision(c, units.get(rid, rid), before, row["doc_id"], row.get("start")))
        who = droppers.setdefault(rid, set())
        if c.action == "drop":
            who.add(_reviewer(c))
        else:
            who.discard(_reviewer(c))

    for i, c in enumerate(corrections):
        if c.action == "add":
            if c.doc_id not in docs:
                continue
            new = _added_row(table, c, [s for s in sentences if s["doc_id"] == c.doc_id])
            target = by_id.get(new["row_id"])
            if target is not None:  # the machine (or an earlier add) has it: a set on its row
                decide(c, target)
                _set(table, target, c)
                target["review"] = "added" if target["row_id"] in units else "corrected"
            else:
                added.append(new)
                by_id[new["row_id"]] = new
                units[new["row_id"]] = _position_unit(c)
                decide(c, new)
            used.add(i)
            continue
        target = by_id.get(c.row_id)
        if target is None:
            continue
        used.add(i)
        decide(c, target)
        if c.action == "set":
            _set(table, target, c)
            if target["review"] != "added":
                target["review"] = "corrected"
        elif c.action == "confirm" and target["review"] == "machine":
            target["review"] = "confirmed"
    dropped = {rid for rid, who in droppers.items() if who}
    out = [row for row in rows if row.get("row_id") not in dropped]
    for new in added:
        if new["row_id"] in dropped:
            continue
        out.insert(_position(out, new, {d: k for k, d in enumerate(doc_order)}), new)
    return out


def _position(rows: list[dict], new: dict, rank: dict[str, int]) -> int:
    """Where an added row goes: after its document's rows starting at or before
    it, its document's place kept among the others."""
    doc, start = rank[new["doc_id"]], new["start"]
    at = 0
    for k, row in enumerate(rows):
        r = rank.get(row["doc_id"], -1)
        if r < doc or (r == doc and (row.get("start") is None or row["start"] <= start)):
            at = k + 1
        elif r > doc:
            break
    return at


def apply_to_parts(parts_dir: Path, batches: int, folder: Path | None) -> Applied:
    """Apply the corrections in ``folder`` to the batch parts of a run (in
    place); return the warnings (unreadable corrections and those whose row is
    no longer extracted), the decisions that found their row and the
    corrections that found none.  Nothing is read or written when there are
    none.  ``missed_opportunities`` of a document whose events were corrected
    are derived again from its corrected events (before that table's own
    corrections apply); a derived row resting on a reviewed event is
    ``corrected``."""
    found, problems = read_corrections(folder)
    applied = Applied(warnings=problems)
    if not any(found.values()):
        return applied
    used: dict[str, set[int]] = {table: set() for table in found}
    for index in range(batches):
        _apply_to_batch(parts_dir, index, found, used, applied)
    for table, table_corrections in found.items():
        for i, c in enumerate(table_corrections):
            if i not in used[table]:
                applied.warnings.append(unmatched(c, folder))
                applied.unmatched.append(c)
    return applied


def _apply_to_batch(
    parts_dir: Path, index: int, found: dict[str, list[Correction]], used: dict[str, set[int]], applied: Applied
) -> None:
    """The corrections of every table applied to batch ``index``'s parts (see :func:`apply_to_parts`)."""
    doc_order = tables.read_part(parts_dir, "articles", index).column("doc_id").to_pylist()
    docs = set(doc_order)
    sentences: list[dict] | None = None
    events: tuple[list[dict], list[dict]] | None = None
    for table in CORRECTABLE:
        todo = found.get(table) or []
        rows = (
            tables.read_part(parts_dir, table, index).to_pylist()
            if todo or (table == "missed_opportunities" and events is not None)
            else []
        )
        ids = {row["row_id"] for row in rows}
        touched = any(c.row_id in ids or (c.action == "add" and c.doc_id in docs) for c in todo)
        if table == "missed_opportunities" and events is not None:
            rows, touched = _derive_missed(rows, events, doc_order), True
        if not touched:
            continue
        if sentences is None and any(c.action == "add" and c.doc_id in docs for c in todo):
            sentences = tables.read_part(parts_dir, "sentences", index).to_pylist()
        before = [dict(row) for row in rows] if table == "events" else []
        decided = applied.decisions.setdefault(table, [])
        rows = apply_rows(table, rows, todo, sentences or [], doc_order, used.setdefault(table, set()), decided)
        tables.write_part(table, rows, tables.part_path(parts_dir, table, index))
        if table == "events":
            events = (before, rows)


def _derive_missed(rows: list[dict], events: tuple[list[dict], list[dict]], doc_order: list[str]) -> list[dict]:
    """``missed_opportunities`` rows of one batch derived again from the
    corrected events (``events`` = before, after the corrections) of every
    document whose events the corrections changed; the others' rows kept."""
    from .timeline import document_missed_opportunities

    def per_doc(evs: list[dict]) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for event in evs:
            grouped.setdefault(event["doc_id"], []).append(event)
        return grouped

    before, after = per_doc(events[0]), per_doc(events[1])
    changed = {doc for doc in doc_order if before.get(doc, []) != after.get(doc, [])}
    if not changed:
        return rows
    review = {e["event_id"]: e["review"] for e in events[1]}
    sentence = {e["event_id"]: e.get("sentence_id") for e in events[1]}
    out: list[dict] = []
    for doc in doc_order:
        if doc not in changed:
            out += [row for row in rows if row["doc_id"] == doc]
            continue
        derived = document_missed_opportunities(after.get(doc, []))
        add_row_ids({"missed_opportunities": derived})
        for row in derived:
            row["sentence_id"] = sentence.get(row["warning_event_id"])
            row["harm_sentence_id"] = sentence.get(row["harm_event_id"])
            if {review.get(row["warning_event_id"]), review.get(row["harm_event_id"])} - {"machine", "confirmed"}:
                row["review"] = "corrected"
        out += derived
    return out


def unmatched(c: Correction, folder: Path | None) -> str:
    what = f"row {c.row_id}" if c.action != "add" else f"document {c.doc_id}"
    why = (
        "is no longer extracted (its document or the rules changed; review it again)"
        if c.action != "add"
        else "is not in the corpus"
    )
    return f"correction {c.where(folder)} ({c.action} by {c.reviewer or 'unnamed reviewer'}) not applied: {what} {why}"


# --------------------------------------------------------------------------- what was decided, as tables

DROPPED = "(dropped)"  # a reviewer's code for every field of a row they dropped
NOT_EXTRACTED = "(not extracted)"  # the machine's code for every field of a row a reviewer added
EMPTY = "(empty)"  # an empty field
UNNAMED = "(unnamed)"  # a decision without a reviewer


def code_text(value: object) -> str:
    """A field's value as a nominal code: ``true``/``false``, whole numbers without ``.0``, :data:`EMPTY`."""
    if value is None or (isinstance(value, float) and value != value):
        return EMPTY
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def coded_fields(table: str, decisions: list[Decision]) -> list[str]:
    """The fields agreement is scored on: :data:`EDITABLE`, then any other field a decision sets."""
    extra = sorted({k for d in decisions for k in d.correction.values} - set(EDITABLE[table]))
    return [*EDITABLE[table], *extra]


def code_rows(table: str, decisions: list[Decision]) -> list[dict]:
    """Rows of ``review_codes`` for one table: per row (``unit``), reviewer and
    field, the machine's value and the reviewer's, ordered by the row's
    document and start.  A reviewer's ``action`` is their last decision on
    the row; their value is the machine's changed by each of their decisions
    on it in order (a ``confirm`` changes nothing), :data:`DROPPED` in every
    field when their last decision is a drop (:func:`apply_rows` drops the row
    then).  A row the machine did not extract has :data:`NOT_EXTRACTED` as
    the machine's value."""
    fields = coded_fields(table, decisions)
    grouped: dict[tuple[str, str], list[Decision]] = {}
    for d in decisions:
        grouped.setdefault((d.unit, _reviewer(d.correction)), []).append(d)

    def where(item: tuple[tuple[str, str], list[Decision]]) -> tuple[str, int, str, str]:
        (unit, reviewer), ds = item
        start = ds[0].start
        return (ds[0].doc_id, -1 if start is None else start, unit, reviewer)

    out = []
    for (unit, reviewer), ds in sorted(grouped.items(), key=where):
        machine = ds[0].machine
        coded = {f: (machine or {}).get(f) for f in fields}
        for d in ds:
            coded.update({k: v for k, v in d.correction.values.items() if k in coded})
        action = ds[-1].correction.action
        for f in fields:
            out.append(
                {
                    "table": table,
                    "unit": unit,
                    "doc_id": ds[0].doc_id,
                    "reviewer": reviewer,
                    "action": action,
                    "field": f,
                    "machine": NOT_EXTRACTED if machine is None else code_text(machine.get(f)),
                    "coded": DROPPED if action == "drop" else code_text(coded[f]),
                }
            )
    return out


def review_code_rows(applied: Applied) -> list[dict]:
    """Every table's :func:`code_rows`, tables in :data:`CORRECTABLE` order."""
    return [row for table in CORRECTABLE for row in code_rows(table, applied.decisions.get(table, []))]


def unmatched_rows(applied: Applied) -> list[dict]:
    """Rows of ``corrections_unmatched``: every correction that found no row, and why."""
    return [
        {
            "table": c.table,
            "line": c.line,
            "action": c.action,
            "row_id": c.row_id or None,
            "doc_id": c.doc_id or None,
            "start": c.start,
            "end": c.end,
            "reviewer": c.reviewer or UNNAMED,
            "note": c.note,
            "reason": _why_unmatched(c),
        }
        for c in applied.unmatched
    ]


def _why_unmatched(c: Correction) -> str:
    if c.action == "add":
        return "document not in the corpus"
    return "row no longer extracted (its document or the rules changed; review it again)"
