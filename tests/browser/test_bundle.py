"""The offline editions in Chromium from file://: every link and anchor of the unzipped bundle works,
footnote previews and search work with no network, and the single-file edition requests nothing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag

import pytest

from browsing import bundle
from test_reading import pages_with_notes, rare_claim_word, search_and_open


@pytest.fixture(scope="module")
def dist(tmp_path_factory, site) -> Path:
    """`build.py bundle` of the real content, and its zip unzipped into a temporary folder."""
    out = tmp_path_factory.mktemp("dist")
    bundle(out)
    return out


def bundle_root(dist: Path) -> Path:
    (folder,) = (dist / "unzipped").iterdir()
    return folder


def test_every_link_and_anchor_of_the_unzipped_bundle_works_from_file_urls(dist, browser):
    links = working_links(bundle_root(dist), browser)
    pages = list(bundle_root(dist).rglob("index.html"))
    assert len(links) >= 4 * len(pages), "every page links at least to its navigation, its notes and the indexes"


def working_links(root: Path, browser) -> list[tuple[str, str]]:
    """Every link of every page of the unzipped bundle at `root`, opened from file://: asserts that each
    opens a file (and, into a page, an element), and that no page requests anything but files."""
    context = browser.new_context()
    page = context.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith("file://") else None)
    pages = {p.as_uri(): p for p in sorted(root.rglob("*.html"))}
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for url in pages:
        page.goto(url)
        ids[url] = set(page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)"))
        hrefs = page.evaluate("[...document.querySelectorAll('a[href], link[href], script[src]')]"
                              ".map(e => e.href || e.src)")
        links += [(url, h) for h in hrefs if h.startswith("file://")]
    context.close()
    broken = []
    for origin, link in links:
        target, fragment = urldefrag(link)
        path = Path(target.removeprefix("file://"))
        if not path.is_file():
            broken.append(f"{origin} -> {link}")
        elif fragment and target in ids and fragment not in ids[target]:
            broken.append(f"{origin} -> {link}")
    assert broken == [], broken[:20]
    assert elsewhere == []
    return links


def test_footnote_previews_and_search_work_in_the_unzipped_bundle(dist, page, site):
    root = bundle_root(dist)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((root / pages_with_notes(site)[-1] / "index.html").as_uri())
    marker = page.locator("a.noteref").first
    marker.hover()
    page.locator(".note-preview").wait_for(state="visible")
    page.keyboard.press("Escape")
    claim, word = rare_claim_word(site)
    search_and_open(page, claim, word)
    assert page.url.startswith(root.as_uri()) and "/index.html#fnref-" in page.url, page.url
    assert not errors, errors


def test_the_single_file_edition_opens_from_file_and_requests_nothing(dist, page):
    (single,) = [p for p in dist.glob("*.html")]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(single.as_uri())
    page.wait_for_load_state("load")
    assert requests == [single.as_uri()]
    assert not errors, errors  # the inline CSS and script are allowed by hash in its CSP
    marker = page.locator("a.noteref").first
    marker.hover()
    page.locator(".note-preview").wait_for(state="visible")
    href = marker.get_attribute("href")
    page.keyboard.press("Escape")
    marker.click()
    assert page.evaluate("location.hash") == href
    assert page.locator(href).is_visible()
    note_link = page.locator(f"{href} a.note-source")
    target = note_link.get_attribute("href")
    note_link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(target).count() == 1, "the note's passage link lands inside this same file"
