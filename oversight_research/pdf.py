"""PDF input: a PDF's text layer, page by page, with the offset where each page starts.

IOPC investigation reports, Prevention of Future Deaths reports and force
documents are PDFs.  :func:`read_pdf` returns the text of every page joined
by a blank line and the character offset at which each page begins, so any
evidence offset in the document text maps back to a page
(:func:`page_of`).  It never raises anything but :class:`Unreadable`:

- an encrypted PDF is opened with the empty password (how most "protected"
  reports are shipped); one that needs a real password is unreadable;
- a PDF with no text layer on any page (a scan, images only) is unreadable,
  with a problem that says to OCR it first;
- a damaged or truncated PDF is read as far as pypdf can recover it; pages
  that fail are reported, and a PDF of which nothing can be read is
  unreadable.

pypdf (pure Python, BSD-licensed) does the parsing; see the README for why
it was chosen over the alternatives.
"""

from __future__ import annotations

import bisect
import io

from .errors import Unreadable

PAGE_SEPARATOR = "\n\n"


def read_pdf(data: bytes) -> tuple[str, list[int], list[str]]:
    """PDF bytes → (text, start offset of every page, problems).  Raises :class:`Unreadable`."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import FileNotDecryptedError, PdfReadError
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise Unreadable("PDF support needs pypdf: pip install pypdf") from exc
    problems: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise Unreadable("encrypted PDF that needs a password; not read")
            except (FileNotDecryptedError, NotImplementedError) as exc:
                raise Unreadable(f"encrypted PDF that could not be decrypted ({exc}); not read") from exc
            problems.append("encrypted PDF opened with the empty password")
        pages = list(reader.pages)
    except Unreadable:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise Unreadable(f"damaged PDF, could not be opened: {type(exc).__name__}: {exc}") from exc
    if not pages:
        raise Unreadable("PDF without pages")
    texts: list[str] = []
    failed: list[int] = []
    for number, page in enumerate(pages, start=1):
        try:
            texts.append(_clean(page.extract_text() or ""))
        except Exception:  # a broken content stream loses its page only
            failed.append(number)
            texts.append("")
    if failed:
        problems.append(f"PDF page(s) {_ranges(failed)} of {len(pages)} could not be read")
    if not any(t.strip() for t in texts):
        if failed and len(failed) == len(pages):
            raise Unreadable(f"damaged PDF: none of its {len(pages)} page(s) could be read")
        raise Unreadable(
            f"PDF with no text layer on any of its {len(pages)} page(s) (scanned or image-only); run OCR on it first"
        )
    empty = [n for n, t in enumerate(texts, start=1) if not t.strip() and n not in failed]
    if empty:
        problems.append(f"PDF page(s) {_ranges(empty)} of {len(pages)} have no text layer (images only?)")
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(texts), starts, problems


def _clean(text: str) -> str:
    """Page text with NULs dropped and line ends normalised (offsets refer to this)."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → '1-3, 7'."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}-{prev}" if prev != start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(out)


def page_of(page_starts: list[int], offset: int) -> int | None:
    """The 1-based page holding character ``offset`` (None for a document without pages)."""
    if not page_starts:
        return None
    return bisect.bisect_right(page_starts, offset)
