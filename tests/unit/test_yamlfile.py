import pytest

from briefing.diagnostics import Diagnostics
from briefing.yamlfile import INVALID, load_yaml


def test_keeps_locations_of_keys_values_and_items():
    doc = load_yaml("key: a\nclaims:\n  - id: one\n    quote: |\n      text\n", "x.yaml", Diagnostics())
    assert doc.key_locs["claims"].line == 2
    item = doc["claims"][0]
    assert (doc["claims"].item_locs[0].line, item.where("quote").line, item.value_styles["quote"]) == (3, 4, "|")


def test_reports_syntax_errors_where_the_mistake_is_not_where_the_parser_noticed():
    diag = Diagnostics()
    assert load_yaml("key: a\nbad: [unclosed\n", "x.yaml", diag) is INVALID
    (error,) = diag.errors
    assert (error.location.line, error.location.column, error.message.startswith("invalid YAML")) == (2, 6, True)


def errors(text: str) -> list[str]:
    diag = Diagnostics()
    load_yaml(text, "x.yaml", diag)
    return [str(e).removeprefix("x.yaml:") for e in diag.errors]


@pytest.mark.parametrize(("text", "expected"), [
    ("title: Apache: the licence\n",
     "1:8: error: invalid YAML: put this value in quotes: it contains ': ' (write title: \"Apache: the licence\")"),
    ("claims:\n  - id: a\n    quote: Section 4: Redistribution\n",
     "3:12: error: invalid YAML: put this value in quotes: it contains ': ' (write quote: \"Section 4: Redistribution\")"),
    ("claims:\n  - id: a\n   claim: x\n",
     "3:4: error: invalid YAML: indentation? this line is indented 3 spaces, less than the key on line 2 (4 spaces): "
     "the keys of one mapping start in the same column"),
    ("claims:\n  - id: a\n      claim: x\n",
     "3:7: error: invalid YAML: indentation? this line is indented 6 spaces, deeper than the key on line 2 (4 spaces): "
     "the keys of one mapping start in the same column"),
    ("title: x\n- a\n", "2:1: error: invalid YAML: indentation? a list item stands where a key was expected: a list "
     "belongs under a key ending in ':', indented below it"),
    ("title: x\n\tkind: news\n",
     "2:1: error: invalid YAML: a tab character indents this line: YAML indents with spaces only (indentation?)"),
    ('title: "abc\nkind: news\nsummary: x\n', "1:8: error: invalid YAML: this value opens a quotation with \" that "
     "is never closed: end it with the same mark on this line (or write long text as a `|` block)"),
    ('quote: "He said "hi" to them"\n', "1:18: error: invalid YAML: text follows the closing quote of this value: put "
     "the whole value in quotes (a value holding \" can be quoted with ', and a ' inside '…' is written '')"),
    ("title: [Draft] My report\n", "1:16: error: invalid YAML: text follows the closing ']' of a value that starts "
     "with '[' (read as a list): put the whole value in quotes"),
    ("title: @handle\n", "1:8: error: invalid YAML: a value cannot start with '@' in YAML: put the value in quotes"),
    ("summary: |\n  one\n  two\n three\nclaims: []\n", "4:2: error: invalid YAML: indentation? this line is indented "
     "less than the text of the `|` block that starts on line 1: indent every line of the block alike"),
    ("summary: | text\n", "1:12: error: invalid YAML: a `|` or `>` block indicator must end its line: start the text "
     "on the next line, indented under the key"),
])
def test_explains_common_slips_in_plain_words_at_their_line(text, expected):
    assert errors(text) == [expected]


def test_reports_duplicate_keys_in_one_mapping():
    diag = Diagnostics()
    load_yaml("key: a\ntitle: x\nkey: b\n", "x.yaml", diag)
    assert str(diag.errors[0]) == "x.yaml:3:1: error: duplicate key 'key' (first defined at line 1)"


def test_shifts_lines_for_front_matter():
    diag = Diagnostics()
    load_yaml("title: [\n", "p.md", diag, start_line=1)
    assert diag.errors[0].location.line == 3
