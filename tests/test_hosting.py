"""Hosted under a subpath: every internal link and anchor of every page resolves over HTTP."""

from __future__ import annotations

import functools
import json
import http.server
import threading
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from htmlscan import Scan
from kit import run_cli, small_briefing, write_files

PREFIX = "/briefing/"


class SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder only under PREFIX, like a host serving it from a subfolder."""

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + clean[len(PREFIX):])

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    out = tmp_path_factory.mktemp("hosted") / "site"
    root = write_files(tmp_path_factory.mktemp("hosted-project"), small_briefing())
    result = run_cli(root, "build", "--out", str(out), "--base-url", "https://example.org/briefing/")
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubpathHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}", out
    server.shutdown()


def test_crawling_the_site_under_a_subpath_finds_no_broken_link_or_anchor(hosted):
    start, out = hosted
    pages: dict[str, Scan] = {}
    queue, seen_targets, broken = deque([start]), set(), []
    while queue:
        url = queue.popleft()
        if url in pages:
            continue
        with urlopen(url) as response:
            kind = response.headers.get("Content-Type", "")
            body = response.read()
        if "html" not in kind:
            pages[url] = Scan("")
            continue
        pages[url] = scan = Scan(body.decode("utf-8"))
        for tag, attrs in scan.elements:
            for name in ("href", "src"):
                link = attrs.get(name)
                if not link or link.startswith(("http:", "https:", "mailto:")) or (tag == "link" and attrs.get("rel") == "canonical"):
                    continue
                target = urljoin(url, link)
                assert target.startswith(start), f"{url}: {link} leaves the site's subpath"
                page, fragment = urldefrag(target)
                seen_targets.add((url, page, fragment))
                if page not in pages:
                    queue.append(page)
    for origin, page, fragment in seen_targets:
        if page not in pages:
            broken.append(f"{origin} -> {page}")
        elif fragment and fragment not in pages[page].ids:
            broken.append(f"{origin} -> {page}#{fragment}")
    assert broken == []
    assert len([u for u in pages if u.endswith("/")]) >= len(list(out.rglob("index.html")))


def test_canonical_urls_use_the_base_url(hosted):
    _, out = hosted
    for html in out.rglob("index.html"):
        rel = html.parent.relative_to(out).as_posix()
        expected = "https://example.org/briefing/" + ("" if rel == "." else rel + "/")
        canonical = [a["href"] for t, a in Scan(html.read_text()).elements if t == "link" and a.get("rel") == "canonical"]
        assert canonical == [expected]


def test_hosting_files_sitemap_robots_404_and_page_metadata(hosted):
    start, out = hosted
    sitemap = (out / "sitemap.xml").read_text()
    pages = sorted(p.parent.relative_to(out).as_posix() for p in out.rglob("index.html"))
    for rel in pages:
        assert f"<loc>https://example.org/briefing/{'' if rel == '.' else rel + '/'}</loc>" in sitemap
    assert "Sitemap: https://example.org/briefing/sitemap.xml" in (out / "robots.txt").read_text()
    not_found = Scan((out / "404.html").read_text())
    for tag, attrs in not_found.elements:
        link = attrs.get("href") or attrs.get("src") or ""
        if tag in ("a", "link", "script") and link and not link.startswith(("https:", "#")):
            assert link.startswith(PREFIX), f"404 links must work at any depth: {link}"
            with urlopen(urljoin(start, link)) as response:
                assert response.status == 200
    home = (out / "index.html").read_text()
    for needle in ('<meta property="og:title"', '<meta property="og:description"', '<meta name="twitter:card"',
                   '<link rel="icon"', '<meta name="description"'):
        assert needle in home
    timetable = (out / "timetable/index.html").read_text()
    block = timetable.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["@type"] == "Article" and data["url"] == "https://example.org/briefing/timetable/"
    assert [(c["@type"], c["url"], c["datePublished"]) for c in data["citation"]] == [
        ("Report", "https://example.org/briefing/sources/council/", "2026-05")]


def test_static_assets_are_fingerprinted(hosted):
    _, out = hosted
    names = [p.name for p in (out / "static").iterdir()]
    versioned = [n for n in names if n != "search-index.js"]
    assert versioned and all(len(n.split(".")) == 3 and len(n.split(".")[1]) == 10 for n in versioned), names
