"""The per-document cache under ``<out>/.cache``.

An entry is keyed on the raw file's bytes, its name, its manifest row and a
fingerprint of the package's code and rules (:func:`code_fingerprint`): any
change to any of them re-extracts the document; re-running after adding one
document extracts only that one.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from functools import cache
from pathlib import Path

from . import __version__, ingest, tables
from .errors import Unreadable
from .extract import extract_document


@cache
def code_fingerprint() -> str:
    """Hash of the package's code and rules: any change invalidates the cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.yaml")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _cache_path(cache_dir: Path, path: Path, raw_dir: Path, manifest_row: dict | None) -> Path | None:
    try:
        data = ingest.read_inside(path, raw_dir)
    except (Unreadable, OSError):
        return None  # unreadable files are cheap to re-read; symlinks outside are never followed
    key = hashlib.sha256(data)
    key.update(json.dumps([path.name, manifest_row, code_fingerprint()], sort_keys=True).encode())
    digest = key.hexdigest()
    return cache_dir / digest[:2] / f"{digest}.pickle"


def extract_cached(path: Path, raw_dir: Path, manifest_row: dict | None,
                   cache_dir: Path | None) -> tuple[dict[str, list[dict]], bool]:
    """:func:`extract.extract_document`, read from the cache when the same
    bytes were extracted by the same code before; and whether it was."""
    where = _cache_path(cache_dir, path, raw_dir, manifest_row) if cache_dir else None
    if where is not None and where.exists():
        with where.open("rb") as fh:
            return pickle.load(fh), True
    result = extract_document(path, raw_dir, manifest_row)
    if where is not None:
        where.parent.mkdir(parents=True, exist_ok=True)
        tables.atomic_write_bytes(where, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result, False
