"""This briefing, as a reader meets it in Chromium: the figures the issue's reader searched for, the site's title,
and the link text that misled."""

from __future__ import annotations

import re
from pathlib import Path

from browsing import site_pages


def search(page, query: str) -> list[dict]:
    box = page.locator("#search-input")
    box.click()
    box.fill(query)
    page.locator('#search-results [role="option"]').first.wait_for()
    page.wait_for_timeout(150)
    return page.eval_on_selector_all('#search-results [role="option"]', """options => options.map(o => ({
        kind: o.querySelector('.kind').textContent, title: o.querySelector('.title').textContent,
        context: o.querySelector('.context').textContent, id: o.id}))""")


def test_searching_290_million_lists_the_briefing_page_on_the_deal_first(base_url, page):
    page.goto(base_url)
    first = search(page, "290 million")[0]
    assert first["kind"] == "Page" and first["context"].startswith("The deal · "), first
    with page.expect_navigation(wait_until="load"):
        page.locator("#search-input").press("Enter")
    assert page.url.startswith(base_url + "the-deal/")


def test_the_figures_the_reader_typed_find_pages_first_and_the_deal_page_among_them(base_url, page):
    """The issue's reader found nothing for these but "$290 million"."""
    page.goto(base_url)
    for query in ("290", "$290M", "88 million", "380 million"):
        results = search(page, query)
        assert results and results[0]["kind"] == "Page", (query, results)
        if query != "380 million":  # the deal page does not give the accumulated figure
            assert any(r["context"].startswith("The deal · ") for r in results if r["kind"] == "Page"), (query, results)


def test_the_site_title_differs_from_every_pages_title(site: Path):
    home = (site / "index.html").read_text("utf-8")
    site_title = re.search(r'<a class="site-title" href="[^"]*">([^<]+)</a>', home)[1]
    titles = {url: re.search(r"<h1>([^<]+)</h1>", (site / url / "index.html").read_text("utf-8"))[1]
              for url in site_pages(site) if url}
    assert site_title not in titles.values(), titles


def test_no_link_says_sources_page_unless_it_leads_to_the_sources_page(site: Path):
    wrong = []
    for url in site_pages(site):
        html = (site / url / "index.html").read_text("utf-8")
        for href, text in re.findall(r'<a href="([^"]+)">([^<]*sources page[^<]*)</a>', html, re.IGNORECASE):
            if not re.search(r"(^|/)sources/(index\.html)?$", href):
                wrong.append((url, href, text))
    assert not wrong, wrong
