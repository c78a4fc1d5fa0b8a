import re

from briefing.model import Furniture, Span
from htmlscan import Scan
from briefing.seedview import seed_html

TEXT = "Line one has words.\nLine two has more words.\nFooter menu\n"


def span(start: int, end: int) -> Span:
    return Span(start, end, 1, start + 1, 1)


def test_a_lone_passage_is_one_mark_carrying_the_claim_anchor():
    html = str(seed_html(TEXT, {"a": span(5, 8)}, ()))
    assert '<mark class="passage" id="claim-a" data-c="a">one</mark>' in html


def test_overlapping_passages_highlight_their_union_and_keep_each_anchor_at_its_start():
    html = str(seed_html(TEXT, {"a": span(0, 12), "b": span(9, 30)}, ()))
    scan = Scan(html)
    assert scan.passage("a") == TEXT[0:12] and scan.passage("b") == TEXT[9:30]
    assert html.index('id="claim-a"') < html.index("Line one") and html.index('id="claim-b"') < html.index(">has<")


def test_every_line_is_anchored_and_furniture_lines_are_dimmed():
    html = str(seed_html(TEXT, {}, (Furniture(3, 3, "menu"),)))
    assert [i for i in Scan(html).ids] == ["L1", "L2", "L3"]
    assert '<span class="furniture">Footer menu\n</span>' in html
    assert Scan(html).passages == {}


def test_each_pdf_page_start_is_marked_before_its_first_line_and_is_no_part_of_the_text():
    text = "Page one.\nPage two starts here.\nStill two.\n"
    html = str(seed_html(text, {"a": span(5, 20)}, (), pages=(0, 10, len(text))))
    scan = Scan(html)
    assert [i for i in scan.ids if i.startswith("page-")] == ["page-1", "page-2", "page-3"]
    assert html.index('id="page-2"') < html.index('id="L2"') < html.index("Page two")
    assert html.index('id="page-1"') < html.index('id="L1"')
    assert scan.passage("a") == text[5:20], "a passage over a page break is highlighted whole"
    assert re.sub(r"<[^>]+>", "", html) == text
