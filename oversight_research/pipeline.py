"""The extraction pipeline: raw folder → every table in an output folder.

This module only orchestrates.  Per-document extraction is :mod:`extract`
(through the cache of :mod:`cache`), mapped over the corpus in batches by an
engine of :mod:`engines`; each batch's rows go to Parquet parts in a scratch
folder inside the output folder.  Corpus-level work (grouping documents into
cases, :mod:`cases`) runs afterwards on the small per-document case keys, and
the final tables are written part by part with their ``case_id`` filled in
(:mod:`tables`).
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import cases as cases_mod
from . import ingest, tables
from .engines import DOCUMENT_TABLES, Counts, map_batches
from .errors import InputError
from .schema import columns

CORPUS_TABLES = (*DOCUMENT_TABLES, "cases")


@dataclass
class Summary(Counts):
    written: list[Path] = field(default_factory=list)
    out_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.documents} documents read ({self.cached} unchanged, from the cache), {self.problems} with "
            f"problems ({self.unreadable} unreadable), {len(CORPUS_TABLES)} tables written to {self.out_dir}"
        )


def raw_files(raw_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Every file under ``raw_dir``, subfolders included (sorted; hidden files
    and the manifest, cases and sources files aside): each becomes one row of
    ``articles``, an unsupported type an ``unreadable`` one.  An ``out_dir``
    equal to or inside ``raw_dir`` is refused (the tables would overwrite the
    user's files and be read as documents next time)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(f"input folder {raw_dir} does not exist or is not a folder")
    if out_dir is not None and (out := Path(out_dir).resolve()).is_relative_to(raw_dir.resolve()):
        where = "the" if out == raw_dir.resolve() else "inside the"
        raise InputError(f"output folder {out_dir} is {where} input folder {raw_dir}; choose one outside it")
    return ingest.list_raw_files(raw_dir)


def _write_table(name: str, parts_dir: Path, batches: int, doc_case: dict[str, str], out_dir: Path) -> list[Path]:
    return tables.write_table_chunks(name, tables.table_chunks(parts_dir, name, batches, doc_case), out_dir)


def _write_document_tables(parts_dir: Path, batches: int, doc_case: dict[str, str], out_dir: Path,
                           jobs: int) -> list[Path]:
    """Write the per-document tables from their parts, ``jobs`` tables at a
    time (the largest, sentences, first); tables without ``case_id`` are not
    sent the case map."""
    work = [(name, parts_dir, batches, doc_case if "case_id" in columns(name) else {}, out_dir)
            for name in ("sentences", "statements", "events", "outcomes", "articles", "missed_opportunities")]
    if jobs <= 1:
        written = [_write_table(*args) for args in work]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            written = list(pool.map(_write_table, *zip(*work, strict=True)))
    by_name = dict(zip((args[0] for args in work), written, strict=True))
    return [path for name in DOCUMENT_TABLES for path in by_name[name]]


def extract(raw_dir: Path, out_dir: Path, jobs: int = 1, progress: bool = True, cache: bool = True,
            engine: str = "processes", scheduler: str | None = None) -> Summary:
    """Extract every table from ``raw_dir`` into ``out_dir``.

    Workers write each batch's rows as Parquet parts in a scratch folder
    inside ``out_dir`` (a partitioned dataset, so memory holds one batch
    whatever the corpus size); cases are then grouped from the small case
    keys and the final tables written part by part with ``case_id`` filled."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    paths = raw_files(raw_dir, out_dir)
    if not paths:
        raise InputError(f"no files in {raw_dir}")
    manifest, warnings = ingest.read_manifest(raw_dir, {ingest.doc_id(p, raw_dir) for p in paths})
    warnings += ingest.read_cases_file(raw_dir)[1]
    out_dir.mkdir(parents=True, exist_ok=True)
    parts_dir = Path(tempfile.mkdtemp(prefix=".parts-", dir=out_dir))
    summary, keys, batches = Summary(out_dir=out_dir, warnings=warnings), [], 0
    try:
        for batch in map_batches(paths, raw_dir, manifest, parts_dir, jobs, progress,
                                 out_dir / ".cache" if cache else None, engine, scheduler):
            summary.add(batch)
            keys.extend(batch.case_keys)
            batches += 1
        case_rows, doc_case = cases_mod.group(keys, cases_mod.read_overrides(raw_dir))
        summary.written += _write_document_tables(parts_dir, batches, doc_case, out_dir, jobs)
        summary.written += tables.write_table("cases", tables.to_frame("cases", case_rows), out_dir)
        summary.written.append(tables.write_datapackage(out_dir))
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    return summary
