from briefing.diagnostics import Diagnostics
from briefing.yamlfile import INVALID, load_yaml


def test_keeps_locations_of_keys_values_and_items():
    doc = load_yaml("key: a\nclaims:\n  - id: one\n    quote: |\n      text\n", "x.yaml", Diagnostics())
    assert doc.key_locs["claims"].line == 2
    item = doc["claims"][0]
    assert (doc["claims"].item_locs[0].line, item.where("quote").line, item.value_styles["quote"]) == (3, 4, "|")


def test_reports_syntax_errors_with_the_parsers_line_and_column():
    diag = Diagnostics()
    assert load_yaml("key: a\nbad: [unclosed\n", "x.yaml", diag) is INVALID
    (error,) = diag.errors
    assert (error.location.line, error.message.startswith("invalid YAML")) == (3, True)


def test_reports_duplicate_keys_in_one_mapping():
    diag = Diagnostics()
    load_yaml("key: a\ntitle: x\nkey: b\n", "x.yaml", diag)
    assert str(diag.errors[0]) == "x.yaml:3:1: error: duplicate key 'key' (first defined at line 1)"


def test_shifts_lines_for_front_matter():
    diag = Diagnostics()
    load_yaml("title: [\n", "p.md", diag, start_line=1)
    assert diag.errors[0].location.line == 3
