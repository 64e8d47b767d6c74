"""Write and read the package's tables: CSV + Parquet + ``datapackage.json``.

Every write goes to a temporary file in the target folder and is then renamed
over the final name, so an interrupted run never leaves a half-written table.
Rows are written in the order given (the pipeline sorts them), with no
timestamps anywhere, so the same input gives byte-identical files.

CSV files are written by Arrow (RFC 4180, UTF-8, ``\n`` line ends): a header
row, every text value in double quotes, numbers and ``true``/``false``
unquoted, and a missing value as an empty field, so a missing value and an
empty text (``""``) stay distinct.  A text cell a spreadsheet would evaluate
(starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a
leading ``'`` in the CSV only (:func:`csv_safe`); Parquet keeps the exact text.

Files are written with the permissions the umask gives, as by a plain
``open`` (temporary files are created with mode 0666, not ``mkstemp``'s
0600).  :func:`publish` moves a run's tables from a staging folder into the
output folder as one *generation*, listed last in ``generation.json`` with the
sha256 and size of every file; :func:`read_table` refuses a folder that is not
one complete generation (:func:`check_generation`).  :func:`folder_lock` is the
exclusive (writers) or shared (readers) lock of a folder.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .errors import DiskFull, FolderBusy, IncompleteTables, InputError
from .schema import ALL_TABLES, TABLES, Field, columns

try:
    import fcntl
except ImportError:  # not POSIX: no folder locks
    fcntl = None  # type: ignore[assignment]

_ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
_PANDAS = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(f.name, _ARROW[f.type]) for f in ALL_TABLES[table]])


def _coerce(value: object, field: Field) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if field.type == "string":
        return str(value)
    if field.type == "integer":
        return int(value)  # type: ignore[arg-type]
    if field.type == "number":
        return round(float(value), 6)  # type: ignore[arg-type]
    if isinstance(value, str):  # read back from CSV
        return value.strip().lower() in ("true", "1")
    return bool(value)


def to_frame(table: str, rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Rows (dicts) → DataFrame with exactly the schema's columns and dtypes."""
    fields = ALL_TABLES[table]
    data = {f.name: [] for f in fields}
    for row in rows:
        for f in fields:
            data[f.name].append(_coerce(row.get(f.name), f))
    return pd.DataFrame({f.name: pd.Series(data[f.name], dtype=_PANDAS[f.type]) for f in fields})


def rows_to_arrow(table: str, rows: list[Mapping[str, object]]) -> pa.Table:
    """Rows (dicts) → an Arrow table with the schema's columns and types (the
    same values as :func:`to_frame`).  The columns other than numbers are
    converted by pyarrow in one pass over the rows, as a struct array (a
    missing key is null, a key outside the schema ignored); only when some
    value needs coercing (an int in a text column, a NaN), column by column
    (:func:`_arrow_column`).  Numbers are always rounded by :func:`_coerce`."""
    fields, schema = ALL_TABLES[table], arrow_schema(table)
    plain = [f for f in fields if f.type != "number"]
    try:
        struct = pa.array(rows, type=pa.struct([schema.field(f.name) for f in plain]))
        arrays = dict(zip((f.name for f in plain), struct.flatten(), strict=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        arrays = {f.name: _arrow_column([row.get(f.name) for row in rows], f) for f in plain}
    return pa.Table.from_arrays(
        [arrays[f.name] if f.name in arrays else _arrow_column([row.get(f.name) for row in rows], f) for f in fields],
        schema=schema,
    )


def _arrow_column(values: list, field: Field) -> pa.Array:
    if field.type != "number":  # numbers are always rounded by _coerce
        try:
            return pa.array(values, type=_ARROW[field.type])
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass  # some value needs coercing (an int in a text column, a NaN)
    return pa.array([_coerce(v, field) for v in values], type=_ARROW[field.type])


def write_part(table: str, rows: list[Mapping[str, object]], path: Path) -> None:
    """Rows of one batch as a scratch part (read back by :func:`read_part`):
    an uncompressed Arrow IPC file, written and read back several times faster
    than Parquet; only the final tables are Parquet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = rows_to_arrow(table, rows)

    def write(tmp: str) -> None:
        with pa.OSFile(tmp, "wb") as sink, pa.ipc.new_file(sink, arrow.schema) as writer:
            writer.write_table(arrow)

    _atomic(path, write)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """``data`` to ``path`` through a uniquely named temporary file, written
    through the descriptor that created it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _open_temp(path)
    try:
        with open(fd, "wb") as sink:
            sink.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """``text`` (UTF-8) to ``path`` through a uniquely named temporary file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(table: str, frame: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Write one table as CSV and Parquet (zstd), atomically."""
    return write_table_chunks(table, [arrow_table(table, frame)], out_dir)


def arrow_table(table: str, frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table with the schema's types and no pandas metadata."""
    return pa.Table.from_pandas(frame, schema=arrow_schema(table), preserve_index=False).replace_schema_metadata(None)


def write_table_chunks(table: str, chunks: Iterable[pa.Table], out_dir: Path) -> list[Path]:
    """Write a table given as consecutive Arrow chunks (with the schema's
    columns and types): CSV, and Parquet with one row group per chunk.  Both
    files appear (by rename) only once every chunk is written, so memory holds
    one chunk and an interruption leaves no half table."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{table}.csv", out_dir / f"{table}.parquet"]
    temps = [_temp(path) for path in paths]
    try:
        with (
            pa_csv.CSVWriter(temps[0], arrow_schema(table)) as csv_file,
            pq.ParquetWriter(temps[1], arrow_schema(table), compression="zstd") as parquet,
        ):
            for chunk in chunks:
                if chunk.num_rows:
                    csv_file.write_table(csv_safe(chunk))
                    parquet.write_table(chunk)
        for temp, path in zip(temps, paths, strict=True):
            os.replace(temp, path)
    except BaseException:
        for temp in temps:
            Path(temp).unlink(missing_ok=True)
        raise
    return paths


def _temp(path: Path) -> str:
    """A new, uniquely named temporary file beside ``path``
    (``.<name>.<8 random characters>.tmp``), created -- like ``mkstemp``,
    exclusively -- with mode 0666, so the system applies the umask as to a
    plain ``open`` (``mkstemp``'s 0600 would need a chmod, and reading the
    umask, for every file)."""
    fd, tmp = _open_temp(path)
    os.close(fd)
    return tmp


def _open_temp(path: Path) -> tuple[int, str]:
    """:func:`_temp`, open for writing: its descriptor and name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(tempfile.TMP_MAX):
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, f"no unused temporary file name beside {path}")


# --------------------------------------------------------------------------- CSV cells a spreadsheet would run

# OWASP CSV injection: a cell starting with one of these is a formula to Excel
# and LibreOffice.  The ``'*`` makes the prefix reversible: a text that already
# starts with quotes before such a character gets one more.
_FORMULA = r"^'*[=+\-@\t\r]"
_UNPREFIX = r"^'(?='*[=+\-@\t\r])"


def csv_safe(chunk: pa.Table) -> pa.Table:
    """``chunk`` with a ``'`` before every text cell a spreadsheet would evaluate
    (for the CSV file only; :func:`csv_unsafe` undoes it)."""
    for i, field in enumerate(chunk.schema):
        if not pa.types.is_string(field.type):
            continue
        column = chunk.column(i)
        risky = pc.match_substring_regex(column, _FORMULA)
        if pc.any(risky).as_py():
            prefixed = pc.binary_join_element_wise(pa.scalar("'"), column, "")
            chunk = chunk.set_column(i, field, pc.if_else(risky, prefixed, column))
    return chunk


def csv_unsafe(frame: pd.DataFrame) -> pd.DataFrame:
    """The exact text back from CSV cells :func:`csv_safe` prefixed."""
    for name in frame.columns:
        if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            frame[name] = frame[name].str.replace(_UNPREFIX, "", regex=True)
    return frame


# --------------------------------------------------------------------------- long evidence

# Evidence columns keep at most this many characters of their sentence: a
# window around the match, so that 2,000 dates in one run-on sentence do not
# write the sentence 2,000 times.  (column, start column, end column, column
# holding the match's own text); start/end keep pointing at the raw text.
EVIDENCE_CHARS = 2000
CAPPED: dict[str, tuple[tuple[str, str, str, str | None], ...]] = {
    "events": (("sentence", "start", "end", "date_text"),),
    "outcomes": (("evidence", "start", "end", None),),
    "missed_opportunities": (
        ("warning_sentence", "start", "end", "warning_text"),
        ("harm_sentence", "harm_start", "harm_end", "harm_text"),
    ),
}
ELLIPSIS = "…"


def cap_evidence(result: dict[str, list[dict]], limit: int = EVIDENCE_CHARS) -> None:
    """Cut every evidence value of a document's rows (``result``: table → rows,
    with its ``sentences``) longer than ``limit`` to a window of ``limit``
    characters around its match, with ``…`` at each cut (in place).  The match
    is placed through the sentence of the ``sentences`` rows that holds it
    (else by its own text, else the window starts at the sentence's start)."""
    sentences = result.get("sentences") or []
    starts = [s["start"] for s in sentences]
    same: dict[tuple[int, int], tuple[str, bool]] = {}  # (id of a text, sentence) -> (the text, kept alive; equal?)
    for table, capped in CAPPED.items():
        for row in result.get(table) or []:
            for column, start_col, end_col, text_col in capped:
                value = row.get(column)
                if isinstance(value, str) and len(value) > limit:
                    where = _match_in(
                        value,
                        row.get(start_col),
                        row.get(end_col),
                        row.get(text_col) if text_col else None,
                        sentences,
                        starts,
                        same,
                    )
                    row[column] = window(value, *where, limit)


def _match_in(
    value: str,
    start: object,
    end: object,
    match: object,
    sentences: list[dict],
    starts: list[int],
    same: dict[tuple[int, int], tuple[str, bool]],
) -> tuple[int, int]:
    """Where the match lies in ``value``. The rows of one sentence share one
    evidence text, so whether it is sentence ``i``'s text is asked once per
    text (``same``), not once per row: a run-on sentence with thousands of
    dates is not compared with itself thousands of times."""
    if isinstance(start, int) and isinstance(end, int):
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and sentences[i]["end"] >= end and _same(value, i, sentences, same):
            return start - sentences[i]["start"], end - sentences[i]["start"]
    if isinstance(match, str) and match and (at := value.find(match)) >= 0:
        return at, at + len(match)
    return 0, 0


def _same(value: str, i: int, sentences: list[dict], same: dict[tuple[int, int], tuple[str, bool]]) -> bool:
    key = (id(value), i)  # the text is kept in ``same``, so its id is never reused while the dict lives
    if key not in same:
        same[key] = (value, sentences[i]["text"] == value)
    return same[key][1]


def window(value: str, start: int, end: int, limit: int = EVIDENCE_CHARS) -> str:
    """At most ``limit`` characters of ``value`` around ``value[start:end]``
    (centred on it; its start when it is longer), ``…`` marking each cut."""
    if len(value) <= limit:
        return value
    start, end = max(0, min(start, len(value))), max(0, min(end, len(value)))
    lo = start if end - start >= limit else max(0, start - (limit - (end - start)) // 2)
    lo = min(lo, len(value) - limit)
    hi = lo + limit
    return (ELLIPSIS if lo else "") + value[lo:hi] + (ELLIPSIS if hi < len(value) else "")


# --------------------------------------------------------------------------- generations

GENERATION_FILE = "generation.json"
PUBLISHING = ".publishing"  # present while a generation is being moved in
CORPUS_TABLES = tuple(TABLES)  # the tables one extract writes together


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def publish(staging: Path, out_dir: Path, names: Iterable[str]) -> str:
    """Move the tables ``names`` (CSV + Parquet) and ``datapackage.json`` from
    ``staging`` into ``out_dir`` as one generation; return its id.

    ``generation.json`` (the id, and every file's sha256 and size) is written
    into ``staging`` first, then a ``.publishing`` marker into ``out_dir``,
    the old ``generation.json`` is removed, the files are renamed in, and the
    new ``generation.json`` is renamed in last and the marker removed.  A run
    that stops anywhere before leaves the previous generation untouched; one
    that stops while renaming leaves the marker, and readers refuse the
    folder.  The id is the hash of the files, so the same input gives the same
    id and byte-identical files."""
    staging, out_dir = Path(staging), Path(out_dir)
    names = list(names)
    files = {
        f"{name}.{ext}": {
            "sha256": _sha256(staging / f"{name}.{ext}"),
            "bytes": (staging / f"{name}.{ext}").stat().st_size,
        }
        for name in names
        for ext in ("csv", "parquet")
    }
    ident = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    text = json.dumps({"generation": ident, "tables": names, "files": files}, indent=2, sort_keys=True) + "\n"
    atomic_write_text(staging / GENERATION_FILE, text)
    atomic_write_text(out_dir / PUBLISHING, ident + "\n")
    (out_dir / GENERATION_FILE).unlink(missing_ok=True)
    for name in [*files, "datapackage.json"]:
        if (staging / name).exists():
            os.replace(staging / name, out_dir / name)
    os.replace(staging / GENERATION_FILE, out_dir / GENERATION_FILE)
    (out_dir / PUBLISHING).unlink()
    return ident


_VERIFIED: dict[tuple, str] = {}  # (path, size, mtime, inode) -> sha256, for files read more than once


def _verified_sha256(path: Path) -> str:
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)
    if key not in _VERIFIED:
        _VERIFIED[key] = _sha256(path)
    return _VERIFIED[key]


def check_generation(directory: Path, table: str | None = None) -> str | None:
    """The id of the generation of tables in ``directory``, after checking it
    is complete: every file listed in ``generation.json`` present at its size,
    and ``table``'s files (when given) at their sha256.  Raises
    :class:`IncompleteTables` saying what to re-run.  A folder without
    ``generation.json`` (tables written with :func:`write_table` directly, or
    by a version before generations) gives ``None`` unless a publication was
    interrupted there."""
    directory = Path(directory)
    rerun = f"re-run `oversight-research extract RAW_DIR --out {directory}`"
    if (directory / PUBLISHING).exists():
        raise IncompleteTables(
            f"{directory}: an extract stopped while moving its tables in, so they are a mix of two runs; {rerun}"
        )
    path = directory / GENERATION_FILE
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        ident, files = str(manifest["generation"]), dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IncompleteTables(f"{path} cannot be read ({exc}); {rerun}") from exc
    read = None
    if table is not None:
        read = f"{table}.parquet" if (directory / f"{table}.parquet").exists() else f"{table}.csv"
    for name, entry in files.items():
        file = directory / name
        if not file.exists():
            raise IncompleteTables(f"{directory}: {name} of generation {ident} is missing; {rerun}")
        if file.stat().st_size != entry["bytes"] or (name == read and _verified_sha256(file) != entry["sha256"]):
            raise IncompleteTables(
                f"{directory}: {name} is not the file extract wrote in generation {ident} "
                f"(replaced or changed since); {rerun}"
            )
    return ident


# What this package's writers leave when stopped: ``mkstemp``/``mkdtemp`` names
# (8 random characters, report.py's with its pid) of the files and folders it
# writes, nothing else.
_LEFTOVER = re.compile(
    r"^\.(?:(?:parts|staging)-[a-z0-9_]{8}"
    r"|.+\.(?:csv|parquet|json|ipynb|html)\.(?:\d+\.)?[a-z0-9_]{8}\.tmp|publishing\.[a-z0-9_]{8}\.tmp)$"
)


def leftovers(directory: Path) -> list[Path]:
    """Scratch folders and temporary files an interrupted run of this package
    left in ``directory`` (only names its writers make)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if _LEFTOVER.match(p.name))


def clean_leftovers(*directories: Path) -> int:
    """Remove :func:`leftovers` of ``directories`` (call only under their lock); how many."""
    removed = 0
    for directory in directories:
        for path in leftovers(directory):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed += 1
    return removed


@contextmanager
def folder_lock(directory: Path, shared: bool = False) -> Iterator[None]:
    """Hold ``directory``'s lock (``.lock``, with ``flock``) for the block:
    exclusive for a writer, shared for readers.  Fails at once with
    :class:`FolderBusy` when another run holds it."""
    directory = Path(directory)
    if fcntl is None or (shared and not directory.is_dir()):  # a reader of nothing has nothing to guard
        yield
        return
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / ".lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusy(
                f"{directory} is in use by another oversight-research run (extract, evaluate, run or "
                "report); wait until it has finished, or use another folder"
            ) from None
        yield
    finally:
        os.close(fd)


NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def is_disk_full(exc: BaseException) -> bool:
    """An ``OSError`` for a full device or quota (also Arrow's, which names the errno only in its message)."""
    if not isinstance(exc, OSError):
        return False
    return exc.errno in NO_SPACE or "No space left on device" in str(exc) or "[errno 28]" in str(exc).lower()


def size_of(path: Path) -> int:
    """Bytes of a file or of every file under a folder (0 when gone)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            with suppress(OSError):
                total += os.stat(os.path.join(root, name)).st_size
    return total


def human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000:
            return f"{n:.0f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def disk_full_error(folder: Path, written: int, previous: int = 0) -> DiskFull:
    """One line for a full device: the folder, its free space, and about how much a run needs."""
    folder = Path(folder)
    probe = folder if folder.exists() else folder.parent
    free = shutil.disk_usage(probe).free if probe.exists() else 0
    need = max(written, previous) * 2
    kept = " (the previous tables there are unchanged)" if previous else ""
    return DiskFull(
        f"no space left on the device of {folder}: {human(free)} free, this run needs about "
        f"{human(need)} (it had written {human(written)}); free some space and re-run{kept}"
    )


def datapackage(tables: Iterable[str]) -> dict:
    """A Frictionless Tabular Data Package descriptor for ``tables``: every
    resource a ``tabular-data-resource`` with its schema, primary key, foreign
    keys to the other tables present, licences and sources
    (:mod:`oversight_research.descriptor`)."""
    from .descriptor import descriptor

    return descriptor(tables)


def write_datapackage(out_dir: Path) -> Path:
    """Describe every table present in ``out_dir`` in ``datapackage.json``
    (valid for ``frictionless validate``)."""
    out_dir = Path(out_dir)
    present = [name for name in ALL_TABLES if (out_dir / f"{name}.csv").exists()]
    path = out_dir / "datapackage.json"
    text = json.dumps(datapackage(present), indent=2, ensure_ascii=False) + "\n"
    _atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path


_NULLABLE = {
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.string(): pd.StringDtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet file written by this module, with the schema's nullable dtypes."""
    return pq.read_table(path).to_pandas(types_mapper=_NULLABLE.get)


def has_table(table: str, directory: Path) -> bool:
    """Whether ``directory`` holds ``table`` (its Parquet or CSV file), so :func:`read_table` can read it."""
    return any((Path(directory) / f"{table}.{ext}").exists() for ext in ("parquet", "csv"))


# The command that writes each table not written by extract (read_table's message for a missing one).
_WRITTEN_BY = {
    **dict.fromkeys(
        ("evaluation", "evaluation_errors", "evaluation_confusion", "review_agreement"),
        "`oversight-research evaluate` writes it",
    ),
    "sentiment_validation": "`oversight-research validate-sentiment` writes it",
}


def read_table(table: str, directory: Path, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Read a table back with the schema's dtypes (Parquet preferred, read
    column-wise without a per-row detour); ``doc_ids`` keeps only their rows."""
    directory = Path(directory)
    if table not in ALL_TABLES:  # a typo in a notebook: say which names there are
        raise InputError(f"no table {table!r}: the tables are {', '.join(ALL_TABLES)}")
    check_generation(directory, table if table in CORPUS_TABLES else None)
    wanted = None if doc_ids is None else sorted(set(doc_ids))
    pq_path = directory / f"{table}.parquet"
    if not pq_path.exists() and not (directory / f"{table}.csv").exists():
        raise InputError(
            f"no {table} table in {directory}: {_WRITTEN_BY.get(table, '`oversight-research extract` writes it')}"
        )
    if pq_path.exists():
        filters = [("doc_id", "in", wanted)] if wanted else None  # Arrow cannot filter on an empty list
        data = pq.read_table(pq_path, schema=arrow_schema(table), filters=filters)
        frame = (data.slice(0, 0) if wanted == [] else data).to_pandas(types_mapper=_NULLABLE.get)
        return frame[columns(table)]
    frame = csv_unsafe(pd.read_csv(directory / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""]))
    if wanted is not None:
        frame = frame[frame["doc_id"].isin(wanted)]
    return to_frame(table, frame.to_dict("records"))


# --------------------------------------------------------------------------- part files

# Parts per row group of the final Parquet files (ten batches of documents).
PARTS_PER_ROW_GROUP = 10


def part_path(parts_dir: Path, table: str, index: int) -> Path:
    """Where the ``index``-th batch writes its rows of ``table`` (:func:`write_part`)."""
    return parts_dir / table / f"part-{index:06d}.arrow"


def read_part(parts_dir: Path, table: str, index: int) -> pa.Table:
    part = part_path(parts_dir, table, index)
    if not part.exists():
        raise InputError(
            f"{part} is missing: with --scheduler, the output folder must be on a file "
            "system every Dask worker can write to"
        )
    with pa.OSFile(str(part)) as source:
        arrow = pa.ipc.open_file(source).read_all()
    if arrow.schema != arrow_schema(table):
        raise InputError(f"{part} does not hold the columns of {table}: written by another version?")
    return arrow


def table_chunks(
    parts_dir: Path,
    table: str,
    batches: int,
    doc_case: Mapping[str, str],
    drop: Mapping[str, Collection[int]] | None = None,
    fill: Mapping[str, Mapping[str, object]] | None = None,
    groups: Iterable[range] | None = None,
) -> Iterable[pa.Table]:
    """Table ``table`` from its parts, a row group at a time in batch order
    (``groups``: the part indexes of each, :func:`engines.row_groups`; else
    ``PARTS_PER_ROW_GROUP`` parts each), with ``case_id`` filled in from ``doc_case``; without the
    machine rows (``review`` = machine) whose ``sentence_id`` is among the
    ``drop`` sentences of their document (the template-text filter); and
    with each ``fill`` column set to its value for the documents it lists
    (the others keep theirs)."""
    if groups is None:
        groups = [
            range(first, min(batches, first + PARTS_PER_ROW_GROUP)) for first in range(0, batches, PARTS_PER_ROW_GROUP)
        ]
    for group in groups:
        chunk = pa.concat_tables([read_part(parts_dir, table, index) for index in group])
        if drop:
            chunk = chunk.filter(pa.array(_kept(chunk, drop), pa.bool_()))
        if "case_id" in chunk.column_names:
            case_ids = pa.array([doc_case.get(d) for d in chunk.column("doc_id").to_pylist()], pa.string())
            chunk = chunk.set_column(chunk.column_names.index("case_id"), "case_id", case_ids)
        for column, values in (fill or {}).items():
            if not values:
                continue
            i = chunk.column_names.index(column)
            old = chunk.column(i).to_pylist()
            new = [values.get(d, o) for d, o in zip(chunk.column("doc_id").to_pylist(), old, strict=True)]
            chunk = chunk.set_column(i, column, pa.array(new, chunk.schema.field(i).type))
        yield chunk


def _kept(chunk: pa.Table, drop: Mapping[str, Collection[int]]) -> list[bool]:
    """Per row of ``chunk``: False for a machine row whose sentence is among its document's ``drop`` sentences."""
    columns = (chunk.column(c).to_pylist() for c in ("doc_id", "sentence_id", "review"))
    return [
        not (review == "machine" and sentence is not None and sentence in drop.get(doc, ()))
        for doc, sentence, review in zip(*columns, strict=True)
    ]


def count_dropped(parts_dir: Path, table: str, batches: int, drop: Mapping[str, Collection[int]]) -> dict[str, int]:
    """How many rows of each document :func:`table_chunks` leaves out of
    ``table`` with this ``drop`` (only the documents losing any)."""
    counts: dict[str, int] = {}
    if not drop:
        return counts
    for index in range(batches):
        part = read_part(parts_dir, table, index)
        for doc, kept in zip(part.column("doc_id").to_pylist(), _kept(part, drop), strict=True):
            if not kept:
                counts[doc] = counts.get(doc, 0) + 1
    return counts
