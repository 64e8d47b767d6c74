"""Ingest: raw file → :class:`Document` (decoded text, paragraphs, metadata).

The document text is the raw file decoded (UTF-8, UTF-8 with BOM, UTF-16,
else cp1252/latin-1; mojibake repaired where detected) — or, for HTML, the
main text that trafilatura extracts.  Nothing is deleted from it: page chrome
(share buttons, sign-in forms, newsletter blocks, related-article lists, image
file names) is *classified* line by line and left out of the article
paragraphs, with a count per reason.  Forum replies are kept as ``comment``
paragraphs, photo captions as ``caption`` paragraphs.

Which reader a file gets depends on its type (:data:`READERS`): plain text
(``.txt``, ``.text``, ``.md``, no extension), HTML (``.html``, ``.htm``,
``.xhtml``, or any text file that starts like an HTML page) and PDF (``.pdf``,
or any file starting with ``%PDF``, through :mod:`pdf`, with the offset of
every page kept).  Any other file is still a document: an ``unreadable`` row
saying its type is not supported.  :func:`doc_id` names documents
(:func:`list_raw_files` lists them), :func:`read_manifest` reads
``manifest.csv`` and ``SOURCES.csv``, :func:`read_cases_file` reads
``cases.csv`` — all three decoded like documents, with the delimiter sniffed.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import csv
import datetime as dt
import email.utils
import hashlib
import io
import json
import logging
import os
import re
import stat
import sys
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import zip_longest
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlparse

from . import pdf
from .errors import InputError, Unreadable
from .rules import ingest as ingest_rules
from .text import (
    LINE_ENDS,
    Cues,
    Span,
    count_words,
    holds_literal,
    lower_same_length,
    sentences,
    strip_span,
)

# The reader each file type gets; every other file is an ``unreadable`` row.
READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
SUFFIXES = tuple(s for s in READERS if s)
# Files at the top of the raw folder that describe the corpus, not documents.
CONTROL_FILES = ("manifest.csv", "cases.csv", "SOURCES.csv")
_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")
_MOJIBAKE = re.compile("â€[œ\x9d™˜“”¦\x93\x94]|Ã[\xa0-\xbf©¨]|Â[\xa0£©]")
_MOJIBAKE_LEADS = ("â€", "Ã", "Â")  # every match of _MOJIBAKE opens with one of them
_TERMINAL = re.compile(r"""[.!?:;]["'”’)]*\s*$""")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str  # article | comment | caption


@dataclass(frozen=True)
class Metadata:
    """What is known about a document besides its text, one field per fact.

    Found in the text (:func:`detect_metadata`) or in an HTML page's tags
    (:func:`html_main_text`); the manifest's values (:data:`MANIFEST_FIELDS`)
    override both.  A fact nobody states is ``None``."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    # where ``published`` came from: manifest, header, stamp, meta, json-ld, time, url, trafilatura or none
    published_source: str = "none"
    source_url: str | None = None
    reference: str | None = None  # the oversight body's case reference ("IOPC reference 2016/070829")
    author: str | None = None
    licence: str | None = None


@dataclass(frozen=True)
class Document:
    """One raw file read: its text, paragraphs and metadata, and what went wrong reading it.

    Frozen: every extractor reads the same document and none can change it.
    Its problems are kept by origin, in the order the articles table lists
    them (:attr:`problems`): reading the file into text, the manifest's row,
    and the text read holding no article.  Problems found later (an extractor
    that failed) are not the document's: :func:`article_row` adds them.

    The per-document view every extractor shares, worked out once on first
    use: :attr:`lowered` (the text lower-cased with every offset kept) and
    :attr:`paragraph_sentences` (the sentence spans of each paragraph, which
    :func:`sentence_spans` walks)."""

    doc_id: str
    path: str
    sha256: str = ""
    text: str = ""
    encoding: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    metadata: Metadata = Metadata()
    # chrome lines left out per reason (a read-only Counter: a reason not found counts 0)
    boilerplate: Mapping[str, int] = field(default_factory=lambda: MappingProxyType(Counter()))
    comment_lines: int = 0
    reading_problems: tuple[str, ...] = ()  # decoding, PDF or HTML extraction, size, the parsing libraries' messages
    manifest_problems: tuple[str, ...] = ()  # the manifest's row (a bad date, a duplicate doc_id)
    content_problems: tuple[str, ...] = ()  # the text read is empty or holds no article text
    status: str = "ok"  # ok | partial | unreadable
    page_starts: tuple[int, ...] = ()  # PDFs: offset where each page starts

    def __post_init__(self) -> None:
        # a caller may hand in lists and a Counter (tests build documents by hand): kept as tuples and a
        # read-only view of a copy, so nothing can change them
        if not isinstance(self.boilerplate, MappingProxyType):
            object.__setattr__(self, "boilerplate", MappingProxyType(Counter(self.boilerplate)))
        for name in ("paragraphs", "reading_problems", "manifest_problems", "content_problems", "page_starts"):
            if not isinstance(value := getattr(self, name), tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def problems(self) -> tuple[str, ...]:
        """Every problem of the document, in the order the articles table lists them."""
        return (*self.reading_problems, *self.manifest_problems, *self.content_problems)

    def article_paragraphs(self, kinds: tuple[str, ...] = ("article",)) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind in kinds]

    # ---- the per-document view (cached_property writes the instance's __dict__, which frozen allows)

    @cached_property
    def lowered(self) -> str:
        """:attr:`text` lower-cased without moving any offset (:func:`text.lower_same_length`),
        for every cue matched on lower-cased text; computed once per document."""
        return lower_same_length(self.text)

    @cached_property
    def paragraph_sentences(self) -> tuple[tuple[Span, ...], ...]:
        """The sentence spans of each paragraph (``paragraph_sentences[i]`` are
        those of ``paragraphs[i]``), split once and shared by every extractor."""
        return tuple(tuple(sentences(self.text, Span(p.start, p.end))) for p in self.paragraphs)


# --------------------------------------------------------------------------- decoding


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return head.startswith(_MAGIC) or head.count(b"\x00") > len(head) // 100


def _looks_binary_text(text: str) -> bool:
    """Whether text decoded from UTF-16 is binary behind a BOM: more than 1% of its
    first 4,096 characters are controls (NUL among them), unpaired surrogates
    (U+FFFD), private-use or unassigned code points, which no written text holds."""
    head = text[:4096]
    odd = sum(c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\n\r\f\v") for c in head)
    return odd > len(head) // 100


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes → (text, encoding used, problems). Raises :class:`Unreadable`."""
    if not data:
        return "", "", []
    if data.startswith(codecs.BOM_UTF8) and not _looks_binary(data[3:]):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
        if not _looks_binary_text(text):
            return text, "utf-16", []
    if _looks_binary(data) or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Unreadable("binary file, not text (e.g. an image or PDF saved with a text extension)")
    problems: list[str] = []
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8":
            problems.append(f"not valid UTF-8; decoded as {encoding}")
        break
    if any(map(text.__contains__, _MOJIBAKE_LEADS)) and _MOJIBAKE.search(text):  # (substring tests first: fast)
        import ftfy

        repaired = ftfy.fix_encoding(text)
        if repaired != text:
            text = repaired
            problems.append("mojibake (UTF-8 read as cp1252) repaired with ftfy; offsets refer to the repaired text")
        else:
            problems.append("mojibake (UTF-8 read as cp1252) found and could not be repaired")
    return text, encoding, problems


def _is_html(path: Path, text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return path.suffix.lower() in (".html", ".htm") or head.startswith(("<!doctype html", "<html"))


def html_main_text(html: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page, with trafilatura and the page's own tags.

    The metadata holds title, publisher, source URL and author where found,
    ``published`` with ``published_source`` when the page's tags date it
    (``meta``, ``json-ld``, ``time``), else ``fallback_published`` (from the URL
    or trafilatura's own date search) for :func:`read_document` to use when
    the text itself prints no date; and ``furniture``, the number of text
    blocks of the page left out of the main text (the page's chrome)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    found: dict[str, Any] = {}
    if meta is not None:
        publisher = meta.sitename
        if publisher and " " not in publisher and "." in publisher:  # a host name: a known publisher's name instead
            publisher = _publisher_from_url(meta.url or f"https://{publisher}") or publisher
        found = {
            "title": meta.title,
            "publisher": publisher,
            "source_url": meta.url,
            "author": meta.author,
            "licence": meta.license,
        }
    tree = _parse_html(html)
    if tree is not None:
        date, source = _tagged_date(tree)
        if date:
            found["published"], found["published_source"] = date, source
        elif (url_date := _url_date(found.get("source_url") or "")) is not None:
            found["fallback_published"] = (url_date, "url")
        found["furniture"] = _furniture_blocks(tree, text)
    if (
        "published" not in found
        and "fallback_published" not in found
        and meta is not None
        and meta.date
        and (parsed := parse_date(meta.date))
    ):
        found["fallback_published"] = (parsed, "trafilatura")
    return text, {k: v for k, v in found.items() if v}


def _parse_html(html: str) -> Any:  # an lxml tree, or None
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html.encode("utf-8", errors="replace"))
    except (etree.ParserError, ValueError):
        return None


def _tagged_date(tree: Any) -> tuple[str | None, str]:
    """The publication date the page's tags state, and which tag: ``meta``
    (``article:published_time`` and the names of ``html_date_meta``),
    ``json-ld`` (``datePublished``), ``time`` (a ``<time datetime>`` marked as
    the publication, else the first in the article)."""
    names = ingest_rules.load().html_date_meta
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        if key in names and (parsed := parse_date(node.get("content") or "")):
            return parsed, "meta"
    for node in tree.iter("script"):
        if (node.get("type") or "").strip().lower() == "application/ld+json":
            try:
                data = json.loads(node.text or "")
            except ValueError:
                continue
            for value in _json_values(data, ("datePublished", "dateCreated")):
                if isinstance(value, str) and (parsed := parse_date(value)):
                    return parsed, "json-ld"
    times = [n for n in tree.iter("time") if n.get("datetime")]
    marked = [
        n
        for n in times
        if n.get("pubdate") is not None
        or (n.get("itemprop") or "").lower() == "datepublished"
        or "publish" in (n.get("class") or "").lower()
    ]
    for node in marked + times:
        if parsed := parse_date(node.get("datetime") or ""):
            return parsed, "time"
    return None, "none"


def _json_values(data: object, keys: tuple[str, ...]) -> Iterator[object]:
    """Values of ``keys`` anywhere in a JSON-LD document, keys in order of preference."""
    for key in keys:
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if key in item:
                    yield item[key]
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)


def _url_date(url: str) -> str | None:
    """A full date in a URL's path (/2024/05/21/, 2024-05-21), else None."""
    path = urlparse(url).path
    found = re.search(r"(?<!\d)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?!\d)", path)
    if found is None:
        return None
    try:
        return dt.date(*(int(g) for g in found.groups())).isoformat()
    except ValueError:
        return None


_BLOCKS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "figcaption",
    "caption",
    "div",
    "summary",
    "legend",
    "nav",
    "header",
    "footer",
    "section",
    "article",
    "aside",
    "form",
    "main",
    "ul",
    "ol",
    "table",
    "address",
    "pre",
)


def _furniture_blocks(tree: Any, main_text: str) -> int:
    """Text blocks of the page (innermost block elements, scripts and styles
    aside) whose text is not in the main text: what trafilatura left out.
    On pages whose main text passes 200,000 characters only whole kept lines
    are compared (no substring search per block), so the count stays linear."""
    kept = re.sub(r"\s+", " ", main_text)
    kept_lines = {re.sub(r"\s+", " ", line).strip() for line in main_text.splitlines()}
    search = len(kept) <= 200_000  # a substring search per block only where it stays cheap
    count = 0
    for node in tree.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in node.iterdescendants() if isinstance(child.tag, str)):
            continue
        if any(a.tag in ("script", "style", "noscript", "template", "head") for a in node.iterancestors()):
            continue
        words = re.sub(r"\s+", " ", node.text_content()).strip()
        if re.search(r"\w", words) and words not in kept_lines and (not search or words not in kept):
            count += 1
    return count


@contextlib.contextmanager
def third_party_messages(
    problems: list[str], loggers: tuple[str, ...] = ("trafilatura", "htmldate", "courlan", "pypdf", "lxml")
) -> Iterator[None]:
    """Capture the warnings and log records the parsing libraries emit while
    one document is read into that document's ``problems`` (instead of
    printing them without a file name)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"{record.name.split('.')[0]}: {record.levelname.lower()}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    saved = []
    for name in loggers:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate))
        logger.addHandler(handler)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        messages += [f"{w.category.__name__}: {w.message}" for w in caught]
    finally:
        for logger, propagate in saved:
            logger.removeHandler(handler)
            logger.propagate = propagate
    unique = list(dict.fromkeys(m[:300] for m in messages))
    problems += [f"library message: {m}" for m in unique[:5]]
    if len(unique) > 5:
        problems.append(f"{len(unique) - 5} further library message(s)")


# --------------------------------------------------------------------------- chrome


@dataclass(frozen=True)
class Line:
    span: Span
    kind: str  # article | comment | caption | chrome | blank
    reason: str = ""


@cache
def _chrome_rules() -> tuple[
    list[tuple[str, re.Pattern[str]]], list[tuple[str, Cues]], re.Pattern[str], re.Pattern[str], re.Pattern[str]
]:
    """The chrome rules of ``rules/ingest.yaml``, compiled once: whole-line
    patterns and "contains" cues per reason, the metadata header, the
    reference heading and the publisher labels."""
    r = ingest_rules.load()
    return list(r.chrome_lines), list(r.chrome_contains), r.metadata_header, r.reference_heading, r.publisher_labels


@cache
def _chrome_matchers() -> tuple[
    re.Pattern[str], list[tuple[str, str]], list[tuple[str, Cues]], frozenset[str] | None, re.Pattern[str]
]:
    """:func:`_chrome_rules` as two regexes: the whole-line patterns as one
    alternation with a named group per reason, and the metadata header,
    reference heading (whole line: ``\\Z``) and publisher labels as another.
    ``match`` tries an alternation's branches in order and takes the first
    that matches, so the first group that matched names the reason the
    checks one by one would have found first (all are case-insensitive and
    none refers to a group by number).  With them, the literals one of which
    a "contains" cue needs (None: some cue needs none)."""
    whole_lines, contains, header, reference, labels = _chrome_rules()
    named = [(f"c{k}", reason) for k, (reason, _) in enumerate(whole_lines)]
    whole = re.compile(
        "|".join(f"(?P<{name}>{p.pattern})" for (name, _), (_, p) in zip(named, whole_lines, strict=True)),
        re.IGNORECASE,
    )
    assert all(p.flags == whole.flags for _, p in whole_lines) and header.flags == reference.flags == labels.flags
    tail = re.compile(
        f"(?P<h>{header.pattern})|(?P<r>(?:{reference.pattern})\\Z)|(?P<l>{labels.pattern})", reference.flags
    )
    needed = [cues.literals for _, cues in contains]
    literals = None if None in needed else frozenset[str]().union(*(n for n in needed if n is not None))
    return whole, named, contains, literals, tail


_TAIL_REASONS = (("h", "metadata header"), ("r", "reference"), ("l", "publisher label"))


def _chrome_reason(line: str, may_contain: bool = True) -> str:
    """Why ``line`` is chrome ("" when it is not); ``may_contain`` False when
    the line is known to hold none of the literals a "contains" cue needs."""
    whole, named, contains, literals, tail = _chrome_matchers()
    if m := whole.match(line):
        return next(reason for name, reason in named if m.start(name) != -1)
    if may_contain and holds_literal(lowered := lower_same_length(line), literals):  # else no "contains" cue can match
        for reason, cues in contains:
            if cues.search(lowered):
                return reason
    if m := tail.match(line):
        return next(reason for name, reason in _TAIL_REASONS if m.start(name) != -1)
    return ""


# the line endings other than "\n" (str.splitlines ends lines at each of LINE_ENDS)
_OTHER_LINE_ENDS = LINE_ENDS.replace("\n", "")


def _ends_lines_at_newlines_only(text: str) -> bool:
    """Whether "\\n" is the only line ending in ``text`` (a substring test per
    character: several times cheaper than one regex scan for all of them)."""
    for end in _OTHER_LINE_ENDS:  # noqa: SIM110  (a plain loop, as text.holds_literal)
        if end in text:
            return False
    return True


def _stripped_lines(text: str) -> list[Span]:
    """Every line of ``text`` (:func:`text.lines`) without its leading and
    trailing whitespace (:func:`text.strip_span`), in one pass.  A text whose
    only line ending is "\\n" (most) is cut at it by ``str.split``: the same
    lines, without the ending to strip (``splitlines`` gives no last, empty
    line after a final "\\n"; nor does this)."""
    if _ends_lines_at_newlines_only(text):
        out, pos = [], 0
        pieces = text.split("\n")
        if pieces[-1] == "":  # the text ends with its last line's "\n" (or is empty)
            pieces.pop()
        for body in pieces:
            left = len(body) - len(body.lstrip())
            out.append(Span(pos + left, pos + max(left, len(body.rstrip()))))
            pos += len(body) + 1
        return out
    out, pos = [], 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip(LINE_ENDS)
        left = len(body) - len(body.lstrip())
        out.append(Span(pos + left, pos + max(left, len(body.rstrip()))))
        pos += len(piece)
    return out


def _may_contain(text: str, spans: list[Span], lowered: str | None = None) -> set[int] | None:
    """Indexes of the line ``spans`` that hold a literal some "contains" chrome
    cue needs (the others cannot match one): one scan of the lower-cased text
    per literal instead of a test per line.  None (every line may) when a cue
    needs no literal, or when the text holds a capital sigma, the one letter
    whose lower case depends on the letters around it (so the text's lower
    case could differ from its lines').  ``lowered``: the text lower-cased, when the caller has it."""
    *_, literals, _ = _chrome_matchers()
    if literals is None or "\u03a3" in text or not spans:
        return None
    if lowered is None:
        lowered = lower_same_length(text)
    starts = [span.start for span in spans]
    found: set[int] = set()
    for literal in literals:
        at = lowered.find(literal)
        while at != -1:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and spans[i].start <= at and at + len(literal) <= spans[i].end:
                found.add(i)
            at = lowered.find(literal, at + 1)
    return found


def _is_prose(line: str) -> bool:
    return count_words(line) >= 25 and bool(_TERMINAL.search(line))


def classify_lines(text: str, lowered: str | None = None) -> list[Line]:
    """Label every line of ``text`` as article, comment, caption, chrome or
    blank (``lowered``: ``text`` lower-cased by :func:`text.lower_same_length`,
    when the caller has it)."""
    r = ingest_rules.load()
    related, post_end, caption = r.related_list_headings, r.forum_post_end, r.caption_credit
    stripped = _stripped_lines(text)
    contain = _may_contain(text, stripped, lowered)
    out: list[Line] = []
    in_related, in_comments = False, False
    for i, span in enumerate(stripped):
        line = text[span.start : span.end]
        if not line:
            out.append(Line(span, "blank"))
            continue
        reason = _chrome_reason(line, contain is None or i in contain)
        if reason == "metadata header" and (rest := _prose_after_stamp(text, span)):
            out += [Line(Span(span.start, rest.start), "chrome", reason), Line(rest, "article")]
            continue
        if related.match(line):
            in_related, reason = True, "related list"
        elif in_related and not reason:
            if _is_prose(line):
                in_related = False
            else:
                reason = "related list"
        if not reason and _is_post_author(text, stripped, i, line):
            reason = "post author"
        if reason:
            out.append(Line(span, "chrome", reason))
            in_comments = in_comments or bool(post_end.match(line))
        elif in_comments:
            out.append(Line(span, "comment"))
        elif caption.search(line):
            out.append(Line(span, "caption"))
        else:
            out.append(Line(span, "article"))
    return out


def _prose_after_stamp(text: str, span: Span) -> Span | None:
    """The prose after a crawler stamp on the same line (" date 2021-11-19 A
    special constable has been dismissed …"): only the stamp is metadata, the
    rest is article text, often the lede.  None when nothing follows it."""
    _, _, header, _, _ = _chrome_rules()
    stamp = header.match(text[span.start : span.end])  # the patterns are anchored with ^
    if stamp is None:
        return None
    rest = strip_span(text, Span(span.start + stamp.end(), span.end))
    return rest if count_words(text[rest.start : rest.end]) >= 2 else None


def _is_post_author(text: str, spans: list[Span], i: int, line: str) -> bool:
    """A one-word line directly followed by a 'Share' line is a forum byline."""
    if " " in line or len(line) > 40:
        return False
    for nxt in spans[i + 1 : i + 3]:
        following = text[nxt.start : nxt.end].strip()
        if following:
            return following.lower() == "share"
    return False


def paragraphs_from_lines(text: str, labelled: list[Line]) -> list[Paragraph]:
    """Kept lines → paragraphs; a wrapped line (previous line unfinished,
    this one starting lower-case) continues the paragraph before it."""
    out: list[Paragraph] = []
    previous: Line | None = None
    for line in labelled:
        if line.kind in ("chrome", "blank"):
            previous = None
            continue
        joins = (  # (the lower-case test first: most lines start with a capital, and it costs no regex)
            previous is not None
            and previous.kind == line.kind
            and out
            and text[line.span.start : line.span.start + 1].islower()
            and not _TERMINAL.search(text[previous.span.start : previous.span.end])
        )
        if joins:
            out[-1] = Paragraph(out[-1].start, line.span.end, line.kind)
        else:
            out.append(Paragraph(line.span.start, line.span.end, line.kind))
        previous = line
    return out


# --------------------------------------------------------------------------- metadata

_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(value: str) -> str | None:
    """A calendar date in a common written form → ``YYYY-MM-DD``, else None."""
    return parse_date_noted(value)[0]


def parse_date_noted(value: str) -> tuple[str | None, str]:
    """``YYYY-MM-DD`` (or None) and a note when the reading needed a convention.

    Accepted: ISO 8601 dates and date-times (``2024-05-21T06:00:00+01:00`` is
    the 21st: the date as stated in its own time zone, never shifted to UTC),
    RFC 2822 (``Tue, 21 May 2024 06:00:00 GMT``), written dates (``21 May
    2024``, ``May 21, 2024``) and numeric ones, which are read day-first as
    in UK usage (``1/2/2024`` is 1 February 2024; the note says so when the
    other order would also have been a date)."""
    value = value.strip()
    if not value:
        return None, ""
    iso = value.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} \d", value) else value
    with contextlib.suppress(ValueError):
        return dt.datetime.fromisoformat(iso).date().isoformat(), ""
    if numeric := _NUMERIC_DATE.fullmatch(value):
        day, month, year = (int(g) for g in numeric.groups())
        try:
            parsed = dt.date(year, month, day)
        except ValueError:
            return None, ""
        note = ""
        if day != month and day <= 12:
            note = f"{value!r} read day-first (UK usage) as {parsed.day} {parsed:%B %Y}, not {month} {dt.date(year, day, 1):%B}"
        return parsed.isoformat(), note
    if re.search(r"\d{1,2}:\d{2}", value) and "," in value[:5]:
        with contextlib.suppress(TypeError, ValueError, IndexError):
            return email.utils.parsedate_to_datetime(value).date().isoformat(), ""
    value = re.sub(r"\s+", " ", value.replace(".", ""))
    for spelling, abbreviation in ingest_rules.load().month_spellings:  # "12 Sept 2019" → "12 Sep 2019"
        value = value.replace(f"{spelling} ", f"{abbreviation} ")
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat(), ""
        except ValueError:
            continue
    return None, ""


def _publisher_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    for suffix, name in ingest_rules.load().publisher_hosts:
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def detect_metadata(text: str, labelled: list[Line], lowered: str | None = None) -> dict[str, str]:
    """Title, publisher, publication date (and its source), URL and reference
    (fields of :class:`Metadata`; the ones found).  ``lowered``: ``text``
    lower-cased by :func:`text.lower_same_length`, when the caller has it."""
    r = ingest_rules.load()
    meta: dict[str, str | None] = {"published_source": "none"}
    head = [text[ln.span.start : ln.span.end] for ln in labelled[:12] if ln.kind != "blank"]
    for line in head:
        if url := r.source_url_header.match(line):
            meta.setdefault("source_url", url.group(1))
        date = r.published_header.match(line)
        if date and (parsed := parse_date(date.group(1))):
            meta.setdefault("published", parsed)
            meta["published_source"] = "header"
    if "published" not in meta:
        for line in head:
            for pattern in r.published_stamps:
                found = pattern.match(line)
                if found and (parsed := parse_date(found.group(1))):
                    meta["published"], meta["published_source"] = parsed, "stamp"
                    break
            if "published" in meta:
                break
    if ref := r.reference.search(lower_same_length(text) if lowered is None else lowered):  # offsets hold
        meta["reference"] = f"{text[ref.start(1) : ref.end(1)]} {ref.group(2)}"
    meta["publisher"] = (
        _publisher_label(text, labelled)
        or _publisher_from_url(meta.get("source_url") or "")
        or _publisher_from_text(text, labelled)
    )
    meta["title"] = _title(text, labelled)
    return {k: v for k, v in meta.items() if v}


def _publisher_label(text: str, labelled: list[Line]) -> str | None:
    for line in labelled[:12]:
        if line.reason == "publisher label":
            return text[line.span.start : line.span.end]
    return None


def _publisher_from_text(text: str, labelled: list[Line]) -> str | None:
    patterns = ingest_rules.load().publisher_patterns
    for line in labelled:
        chunk = text[line.span.start : line.span.end]
        for pattern in patterns:
            if found := pattern.search(chunk):
                return found.group(1).strip()
    return None


def _title(text: str, labelled: list[Line]) -> str | None:
    """The first article line that reads like a headline (short, unfinished)."""
    for line in labelled:
        if line.kind != "article":
            continue
        chunk = text[line.span.start : line.span.end]
        if count_words(chunk) <= 25 and not chunk.rstrip().endswith("."):
            return chunk
        return None
    return None


# --------------------------------------------------------------------------- manifest

MANIFEST_COLUMNS = ("doc_id", "title", "publisher", "published", "source_url", "author", "licence")
# The manifest values a document takes (``SOURCES.csv`` gives the licence too), each a field of :class:`Metadata`.
MANIFEST_FIELDS = frozenset(MANIFEST_COLUMNS[1:])
# What ``fetch`` records beside each page it saves: kept in the manifest, read by nobody.
FETCH_COLUMNS = ("final_url", "fetched", "http_status", "content_type", "sha256")
_DELIMITERS = ",;\t|"


def read_csv_file(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The rows of a CSV file people made (``manifest.csv``, ``cases.csv``,
    ``SOURCES.csv``) with the line each starts on, and its problems.

    Decoded like a document (UTF-8, BOM, UTF-16, cp1252); the delimiter is the
    one of ``, ; TAB |`` the header line holds most; quoted fields may span
    lines and be of any size; column names are compared lower-cased.  A
    binary file (a spreadsheet saved under a ``.csv`` name) raises
    :class:`InputError` with one line saying so."""
    data = Path(path).read_bytes()
    try:
        text, _, decode_problems = decode(data)
    except Unreadable as exc:
        raise InputError(f"{path}: not a CSV text file ({exc}); save it as CSV (UTF-8)") from exc
    problems = [f"{path.name}: {p}" for p in decode_problems]
    delimiter = csv_delimiter(text)
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last = 1  # the line the last record starts on
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        rows: list[tuple[int, dict[str, str]]] = []
        line = reader.line_num + 1
        for record in reader:
            last = line
            if any(cell.strip() for cell in record):
                rows.append((line, {h: v.strip() for h, v in zip(header, record, strict=False) if h}))
                if lost := [v.strip() for h, v in zip_longest(header, record) if not h and v and v.strip()]:
                    problems.append(
                        f"{path.name} line {line}: {', '.join(map(repr, lost))} under no column of the header"
                        f" ignored (quote a value that holds the delimiter {delimiter!r})"
                    )
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}: not readable as CSV at line {reader.line_num}: {exc}") from exc
    if _unclosed_quote(io.StringIO(text, newline="").readlines()[last - 1 :], delimiter):
        raise InputError(
            f"{path}: the quoted field on line {last} is never closed, so every line after it would be read"
            ' as its value; close it with " (a " inside a quoted value is written "")'
        )
    return rows, problems


def _unclosed_quote(lines: list[str], delimiter: str) -> bool:
    """Whether the CSV record of ``lines`` (the file's last, which a quote
    left open at any earlier record would run on to) ends inside a quoted
    field: the lenient reader takes the rest of the file as its value."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def csv_delimiter(text: str) -> str:
    """The delimiter of a CSV text people made: the one of ``, ; TAB |`` its
    header line holds most (``,`` on a tie); Excel writes ``;`` in many locales."""
    first = text.split("\n", 1)[0]
    return max(_DELIMITERS, key=lambda d: (first.count(d), d == ","))


def _rows_by_doc(
    path: Path, columns: tuple[str, ...], known: tuple[str, ...] | None = None
) -> tuple[dict[str, dict[str, str]], dict[str, list[str]], list[str]]:
    """Rows of ``path`` by doc_id (the later of duplicates), problems per
    doc_id, and problems of the file (with ``known``, the columns of the
    file that are neither read nor known are one of them)."""
    name = path.name
    found, file_problems = read_csv_file(path)
    if known is not None:
        header = dict.fromkeys(k for _, row in found for k in row)
        if unread := [k for k in header if k not in ("doc_id", *columns, *known)]:
            file_problems.append(
                f"{name}: column(s) {', '.join(map(repr, unread))} ignored: the columns it reads are"
                f" {', '.join(('doc_id', *columns))}"
            )
    rows: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    per_doc: dict[str, list[str]] = {}
    for n, row in found:
        doc_id = row.get("doc_id", "")
        if not doc_id:
            file_problems.append(f"{name} line {n}: no doc_id")
            continue
        if doc_id in rows:
            problem = f"{name} lines {first_line[doc_id]} and {n} both give doc_id {doc_id!r}; line {n} is used"
            file_problems.append(problem)
            per_doc.setdefault(doc_id, []).append(problem)
        first_line.setdefault(doc_id, n)
        rows[doc_id] = {k: row[k] for k in columns if row.get(k)}
        rows[doc_id]["_line"] = str(n)
    return rows, per_doc, file_problems


def _meant(doc_id: str, doc_ids: set[str]) -> str:
    """The doc_id a row naming a file with its extension (``report.txt``) means, in words."""
    stem = doc_id.rsplit(".", 1)[0] if "." in doc_id.rsplit("/", 1)[-1] else ""
    return f" (a doc_id is the file's path without its extension: {stem!r})" if stem in doc_ids else ""


def read_manifest(raw_dir: Path, doc_ids: set[str] | None = None) -> tuple[dict[str, dict[str, str]], list[str]]:
    """``manifest.csv`` rows by doc_id, with ``SOURCES.csv``'s licence, and the
    problems found in them (names of absent documents too, when ``doc_ids``
    is given).

    A row's problems (a malformed date, a day-first reading, a duplicate
    doc_id) travel in it under ``problem`` and end in that document's
    ``problems``; a document neither file lists gets no row at all."""
    raw_dir = Path(raw_dir)
    rows: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    sources = raw_dir / "SOURCES.csv"
    if sources.is_file():
        found, per_doc, file_problems = _rows_by_doc(sources, ("licence", "license"))
        problems += file_problems
        for doc_id, row in found.items():
            licence = row.get("licence") or row.get("license")
            rows[doc_id] = {"licence": licence} if licence else {}
            if doc_id in per_doc:
                rows[doc_id]["problem"] = "; ".join(per_doc[doc_id])
            if doc_ids is not None and doc_id not in doc_ids:
                problems.append(f"SOURCES.csv names {doc_id!r} but there is no such file{_meant(doc_id, doc_ids)}")
    path = raw_dir / "manifest.csv"
    if path.is_file():
        found, per_doc, file_problems = _rows_by_doc(path, MANIFEST_COLUMNS[1:], FETCH_COLUMNS)
        problems += file_problems
        for doc_id, clean in found.items():
            n = clean.pop("_line")
            notes = list(per_doc.get(doc_id, []))
            if "published" in clean:
                parsed, note = parse_date_noted(clean["published"])
                if parsed is None:
                    problem = f"manifest.csv line {n}: published date {clean.pop('published')!r} is not a valid date"
                    problems.append(problem)
                    notes.append(problem + "; ignored")
                elif note:
                    problems.append(f"manifest.csv line {n}: published date {note}")
                    notes.append(f"manifest.csv published date {note}")
            merged = {**rows.get(doc_id, {}), **clean}
            if notes:
                merged["problem"] = "; ".join([*filter(None, [rows.get(doc_id, {}).get("problem")]), *notes])
            rows[doc_id] = merged
            if doc_ids is not None and doc_id not in doc_ids:
                problems.append(f"manifest.csv names {doc_id!r} but there is no such file{_meant(doc_id, doc_ids)}")
    for row in rows.values():
        row.pop("_line", None)
    return {k: v for k, v in rows.items() if v}, problems


def read_cases_file(raw_dir: Path, doc_ids: set[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """``cases.csv`` (doc_id, case_id) in the raw folder, read like the
    manifest: doc_id → case_id and the problems found (duplicates: the later
    row is used; with ``doc_ids``, rows naming no document)."""
    path = Path(raw_dir) / "cases.csv"
    if not path.is_file():
        return {}, []
    found, _, problems = _rows_by_doc(path, ("case_id",), known=())
    if doc_ids is not None:
        problems += [
            f"cases.csv names {d!r} but there is no such file{_meant(d, doc_ids)}" for d in found if d not in doc_ids
        ]
    return {doc_id: row["case_id"] for doc_id, row in found.items() if row.get("case_id")}, problems


# --------------------------------------------------------------------------- naming files


def _is_candidate(entry: os.DirEntry[str], top: bool) -> bool:
    if entry.name.startswith("."):
        return False
    if top and entry.name in CONTROL_FILES:
        return False
    return not entry.is_dir(follow_symlinks=False)  # a FIFO, socket or device too: one unreadable row each


@lru_cache(maxsize=256)
def _stems_in(folder: str, top: bool, mtime_ns: int) -> Counter[str]:
    """How many document files of ``folder`` share each stem (keyed on the
    folder's mtime, so adding a file is seen)."""
    with os.scandir(folder) as entries:
        return Counter(Path(e.name).stem for e in entries if _is_candidate(e, top))


def printable_name(name: str) -> str:
    """A file name as text every table can hold: a name whose bytes are not
    UTF-8 (a zip made on Windows: ``caf\\xe9.txt``) has them written as
    ``\\xe9`` instead of the lone surrogates Python reads them as, which no
    CSV, Parquet or hash accepts."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def doc_id(path: Path, raw_dir: Path) -> str:
    """The document's identifier: its path relative to the raw folder without
    the extension (``report``, ``2024/report``).  When two files of one
    folder share that stem (``report.txt`` and ``report.html``), each keeps
    its extension (``report.txt``, ``report.html``), so every file has its
    own doc_id and its own rows."""
    path, raw_dir = Path(path), Path(raw_dir)
    rel = path.relative_to(raw_dir)
    folder = path.parent
    try:
        stems = _stems_in(str(folder), folder == raw_dir, folder.stat().st_mtime_ns)
    except OSError:
        stems = Counter()
    if stems[path.stem] > 1:
        return printable_name(rel.as_posix())
    return printable_name(rel.with_name(path.stem).as_posix())


def doc_ids(paths: Iterable[Path], raw_dir: Path) -> list[str]:
    """:func:`doc_id` of each of ``paths`` (files under ``raw_dir``), the same
    names, with each folder looked at once instead of once per file."""
    raw_dir = Path(raw_dir)
    prefix = os.path.join(str(raw_dir), "")  # a path under it, as a string, starts with this
    folders: dict[str, Counter[str]] = {}
    out = []
    for path in map(Path, paths):
        where, _, name = str(path).rpartition(os.sep)
        if (stems := folders.get(where)) is None:
            folder = path.parent
            try:
                stems = _stems_in(str(folder), folder == raw_dir, folder.stat().st_mtime_ns)
            except OSError:
                stems = Counter()
            folders[where] = stems
        if (whole := str(path)).startswith(prefix) and name == path.name:
            rel = whole[len(prefix) :].replace(os.sep, "/")
        else:  # not spelt under raw_dir's own spelling ("./a.txt" beside "."): as doc_id does
            rel = path.relative_to(raw_dir).as_posix()
        stem = path.stem
        out.append(printable_name(rel if stems[stem] > 1 else rel[: len(rel) - len(name)] + stem))
    return out


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Every file under ``raw_dir``, subfolders included (sorted by relative
    path): hidden files and folders (``.cache``, ``.git``) and the top-level
    control files (:data:`CONTROL_FILES`) aside.  Folder symlinks are listed as
    files (and reported unreadable), never followed.  (Each file is sorted
    by the names of its folders and its own, the parts of its relative path,
    gathered on the way down.)"""
    raw_dir = Path(raw_dir)
    found: list[tuple[tuple[str, ...], str]] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(str(raw_dir), ())]
    while stack:
        folder, parts = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, (*parts, entry.name)))
                elif _is_candidate(entry, not parts):
                    found.append(((*parts, entry.name), entry.path))
    found.sort()
    return [Path(path) for _, path in found]


# --------------------------------------------------------------------------- the document

LARGE_BYTES = 5_000_000  # no news article or press release comes near this


def read_document(
    path: Path, raw_dir: Path, manifest_row: Mapping[str, str] | None = None, data: bytes | None = None
) -> Document:
    """Read one raw file into a :class:`Document`; never raises for bad input.

    ``manifest_row`` holds the document's manifest values (the keys of
    :data:`MANIFEST_FIELDS`, and ``problem``) and may carry its ``doc_id``
    (else :func:`doc_id` names it).  ``data``: the file's bytes when the
    caller has read them already (:func:`read_inside`; the cache does, for its
    key), so the file is read once.  Every value is worked out first and the
    document built once, at the end."""
    path, raw_dir = Path(path), Path(raw_dir)
    row = dict(manifest_row or {})
    name = row.pop("doc_id", None) or doc_id(path, raw_dir)
    rel = path.relative_to(raw_dir).as_posix()
    if unknown := sorted(set(row) - MANIFEST_FIELDS - {"problem"}):
        raise ValueError(f"{name}: manifest row key(s) {', '.join(map(repr, unknown))} are not document metadata")
    problems: list[str] = []  # reading the file into text
    if ";" in name:  # cases.doc_ids joins a case's documents with ';'
        problems.append(f"doc_id {name!r} holds ';', which separates the documents of cases.doc_ids; rename the file")
    if (shown := printable_name(rel)) != rel:
        rel = shown
        problems.append(f"file name is not valid UTF-8 (its bytes written as {shown}); rename the file")
    sha256 = encoding = ""
    page_starts: list[int] = []
    html_meta: dict[str, Any] = {}
    try:
        if data is None:
            data = read_inside(path, raw_dir)
        sha256 = hashlib.sha256(data).hexdigest()
        reader = READERS.get(path.suffix.lower())
        if data.startswith(b"%PDF-"):
            reader = "pdf"
        if reader is None:
            supported = ", ".join(s for s in READERS if s)
            raise Unreadable(
                f"unsupported file type {path.suffix!r} (supported: {supported} and files without "
                "an extension); not read"
            )
        if len(data) > LARGE_BYTES:
            problems.append(
                f"unusually large for one article ({len(data) / 1e6:.1f} MB): "
                "check it is not several documents joined together"
            )
        if reader == "pdf" and not data:
            raise Unreadable("empty document")
        if reader == "pdf" and b"%PDF-" not in data[:1024]:  # where a PDF's header may lie
            page = data.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html"))
            raise Unreadable(
                "not a PDF (it does not start with %PDF-)"
                + (": an HTML page, such as a login or error page saved under a .pdf name" if page else "")
            )
        if reader == "pdf":
            with third_party_messages(problems):
                text, page_starts, pdf_problems = pdf.read_pdf(data)
            encoding = "pdf"
            problems += pdf_problems
        else:
            text, encoding, decode_problems = decode(data)
            problems += decode_problems
            if reader == "html" or _is_html(path, text):
                with third_party_messages(problems):
                    text, html_meta = html_main_text(text)
                encoding += "+html"
                if not text.strip():
                    problems.append("HTML page: no main text found")
    except (Unreadable, OSError) as exc:
        problems.append(str(exc))  # no text: no metadata either, the manifest's row aside
        return Document(
            doc_id=name,
            path=rel,
            sha256=sha256,
            encoding=encoding,
            reading_problems=tuple(problems),
            status="unreadable",
            page_starts=tuple(page_starts),
        )
    lowered = lower_same_length(text)  # once for the document: its lines, its metadata, every extractor
    labelled = classify_lines(text, lowered)
    if page_starts:
        labelled = _page_furniture(text, labelled, page_starts)
    paragraphs = paragraphs_from_lines(text, labelled)
    boilerplate = Counter(line.reason for line in labelled if line.kind == "chrome")
    if furniture := html_meta.pop("furniture", 0):
        boilerplate["html page furniture"] += furniture
    fallback = html_meta.pop("fallback_published", None)
    found = {**detect_metadata(text, labelled, lowered), **html_meta}
    if fallback and "published" not in found:
        found["published"], found["published_source"] = fallback
    manifest_problems: tuple[str, ...] = ()
    if row:
        if problem := row.pop("problem", None):
            manifest_problems = (problem,)
        found.update(row)
        if "published" in row:
            found["published"] = parse_date(row["published"])
            found["published_source"] = "manifest"
    content_problems: tuple[str, ...] = ()
    if not text.strip():
        content_problems = ("empty document",)
    elif not any(re.search(r"\w", text[p.start : p.end]) for p in paragraphs if p.kind == "article"):
        paragraphs = [p for p in paragraphs if p.kind != "article"]
        content_problems = ("no article text found (only page chrome, punctuation or quotation marks)",)
    any_problem = bool(problems or manifest_problems or content_problems)
    doc = Document(
        doc_id=name,
        path=rel,
        sha256=sha256,
        text=text,
        encoding=encoding,
        paragraphs=tuple(paragraphs),
        metadata=Metadata(**found),
        boilerplate=MappingProxyType(boilerplate),
        comment_lines=sum(line.kind == "comment" for line in labelled),
        reading_problems=tuple(problems),
        manifest_problems=manifest_problems,
        content_problems=content_problems,
        status=_status(text, paragraphs, any_problem),
        page_starts=tuple(page_starts),
    )
    doc.__dict__["lowered"] = lowered  # the view's cache (Document.lowered), filled with what was computed here
    return doc


def _page_furniture(text: str, labelled: list[Line], page_starts: list[int]) -> list[Line]:
    """PDF lines that are page furniture: a page number alone on its line
    (``page_number_lines``), or a running header or footer — the same line
    (digits aside) on at least three pages and on half of them."""
    number = ingest_rules.load().page_number_lines

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", text[line.span.start : line.span.end]).lower()

    pages_of: dict[str, set[int]] = {}
    for line in labelled:
        if line.kind != "blank":
            pages_of.setdefault(key(line), set()).add(pdf.page_of(page_starts, line.span.start) or 0)
    repeated = {k for k, pages in pages_of.items() if len(pages) >= max(3, len(page_starts) / 2)}
    out = []
    for line in labelled:
        if line.kind in ("article", "caption", "comment"):
            if number.match(text[line.span.start : line.span.end]):
                line = Line(line.span, "chrome", "page number")
            elif key(line) in repeated:
                line = Line(line.span, "chrome", "running header or footer")
        out.append(line)
    return out


def _regular(mode: int) -> None:
    """:class:`Unreadable` unless ``mode`` is a regular file's (a named pipe, socket or device is not read)."""
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # a folder is reported as before
        kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise Unreadable(f"{kind}, not a file; not read")


def read_inside(path: Path, raw_dir: Path) -> bytes:
    """The file's bytes, refusing symlinks that lead outside ``raw_dir``."""
    if not path.is_symlink():  # the usual case: a plain file, read without resolving its path
        with contextlib.suppress(OSError):  # a folder, no permission ...: reported below, as always
            _regular(path.stat().st_mode)  # never open a named pipe: it would wait for a writer forever
            return path.read_bytes()
    resolved = path.resolve()
    if path.is_symlink() and not resolved.is_relative_to(raw_dir.resolve()):
        raise Unreadable(f"symlink to {printable_name(os.readlink(path))} points outside the raw folder; not followed")
    if resolved.is_dir():
        raise Unreadable("a symlink to a folder; folders behind symlinks are not followed")
    if path.is_symlink() and not resolved.exists():  # its target as written, never where the corpus lies
        raise Unreadable(f"symlink to {printable_name(os.readlink(path))}, which does not exist; not read")
    try:
        _regular(resolved.stat().st_mode)
        return resolved.read_bytes()
    except OSError as exc:  # the reason only: the row names the file, and an absolute path would
        raise Unreadable(f"cannot be read: {exc.strerror or type(exc).__name__}") from exc  # differ by folder


def _status(text: str, paragraphs: list[Paragraph], any_problem: bool) -> str:
    if not text.strip() or not any(p.kind == "article" for p in paragraphs):
        return "unreadable"
    return "partial" if any_problem else "ok"


def sentence_spans(
    doc: Document, kinds: tuple[str, ...] = ("article", "comment", "caption")
) -> Iterator[tuple[int, Paragraph, Span]]:
    """(paragraph number, paragraph, sentence span) for every sentence of ``doc``."""
    for number, (para, spans) in enumerate(zip(doc.paragraphs, doc.paragraph_sentences, strict=True)):
        if para.kind in kinds:
            for span in spans:
                yield number, para, span


def article_row(doc: Document, n_sentences: int, problems: Sequence[str] = ()) -> dict[str, Any]:
    """The document's row of the articles table.  ``problems``: those found
    after reading (an extractor that failed), listed after the document's own;
    any of them makes an ``ok`` document ``partial``."""
    kept = doc.article_paragraphs()
    article_text = "\n".join(doc.text[p.start : p.end] for p in kept)
    meta = doc.metadata
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "title": meta.title,
        "publisher": meta.publisher,
        "published": meta.published,
        "source_url": meta.source_url,
        "reference": meta.reference,
        "author": meta.author,
        "licence": meta.licence,
        "published_source": meta.published_source,
        "n_chars": len(article_text),
        "n_words": count_words(article_text),
        "n_paragraphs": len(kept),
        "n_sentences": n_sentences,
        "boilerplate_lines": sum(doc.boilerplate.values()),
        "boilerplate_reasons": ";".join(f"{k}={v}" for k, v in sorted(doc.boilerplate.items())),
        "comment_lines": doc.comment_lines,
        "template_outcomes": 0,  # set by the corpus-level filter once every document is read (pipeline)
        "status": "partial" if problems and doc.status == "ok" else doc.status,
        "problems": "; ".join((*doc.problems, *problems)),
        "pages": len(doc.page_starts) or None,
        "page_starts": ";".join(map(str, doc.page_starts)) or None,
    }


def sentence_rows(doc: Document) -> list[dict[str, Any]]:
    page_starts = list(doc.page_starts)  # (pdf.page_of takes a list)
    return [
        {
            "doc_id": doc.doc_id,
            "paragraph": number,
            "sentence": i,
            "start": span.start,
            "end": span.end,
            "kind": para.kind,
            "text": doc.text[span.start : span.end],
            "page": pdf.page_of(page_starts, span.start),
        }
        for i, (number, para, span) in enumerate(sentence_spans(doc))
    ]
