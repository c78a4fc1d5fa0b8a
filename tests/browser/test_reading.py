"""A reader's journeys through the built site, in Chromium: footnotes, previews, search, theme, small screens."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from briefing.anchor import fold
from browsing import site_pages

PHONE = {"width": 360, "height": 740}


def claims(site: Path) -> list[dict]:
    return json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]


def pages_with_notes(site: Path) -> list[str]:
    return [url for url in site_pages(site) if 'class="noteref"' in (site / url / "index.html").read_text("utf-8")]


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; }""")


def current_passage(page) -> str:
    return page.evaluate("() => [...document.querySelectorAll('.seed mark.current')].map(m => m.textContent).join('')")


def test_every_page_with_notes_is_a_round_trip_from_marker_to_note_to_passage(site, base_url, page):
    visited = pages_with_notes(site)
    assert visited, "a briefing cites its sources on at least one page"
    round_trips(site, base_url, page, visited)


def round_trips(site: Path, base_url: str, page, visited: list[str]) -> None:
    """On each page URL in `visited`, its first marker to its note, back, and on to the marked passage."""
    from playwright.sync_api import expect  # imported here: without Playwright the fixtures report why

    quotes = {(c["key"], c["id"]): c["quote"] for c in claims(site) if "quote" in c}  # absence claims have none
    for url in visited:
        page.goto(base_url + url)
        marker = page.locator("a.noteref").first
        marker_id, note_href = marker.get_attribute("id"), marker.get_attribute("href")
        marker.click()
        assert page.evaluate("location.hash") == note_href, url
        assert in_viewport(page, f"li{note_href}") and page.locator(f"li{note_href}:target").count() == 1, url

        page.locator(f'li{note_href} a[role="doc-backlink"][href="#{marker_id}"]').click()
        assert page.evaluate("location.hash") == f"#{marker_id}", url
        assert in_viewport(page, f"#{marker_id}"), url

        marker.click()
        # The passage is marked current by the page's script: after loading when the note points to another
        # page, on the (asynchronous) hashchange event when it points into this one (a source page's own
        # summary). So wait for the load, then let the assertion on the marking retry until the script ran.
        with page.expect_navigation(wait_until="load"):
            page.locator(f"li{note_href} a.note-source").click()
        match = re.search(r"/sources/([^/]+)/(?:index\.html)?#claim-(.+)$", page.url)
        assert match, page.url
        key, claim_id = match.groups()
        marks = page.locator(f'.seed mark[data-c~="{claim_id}"]')
        assert marks.count() >= 1, page.url
        expect(page.locator(".seed mark.current")).to_have_count(marks.count())
        assert fold(current_passage(page)) == fold(quotes[(key, claim_id)]), page.url
        assert in_viewport(page, ".seed mark.current"), page.url
        background = page.eval_on_selector(".seed mark.current", "el => getComputedStyle(el).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), page.url
        assert page.locator(".passage-card").is_visible(), page.url


def test_a_single_segment_passage_is_the_target_even_without_javascript(site, browser, base_url):
    single = next((c for c in claims(site)
                   if f'<mark class="passage" id="claim-{c["id"]}"' in
                   (site / "sources" / c["key"] / "index.html").read_text("utf-8")), None)
    assert single, "no single-segment passage in the content"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}sources/{single['key']}/#claim-{single['id']}")
    assert page.locator(f"mark#claim-{single['id']}:target").count() == 1
    assert in_viewport(page, f"mark#claim-{single['id']}")
    context.close()


def test_hovering_or_focusing_a_marker_previews_its_note_and_escape_closes_it(site, base_url, page):
    url = pages_with_notes(site)[0]
    page.goto(base_url + url)
    marker = page.locator("a.noteref").first
    note_quote = page.locator(f"li{marker.get_attribute('href')} blockquote").inner_text()
    preview = page.locator(".note-preview")

    marker.hover()
    preview.wait_for(state="visible")
    assert note_quote in preview.inner_text()
    assert marker.get_attribute("aria-describedby") == "note-preview"
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")

    page.mouse.move(0, 0)
    marker.focus()  # keyboard focus: the same preview, described to assistive technology
    preview.wait_for(state="visible")
    assert note_quote in preview.inner_text()
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert marker.get_attribute("aria-describedby") is None
    assert page.evaluate("location.hash") == ""  # the marker is still an ordinary link, not yet followed


def search_records(site: Path) -> list[dict]:
    text = (site / "static" / "search-index.js").read_text("utf-8")
    return json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))


def rare_claim_word(site: Path) -> tuple[dict, str]:
    """A claim that a briefing page cites, and a word of its text that no other claim uses: search must find
    that claim by it."""
    every = claims(site)
    words = Counter(w for c in every for w in set(re.findall(r"[a-z]{7,}", (c["claim"] + " " + c.get("quote", "")).lower())))
    on_pages = {r["t"] for r in search_records(site) if r["k"] == "Claim" and r["p"]}
    for claim in every:
        for word in re.findall(r"[a-z]{7,}", claim["claim"].lower()):
            if words[word] == 1 and claim["claim"] in on_pages:
                return claim, word
    raise AssertionError("no claim cited on a page has a word of its own")


def search_and_open(page, claim: dict, word: str) -> None:
    box = page.locator("#search-input")
    box.click()
    box.press_sequentially(word, delay=20)
    page.locator('#search-results [role="option"]').first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    titles = page.locator('#search-results [role="option"] .title').all_inner_texts()
    assert claim["claim"] in titles, (word, titles)
    for _ in range(titles.index(claim["claim"]) + 1):
        box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert page.locator(f"#{active} .title").inner_text() == claim["claim"]
    assert page.locator(f"#{active} .cited").inner_text().startswith("Cited on ")
    with page.expect_navigation(wait_until="load"):
        box.press("Enter")


def assert_at_a_citation_of(page, claim: dict) -> None:
    """The page is a briefing page, scrolled to a mark that cites the claim (one of its notes leads to the
    claim's passage)."""
    fragment = page.evaluate("location.hash.slice(1)")
    assert fragment.startswith("fnref-"), page.url
    assert in_viewport(page, f"[id='{fragment}']"), page.url
    mark = page.locator(f"sup.cite:has([id='{fragment}']) a.noteref")
    notes = mark.get_attribute("data-notes").split()
    passages = [page.locator(f"li#fn-{n} a.note-source").get_attribute("href") for n in notes]
    assert any(re.search(rf"sources/{claim['key']}/(index\.html)?#claim-{claim['id']}$", href) for href in passages), passages


def test_search_finds_a_claim_by_a_word_in_it_and_opens_the_first_page_citing_it_at_the_citation(site, base_url, page):
    claim, word = rare_claim_word(site)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url)
    assert not [u for u in requested if "search-index" in u or "minisearch" in u], "search loaded before use"
    search_and_open(page, claim, word)
    assert_at_a_citation_of(page, claim)


def test_search_works_from_file_urls_too(site, page):
    claim, word = rare_claim_word(site)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "index.html").as_uri())
    search_and_open(page, claim, word)
    assert page.url.startswith(site.as_uri()) and "/index.html#fnref-" in page.url, page.url
    assert_at_a_citation_of(page, claim)
    assert not errors, errors


def test_search_is_a_keyboard_operable_combobox(base_url, page):
    page.goto(base_url)
    box = page.locator("#search-input")
    assert box.get_attribute("role") == "combobox"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    box.press_sequentially("world model", delay=20)
    options = page.locator('#search-results [role="option"]')
    options.first.wait_for()
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and page.locator("#search-results").is_hidden()
    box.press("Escape")
    assert box.input_value() == ""


@pytest.mark.parametrize("opening", ["served", "file"])
def test_the_chosen_theme_persists_across_pages_without_a_flash(site, base_url, browser, opening):
    context = browser.new_context(color_scheme="light")
    # Record the theme at the moment <body> is parsed, i.e. before the first paint could show the wrong one.
    context.add_init_script("""new MutationObserver((records, observer) => {
        if (document.body) { window.themeAtBody = document.documentElement.dataset.theme || 'none'; observer.disconnect(); }
    }).observe(document, {childList: true, subtree: true});""")
    page = context.new_page()
    url = (lambda u: base_url + u) if opening == "served" else (lambda u: (site / u / "index.html").as_uri())
    page.goto(url(""))
    toggle = page.locator(".theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    for other in [u for u in site_pages(site) if u][:3]:
        page.goto(url(other))
        assert page.evaluate("window.themeAtBody") == "dark", other
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark, other
        assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true", other
    page.locator(".theme-toggle").click()
    page.goto(url(""))
    assert page.evaluate("window.themeAtBody") == "light"
    context.close()


def test_no_page_scrolls_sideways_at_360_pixels(site, base_url, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    wide = []
    for url in site_pages(site):
        page.goto(base_url + url)
        if page.locator("a.noteref").count():
            page.locator("a.noteref").last.focus()  # an open preview must not widen the page either
        width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            wide.append((url, *width))
    context.close()
    assert not wide, wide


def test_the_skip_link_is_first_visible_on_focus_and_moves_to_the_content(base_url, page):
    page.goto(base_url)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert page.evaluate("document.activeElement.className") == "skip" and skip.is_visible()
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_long_pages_have_a_table_of_contents_that_works_without_javascript(site, browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    checked = 0
    for url in site_pages(site):
        page.goto(base_url + url)
        headings = page.locator(".body h2[id]:not(#notes-title), .body h3[id]").count()  # the notes are not a section
        toc = page.locator("nav.toc a")
        if headings >= 3:
            assert toc.count() >= 3, url
        if not toc.count():
            continue
        for href in toc.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            assert page.locator(f"[id='{href[1:]}']").count() == 1, (url, href)
        assert toc.last.is_visible(), url  # beside the text on a wide screen, open even without the script
        toc.last.click()
        assert page.evaluate("location.hash") == toc.last.get_attribute("href")
        checked += 1
    context.close()
    assert checked >= 1


def test_print_shows_the_text_and_its_endnotes_without_the_reading_tools(site, base_url, page):
    page.goto(base_url + pages_with_notes(site)[0])
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".site-search", ".theme-toggle", ".pager", ".toc"):
        if page.locator(hidden).count():
            assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("section.notes").is_visible()
    printed = page.evaluate("""() => {
        const a = document.createElement('a'); a.href = 'https://example.org/report'; a.textContent = 'a report';
        document.querySelector('.body p').append(' ', a);
        return getComputedStyle(a, '::after').content; }""")
    assert "https://example.org/report" in printed


def test_a_page_result_shows_the_words_around_the_match_and_marks_them(demo_site, demo_url, page):
    """A word deep in a long page section: the result's excerpt is taken around it, not from the start."""
    docs = search_records(demo_site)
    counts = Counter(w for d in docs for w in set(re.findall(r"[a-z]{6,}", " ".join(
        d.get(f, "") for f in ("t", "c", "m", "x")).lower())))
    found = next(((d, w) for d in docs if d["k"] == "Page" and len(d["x"]) > 400
                  for w in re.findall(r"[a-z]{6,}", d["x"][300:]) if counts[w] == 1
                  and w not in d["x"][:300].lower() and w not in d["t"].lower()), None)
    assert found, "no long page section has a word of its own past its opening"
    doc, word = found
    page.goto(demo_url)
    box = page.locator("#search-input")
    box.click()
    box.press_sequentially(word, delay=20)
    # Results update as each letter is typed, and fuzzy and prefix matching may list other results too:
    # wait for the result whose excerpt marks the whole word.
    whole_word = re.compile(f"^{word}$", re.IGNORECASE)
    page.locator("#search-results mark", has_text=whole_word).first.wait_for()
    context = page.locator('#search-results [role="option"] .context',
                           has=page.locator("mark", has_text=whole_word)).first
    shown = context.inner_text()
    assert shown.startswith("…") or doc["c"] and shown.startswith(doc["c"] + " · …"), shown
    assert len(shown) < len(doc["x"]) and word in shown.lower()

    # A typo still finds it: fuzzy matching is the fallback when nothing matches as typed.
    typo = word[:3] + "q" + word[4:]
    box.fill("")
    box.press_sequentially(typo, delay=20)
    page.locator("#search-results mark", has_text=whole_word).first.wait_for()
