from briefing.markdown import markdown
from briefing.prose import read


def reading(text: str, *, editorial: bool = False):
    return read(markdown().parse(text), path="p.md", first_line=5, lines=text.splitlines(), editorial=editorial)


def test_splits_sentences_and_attaches_each_citation_to_its_sentence():
    units = reading("One fact here [@a:b]. Another claim follows.[@a:c] A third has none.\n").units
    assert [(u.text, [c.ref for c in u.cites]) for u in units] == [
        ("One fact here.", ["a:b"]), ("Another claim follows.", ["a:c"]), ("A third has none.", [])]


def test_abbreviations_do_not_end_a_sentence():
    units = reading("Firms in the U.S. lead text models [@a:b].\n").units
    assert len(units) == 1


def test_locates_sentences_on_their_own_line_of_the_file():
    text = "First sentence [@a:b].\nSecond sentence on line two.\n"
    units = reading(text).units
    assert [(u.loc.line, u.loc.column) for u in units] == [(5, 1), (6, 1)]


def test_table_rows_are_units_and_header_cells_are_exempt():
    units = reading("| Model | Learns from |\n|---|---|\n| LLM | text [@a:b] |\n| World model | video |\n").units
    assert [(u.kind, bool(u.cites)) for u in units] == [("row", True), ("row", False)]


def test_editorial_containers_and_pages_are_marked_editorial():
    units = reading("::: editorial\nOur own words.\n:::\n\nCited words [@a:b].\n").units
    assert [(u.text, u.editorial) for u in units] == [("Our own words.", True), ("Cited words.", False)]
    assert all(u.editorial for u in reading("Plain.\n", editorial=True).units)


def test_reports_citations_in_headings_and_link_text():
    problems = reading("## Title [@a:b]\n\nSee [the deal [@a:b]](deal.md) now [@a:c].\n").problems
    assert [(loc.line, msg.split(" inside ")[1][:9]) for loc, msg, _ in problems] == [(5, "a heading"), (7, "link text")]


def test_reports_refused_link_schemes_and_remote_images():
    problems = reading("[x](javascript:alert(1)) and ![i](https://cdn.example/x.png) [@a:b].\n").problems
    assert ["javascript:" in m or "remote image" in m for _, m, _ in problems] == [True, True]


def test_reports_malformed_and_empty_citations():
    problems = reading("Text [@] and [@key] and [@Bad Key:x] and [@a:b.\n").problems
    messages = [m for _, m, _ in problems]
    assert any("empty citation" in m for m in messages)
    assert any("names no claim" in m for m in messages)
    assert any("malformed citation '@Bad Key:x'" in m for m in messages)
    assert any("without a closing" in m for m in messages)
