"""A briefing started with `briefing new`, with a second small briefing written into it (two sources, three
pages, a table): it builds, and the site-wide checks pass on it: every footnote lands, no link is broken,
axe finds nothing on any page. And, under `serve`, selecting text on a source page gives a claim stub."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kit import small_briefing, write_files
from sitecheck import axe_violations, backlink_problems, footnote_problems, link_problems
from browsing import serve, site_pages

BRIEFING = Path(sys.executable).parent / "briefing"
EXAMPLE = ("content/sources/courier.yaml", "seeds/example.txt", "content/pages/index.md")


def briefing(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BRIEFING), *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> Path:
    """`briefing new`, its example replaced by the small briefing, checked strictly and built."""
    where = tmp_path_factory.mktemp("new-project")
    assert briefing(where, "new", "ferry").returncode == 0
    root = write_files(where / "ferry", {**dict.fromkeys(EXAMPLE), **small_briefing()})
    strict = briefing(root, "check", "--strict")
    assert strict.returncode == 0, strict.stderr
    assert briefing(root, "build").returncode == 0
    return root


def test_a_new_project_with_a_second_briefing_passes_the_site_wide_checks(second, browser, axe_script):
    site = second / "_site"
    problems, followed = footnote_problems(site, second / "seeds")
    assert problems == [] and followed >= 10
    assert link_problems(site) == [] and backlink_problems(site) == []
    urls = site_pages(site)
    assert {"", "timetable/", "views/", "sources/council/", "sources/gazette/"} <= set(urls)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    with serve(site) as base_url:
        found = {url or "/": v for url in urls if (v := axe_violations(page, axe_script, base_url + url))}
    context.close()
    assert not found, json.dumps(found, indent=1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_selecting_text_on_a_source_page_under_serve_shows_a_claim_stub(second, browser):
    port = free_port()
    process = subprocess.Popen([str(BRIEFING), "serve", "--port", str(port), "--out", "_preview"], cwd=second,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = browser.new_context()
    page = context.new_page()
    try:
        for _ in range(100):
            try:
                page.goto(f"http://127.0.0.1:{port}/sources/gazette/")
                break
            except Exception:  # noqa: BLE001 - the server is still starting
                page.wait_for_timeout(100)
        # Select "every 30 minutes on weekdays" in the seed's text, as a reader's mouse would.
        page.evaluate("""() => {
            const seed = document.querySelector('.seed');
            const walker = document.createTreeWalker(seed, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.textContent.includes('every 30 minutes on weekdays')) {}
            const at = node.textContent.indexOf('every 30 minutes on weekdays');
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 'every 30 minutes on weekdays'.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""")
        panel = page.locator("#briefing-quote")
        panel.wait_for(state="visible")
        assert "content/sources/gazette.yaml" in panel.locator("h2").inner_text()
        assert "quote: every 30 minutes on weekdays" in panel.locator("pre").inner_text()
        page.keyboard.press("Escape")
        panel.wait_for(state="hidden")
    finally:
        context.close()
        process.kill()
        process.wait()
    assert not [p for p in (second / "_preview").rglob("*") if p.is_file() and b"__briefing__" in p.read_bytes()], \
        "what serve writes has no quote picker: it is injected as pages are served"
