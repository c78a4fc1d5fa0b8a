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
