"""Review sheets: the rows of one table, most-likely-wrong first, for a researcher to check.

:func:`write_sheet` writes ``review-<table>.html`` (self-contained: inline
CSS, no script, a Content-Security-Policy that forbids any; every value from
the documents is HTML-escaped) and ``review-<table>.csv`` (for a
spreadsheet; formula-like cells get a leading ``'`` like the tables' CSV,
:func:`tables.csv_safe`).  Each row shows its evidence sentence with the
evidence span highlighted, between the sentences before and after it, and
why it is suspect (:data:`SUSPECT`): rows are sorted by that score, highest
first, then by document and offset.

The reviewer fills ``action`` (``ok``/``confirm``, ``drop``, ``set``, or
``add`` on a new line with ``doc_id``, ``start``, ``end``), the ``set_<field>``
columns, ``reviewer`` and ``note``; :func:`apply_sheet` turns the filled CSV
into rows of ``<corrections>/<table>.csv`` (:mod:`corrections`), skipping
decisions already recorded.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import html
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from . import tables
from .corrections import CORRECTABLE, EDITABLE, META, _strip_formula_quote, parse, read_text
from .errors import InputError
from .ingest import csv_delimiter
from .rules import analysis as analysis_rules

# Columns shown (as the machine has them), per table.
SHOWN: dict[str, tuple[str, ...]] = {
    "events": ("event_type", "date", "date_end", "precision", "date_text", "relative", "anchor"),
    "missed_opportunities": ("warning_date", "harm_date", "interval_days", "compared_at", "day_exact"),
    "outcomes": ("category", "stage", "count", "subject", "status"),
    "statements": ("speaker", "speaker_text", "role", "organisation", "attribution", "quote"),
}
# (column, values or None for "missing", weight, reason): what makes a row likely wrong
# (rules/analysis.yaml, key review.suspect).
SUSPECT: dict[str, tuple[tuple[str, tuple | None, int, str], ...]] = {
    table: tuple((sign.column, sign.values, sign.weight, sign.reason) for sign in signs)
    for table, signs in analysis_rules.load().review.suspect.items()
}
CONTEXT = 1  # sentences shown before and after the evidence sentence
FILL = ("action", "reviewer", "note")


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == ""


def suspicion(table: str, row: dict) -> tuple[int, list[str]]:
    """How likely ``row`` is wrong (higher first) and why."""
    score, why = 0, []
    for column, values, weight, reason in SUSPECT[table]:
        value = row.get(column)
        if (values is None and _missing(value)) or (values is not None and not _missing(value) and value in values):
            score, why = score + weight, [*why, reason]
    if row.get("review") not in (None, "machine"):
        score -= 100  # already reviewed: last
        why.append(f"already {row['review']}")
    return score, why


def _context(row: dict, sentences: list[dict], starts: list[int]) -> tuple[str, str, str, str, str]:
    """(before, evidence sentence up to the span, span, rest of the sentence, after)."""
    start, end = row.get("start"), row.get("end")
    if _missing(start) or not sentences:
        return "", "", str(row.get("evidence") or row.get("sentence") or ""), "", ""
    i = max(0, bisect.bisect_right(starts, int(start)) - 1)
    s = sentences[i]
    text, base = s["text"], s["start"]
    lo, hi = max(0, int(start) - base), max(0, min(len(text), int(end) - base))
    before = " ".join(x["text"] for x in sentences[max(0, i - CONTEXT) : i])
    after = " ".join(x["text"] for x in sentences[i + 1 : i + 1 + CONTEXT])
    return before, text[:lo], text[lo:hi], text[hi:], after


def sheet(table: str, tables_dir: Path, case: str | None = None, doc: str | None = None) -> pd.DataFrame:
    """The review sheet of ``table`` (optionally one case or document), most likely wrong first."""
    if table not in CORRECTABLE:
        raise InputError(f"--table must be one of {', '.join(CORRECTABLE)}, not {table!r}")
    if not tables.has_table(table, Path(tables_dir)):
        raise InputError(f"no {table} table in {tables_dir}; run `oversight-research extract` into it first")
    if doc and tables.has_table("articles", Path(tables_dir)):
        documents = set(tables.read_table("articles", tables_dir)["doc_id"].dropna())
        if doc not in documents:
            shown = ", ".join(sorted(documents)[:20]) + (", …" if len(documents) > 20 else "")
            raise InputError(f"--doc {doc!r} is not a document of {tables_dir}; documents: {shown}")
    frame = tables.read_table(table, tables_dir, [doc] if doc else None)
    if case and tables.has_table("cases", Path(tables_dir)):
        known = set(tables.read_table("cases", tables_dir)["case_id"].dropna())
        if case not in known:
            shown = ", ".join(sorted(known)[:20]) + (", …" if len(known) > 20 else "")
            raise InputError(f"--case {case!r} is not a case of {tables_dir}; cases: {shown}")
    if case and "case_id" in frame.columns:
        frame = frame[frame["case_id"].eq(case).fillna(False).astype(bool)]
    doc_ids = sorted(set(frame["doc_id"]))
    sentences = tables.read_table("sentences", tables_dir, doc_ids) if doc_ids else None
    by_doc: dict[str, list[dict]] = {}
    if sentences is not None:
        for s in sentences.sort_values(["doc_id", "start"]).to_dict("records"):
            by_doc.setdefault(s["doc_id"], []).append(s)
    out = []
    for row in frame.to_dict("records"):
        row = {k: (None if _missing(v) else v) for k, v in row.items()}
        doc_sentences = by_doc.get(row["doc_id"], [])
        score, why = suspicion(table, row)
        before, lead, span, rest, after = _context(row, doc_sentences, [s["start"] for s in doc_sentences])
        item = {
            "table": table,
            "row_id": row["row_id"],
            "doc_id": row["doc_id"],
            "case_id": row.get("case_id"),
            "start": row.get("start"),
            "end": row.get("end"),
            "review": row.get("review"),
            "suspicion": score,
            "why": "; ".join(why),
            **{f: row.get(f) for f in SHOWN[table]},
            "before": before,
            "lead": lead,
            "span": span,
            "rest": rest,
            "after": after,
            **{name: "" for name in ("action", *(f"set_{f}" for f in EDITABLE[table]), "reviewer", "note")},
        }
        out.append(item)
    out.sort(key=lambda r: (-r["suspicion"], r["doc_id"], r["start"] if r["start"] is not None else -1, r["row_id"]))
    return pd.DataFrame(out, columns=_sheet_columns(table))


def _sheet_columns(table: str) -> list[str]:
    return [
        "table",
        "row_id",
        "doc_id",
        "case_id",
        "start",
        "end",
        "review",
        "suspicion",
        "why",
        *SHOWN[table],
        "before",
        "lead",
        "span",
        "rest",
        "after",
        "action",
        *(f"set_{f}" for f in EDITABLE[table]),
        "reviewer",
        "note",
    ]


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def sheet_csv(frame: pd.DataFrame) -> bytes:
    """The sheet as CSV: every cell text, formula-like cells prefixed with ``'``."""
    arrays = [pa.array([_text(v) for v in frame[c]], pa.string()) for c in frame.columns]
    chunk = tables.csv_safe(pa.Table.from_arrays(arrays, names=list(frame.columns)))
    sink = io.BytesIO()
    pa_csv.write_csv(chunk, sink, pa_csv.WriteOptions(quoting_style="all_valid"))
    return sink.getvalue()


_CSS = """body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top}
th{background:#f3f3f3;text-align:left}mark{background:#ffe066}.ctx{color:#777}.why{color:#a33}
tr.done td{background:#f4fbf4}"""


def sheet_html(frame: pd.DataFrame, table: str, title: str) -> str:
    """The sheet as one self-contained HTML page; every value escaped, no script."""
    e = html.escape
    shown = SHOWN[table]
    head = "".join(f"<th>{e(c)}</th>" for c in ("#", "row_id", "doc_id", "why", *shown, "evidence in context"))
    body = []
    for n, row in enumerate(frame.to_dict("records"), start=1):
        cells = [
            str(n),
            e(_text(row["row_id"])),
            e(_text(row["doc_id"])),
            f'<span class="why">{e(_text(row["why"]))}</span>',
            *(e(_text(row[c])) for c in shown),
            f'<span class="ctx">{e(_text(row["before"]))}</span> {e(_text(row["lead"]))}'
            f"<mark>{e(_text(row['span']))}</mark>{e(_text(row['rest']))} "
            f'<span class="ctx">{e(_text(row["after"]))}</span>',
        ]
        done = ' class="done"' if _text(row["review"]) not in ("", "machine") else ""
        body.append(f"<tr{done}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{e(title)}</h1><p>{len(frame)} rows, most likely wrong first. Fill in the CSV sheet beside this "
        "page (action: ok, drop, set or add; set_&lt;field&gt;; reviewer; note), then run "
        "<code>oversight-research review --apply FILLED.csv</code> and re-extract.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></body></html>\n"
    )


def write_sheet(
    table: str,
    tables_dir: Path,
    out_dir: Path,
    case: str | None = None,
    doc: str | None = None,
    corrections_dir: Path | None = None,
    raw_dirs: Sequence[Path] = (),
) -> tuple[Path, Path, int]:
    """Write ``review-<table>.html`` and ``.csv`` into ``out_dir``; return both paths and the row count.

    Refused (:class:`InputError`, nothing written) when ``out_dir`` is or lies
    inside a raw folder — the one the tables were extracted from
    (:func:`raw_folder_of`) or one of ``raw_dirs`` — where the next extract
    would read the sheets as documents; and when ``review-<table>.csv`` is
    there already with decisions not yet recorded in ``corrections_dir``
    (:func:`unrecorded`): a filled sheet is never overwritten."""
    out_dir = Path(out_dir)
    if raw := raw_folder_of(out_dir, tables_dir, raw_dirs):
        where = "the" if out_dir.resolve() == raw.resolve() else "inside the"
        raise InputError(
            f"--out {out_dir} is {where} raw folder {raw}: the next extract would read the review sheets as "
            "documents; give a folder outside it (the default is reports/review)"
        )
    page, sheet_path = out_dir / f"review-{table}.html", out_dir / f"review-{table}.csv"
    if sheet_path.is_file() and (pending := unrecorded(sheet_path, corrections_dir)):
        into = f"recorded in {corrections_dir}" if corrections_dir else "applied"
        raise InputError(
            f"{sheet_path} holds {pending} decision(s) not {into} yet: run `oversight-research review --apply "
            f"{sheet_path}{f' --corrections {corrections_dir}' if corrections_dir else ''}` first "
            "(or move the file away), then write the sheet again"
        )
    frame = sheet(table, tables_dir, case, doc)
    scope = f" (case {case})" if case else f" (document {doc})" if doc else ""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables.atomic_write_text(page, sheet_html(frame, table, f"Review of {table}{scope}"))
    tables.atomic_write_bytes(sheet_path, sheet_csv(frame))
    return page, sheet_path, len(frame)


def raw_folder_of(out_dir: Path, tables_dir: Path, raw_dirs: Sequence[Path] = ()) -> Path | None:
    """The raw folder ``out_dir`` is or lies inside, else None: one of
    ``raw_dirs`` (those that exist), or the folder ``tables_dir`` was
    extracted from — an ancestor of ``out_dir`` holding a document of its
    ``articles`` table (the same path, the same SHA-256)."""
    out = Path(out_dir).resolve()
    for folder in raw_dirs:
        if Path(folder).is_dir() and out.is_relative_to(Path(folder).resolve()):
            return Path(folder)
    if not tables.has_table("articles", Path(tables_dir)):
        return None
    articles = tables.read_table("articles", tables_dir)
    by_top: dict[str, list[tuple[str, str]]] = {}
    for rel, digest in zip(articles["path"], articles["sha256"], strict=True):
        if isinstance(rel, str) and rel and isinstance(digest, str) and digest:
            by_top.setdefault(rel.split("/", 1)[0], []).append((rel, digest))
    for folder in (out, *out.parents):
        try:
            names = set(os.listdir(folder)) & set(by_top)
        except OSError:  # not there yet, or not a folder we may list
            continue
        # a few of its documents: a raw folder holds them all, an unrelated folder none as they were extracted
        for rel, digest in [pair for name in sorted(names) for pair in by_top[name]][:5]:
            try:
                if hashlib.sha256((folder / rel).read_bytes()).hexdigest() == digest:
                    return folder
            except OSError:
                continue
    return None


# --------------------------------------------------------------------------- reading a filled sheet


def corrections_from_sheet(text: str) -> dict[str, list[dict]]:
    """Filled sheet (CSV text) → correction rows per table (:data:`corrections.META` + fields)."""
    reader = csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(text))
    if "action" not in (reader.fieldnames or []):
        raise InputError(
            "not a review sheet: it has no action column (write one with `oversight-research review --table T`)"
        )
    out: dict[str, list[dict]] = {}
    for raw in reader:
        cell = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        cell = {k: _strip_formula_quote(v) for k, v in cell.items()}
        action = cell.get("action", "").lower()
        if not action:
            continue
        action = "confirm" if action in ("ok", "confirm", "right", "correct") else action
        table = cell.get("table", "")
        if table not in CORRECTABLE:
            raise InputError(
                f"sheet row for row {cell.get('row_id')!r}: table {table!r} is not one of {', '.join(CORRECTABLE)}"
            )
        values = {k[4:]: v for k, v in cell.items() if k.startswith("set_") and v != ""}
        row = {
            "row_id": cell.get("row_id", "") if action != "add" else "",
            "doc_id": cell.get("doc_id", ""),
            "start": cell.get("start", "") if action == "add" else "",
            "end": cell.get("end", "") if action == "add" else "",
            "action": action,
            "reviewer": cell.get("reviewer", ""),
            "note": cell.get("note", ""),
            **values,
        }
        out.setdefault(table, []).append(row)
    return out


_FORMULA = re.compile(tables._FORMULA)


def _safe(text: str) -> str:
    """A cell a spreadsheet would evaluate, prefixed with ``'`` (as the tables' CSV)."""
    return "'" + text if _FORMULA.match(text) else text


def _recorded(path: Path) -> list[dict]:
    """The rows of a corrections file (none when it does not exist); one edited
    by hand may be in Excel's encoding and delimiter too."""
    if not path.exists():
        return []
    kept = read_text(path)
    return [
        {k: _strip_formula_quote(v or "") for k, v in r.items() if k is not None}
        for r in csv.DictReader(io.StringIO(kept), delimiter=csv_delimiter(kept))
    ]


def _fields(table: str, rows: list[dict]) -> list[str]:
    """The columns of ``<table>.csv``: :data:`corrections.META`, the editable fields, then any other."""
    fields = [*META, *EDITABLE[table]]
    return fields + sorted({k for r in rows for k in r} - set(fields))


def unrecorded(filled: Path, corrections_dir: Path | None) -> int:
    """How many decisions of the sheet ``filled`` are not in ``corrections_dir``
    yet (all of them without a folder); a file that cannot be read as a sheet
    counts as one, so that it is never overwritten unread."""
    try:
        found = corrections_from_sheet(read_text(Path(filled)))
    except InputError:
        return 1
    pending = 0
    for table, rows in found.items():
        existing = _recorded(Path(corrections_dir) / f"{table}.csv") if corrections_dir else []
        fields = _fields(table, [*existing, *rows])
        known = {tuple(r.get(k, "") for k in fields) for r in existing}
        pending += sum(tuple(r.get(k, "") for k in fields) not in known for r in rows)
    return pending


def apply_sheet(filled: Path, corrections_dir: Path) -> dict[str, int]:
    """Append the decisions of a filled sheet to ``<corrections_dir>/<table>.csv``
    (new decisions only); return how many were added per table.  Every
    decision is checked as :mod:`corrections` reads it first: one that could
    not be applied stops the whole sheet with what to fix."""
    try:  # a sheet saved by Excel: its legacy encoding, UTF-16, ';' in many locales
        text = read_text(Path(filled))
    except InputError as exc:
        raise InputError(f"filled sheet {exc}") from exc
    try:
        found = corrections_from_sheet(text)
    except InputError as exc:
        raise InputError(f"{filled}: {exc}") from exc
    if not found:
        raise InputError(
            f"{filled}: no decision in it: fill the action column (ok, drop, set or add) of the rows you checked"
        )
    added: dict[str, int] = {}
    corrections_dir = Path(corrections_dir)
    if (corrections_dir / tables.GENERATION_FILE).exists():  # its <table>.csv are tables, rewritten by every extract
        raise InputError(
            f"--corrections {corrections_dir} is a tables folder (extract writes {', '.join(found)}.csv there): "
            "give the corrections folder (default data/corrections)"
        )
    for table, rows in found.items():
        path = corrections_dir / f"{table}.csv"
        existing = _recorded(path)
        fields = _fields(table, [*existing, *rows])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        known = set()
        for r in existing:
            writer.writerow({k: _safe(r.get(k, "")) for k in fields})
            known.add(tuple(r.get(k, "") for k in fields))
        new = 0
        for r in rows:
            key = tuple(r.get(k, "") for k in fields)
            if key not in known:
                writer.writerow({k: _safe(r.get(k, "")) for k in fields})
                known.add(key)
                new += 1
        _, problems = parse(table, buffer.getvalue())
        if problems:
            raise InputError(f"{filled}: " + "; ".join(problems))
        corrections_dir.mkdir(parents=True, exist_ok=True)
        tables.atomic_write_text(path, buffer.getvalue())
        added[table] = new
    return added
