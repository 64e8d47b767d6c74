"""Write and read the package's tables: CSV + Parquet + ``datapackage.json``.

Every write goes to a temporary file in the target folder and is then renamed
over the final name, so an interrupted run never leaves a half-written table.
Rows are written in the order given (the pipeline sorts them), with no
timestamps anywhere, so the same input gives byte-identical files.

CSV files are written by Arrow (RFC 4180, UTF-8, ``\n`` line ends): a header
row, every text value in double quotes, numbers and ``true``/``false``
unquoted, and a missing value as an empty field, so a missing value and an
empty text (``""``) stay distinct.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .errors import InputError
from .schema import ALL_TABLES, Field, columns

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
    """Rows (dicts) → an Arrow table with the schema's columns and types, built
    column by column in pyarrow (the same values as :func:`to_frame`, without
    a per-cell Python detour for values that already have the right type)."""
    return pa.Table.from_arrays([_arrow_column([row.get(f.name) for row in rows], f) for f in ALL_TABLES[table]],
                                schema=arrow_schema(table))


def _arrow_column(values: list, field: Field) -> pa.Array:
    if field.type != "number":  # numbers are always rounded by _coerce
        try:
            return pa.array(values, type=_ARROW[field.type])
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass  # some value needs coercing (an int in a text column, a NaN)
    return pa.array([_coerce(v, field) for v in values], type=_ARROW[field.type])


def write_part(table: str, rows: list[Mapping[str, object]], path: Path) -> None:
    """Rows of one batch as a scratch Parquet part (read back by :func:`read_parquet`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic(path, lambda tmp: pq.write_table(rows_to_arrow(table, rows), tmp))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    _atomic(Path(path), lambda tmp: Path(tmp).write_bytes(data))


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
        with pa_csv.CSVWriter(temps[0], arrow_schema(table)) as csv_file, \
                pq.ParquetWriter(temps[1], arrow_schema(table), compression="zstd") as parquet:
            for chunk in chunks:
                if chunk.num_rows:
                    csv_file.write_table(chunk)
                    parquet.write_table(chunk)
        for temp, path in zip(temps, paths, strict=True):
            os.replace(temp, path)
    except BaseException:
        for temp in temps:
            Path(temp).unlink(missing_ok=True)
        raise
    return paths


def _temp(path: Path) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return tmp


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


_NULLABLE = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(), pa.string(): pd.StringDtype(),
             pa.bool_(): pd.BooleanDtype()}


def read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet file written by this module, with the schema's nullable dtypes."""
    return pq.read_table(path).to_pandas(types_mapper=_NULLABLE.get)


def read_table(table: str, directory: Path, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Read a table back with the schema's dtypes (Parquet preferred, read
    column-wise without a per-row detour); ``doc_ids`` keeps only their rows."""
    directory = Path(directory)
    pq_path = directory / f"{table}.parquet"
    if pq_path.exists():
        filters = [("doc_id", "in", sorted(doc_ids))] if doc_ids is not None else None
        frame = pq.read_table(pq_path, schema=arrow_schema(table), filters=filters).to_pandas(
            types_mapper=_NULLABLE.get)
        return frame[columns(table)]
    frame = pd.read_csv(directory / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""])
    if doc_ids is not None:
        frame = frame[frame["doc_id"].isin(set(doc_ids))]
    return to_frame(table, frame.to_dict("records"))


# --------------------------------------------------------------------------- part files

# Parts per row group of the final Parquet files (ten batches of documents).
PARTS_PER_ROW_GROUP = 10


def part_path(parts_dir: Path, table: str, index: int) -> Path:
    """Where the ``index``-th batch writes its rows of ``table``."""
    return parts_dir / table / f"part-{index:06d}.parquet"


def read_part(parts_dir: Path, table: str, index: int) -> pa.Table:
    part = part_path(parts_dir, table, index)
    if not part.exists():
        raise InputError(f"{part} is missing: with --scheduler, the output folder must be on a file "
                         "system every Dask worker can write to")
    return pq.read_table(part, schema=arrow_schema(table))


def table_chunks(parts_dir: Path, table: str, batches: int, doc_case: dict[str, str]) -> Iterable[pa.Table]:
    """Table ``table`` from its parts, ``PARTS_PER_ROW_GROUP`` at a time in
    batch order, with ``case_id`` filled in from ``doc_case``."""
    for first in range(0, batches, PARTS_PER_ROW_GROUP):
        chunk = pa.concat_tables([read_part(parts_dir, table, index)
                                  for index in range(first, min(batches, first + PARTS_PER_ROW_GROUP))])
        if "case_id" in chunk.column_names:
            case_ids = pa.array([doc_case.get(d) for d in chunk.column("doc_id").to_pylist()], pa.string())
            chunk = chunk.set_column(chunk.column_names.index("case_id"), "case_id", case_ids)
        yield chunk
