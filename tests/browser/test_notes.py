"""Citation marks and notes in Chromium: one mark for consecutive notes, one preview listing them all, usable by
mouse, keyboard and touch; notes that say what the claim is and where it comes from, and never a seed's file name."""

from __future__ import annotations

import json
import re
from demo import PAGES
from sitecheck import backlink_problems, footnote_problems, link_problems
from test_reading import in_viewport, pages_with_notes

def notes_of_mark(page, mark) -> list[dict]:
    """Each note the mark stands for, as the notes list shows it."""
    return [page.evaluate("""n => { const li = document.getElementById('fn-' + n);
        const text = s => li.querySelector(s).textContent.trim();
        return {n: Number(n), claim: text('.note-claim'), quote: text('mark.quoted'), context: text('blockquote'),
                source: text('.note-from'), place: text('a.note-source')}; }""", n)
            for n in mark.get_attribute("data-notes").split()]


def test_a_sentence_with_six_consecutive_notes_shows_one_mark_whose_preview_lists_the_six(demo_url, page):
    from playwright.sync_api import expect

    page.goto(demo_url)
    paragraph = page.locator(".body > p").first
    assert paragraph.inner_text().startswith("Harbor Robotics, a maker of warehouse robots")
    assert paragraph.locator("sup.cite").count() == 2  # one mark per sentence
    assert paragraph.inner_text().split(". ")[0].endswith("how objects move1–6")
    mark = paragraph.locator("a.noteref").first
    assert mark.inner_text() == "1–6" and mark.get_attribute("href") == "#fn-1"
    expect(mark).to_have_accessible_name("Notes 1–6: 1, 2, 3, 4, 5, 6")

    mark.hover()
    preview = page.locator(".note-preview")
    preview.wait_for(state="visible")
    assert mark.get_attribute("aria-describedby") == "note-preview"
    assert preview.locator(".number").text_content() == "Notes 1–6"
    items = preview.locator("li")
    assert items.count() == 6
    for item, note in zip(items.all(), notes_of_mark(page, mark)):
        assert item.get_attribute("value") == str(note["n"])
        shown = " ".join(item.inner_text().split())
        for part in ("claim", "context", "source", "place"):  # the claim, its quote in context, its source, its line
            assert " ".join(note[part].split()) in shown, (part, note, shown)
        assert re.fullmatch(r"line \d+", note["place"]), note
        assert item.locator("a, [id]").count() == 0  # text only: the links are the notes' own

    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")
    assert mark.get_attribute("aria-describedby") is None


def test_on_every_page_a_citation_is_one_mark_and_the_largest_one_previews_every_note_it_cites(site, base_url, page):
    """However many claims a sentence cites at one spot, it shows one mark (agree-differ had a sentence with
    thirteen numbers); the mark citing the most notes on the site lists them all in its preview."""
    largest = (0, "", 0)
    for url in pages_with_notes(site):
        page.goto(base_url + url)
        counts = page.eval_on_selector_all("sup.cite", "sups => sups.map(s => s.querySelectorAll('a').length)")
        assert set(counts) == {1}, url
        sizes = page.eval_on_selector_all("a.noteref", "marks => marks.map(m => m.dataset.notes.split(' ').length)")
        index = max(range(len(sizes)), key=sizes.__getitem__)
        largest = max(largest, (sizes[index], url, index))
    size, url, index = largest
    assert size >= 1, largest  # the demo briefing tests a six-note mark; here, whatever the briefing's largest is
    page.goto(base_url + url)
    page.locator("a.noteref").nth(index).hover()
    page.locator(".note-preview").wait_for(state="visible")
    assert page.locator(".note-preview li").count() == size


def test_the_notes_list_is_unchanged_one_number_per_claim_each_back_link_landing_on_its_mark(demo_url, page):
    page.goto(demo_url)
    notes = page.locator("section.notes > ol > li")
    assert notes.count() == len(set(re.findall(r"@[a-z-]+:[a-z0-9-]+", PAGES["index"][3])))
    mark = page.locator(".body > p a.noteref").first
    for n in range(1, 7):
        backlinks = page.locator(f"li#fn-{n} a[role=doc-backlink]")
        assert backlinks.count() >= 1
        target = backlinks.first.get_attribute("href")
        assert page.locator(f"sup.cite:has([id='{target[1:]}']) a.noteref").first.inner_text() == "1–6"
    page.locator("li#fn-4 a[role=doc-backlink]").first.click()
    assert page.evaluate("location.hash") == "#fnref-4-1"
    assert in_viewport(page, ".body > p a.noteref")
    highlight = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")  # the mark that holds note 4 is shown as the target


def test_the_preview_is_usable_by_keyboard_and_scrolls_into_reach_when_taller_than_the_screen(demo_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 480})
    page = context.new_page()
    page.goto(demo_url)
    mark = page.locator(".body > p a.noteref").first
    mark.focus()
    preview = page.locator(".note-preview")
    preview.wait_for(state="visible")
    assert preview.evaluate("el => el.scrollHeight > el.clientHeight")  # six notes do not fit in 480 px
    box = preview.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 480
    page.keyboard.press("Tab")  # the preview follows the mark: Tab reaches it
    assert page.evaluate("document.activeElement.id") == "note-preview" and preview.is_visible()
    page.keyboard.press("End")  # the keyboard scrolls it (smoothly: wait for it)
    page.wait_for_function("() => document.querySelector('.note-preview').scrollTop > 0", timeout=3000)
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#fn-1"  # focus is back on the mark
    assert page.evaluate("location.hash") == ""
    page.keyboard.press("Enter")  # and the mark is still a link to the notes
    assert page.evaluate("location.hash") == "#fn-1"
    context.close()


def test_on_a_touch_screen_a_first_tap_opens_the_preview_and_a_second_follows_the_mark(demo_url, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(demo_url)
    mark = page.locator(".body > p a.noteref").first
    preview = page.locator(".note-preview")
    mark.tap()
    preview.wait_for(state="visible")
    assert page.evaluate("location.hash") == "" and preview.locator("li").count() == 6
    box, width = preview.bounding_box(), page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.locator("main h1").tap()  # a tap elsewhere closes it
    preview.wait_for(state="hidden")
    mark.tap()
    preview.wait_for(state="visible")
    mark.tap()
    page.wait_for_function("() => location.hash === '#fn-1'")
    assert preview.is_hidden()
    context.close()


def note_claim(url: str, note: dict, claims: list[dict]) -> dict:
    """A note's claim, found by its link: to the passage (#claim-id) or, for an absence claim, which has none,
    to the source's whole text (then it is that source's absence claim whose text the note gives)."""
    match = re.search(r"(?:sources/([^/]+)/(?:index\.html)?)?#(?:claim-(.+)|text-title)$", note["href"])
    key = match[1] or url.split("/")[1]
    return next(c for c in claims if c["key"] == key and (c["id"] == match[2] if match[2] else
                                                          c["type"] == "absence" and note["claim"].startswith(c["claim"])))


def test_every_note_says_what_its_claim_is_and_where_it_comes_from_and_never_names_a_seed_file(site, base_url, page):
    claims = json.loads((site / "claims.json").read_text("utf-8"))["claims"]
    seeds = {c["seed"] for c in claims}
    checked = 0
    for url in pages_with_notes(site):
        page.goto(base_url + url)
        notes = page.evaluate("""() => [...document.querySelectorAll('section.notes > ol > li')].map(li => ({
            text: li.textContent, claim: li.querySelector('.note-claim').textContent,
            source: li.querySelector('.note-from').textContent, place: li.querySelector('a.note-source').textContent,
            href: li.querySelector('a.note-source').getAttribute('href')}))""")
        for note in notes:
            assert not [seed for seed in seeds if seed in note["text"]], (url, note["text"])
            claim = note_claim(url, note, claims)
            assert note["claim"].startswith(claim["claim"]), (url, note["claim"])
            place = "whole text" if claim["type"] == "absence" else f"line {claim['line']}"
            if claim.get("page"):
                place = f"p. {claim['page']}, {place}"
            assert note["place"] == place, (url, note["place"])
            assert re.fullmatch(r"[^·]+ · [^·]+( · [^·]+)?", note["source"]), note["source"]  # label · kind · date
            checked += 1
        page.locator("a.noteref").first.hover()  # the preview shows the same notes: no file name there either
        preview = page.locator(".note-preview").inner_text()
        assert not [seed for seed in seeds if seed in preview], url
    assert checked >= len(pages_with_notes(site))


def test_a_note_names_its_source_by_label_kind_and_date_and_links_its_line_to_the_passage(demo_url, page):
    from playwright.sync_api import expect

    page.goto(demo_url)
    assert page.locator("li#fn-1 .note-from").inner_text() == "Example Wire · Wire report · 2026-05-04"
    assert page.locator("li#fn-4 .note-from").inner_text() == "Ledger Team · Blog post · undated"
    assert page.locator("li#fn-4 .note-claim").inner_text() == "The blog says Lumen Capital led the investment, with Tidewater Ventures joining."
    link = page.locator("li#fn-4 a.note-source")
    expect(link).to_have_accessible_name("Ledger Team, line 7")
    link.click()
    assert re.search(r"/sources/ledger/#claim-lead$", page.url)


def test_the_demo_passes_the_site_wide_checks(demo_project, demo_site):
    """Every mark's note lands on its passage and every back-link on its mark (some on the anchors beside a
    range mark): the checks every briefing must pass, on the one that cites six claims at once."""
    problems, followed = footnote_problems(demo_site, demo_project / "seeds")
    assert problems == [] and followed >= 40
    assert link_problems(demo_site) == [] and backlink_problems(demo_site) == []
