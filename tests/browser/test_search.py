"""Search as readers type it, in Chromium, on the demo briefing: figures in any spelling, the page about a subject
before pages that mention it and before claims, and claims that say where they are cited."""

from __future__ import annotations

import re

import pytest


def search(page, query: str) -> list[dict]:
    """The results for `query`, once the list has settled, as {kind, title, context, cited, marks}."""
    box = page.locator("#search-input")
    box.click()
    box.fill(query)
    page.locator('#search-results [role="option"]').first.wait_for()
    page.wait_for_timeout(150)  # results are replaced as the index loads: read the settled list
    return page.eval_on_selector_all('#search-results [role="option"]', """options => options.map(o => ({
        kind: o.querySelector('.kind') && o.querySelector('.kind').textContent,
        title: o.querySelector('.title') && o.querySelector('.title').textContent,
        context: o.querySelector('.context') && o.querySelector('.context').textContent,
        cited: o.querySelector('.cited') && o.querySelector('.cited').textContent,
        marks: [...o.querySelectorAll('mark')].map(m => m.textContent), empty: o.classList.contains('empty')}))""")


@pytest.mark.parametrize("query", ["290", "290 million", "$290M", "$290 million", "290 million dollars", "290m"])
def test_a_figure_is_found_however_it_is_written_and_the_page_about_it_comes_first(demo_url, page, query):
    page.goto(demo_url)
    results = search(page, query)
    assert results and not results[0]["empty"], (query, results)
    first = results[0]
    assert first["kind"] == "Page" and first["context"].startswith("The round"), (query, first)
    assert "290" in first["marks"], first  # the figure is marked in the excerpt
    claims = [r for r in results if r["kind"] == "Claim"]
    assert any("$290" in r["context"] for r in claims), results  # "$290 million" and "$290M" quotes alike
    kinds = [r["kind"] for r in results]
    assert kinds == sorted(kinds, key=["Page", "Source", "Claim"].index), kinds  # pages, then sources, then claims


def test_a_number_matches_whole_not_as_the_start_of_a_longer_one(demo_url, page):
    page.goto(demo_url)
    assert search(page, "29")[0]["empty"]  # "29" is not "290"
    thousands = search(page, "1.2 billion")
    assert any("1.2" in r["marks"] for r in thousands), thousands


def test_a_claim_result_says_which_pages_cite_it_and_leads_to_the_first_at_the_citation(demo_url, page):
    page.goto(demo_url)
    results = search(page, "familiar")
    index = next(i for i, r in enumerate(results) if r["kind"] == "Claim")
    assert results[index]["cited"] == "Cited on Overview, The round, Where the sources agree and differ"
    box = page.locator("#search-input")
    for _ in range(index + 1):
        box.press("ArrowDown")
    with page.expect_navigation(wait_until="load"):
        box.press("Enter")
    assert page.url == demo_url + "#fnref-8-1"
    assert page.locator("li#fn-8 .note-claim").inner_text() == "People familiar with the deal say it values the company at $1.2 billion."


def test_a_claim_no_page_cites_says_so_and_opens_its_passage(demo_url, page):
    page.goto(demo_url)
    results = search(page, "joined the race")
    claim = next(r for r in results if r["kind"] == "Claim")
    assert claim["cited"] == "Not cited on a page: opens its passage"
    box = page.locator("#search-input")
    for _ in range(results.index(claim) + 1):
        box.press("ArrowDown")
    with page.expect_navigation(wait_until="load"):
        box.press("Enter")
    assert re.search(r"/sources/ledger/#claim-race$", page.url)


def test_a_word_for_a_subject_finds_the_sections_citing_claims_on_it(demo_url, page):
    page.goto(demo_url)
    results = search(page, "outlook")  # a topic of the claims the sections cite; no page says "outlook"
    pages = [r for r in results if r["kind"] == "Page"]
    assert pages and all("outlook" not in (r["title"] + r["context"]).lower() for r in pages), results
    assert {r["title"] for r in pages} >= {"What comes next", "Forecasts"}
