"""Every built page, audited by real tools: axe-core in both themes, the Nu HTML Checker, and its weight."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import site_pages
from demo import sites
from sitecheck import axe_run as axe
from sitecheck import axe_violations

BUDGET = 60 * 1024
CLAIMS_INDEX_BUDGET = 150 * 1024
WEIGHED = {"document", "stylesheet", "script", "image", "font"}


def violations_by_page(site: Path, base_url: str, browser, axe_script: Path, theme: str) -> dict[str, list[dict]]:
    """Per page URL of the built `site` served at `base_url`, what axe finds in the given colour scheme."""
    context = browser.new_context(bypass_csp=True, color_scheme=theme)
    page = context.new_page()
    found = {}
    for url in site_pages(site):
        violations = axe_violations(page, axe_script, base_url + url)
        assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == theme
        if violations:
            found[url or "/"] = violations
    context.close()
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(site, base_url, browser, axe_script, theme):
    found = violations_by_page(site, base_url, browser, axe_script, theme)
    assert not found, json.dumps(found, indent=1)


@pytest.mark.parametrize("which", ["site", "demo"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violation_with_search_results_a_note_preview_and_a_section_open(request, browser, axe_script,
                                                                                      theme, which):
    site, base_url = sites(request, which)
    context = browser.new_context(bypass_csp=True, color_scheme=theme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url)
    page.locator("a.noteref").first.hover()
    page.locator(".note-preview").wait_for()
    assert axe(page, axe_script) == []
    page.locator("#search-input").fill("world models")
    page.locator('#search-results [role="option"]').first.wait_for()
    page.locator("#search-input").press("ArrowDown")
    assert axe(page, axe_script) == []
    page.locator("#search-input").press("Escape")  # the results close, and a navigation section opens
    if page.locator(".nav-group summary").count():
        page.locator(".nav-group summary").first.click()
        assert page.locator(".nav-group details[open] a").first.is_visible()
        assert axe(page, axe_script) == []
    source = next(u for u in site_pages(site) if u.startswith("sources/") and u != "sources/")
    page.goto(base_url + source)
    page.locator(".seed mark").first.click()  # selects the passage: it is marked current and described
    page.locator(".passage-card").wait_for()
    assert axe(page, axe_script) == []
    context.close()


@pytest.mark.parametrize("which", ["site", "demo"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violation_on_a_phone_with_the_menu_on_this_page_and_a_note_preview_open(request, browser,
                                                                                             axe_script, theme, which):
    site, base_url = sites(request, which)
    context = browser.new_context(bypass_csp=True, color_scheme=theme, viewport={"width": 375, "height": 812},
                                  has_touch=True)
    page = context.new_page()
    url = next(u for u in site_pages(site) if 'class="toc"' in (site / u / "index.html").read_text("utf-8")
               and 'class="noteref"' in (site / u / "index.html").read_text("utf-8"))
    page.goto(base_url + url)
    page.locator(".nav-toggle").click()
    assert page.locator(".nav-list").is_visible()
    assert axe(page, axe_script) == []
    page.locator(".nav-toggle").click()
    page.locator("nav.toc summary").click()
    assert page.locator("nav.toc a").first.is_visible()
    page.locator("a.noteref").first.tap()
    page.locator(".note-preview").wait_for()
    assert axe(page, axe_script) == []
    context.close()


def html_errors(site: Path, vnu: Path) -> list[str]:
    """What the Nu HTML Checker finds wrong in every HTML file of the built `site`."""
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{urlsplit(m.get('url', '')).path}:{m.get('lastLine')}: {m.get('message')}" for m in messages]
    return errors or ([] if result.returncode == 0 else [result.stderr])


@pytest.mark.parametrize("which", ["site", "demo"])
def test_the_nu_html_checker_finds_no_error(request, vnu, which):
    site = sites(request, which)[0]
    errors = html_errors(site, vnu)
    assert not errors, "\n".join(errors)
    assert len(site_pages(site)) >= 4  # any briefing has a home page, the two indexes and a source page


def test_every_page_stays_within_its_weight_loads_cleanly_and_requests_nothing_from_elsewhere(site, base_url, browser):
    weigh(site, base_url, browser)


def weigh(site: Path, base_url: str, browser) -> None:
    """A page's weight: the bytes transferred for it and every stylesheet, script and image it loads when
    opened, served as a static host serves them (gzip). The search index and library load only on use.
    Asserts every page of `site` is within its budget, loads without errors and requests nothing elsewhere."""
    context = browser.new_context()
    page = context.new_page()
    loads: list[tuple[str, str, int, int]] = []

    def finished(request):
        response = request.response()
        body = len(response.body()) if response else 0
        loads.append((request.url, request.resource_type, request.sizes()["responseBodySize"], body))

    page.on("requestfinished", finished)
    errors: list[str] = []  # a Content-Security-Policy violation is reported here too
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    over, foreign, weights = [], [], {}
    for url in site_pages(site):
        loads.clear()
        page.goto(base_url + url, wait_until="load")
        page.wait_for_load_state("networkidle")
        foreign += [u for u, *_ in loads if not u.startswith(base_url)]
        sent = sum(size for _, kind, size, _ in loads if kind in WEIGHED)
        raw = sum(body for _, kind, _, body in loads if kind in WEIGHED)
        weights[url or "/"] = (sent, raw)
        budget = CLAIMS_INDEX_BUDGET if url == "claims/" else BUDGET
        if sent > budget:
            over.append((url or "/", sent, budget))
        assert not [u for u, *_ in loads if "search-index" in u or "minisearch" in u], url
    context.close()
    print("\npage weight (transferred bytes, uncompressed bytes):")
    for url, (sent, raw) in weights.items():
        print(f"  {url:40s} {sent / 1024:6.1f} KB {raw / 1024:7.1f} KB")
    assert not foreign, foreign
    assert not errors, errors
    assert not over, over
