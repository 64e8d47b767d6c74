"""``oversight-research fetch``: a URL list into a raw folder, against a local http.server.

The server runs on 127.0.0.1 in a thread of the test; nothing reaches the
network.  Sleeping is replaced by a recorder, so no test waits on the
politeness delay or the back-off (and none asserts a duration).
"""

from __future__ import annotations

import csv
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from oversight_research.cli import main
from oversight_research.fetch import Fetcher, fetch_urls, file_name
from oversight_research.pipeline import extract
from oversight_research.tables import read_table

PAGE = (
    "<!doctype html><html><head><title>{title}</title>"
    "<meta property='article:published_time' content='2024-05-21T06:00:00+01:00'></head>"
    "<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>"
    + "An officer was dismissed after a hearing found he had failed to act on warnings about a man. " * 4
    + "</p><p>The IOPC said the force had accepted its recommendations in full.</p></article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()
    agents: list[str] = []
    flaky: Counter = Counter()

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(
        self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", headers: dict | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.hits[self.path] += 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path.startswith("/news/"):
            self._send(200, PAGE.format(title=self.path.rsplit("/", 1)[-1]).encode())
        elif self.path == "/moved":
            self._send(301, b"", headers={"Location": "/news/new-home"})
        elif self.path == "/missing":
            self._send(404, b"not here")
        elif self.path == "/broken":
            self._send(500, b"server error")
        elif self.path == "/flaky":
            Handler.flaky[self.path] += 1
            if Handler.flaky[self.path] == 1:
                self._send(503, b"try later")
            else:
                self._send(200, PAGE.format(title="flaky").encode())
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE.format(title="slow").encode())
        elif self.path == "/data.json":
            self._send(200, b'{"a": 1}', "application/json")
        elif self.path == "/report.pdf":
            from test_pdf import REPORT, make_pdf

            self._send(200, make_pdf(REPORT), "application/pdf")
        else:
            self._send(404, b"no route")


@pytest.fixture()
def server():
    Handler.hits.clear()
    Handler.agents.clear()
    Handler.flaky.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def quick(**options) -> Fetcher:
    """No real waiting: the delay and back-off are recorded, not slept."""
    slept: list[float] = []
    fetcher = Fetcher(delay=0, timeout=0.5, retries=1, backoff=0.01, sleep=slept.append, **options)
    fetcher.slept = slept  # type: ignore[attr-defined]
    return fetcher


def manifest_rows(raw: Path) -> list[dict]:
    with (raw / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_list(tmp_path: Path, base: str, *paths: str) -> Path:
    urls = tmp_path / "urls.txt"
    urls.write_text("# a list\n\n" + "\n".join(f"{base}{p}" for p in paths) + "\n", encoding="utf-8")
    return urls


def test_every_path_of_a_fetch(tmp_path: Path, server: str):
    urls = write_list(
        tmp_path,
        server,
        "/news/a",
        "/moved",
        "/missing",
        "/broken",
        "/flaky",
        "/slow",
        "/data.json",
        "/report.pdf",
        "/private/secret",
        "/news/a",
    )
    raw = tmp_path / "raw"
    summary = fetch_urls(urls, raw, quick())
    by_url = {o.url.removeprefix(server): o for o in summary.outcomes}
    assert len(summary.outcomes) == 9  # the duplicate is fetched once
    assert {u for u, o in by_url.items() if o.result == "saved"} == {"/news/a", "/moved", "/flaky", "/report.pdf"}
    assert by_url["/missing"].detail.startswith("HTTP 404") and Handler.hits["/missing"] == 1  # no retry of a 404
    assert by_url["/broken"].detail.startswith("HTTP 500") and Handler.hits["/broken"] == 2  # retried once
    assert by_url["/slow"].result == "failed" and "timed out" in by_url["/slow"].detail.lower()
    assert "application/json" in by_url["/data.json"].detail and by_url["/data.json"].result == "failed"
    assert by_url["/private/secret"].result == "disallowed" and Handler.hits["/private/secret"] == 0
    assert Handler.hits["/robots.txt"] == 1  # read once per host
    assert all(agent.startswith("oversight-research/") for agent in Handler.agents)
    rows = {r["source_url"].removeprefix(server): r for r in manifest_rows(raw)}
    assert set(rows) == {"/news/a", "/moved", "/flaky", "/report.pdf"}
    assert rows["/moved"]["final_url"] == f"{server}/news/new-home" and rows["/moved"]["http_status"] == "200"
    assert rows["/report.pdf"]["doc_id"].endswith(file_name(f"{server}/report.pdf", "")[-8:])
    assert (raw / f"{rows['/report.pdf']['doc_id']}.pdf").read_bytes().startswith(b"%PDF")
    import hashlib

    page = raw / f"{rows['/news/a']['doc_id']}.html"
    assert rows["/news/a"]["sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
    assert rows["/news/a"]["fetched"].endswith("Z")


def test_a_second_run_skips_what_is_there_and_retries_failures(tmp_path: Path, server: str):
    urls = write_list(tmp_path, server, "/news/a", "/missing")
    raw = tmp_path / "raw"
    fetch_urls(urls, raw, quick())
    again = fetch_urls(urls, raw, quick())
    assert [o.result for o in again.outcomes] == ["skipped", "failed"]
    assert Handler.hits["/news/a"] == 1 and Handler.hits["/missing"] == 2


def test_an_interrupted_run_keeps_its_pages_and_resumes(tmp_path: Path, server: str, monkeypatch):
    urls = write_list(tmp_path, server, "/news/a", "/news/b", "/news/c", "/news/d")
    raw = tmp_path / "raw"
    real, calls = Fetcher.get, []

    def interrupted(self, url):
        calls.append(url)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, url)

    monkeypatch.setattr(Fetcher, "get", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fetch_urls(urls, raw, quick())
    assert [r["source_url"] for r in manifest_rows(raw)] == [f"{server}/news/a", f"{server}/news/b"]
    assert len(list(raw.glob("*.html"))) == 2 and not list(raw.glob(".*"))  # no temporary file left
    monkeypatch.setattr(Fetcher, "get", real)
    resumed = fetch_urls(urls, raw, quick())
    assert [o.result for o in resumed.outcomes] == ["skipped", "skipped", "saved", "saved"]
    assert Handler.hits["/news/a"] == 1 and Handler.hits["/news/c"] == 1


def test_requests_to_one_host_are_spaced_by_the_delay(tmp_path: Path, server: str):
    urls = write_list(tmp_path, server, "/news/a", "/news/b")
    fetcher = quick()
    fetcher.delay = 30.0
    fetch_urls(urls, tmp_path / "raw", fetcher)
    # robots.txt, then two pages: two waits, each for (nearly) the whole delay, recorded instead of slept
    assert len(fetcher.slept) == 2 and all(25 < s <= 30 for s in fetcher.slept)


def test_a_manifest_of_the_users_own_is_kept(tmp_path: Path, server: str):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "manifest.csv").write_text("doc_id;title;published\nmine;My title;1/2/2024\n", encoding="cp1252")
    fetch_urls(write_list(tmp_path, server, "/news/a"), raw, quick())
    rows = manifest_rows(raw)
    assert rows[0]["doc_id"] == "mine" and rows[0]["title"] == "My title" and rows[0]["published"] == "1/2/2024"
    assert rows[1]["source_url"] == f"{server}/news/a"


def test_fetch_then_extract_dates_every_page(tmp_path: Path, server: str, capsys):
    raw = tmp_path / "raw"
    urls = write_list(tmp_path, server, "/news/a", "/news/b", "/report.pdf", "/missing")
    assert main(["fetch", str(urls), "--raw", str(raw), "--delay", "0", "--timeout", "2", "--retries", "0"]) == 0
    captured = capsys.readouterr()
    assert "3 saved" in captured.out and "/missing: HTTP 404" in captured.err
    extract(raw, tmp_path / "out", progress=False)
    articles = read_table("articles", tmp_path / "out")
    pages = articles[articles["path"].str.endswith(".html")]
    assert len(pages) == 2 and (pages["published"] == "2024-05-21").all()
    assert (pages["published_source"] == "meta").all() and (pages["status"] == "ok").all()
    assert set(articles["source_url"]) == {f"{server}/news/a", f"{server}/news/b", f"{server}/report.pdf"}
    assert articles.loc[articles["path"].str.endswith(".pdf"), "pages"].tolist() == [3]


def test_a_list_of_nothing_fetchable_exits_1(tmp_path: Path, server: str, capsys):
    urls = write_list(tmp_path, server, "/missing")
    assert main(["fetch", str(urls), "--raw", str(tmp_path / "raw"), "--delay", "0", "--retries", "0"]) == 1
    urls.write_text("ftp://example.org/x\n", encoding="utf-8")
    assert main(["fetch", str(urls), "--raw", str(tmp_path / "raw")]) == 1
    assert "not an http(s) URL" in capsys.readouterr().err


def test_a_manifest_cell_beyond_its_header_stops_fetch_before_it_is_lost(tmp_path: Path, server: str, capsys):
    """fetch writes manifest.csv again to add its rows: a cell under no column
    (an unquoted comma) was dropped for good, and the user's column names came
    back lower-cased."""
    raw = tmp_path / "raw"
    raw.mkdir()
    mine = "doc_id,Title,My Notes\nmine,My title,seen twice, not sure\n"
    (raw / "manifest.csv").write_text(mine, encoding="utf-8")
    urls = write_list(tmp_path, server, "/news/a")
    assert main(["fetch", str(urls), "--raw", str(raw), "--delay", "0", "--retries", "0"]) == 2
    err = capsys.readouterr().err
    assert "manifest.csv line 2: 'not sure' under no column" in err and "would lose" in err and err.count("\n") == 1
    assert (raw / "manifest.csv").read_text(encoding="utf-8") == mine and sorted(raw.iterdir()) == [
        raw / "manifest.csv"
    ]
    (raw / "manifest.csv").write_text('doc_id,Title,My Notes\nmine,My title,"seen twice, not sure"\n', encoding="utf-8")
    fetch_urls(urls, raw, quick())
    header = (raw / "manifest.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("doc_id,Title,My Notes,source_url")
    assert manifest_rows(raw)[0]["My Notes"] == "seen twice, not sure"


def test_an_empty_url_list_is_an_error_and_makes_no_folder(tmp_path: Path, capsys):
    (tmp_path / "urls.txt").write_text("# to fetch later\n\n", encoding="utf-8")
    assert main(["fetch", str(tmp_path / "urls.txt"), "--raw", str(tmp_path / "raw")]) == 2
    assert "holds no URL" in capsys.readouterr().err
    assert not (tmp_path / "raw").exists()
