"""Fetch a list of URLs into a raw folder, politely: ``oversight-research fetch URLS.txt --raw DIR``.

Each URL of the list (one a line; blank lines and ``#`` comments skipped;
duplicates, and URLs that differ only in their ``#fragment``, fetched once)
is downloaded and saved in the raw folder as ``<host>-<path>-<hash>.html`` (``.pdf`` or ``.txt`` for those types), with a
row in the folder's ``manifest.csv``: ``doc_id``, ``source_url`` (the URL as
listed), ``final_url`` (after redirects), ``fetched`` (UTC time),
``http_status``, ``content_type`` and ``sha256`` of the bytes saved.

Politeness: ``robots.txt`` is read once per host and respected (a missing
one allows everything; one that cannot be fetched, or answers 5xx, disallows
the host, as RFC 9309 says); requests to one host are spaced by ``delay``
seconds; each request has a ``timeout``; a timeout, a dropped connection, a
429 or a 5xx is retried ``retries`` times with exponential back-off; the
user agent names the package.  Other 4xx answers and types that are not
HTML, PDF or text are reported, not saved.

Nothing is lost: every page is written (to a temporary name, then renamed)
and its manifest row recorded before the next URL is requested, so a run
that fails or is interrupted keeps what it fetched, and the next run skips
every URL the manifest lists with its file present and retries the others.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import http.client
import io
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlparse

from . import __version__, ingest
from .errors import InputError, Unreadable

USER_AGENT = f"oversight-research/{__version__} (research text collection; Python urllib)"
MANIFEST_FIELDS = ("doc_id", "source_url", *ingest.FETCH_COLUMNS)
SAVED_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf", "text/plain": ".txt"}
RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass
class Outcome:
    url: str
    result: str  # saved | skipped | failed | disallowed
    detail: str = ""
    path: Path | None = None


@dataclass
class FetchSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(o.result == result for o in self.outcomes)

    def line(self, raw_dir: Path) -> str:
        return (
            f"{len(self.outcomes)} URLs: {self.count('saved')} saved, {self.count('skipped')} already there, "
            f"{self.count('failed')} failed, {self.count('disallowed')} disallowed by robots.txt; "
            f"pages and manifest.csv in {raw_dir}"
        )


class _Failed(Exception):
    def __init__(self, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.status = status


@dataclass
class Fetcher:
    """Polite HTTP(S) GETs: per-host delay, timeout, retries with back-off, robots.txt."""

    delay: float = 2.0
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    user_agent: str = USER_AGENT
    max_bytes: int = 100_000_000
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def _wait(self, host: str) -> None:
        if host in self._last:
            remaining = self._last[host] + self.delay - time.monotonic()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = time.monotonic()

    def _open(self, url: str, accept: str):
        host = urlparse(url).netloc
        self._wait(host)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": accept})
        return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310 - http(s) checked by the caller

    def allowed(self, url: str) -> bool:
        """Whether ``robots.txt`` of the URL's host lets this user agent fetch it."""
        parts = urlparse(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                with self._open(origin + "/robots.txt", "text/plain") as response:
                    body = response.read(1_000_000).decode("utf-8", errors="replace")
                parser.parse(body.splitlines())  # type: ignore[union-attr]
            except urllib.error.HTTPError as exc:
                if 400 <= exc.code < 500:
                    parser.allow_all = True  # type: ignore[union-attr]
                else:
                    parser = None
            except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError):
                parser = None
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is not None and parser.can_fetch(self.user_agent, url)

    def get(self, url: str) -> tuple[int, str, str, bytes]:
        """(HTTP status, final URL, content type, body), retried on transient
        failures; raises :class:`_Failed` with the reason."""
        attempt = 0
        while True:
            try:
                with self._open(
                    url, "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"
                ) as response:
                    body = response.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        raise _Failed(f"larger than {self.max_bytes} bytes; not saved", response.status)
                    content_type = (response.headers.get_content_type() or "").lower()
                    return response.status, response.geturl(), content_type, body
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES or attempt >= self.retries:
                    raise _Failed(f"HTTP {exc.code} {exc.reason}", exc.code) from exc
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError, http.client.HTTPException) as exc:
                if attempt >= self.retries:  # (HTTPException: a response cut off midway, a malformed one)
                    raise _Failed(f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}") from exc
            attempt += 1  # a transient failure: wait, then try again
            self.sleep(self.backoff * 2 ** (attempt - 1))


def read_url_list(path: Path) -> list[str]:
    """The URLs of a list file: one a line, blanks and ``#`` comments skipped, duplicates once
    (the first of those naming one page: URLs that differ only in their ``#fragment``)."""
    try:
        text, _, _ = ingest.decode(Path(path).read_bytes())
    except OSError as exc:
        raise InputError(f"URL list {path} cannot be read: {exc.strerror or exc}") from exc
    except Unreadable as exc:
        raise InputError(f"URL list {path}: {exc}") from exc
    urls = [line.strip() for line in text.splitlines()]
    # one URL per page: ``page#top`` is ``page`` (a fragment never reaches the server)
    first: dict[str, str] = {}
    for url in urls:
        if url and not url.startswith("#"):
            first.setdefault(_page(url), url)
    return list(first.values())


def _page(url: str) -> str:
    """The URL without its fragment: what the server is asked for (a URL
    that does not parse is kept as it is, to fail on its own)."""
    try:
        return urldefrag(url).url
    except ValueError:
        return url


def file_name(url: str, extension: str) -> str:
    """``<host>-<path words>-<8 hex of the URL's hash><extension>``: readable, unique per URL."""
    parts = urlparse(url)
    words = re.sub(r"[^a-z0-9]+", "-", f"{parts.hostname or ''} {parts.path} {parts.query}".lower()).strip("-")
    return f"{words[:80].rstrip('-') or 'page'}-{hashlib.sha256(url.encode()).hexdigest()[:8]}{extension}"


def _read_manifest_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The manifest's columns, as its header spells them, and its rows (keyed
    by the lower-cased names :func:`ingest.read_csv_file` gives).
    :class:`InputError` when a row holds cells beyond the header: ``fetch``
    writes the manifest again to add its rows, and they would be lost."""
    if not path.is_file():
        return [], []
    found, problems = ingest.read_csv_file(path)
    if lost := [p for p in problems if "under no column of the header" in p]:
        more = f" (and {len(lost) - 1} more)" if len(lost) > 1 else ""
        raise InputError(
            f"{lost[0]}{more}; fetch writes {path} again to add its rows and would lose such a cell: "
            "fix the line first, then fetch again"
        )
    return list(_header(path).values()), [row for _, row in found]


def _header(path: Path) -> dict[str, str]:
    """The manifest's column names, lower-cased (as rows are keyed) → as its header spells them."""
    text = ingest.decode(path.read_bytes())[0]
    first = next(csv.reader(io.StringIO(text, newline=""), delimiter=ingest.csv_delimiter(text)), [])
    return {name.strip().lower(): name.strip() for name in first if name.strip()}


def _write_manifest(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write the manifest: its own columns as the user spelt them, then those fetch adds."""
    names = {h.lower(): h for h in header}
    fields = list(dict.fromkeys([*names, *MANIFEST_FIELDS])) if header else list(MANIFEST_FIELDS)
    fd, tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            writer.writerow({f: names.get(f, f) for f in fields})
            writer.writerows({k: row.get(k, "") for k in fields} for row in rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _save(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch_urls(
    url_list: Path, raw_dir: Path, fetcher: Fetcher | None = None, on_outcome: Callable[[Outcome], None] | None = None
) -> FetchSummary:
    """Fetch every URL of ``url_list`` into ``raw_dir`` (see the module docstring)."""
    fetcher = fetcher or Fetcher()
    urls = read_url_list(url_list)  # before anything is made: a list that is missing or empty is one line
    if not urls:
        raise InputError(f"URL list {url_list} holds no URL: one http(s) address a line (# starts a comment)")
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    manifest = raw_dir / "manifest.csv"
    header, rows = _read_manifest_rows(manifest)
    present = {
        _page(row.get("source_url", "")): row
        for row in rows
        if row.get("source_url")
        and any((raw_dir / f"{row.get('doc_id')}{ext}").is_file() for ext in set(SAVED_TYPES.values()))
    }
    summary = FetchSummary()
    for url in urls:
        outcome = _fetch_one(url, raw_dir, fetcher, present, header, rows, manifest)
        summary.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return summary


def _url_problem(url: str) -> str | None:
    """Why ``url`` cannot be requested, or None: each is one failure of the
    list, never the end of the run."""
    try:
        parts = urlparse(url)
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "not an http(s) URL"
    if re.search(r"[\x00-\x20\x7f]", url):
        return "holds a space or a control character: write it percent-encoded (a space is %20)"
    return None


def _fetch_one(
    url: str,
    raw_dir: Path,
    fetcher: Fetcher,
    present: dict,
    header: list[str],
    rows: list[dict[str, str]],
    manifest: Path,
) -> Outcome:
    if problem := _url_problem(url):
        return Outcome(url, "failed", problem)
    if _page(url) in present:
        return Outcome(url, "skipped", "already fetched (listed in manifest.csv, file present)")
    if not fetcher.allowed(url):
        return Outcome(url, "disallowed", "robots.txt disallows it (or could not be read)")
    try:
        status, final_url, content_type, body = fetcher.get(url)
    except _Failed as exc:
        return Outcome(url, "failed", str(exc))
    extension = SAVED_TYPES.get(content_type)
    if extension is None:
        return Outcome(url, "failed", f"content type {content_type or 'unknown'} is not HTML, PDF or text; not saved")
    path = raw_dir / file_name(url, extension)
    _save(path, body)
    row = {
        "doc_id": path.stem,
        "source_url": url,
        "final_url": final_url,
        "fetched": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "http_status": str(status),
        "content_type": content_type,
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    rows[:] = [r for r in rows if r.get("doc_id") != path.stem] + [row]
    _write_manifest(manifest, header, rows)
    present[_page(url)] = row
    return Outcome(url, "saved", f"HTTP {status}, {len(body)} bytes", path)
