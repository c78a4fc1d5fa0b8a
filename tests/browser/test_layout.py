"""The frame of every page in Chromium: a header that gets out of the way (one row on a desktop, one Menu button on a
phone, with and without JavaScript, served and from file://), the text on the first screen of a phone, "On this
page" folded there, and data tables that read at 360 px without sideways scrolling."""

from __future__ import annotations

import pytest

from browsing import site_pages
from demo import sites

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

FIRST_SCREEN = """() => {
    const h1 = document.querySelector('main h1');
    const after = [...document.querySelectorAll('main p')].find(p =>
        h1.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING && !p.closest('nav'));
    const box = e => e.getBoundingClientRect();
    const line = after ? parseFloat(getComputedStyle(after).lineHeight) : 0;
    return {h1: [box(h1).top, box(h1).bottom], p: after ? [box(after).top, box(after).bottom, line] : null,
            height: innerHeight, text: after ? after.textContent.slice(0, 60) : ''};
}"""


@pytest.mark.parametrize("which", ["site", "demo"])
def test_at_375_by_812_the_title_and_first_paragraph_are_on_the_first_screen(which, request, browser):
    site, base = sites(request, which)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    late = []
    for url in site_pages(site):
        page.goto(base + url)
        at = page.evaluate(FIRST_SCREEN)
        top, bottom = at["h1"]
        # The title whole, and the first paragraph begun, with at least two of its lines on the screen.
        if not (top >= 0 and bottom <= at["height"] and at["p"] and at["p"][0] + 2 * at["p"][2] <= at["height"]):
            late.append((url or "/", at))
    context.close()
    assert not late, late


@pytest.mark.parametrize("which", ["site", "demo"])
def test_at_1280_pixels_the_navigation_is_one_row(which, request, page):
    site, base = sites(request, which)
    rows = {}
    for url in site_pages(site):
        page.goto(base + url)
        tops = page.eval_on_selector_all(".nav-list > li", "items => items.map(li => Math.round(li.getBoundingClientRect().top))")
        rows[url or "/"] = len(set(tops))
        assert page.locator(".nav-toggle").is_hidden()
        assert page.locator(".nav-list > li").count() >= (4 if which == "demo" else 2)  # the demo: Overview, 3 sections
    assert set(rows.values()) == {1}, rows


def test_on_a_desktop_the_current_page_and_its_section_are_marked_and_a_section_opens_and_closes(demo_url, page):
    page.goto(demo_url + "timeline/")
    current = page.locator('.site-nav a[aria-current="page"]')
    assert current.count() == 1 and current.text_content() == "Timeline"
    section = page.locator('.nav-group summary[aria-current="true"]')
    assert section.count() == 1 and section.inner_text().startswith("The analysis")
    assert section.evaluate("el => getComputedStyle(el).borderBottomStyle") == "solid"
    section.click()  # a section opens its list below its name
    assert current.is_visible()
    page.keyboard.press("Escape")  # Escape closes it, and focus stays on its name
    assert current.is_hidden() and page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.locator(".nav-group summary", has_text="The story").click()
    page.mouse.click(1200, 850)  # so does a click outside
    assert page.locator(".nav-group details[open]").count() == 0
    page.goto(demo_url + "sources/wire/")  # a page under Sources marks Sources, in the Reference section
    assert page.locator(".site-nav a.within").text_content() == "Sources"
    assert page.locator('.nav-group summary[aria-current="true"]').inner_text().startswith("Reference")


def test_on_a_phone_the_navigation_folds_behind_one_button_that_opens_at_the_current_section(demo_url, browser):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(demo_url + "risks/")
    toggle = page.locator(".nav-toggle")
    assert toggle.is_visible() and toggle.inner_text().startswith("Menu")
    assert page.locator(".site-nav a:visible").count() == 0
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 140, header  # the title, then one row: search, theme, Menu
    toggle.click()
    current = page.locator('.site-nav a[aria-current="page"]')
    expect(page.locator(".nav-group details[open]")).to_have_count(1)  # its section opens (on the toggle event)
    assert current.is_visible() and current.text_content() == "Risks and open questions"
    page.keyboard.press("Escape")
    assert page.locator(".site-nav a:visible").count() == 0
    assert page.evaluate("document.activeElement.className") == "nav-toggle"
    toggle.click()
    page.locator(".nav-group summary", has_text="Reference").click()
    with page.expect_navigation():
        page.locator(".site-nav a", has_text="Glossary").click()
    assert page.url.endswith("/glossary/")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_navigation_works_without_javascript_and_from_file_urls(demo_offline, browser, viewport):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto((demo_offline / "index.html").as_uri())
    if viewport is PHONE:
        assert page.locator(".site-nav a:visible").count() == 0
        page.locator(".nav-toggle").click()
    else:
        assert page.locator(".nav-toggle").is_hidden() and page.locator(".nav-list > li").first.is_visible()
    page.locator(".nav-group summary", has_text="The story").click()
    with page.expect_navigation():
        page.locator(".site-nav a", has_text="Who invested").click()
    assert page.url == (demo_offline / "who-invested" / "index.html").as_uri()
    assert page.locator('.site-nav a[aria-current="page"]').text_content() == "Who invested in Harbor Robotics"
    context.close()


def test_on_a_phone_on_this_page_is_folded_and_opens_and_beside_the_text_it_is_open(demo_url, browser):
    for viewport, folded in ((PHONE, True), (DESKTOP, False)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(demo_url + "the-round/")
        links = page.locator("nav.toc a")
        assert links.count() >= 3
        assert links.first.is_hidden() == folded
        if folded:
            page.locator("nav.toc summary").click()
            assert links.first.is_visible()
            links.first.click()
            assert page.evaluate("location.hash") == links.first.get_attribute("href")
        context.close()


@pytest.mark.parametrize("which", ["site", "demo"])
def test_no_data_table_scrolls_sideways_at_360_pixels(which, request, browser):
    site, base = sites(request, which)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    wide, seen = [], 0
    for url in site_pages(site):
        page.goto(base + url)
        for box in page.locator(".table-wrap").all():
            seen += 1
            sizes = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
            if sizes[0] > sizes[1]:
                wide.append((url, *sizes))
    context.close()
    assert not wide, wide
    if which == "demo":
        assert seen == 2  # the timeline, three columns of long cells, and the glossary
