"""The navigation: pages grouped into the sections their front matter names, in reading order."""

from __future__ import annotations

from briefing.navigation import NavGroup, NavItem, mark_current, menu, reading_order


def titles(entries) -> list:
    return [[e.title, [i.title for i in e.items]] if isinstance(e, NavGroup) else e.title for e in entries]


def test_with_no_section_declared_the_navigation_is_the_flat_list_of_pages_by_order():
    entries = menu([NavItem("Home", "", 0), NavItem("About", "about/", 70), NavItem("Deal", "deal/", 2)])
    assert titles(entries) == ["Home", "Deal", "Sources", "Claims index", "About"]
    assert all(isinstance(e, NavItem) and e.section is None for e in entries)


def test_with_no_section_declared_the_pages_that_do_not_fit_in_one_row_go_under_more():
    pages = [NavItem("Briefing", "", 0), NavItem("World models vs LLMs", "wm/", 1), NavItem("The deal", "deal/", 2),
             NavItem("Alibaba's strategy", "alibaba/", 3), NavItem("The race", "race/", 4),
             NavItem("Risks and open questions", "risks/", 5), NavItem("Timeline", "timeline/", 6),
             NavItem("About this briefing", "about/", 70)]
    entries = menu(pages)
    assert titles(entries) == ["Briefing", "World models vs LLMs", "The deal", "Alibaba's strategy", "The race",
                               ["More", ["Risks and open questions", "Timeline", "Sources", "Claims index",
                                         "About this briefing"]]]
    assert entries[-1].more and sum(len(t) + 4 for t in titles(entries)[:-1]) + len("More") + 4 <= 90
    assert [i.title for i in reading_order(entries)][5:7] == ["Risks and open questions", "Timeline"]
    # A title too long for the row on its own still stands in it, first.
    long = "A title far too long to share a row with anything else, whatever the width of the screen it is on"
    assert titles(menu([NavItem(long, "", 0)])) == [long, ["More", ["Sources", "Claims index"]]]


def test_a_section_stands_where_its_first_page_would_and_the_generated_pages_join_reference():
    entries = menu([NavItem("Home", "", 0), NavItem("Deal", "deal/", 2, "The story"), NavItem("Risks", "risks/", 5, "Analysis"),
                    NavItem("Race", "race/", 6, "The story"), NavItem("Glossary", "glossary/", 8, "Reference"),
                    NavItem("About", "about/", 70)])
    assert titles(entries) == ["Home", ["The story", ["Deal", "Race"]], ["Analysis", ["Risks"]],
                               ["Reference", ["Glossary", "Sources", "Claims index"]], "About"]
    # Previous/next follow the navigation: a section's pages read one after another.
    assert [i.title for i in reading_order(entries)] == ["Home", "Deal", "Race", "Risks", "Glossary", "Sources",
                                                         "Claims index", "About"]


def test_the_current_page_and_its_section_are_marked_and_a_page_under_another_marks_that_one():
    entries = menu([NavItem("Home", "", 0), NavItem("Deal", "deal/", 2, "The story")])
    html = ('<summary data-group="1">The story</summary><a href="../deal/">Deal</a><summary data-group="2">Reference'
            '</summary><a href="../sources/">Sources</a><a href="../">Home</a>')
    marked = mark_current(html, entries, "deal/", lambda to: "../" + to)
    assert '<summary data-group="1" class="current" aria-current="true">' in marked
    assert '<a href="../deal/" aria-current="page">' in marked and marked.count("aria-current") == 2
    under = mark_current(html, entries, "sources/nextfin/", lambda to: "../" + to)
    assert '<a href="../sources/" class="within">' in under
    assert '<summary data-group="2" class="current" aria-current="true">' in under
