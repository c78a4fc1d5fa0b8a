"""The site-wide checks on a briefing whose seeds are a plain text, a saved web page and a PDF printed by
Chromium: every footnote lands on its passage, axe in both themes, the HTML checker, page weight, and the
offline bundle with its PDF original, opened from file://."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import ROOT, bundle, serve
from documents import EXPECTED_PAGES, REPORT, mixed_project, print_pdf
from test_audits import html_errors, violations_by_page, weigh
from test_bundle import working_links
from test_reading import pages_with_notes, round_trips


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """The mixed project, built (with --strict) into its _site/."""
    pdf = print_pdf(REPORT, tmp_path_factory.mktemp("print"))
    root = mixed_project(tmp_path_factory.mktemp("mixed"), pdf)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--strict", "--root", str(root)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def mixed_url(mixed) -> Iterator[str]:
    with serve(mixed / "_site") as url:
        yield url


def test_every_footnote_of_the_mixed_briefing_lands_on_its_highlighted_passage(mixed, mixed_url, page):
    site = mixed / "_site"
    visited = pages_with_notes(site)
    assert {"", "sources/port/", "sources/report/"} <= set(visited)
    round_trips(site, mixed_url, page, visited)
    notes = page.context.new_page()
    notes.goto(mixed_url)
    for link in notes.locator("a.note-source").all():  # every note on the home page, not only the first
        with notes.expect_navigation(wait_until="load"):
            link.click()
        assert notes.locator(".seed mark.current").count() >= 1, notes.url
        notes.go_back(wait_until="load")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_mixed_briefing(mixed, mixed_url, browser, axe_script, theme):
    found = violations_by_page(mixed / "_site", mixed_url, browser, axe_script, theme)
    assert not found, json.dumps(found, indent=1)


def test_the_html_checker_finds_no_error_in_the_mixed_briefing(mixed, vnu):
    errors = html_errors(mixed / "_site", vnu)
    assert not errors, "\n".join(errors)


def test_the_mixed_briefings_pages_stay_within_their_weight(mixed, mixed_url, browser):
    weigh(mixed / "_site", mixed_url, browser)


def test_each_pdf_page_link_is_served_the_original(mixed, mixed_url, page):
    page.goto(mixed_url + "sources/report/")
    links = page.locator(".claim-meta a[href*='.pdf']")
    assert links.count() == len(EXPECTED_PAGES)
    for i in range(links.count()):
        href = links.nth(i).evaluate("a => a.href")
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"] == "application/pdf"
        assert response.body() == (mixed / "seeds/report.pdf").read_bytes()
        assert href.rsplit("#page=", 1)[1] in {str(n) for n in EXPECTED_PAGES.values()}


def test_the_offline_bundle_carries_the_pdf_and_every_link_works_from_file_urls(mixed, browser, tmp_path):
    root = bundle(tmp_path, mixed)
    assert (root / "sources/report/report.pdf").read_bytes() == (mixed / "seeds/report.pdf").read_bytes()
    assert not list(root.rglob("port.html")), "a web page's original is not in the bundle either"
    links = working_links(root, browser)
    pdf_links = {link for _, link in links if ".pdf" in link}
    assert {f"{(root / 'sources/report/report.pdf').as_uri()}#page={n}" for n in EXPECTED_PAGES.values()} <= pdf_links
