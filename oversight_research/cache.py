"""The per-document cache under ``<out>/.cache``.

An entry is keyed on the raw file's bytes, its name, its manifest row and a
fingerprint of the package's code and rules (:func:`code_fingerprint`): any
change to any of them re-extracts the document; re-running after adding one
document extracts only that one.

Entries are data, never code: JSON, behind a header holding the sha256 of
the JSON (``oversight-research-cache 1 <sha256>\\n<json>``), so loading one
cannot run anything (unlike a pickle, which anyone able to write to the
output folder could turn into code run by the next ``extract``).  An entry
that is truncated, damaged, of another format or unreadable (another user's,
without read permission) is re-extracted with a warning, never fatal; one
that cannot be written is skipped with a warning.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from . import __version__, ingest, tables
from .errors import Unreadable
from .extract import extract_document

MAGIC = b"oversight-research-cache 1 "
SUFFIX = ".json"


@cache
def code_fingerprint() -> str:
    """Hash of the package's code and rules: any change invalidates the cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.yaml")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read(path: Path, raw_dir: Path) -> bytes | None:
    try:
        return ingest.read_inside(path, raw_dir)
    except (Unreadable, OSError):
        return None  # unreadable files are cheap to re-read; symlinks outside are never followed


def _cache_path(cache_dir: Path, data: bytes, name: str, manifest_row: dict | None) -> Path:
    key = hashlib.sha256(data)
    key.update(json.dumps([name, manifest_row, code_fingerprint()], sort_keys=True).encode())
    digest = key.hexdigest()
    return cache_dir / digest[:2] / f"{digest}{SUFFIX}"


def encode(result: dict[str, list[dict]]) -> bytes:
    """A cache entry: the header with the payload's sha256, then the JSON payload."""
    payload = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload


def decode(data: bytes) -> dict[str, list[dict]]:
    """The result stored by :func:`encode`; ``ValueError`` when it is not one, intact."""
    header, newline, payload = data.partition(b"\n")
    if not newline or not header.startswith(MAGIC):
        raise ValueError("not a cache entry of this version" if data else "empty")
    if hashlib.sha256(payload).hexdigest().encode("ascii") != header[len(MAGIC) :]:
        raise ValueError("its content does not match its hash (truncated or damaged)")
    result = json.loads(payload.decode("utf-8"))
    if not isinstance(result, dict) or not all(isinstance(rows, list) for rows in result.values()):
        raise ValueError("not a table → rows mapping")
    return result


def load(where: Path) -> tuple[dict[str, list[dict]] | None, str | None]:
    """An entry and ``None``; or ``None`` and a warning when it exists but cannot be used."""
    try:
        data = where.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"cache entry {where} cannot be read ({exc.strerror or exc}); re-extracted"
    try:
        return decode(data), None
    except (ValueError, UnicodeDecodeError) as exc:
        return None, f"cache entry {where} is damaged ({exc}); re-extracted"


def extract_cached(
    path: Path, raw_dir: Path, manifest_row: dict | None, cache_dir: Path | None
) -> tuple[dict[str, list[dict]], bool, list[str]]:
    """:func:`extract.extract_document` (its long evidence capped,
    :func:`tables.cap_evidence`), read from the cache when the same bytes were
    extracted by the same code before; whether it was; and warnings about
    cache entries that could not be used or written."""
    data = _read(path, raw_dir) if cache_dir else None  # read once: for the key and for the extraction
    where = _cache_path(cache_dir, data, path.name, manifest_row) if cache_dir and data is not None else None
    warnings: list[str] = []
    if where is not None:
        result, warning = load(where)
        if result is not None:
            return result, True, warnings
        if warning:
            warnings.append(warning)
    result = extract_document(path, raw_dir, manifest_row, data)
    tables.cap_evidence(result)
    if where is not None:
        try:
            tables.atomic_write_bytes(where, encode(result))  # makes the folder when needed
        except OSError as exc:
            if tables.is_disk_full(exc):
                raise
            warnings.append(f"cache entry {where} cannot be written ({exc.strerror or exc}); not cached")
        except (TypeError, ValueError) as exc:  # a value JSON cannot hold: a bug, but not worth the run
            warnings.append(f"{path.name}: its rows cannot be cached ({exc})")
    return result, False, warnings
