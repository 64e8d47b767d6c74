"""PDF input: text layers with page numbers, several pages, encrypted, image-only, truncated.

The PDFs are written by :func:`make_pdf`, a minimal PDF writer (Helvetica
text, one content stream a page), and by pypdf itself for the encrypted ones:
no binary fixture is stored.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from oversight_research.extract import extract_document
from oversight_research.ingest import read_document
from oversight_research.pdf import page_of, read_pdf
from oversight_research.pipeline import extract
from oversight_research.tables import read_table


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def make_pdf(pages: list[list[str]], image_only: bool = False) -> bytes:
    """A PDF with one page per item of ``pages``, each line of it a text line
    (or, ``image_only``, a page holding only a small image)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for lines in pages:
        if image_only:
            stream = b"q 100 0 0 100 50 600 cm /Im1 Do Q"
        else:
            stream = b"\n".join(
                [b"BT /F1 11 Tf 14 TL 50 780 Td", *(b"(" + _escape(t) + b") Tj T*" for t in lines), b"ET"]
            )
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        resources = b"<< /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >>" % (font, image)
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources "
                % (pages_id, content)
                + resources
                + b" >>"
            )
        )
    assert (
        add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
        == pages_id
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def encrypted(data: bytes, password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


HEADER = "Independent Office for Police Conduct - Investigation report"
REPORT = [
    [
        HEADER,
        "Investigation into the death of Mr Adam Smith",
        "On 3 May 2021 officers were called to a flat in Leeds after a neighbour reported a disturbance.",
        "1",
    ],
    [
        HEADER,
        "The officer was dismissed without notice on 12 June 2022 after a gross misconduct hearing.",
        "Page 2 of 3",
    ],
    [HEADER, "His family said: \u201cWe want answers about what happened to him that night.\u201d", "Page 3 of 3"],
]


def test_text_pages_and_offsets():
    text, starts, problems = read_pdf(make_pdf(REPORT))
    assert problems == [] and len(starts) == 3
    for number, lines in enumerate(REPORT, start=1):
        page = text[starts[number - 1] : starts[number] if number < 3 else len(text)]
        assert page.startswith(lines[0]) and lines[1] in page
        assert page_of(starts, text.index(lines[1])) == number
    assert page_of([], 10) is None


def test_pdf_document_cites_pages_and_leaves_running_headers_out(tmp_path: Path):
    (tmp_path / "report.pdf").write_bytes(make_pdf(REPORT))
    doc = read_document(tmp_path / "report.pdf", tmp_path)
    assert doc.status == "ok" and doc.encoding == "pdf" and len(doc.page_starts) == 3
    kept = "\n".join(doc.text[p.start : p.end] for p in doc.article_paragraphs())
    assert HEADER not in kept and "Page 2 of 3" not in kept  # running header, page numbers: chrome
    assert doc.boilerplate["running header or footer"] == 3 and doc.boilerplate["page number"] == 3
    result = extract_document(tmp_path / "report.pdf", tmp_path)
    (article,) = result["articles"]
    assert article["pages"] == 3 and article["page_starts"] == ";".join(map(str, doc.page_starts))
    pages = {row["text"]: row["page"] for row in result["sentences"]}
    assert pages["The officer was dismissed without notice on 12 June 2022 after a gross misconduct hearing."] == 2
    assert any(page == 3 and "We want answers" in text for text, page in pages.items())
    starts = [int(s) for s in article["page_starts"].split(";")]
    for outcome in result["outcomes"]:  # any evidence offset gives its page
        assert page_of(starts, outcome["start"]) in (1, 2, 3)
    assert any(page_of(starts, e["start"]) == 2 and e["date"] == "2022-06-12" for e in result["events"])


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("image-only.pdf", make_pdf([[], []], image_only=True), "no text layer"),
        ("truncated.pdf", make_pdf(REPORT)[:400], "damaged PDF"),
        ("password.pdf", encrypted(make_pdf(REPORT), "secret"), "needs a password"),
        ("empty.pdf", b"%PDF-1.4\n", "damaged PDF"),
    ],
)
def test_unreadable_pdfs_are_reported_never_raised(tmp_path: Path, name, data, problem):
    (tmp_path / name).write_bytes(data)
    doc = read_document(tmp_path / name, tmp_path)
    assert doc.status == "unreadable"
    assert any(problem in p for p in doc.problems), doc.problems


def test_encrypted_with_the_empty_password_is_read_and_noted(tmp_path: Path):
    (tmp_path / "open.pdf").write_bytes(encrypted(make_pdf(REPORT), ""))
    doc = read_document(tmp_path / "open.pdf", tmp_path)
    assert doc.status == "partial" and "encrypted PDF opened with the empty password" in doc.problems
    assert "gross misconduct hearing" in doc.text


def test_a_pdf_saved_as_txt_is_read_as_a_pdf(tmp_path: Path):
    (tmp_path / "report.txt").write_bytes(make_pdf(REPORT))
    doc = read_document(tmp_path / "report.txt", tmp_path)
    assert doc.encoding == "pdf" and "gross misconduct hearing" in doc.text


def test_pdfs_through_the_pipeline(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "report.pdf").write_bytes(make_pdf(REPORT))
    (raw / "scan.pdf").write_bytes(make_pdf([[]], image_only=True))
    extract(raw, tmp_path / "out", progress=False)
    articles = read_table("articles", tmp_path / "out").set_index("doc_id")
    assert articles.loc["report", "pages"] == 3 and articles.loc["report", "status"] == "ok"
    assert articles.loc["scan", "status"] == "unreadable" and "OCR" in articles.loc["scan", "problems"]
    sentences = read_table("sentences", tmp_path / "out")
    assert sorted(sentences.loc[sentences["doc_id"] == "report", "page"].dropna().unique()) == [1, 2, 3]
