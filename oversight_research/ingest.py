"""Ingest: raw file → :class:`Document` (decoded text, paragraphs, metadata).

The document text is the raw file decoded (UTF-8, UTF-8 with BOM, UTF-16,
else cp1252/latin-1; mojibake repaired where detected) — or, for HTML, the
main text that trafilatura extracts.  Nothing is deleted from it: page chrome
(share buttons, sign-in forms, newsletter blocks, related-article lists, image
file names) is *classified* line by line and left out of the article
paragraphs, with a count per reason.  Forum replies are kept as ``comment``
paragraphs, photo captions as ``caption`` paragraphs.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from . import rules
from .errors import Unreadable
from .text import Cues, Span, count_words, lines, lower_same_length, sentences, strip_span

SUFFIXES = (".txt", ".html", ".htm")
_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")
_MOJIBAKE = re.compile("â€[œ\x9d™˜“”¦\x93\x94]|Ã[\xa0-\xbf©¨]|Â[\xa0£©]")
_TERMINAL = re.compile(r"""[.!?:;]["'”’)]*\s*$""")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str  # article | comment | caption


@dataclass
class Document:
    doc_id: str
    path: str
    sha256: str = ""
    text: str = ""
    encoding: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    boilerplate: Counter = field(default_factory=Counter)
    comment_lines: int = 0
    problems: list[str] = field(default_factory=list)
    status: str = "ok"
    # sentence spans per paragraph span, split once and shared by every extractor
    _sentences: dict[tuple[int, int], list[Span]] = field(default_factory=dict, repr=False, compare=False)

    def article_paragraphs(self, kinds: tuple[str, ...] = ("article",)) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind in kinds]

    def sentences_in(self, para: Paragraph) -> list[Span]:
        """The sentence spans of ``para`` (split on first use)."""
        key = (para.start, para.end)
        if key not in self._sentences:
            self._sentences[key] = sentences(self.text, Span(para.start, para.end))
        return self._sentences[key]


# --------------------------------------------------------------------------- decoding

def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return head.startswith(_MAGIC) or head.count(b"\x00") > len(head) // 100


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes → (text, encoding used, problems). Raises :class:`Unreadable`."""
    if not data:
        return "", "", []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", []
    if _looks_binary(data):
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
    if _MOJIBAKE.search(text):
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


def html_main_text(html: str) -> tuple[str, dict]:
    """Main text and metadata of an HTML page, with trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    found = {}
    if meta is not None:
        found = {"title": meta.title, "publisher": meta.sitename, "source_url": meta.url}
    return text, {k: v for k, v in found.items() if v}


# --------------------------------------------------------------------------- chrome

@dataclass(frozen=True)
class Line:
    span: Span
    kind: str  # article | comment | caption | chrome | blank
    reason: str = ""


@cache
def _chrome_rules() -> tuple[list[tuple[str, re.Pattern]], list[tuple[str, Cues]], re.Pattern, re.Pattern, re.Pattern]:
    """The chrome rules of ``rules/ingest.yaml``, compiled once: whole-line
    patterns and "contains" cues per reason, the metadata header, the
    reference heading and the publisher labels."""
    conf = rules.load("ingest")
    header = conf["metadata_header"]
    return ([(reason, rules.compile_any(tuple(p), full=True)) for reason, p in conf["chrome_lines"].items()],
            [(reason, Cues(p)) for reason, p in conf["chrome_contains"].items()],
            rules.compile_any((header["source_url"], header["published"])),
            re.compile(conf["reference_heading"], re.I),
            rules.compile_any(tuple(conf["publisher_labels"]), full=True))


def _chrome_reason(line: str) -> str:
    whole_lines, contains, header, reference, labels = _chrome_rules()
    for reason, pattern in whole_lines:
        if pattern.match(line):
            return reason
    lowered = lower_same_length(line)
    for reason, cues in contains:
        if cues.search(lowered):
            return reason
    if header.match(line):
        return "metadata header"
    if reference.fullmatch(line):
        return "reference"
    if labels.match(line):
        return "publisher label"
    return ""


def _is_prose(line: str) -> bool:
    return count_words(line) >= 25 and bool(_TERMINAL.search(line))


def classify_lines(text: str) -> list[Line]:
    """Label every line of ``text`` as article, comment, caption, chrome or blank."""
    conf = rules.load("ingest")
    related = rules.compile_any(tuple(conf["related_list_headings"]), full=True)
    post_end = rules.compile_any(tuple(conf["forum_post_end"]), full=True)
    caption = re.compile(conf["caption_credit"])
    spans = list(lines(text))
    out: list[Line] = []
    in_related, in_comments = False, False
    for i, raw in enumerate(spans):
        span = strip_span(text, raw)
        line = text[span.start:span.end]
        if not line:
            out.append(Line(span, "blank"))
            continue
        reason = _chrome_reason(line)
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
        if not reason and _is_post_author(text, spans, i, line):
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
    stamp = header.match(text[span.start:span.end])  # the patterns are anchored with ^
    if stamp is None:
        return None
    rest = strip_span(text, Span(span.start + stamp.end(), span.end))
    return rest if count_words(text[rest.start:rest.end]) >= 2 else None


def _is_post_author(text: str, spans: list[Span], i: int, line: str) -> bool:
    """A one-word line directly followed by a 'Share' line is a forum byline."""
    if " " in line or len(line) > 40:
        return False
    for nxt in spans[i + 1:i + 3]:
        following = text[nxt.start:nxt.end].strip()
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
        joins = (
            previous is not None and previous.kind == line.kind and out
            and not _TERMINAL.search(text[previous.span.start:previous.span.end])
            and text[line.span.start:line.span.start + 1].islower()
        )
        if joins:
            out[-1] = Paragraph(out[-1].start, line.span.end, line.kind)
        else:
            out.append(Paragraph(line.span.start, line.span.end, line.kind))
        previous = line
    return out


# --------------------------------------------------------------------------- metadata

_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d/%m/%Y")


def parse_date(value: str) -> str | None:
    """A calendar date in a common written form → ``YYYY-MM-DD``, else None."""
    value = re.sub(r"\s+", " ", value.strip().replace(".", "")).replace("Sept ", "Sep ")
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _publisher_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    for suffix, name in rules.load("ingest")["publisher_hosts"].items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def detect_metadata(text: str, labelled: list[Line]) -> dict:
    """Title, publisher, publication date (and its source), URL and reference."""
    conf = rules.load("ingest")
    meta: dict = {"published_source": "none"}
    head = [text[ln.span.start:ln.span.end] for ln in labelled[:12] if ln.kind != "blank"]
    for line in head:
        if url := re.match(conf["metadata_header"]["source_url"], line, re.I):
            meta.setdefault("source_url", url.group(1))
        date = re.match(conf["metadata_header"]["published"], line, re.I)
        if date and (parsed := parse_date(date.group(1))):
            meta.setdefault("published", parsed)
            meta["published_source"] = "header"
    if "published" not in meta:
        for line in head:
            for pattern in conf["published_stamps"]:
                found = re.match(pattern, line, re.I)
                if found and (parsed := parse_date(found.group(1))):
                    meta["published"], meta["published_source"] = parsed, "stamp"
                    break
            if "published" in meta:
                break
    if ref := _reference().search(lower_same_length(text)):  # offsets hold in the original text
        meta["reference"] = f"{text[ref.start(1):ref.end(1)]} {ref.group(2)}"
    meta["publisher"] = (
        _publisher_label(text, labelled)
        or _publisher_from_url(meta.get("source_url", ""))
        or _publisher_from_text(text, labelled)
    )
    meta["title"] = _title(text, labelled)
    return {k: v for k, v in meta.items() if v}


@cache
def _reference() -> Cues:
    """The case reference pattern, for lower-cased text."""
    return Cues([rules.load("ingest")["reference"]])


def _publisher_label(text: str, labelled: list[Line]) -> str | None:
    for line in labelled[:12]:
        if line.reason == "publisher label":
            return text[line.span.start:line.span.end]
    return None


def _publisher_from_text(text: str, labelled: list[Line]) -> str | None:
    patterns = [re.compile(p, re.M) for p in rules.load("ingest")["publisher_patterns"]]
    for line in labelled:
        chunk = text[line.span.start:line.span.end]
        for pattern in patterns:
            if found := pattern.search(chunk):
                return found.group(1).strip()
    return None


def _title(text: str, labelled: list[Line]) -> str | None:
    """The first article line that reads like a headline (short, unfinished)."""
    for line in labelled:
        if line.kind != "article":
            continue
        chunk = text[line.span.start:line.span.end]
        if count_words(chunk) <= 25 and not chunk.rstrip().endswith("."):
            return chunk
        return None
    return None


# --------------------------------------------------------------------------- manifest

MANIFEST_COLUMNS = ("doc_id", "title", "publisher", "published", "source_url")


def read_manifest(raw_dir: Path) -> tuple[dict[str, dict], list[str]]:
    """``manifest.csv`` rows by doc_id, and problems found in it."""
    path = Path(raw_dir) / "manifest.csv"
    if not path.is_file():
        return {}, []
    rows: dict[str, dict] = {}
    problems: list[str] = []
    text, _, _ = decode(path.read_bytes())
    for n, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        doc_id = (row.get("doc_id") or "").strip()
        if not doc_id:
            problems.append(f"manifest.csv line {n}: no doc_id")
            continue
        clean = {k: (row.get(k) or "").strip() for k in MANIFEST_COLUMNS[1:] if (row.get(k) or "").strip()}
        if "published" in clean and not parse_date(clean["published"]):
            problem = f"manifest.csv line {n}: published date {clean.pop('published')!r} is not a valid date"
            problems.append(problem)
            clean["problem"] = problem + "; ignored"
        rows[doc_id] = clean
    return rows, problems


# --------------------------------------------------------------------------- the document

LARGE_BYTES = 5_000_000  # no news article or press release comes near this


def read_document(path: Path, raw_dir: Path, manifest_row: dict | None = None) -> Document:
    """Read one raw file into a :class:`Document`; never raises for bad input."""
    path, raw_dir = Path(path), Path(raw_dir)
    doc = Document(doc_id=path.stem, path=path.relative_to(raw_dir).as_posix())
    try:
        data = read_inside(path, raw_dir)
        doc.sha256 = hashlib.sha256(data).hexdigest()
        text, doc.encoding, doc.problems = decode(data)
        if len(data) > LARGE_BYTES:
            doc.problems.append(f"unusually large for one article ({len(data) / 1e6:.1f} MB): "
                                "check it is not several documents joined together")
        html_meta = {}
        if _is_html(path, text):
            text, html_meta = html_main_text(text)
            doc.encoding += "+html"
            if not text.strip():
                doc.problems.append("HTML page: no main text found")
    except (Unreadable, OSError) as exc:
        doc.problems.append(str(exc))
        doc.status = "unreadable"
        return doc
    doc.text = text
    labelled = classify_lines(text)
    doc.paragraphs = paragraphs_from_lines(text, labelled)
    doc.boilerplate = Counter(line.reason for line in labelled if line.kind == "chrome")
    doc.comment_lines = sum(line.kind == "comment" for line in labelled)
    doc.meta = {**detect_metadata(text, labelled), **html_meta}
    if manifest_row:
        manifest_row = dict(manifest_row)
        if problem := manifest_row.pop("problem", None):
            doc.problems.append(problem)
        doc.meta.update(manifest_row)
        if "published" in manifest_row:
            doc.meta["published"] = parse_date(manifest_row["published"])
            doc.meta["published_source"] = "manifest"
    if not text.strip():
        doc.problems.append("empty document")
    elif not any(re.search(r"\w", text[p.start:p.end]) for p in doc.article_paragraphs()):
        doc.paragraphs = [p for p in doc.paragraphs if p.kind != "article"]
        doc.problems.append("no article text found (only page chrome, punctuation or quotation marks)")
    doc.status = _status(doc)
    return doc


def read_inside(path: Path, raw_dir: Path) -> bytes:
    """The file's bytes, refusing symlinks that lead outside ``raw_dir``."""
    resolved = path.resolve()
    if path.is_symlink() and not resolved.is_relative_to(raw_dir.resolve()):
        raise Unreadable(f"symlink to {resolved} points outside the raw folder; not followed")
    return resolved.read_bytes()


def _status(doc: Document) -> str:
    if not doc.text.strip() or not doc.article_paragraphs():
        return "unreadable"
    return "partial" if doc.problems else "ok"


def sentence_spans(doc: Document, kinds: tuple[str, ...] = ("article", "comment", "caption")):
    """(paragraph number, paragraph, sentence span) for every sentence of ``doc``."""
    for number, para in enumerate(doc.paragraphs):
        if para.kind in kinds:
            for span in doc.sentences_in(para):
                yield number, para, span


def article_row(doc: Document, n_sentences: int) -> dict:
    kept = doc.article_paragraphs()
    article_text = "\n".join(doc.text[p.start:p.end] for p in kept)
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        **{k: doc.meta.get(k) for k in ("title", "publisher", "published", "source_url", "reference")},
        "published_source": doc.meta.get("published_source", "none"),
        "n_chars": len(article_text),
        "n_words": count_words(article_text),
        "n_paragraphs": len(kept),
        "n_sentences": n_sentences,
        "boilerplate_lines": sum(doc.boilerplate.values()),
        "boilerplate_reasons": ";".join(f"{k}={v}" for k, v in sorted(doc.boilerplate.items())),
        "comment_lines": doc.comment_lines,
        "status": doc.status,
        "problems": "; ".join(doc.problems),
    }


def sentence_rows(doc: Document) -> list[dict]:
    return [
        {
            "doc_id": doc.doc_id, "paragraph": number, "sentence": i, "start": span.start,
            "end": span.end, "kind": para.kind, "text": doc.text[span.start:span.end],
        }
        for i, (number, para, span) in enumerate(sentence_spans(doc))
    ]
