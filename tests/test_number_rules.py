"""Numbers, both ways, end to end: digits and number words compare by value, a figure in a name is judged as a
name, and every number error points at the number itself: in Markdown, in a YAML claim and in a data cell."""

from __future__ import annotations

from pathlib import Path

from kit import TABLE_HEAD, make_project, run_cli, source_yaml

SEED = ("Acme Corp raised $5 million in a Series A round on Monday, three years after its founding.\n"
        "\n"
        "The founder, Jane Doe, said Genie 3 and HappyHorse 1.0 inspired the widgets.\n")
BETA_SEED = "Beta Wire: Acme Corp raised $5 million on Monday, its founder said.\n"
CLAIMS = """\
- id: raise
  claim: Acme Corp raised $5 million.
  quote: Acme Corp raised $5 million in a Series A round
- id: age
  claim: Acme was founded 3 years before the round.
  quote: three years after its founding
- id: models
  claim: Jane Doe says Genie 3 and HappyHorse 1.0 inspired the widgets.
  quote: said Genie 3 and HappyHorse 1.0 inspired the widgets
  type: view
  speaker: Jane Doe
"""
PAGE = """\
---
title: Home
description: A test page.
order: 0
---
Acme Corp raised $5 million [@acme:raise; @beta:raise].
It was founded three years before the round, or 3 years [@acme:age].
The founder says Genie 3 and HappyHorse 1.0 inspired the widgets [@acme:models].
Two sources report the raise [@acme:raise; @beta:raise].
"""


def project(tmp_path: Path, *, claims: str = CLAIMS, page: str = PAGE, site_extra: str = "", **files: str) -> Path:
    beta = source_yaml("beta.txt", BETA_SEED.encode(), "- id: raise\n  claim: Acme Corp raised $5 million.\n"
                       "  quote: Acme Corp raised $5 million on Monday\n", key="beta", summary="Beta [@beta:raise].")
    return make_project(tmp_path, {
        "content/site.yaml": "title: Test\ndescription: A test.\nbase_url: https://example.org/\nlanguage: en\n" + site_extra,
        "content/sources/acme.yaml": source_yaml("acme.txt", SEED.encode(), claims),
        "seeds/beta.txt": BETA_SEED, "content/sources/beta.yaml": beta,
        "content/pages/index.md": page, **files}, seed=SEED)


def diagnostics(result) -> list[str]:
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if ": error: " in line or ": warning: " in line]


def test_digits_and_words_match_both_ways_and_names_in_quotes_are_accepted(tmp_path):
    result = run_cli(project(tmp_path), "check")
    assert result.returncode == 0, result.stderr
    assert diagnostics(result) == []


def test_a_wrong_number_in_markdown_points_at_the_number_on_its_line(tmp_path):
    page = PAGE + ("The founder\ncites Genie 4 as an example and\nfive years of work, and $6 million [@acme:models; @acme:age].\n"
                   "Two kinds of widget exist [@acme:raise].\n")
    assert diagnostics(run_cli(project(tmp_path, page=page), "check")) == [
        "content/pages/index.md:11:13: error: name 'Genie 4' is neither in the quote of any claim this sentence "
        "cites nor in `names:` in content/site.yaml (did you mean 'Genie 3'?) (@acme:models, @acme:age): "
        "\"The founder cites Genie 4 as an example and five years of work, and $6 million.\"",
        "content/pages/index.md:12:1: error: number 'five' is not in the quote of any claim this sentence cites; a "
        "cited quote says 'three years' (@acme:models, @acme:age): \"The founder cites Genie 4 as an example and "
        "five years of work, and $6 million.\"",
        "content/pages/index.md:12:26: error: number '6 million' is not in the quote of any claim this sentence "
        "cites (@acme:models, @acme:age): \"The founder cites Genie 4 as an example and five years of work, and $6 "
        "million.\"",
        "content/pages/index.md:13:1: warning: number 'Two' is not in the quote of any claim this sentence cites "
        "(@acme:raise): \"Two kinds of widget exist.\"",
    ]


def test_an_unsupported_number_word_is_an_error_under_strict(tmp_path):
    page = PAGE + "Two kinds of widget exist [@acme:raise].\n"
    result = run_cli(project(tmp_path, page=page), "check", "--strict")
    assert result.returncode == 1
    assert diagnostics(result) == ["content/pages/index.md:10:1: error: number 'Two' is not in the quote of any "
                                   "claim this sentence cites (@acme:raise): \"Two kinds of widget exist.\""]


def test_a_count_of_sources_must_match_the_sources_cited(tmp_path):
    page = PAGE.replace("Two sources report the raise [@acme:raise; @beta:raise]",
                        "Three sources report the raise [@acme:raise; @beta:raise]")
    assert diagnostics(run_cli(project(tmp_path, page=page), "check")) == [
        "content/pages/index.md:9:1: warning: number 'Three' is not in the quote of any claim this sentence cites "
        "(@acme:raise, @beta:raise): \"Three sources report the raise.\""]


def test_names_declared_in_site_yaml_are_accepted_and_suggested(tmp_path):
    page = PAGE + "Genie 3 leads and Cosmos 2 follows [@acme:raise]. Then Cosmos 3 [@acme:raise].\n"
    site = "names:\n  - Cosmos 2\n  - \"\"\n"
    assert diagnostics(run_cli(project(tmp_path, page=page, site_extra=site), "check")) == [
        "content/pages/index.md:10:7: error: number '3' is not in the quote of any claim this sentence cites "
        "(@acme:raise): \"Genie 3 leads and Cosmos 2 follows.\"",
        "content/pages/index.md:10:63: error: name 'Cosmos 3' is neither in the quote of any claim this sentence "
        "cites nor in `names:` in content/site.yaml (did you mean 'Cosmos 2'?) (@acme:raise): \"Then Cosmos 3.\"",
        "content/site.yaml:7:5: error: 'names' items are names as written (\"Genie 3\"), not ''",
    ]


def test_a_wrong_number_in_a_yaml_claim_points_at_the_number_in_its_value(tmp_path):
    claims = CLAIMS.replace("  claim: Acme was founded 3 years before the round.\n",
                            "  claim: >-\n    Acme was founded\n    five years before the round, in 2019.\n")
    assert diagnostics(run_cli(project(tmp_path, claims=claims), "check")) == [
        "content/sources/acme.yaml:18:7: error: number 'five' in claim 'age' is not in its quote; a cited quote says "
        "'three years'",
        "content/sources/acme.yaml:18:39: error: number '2019' in claim 'age' is not in its quote",
    ]


TABLE = TABLE_HEAD + """\
  - what: The amount
    said: >-
      Acme raised, by one count,
      $7 million [@acme:raise].
"""


def test_a_wrong_number_in_a_data_cell_points_at_the_number_in_the_cell(tmp_path):
    page = PAGE.replace("order: 0\n", "order: 0\ndata: table\n")
    assert diagnostics(run_cli(project(tmp_path, page=page, **{"content/data/table.yaml": TABLE}), "check")) == [
        "content/data/table.yaml:12:8: error: number '7 million' is not in the quote of any claim this row cites "
        "(@acme:raise): \"The amount Acme raised, by one count, $7 million.\""]


def test_a_wrong_number_in_a_matrix_label_points_at_the_label_in_the_registry(tmp_path):
    claims = CLAIMS.replace("  quote: Acme Corp raised $5 million in a Series A round\n",
                            "  quote: Acme Corp raised $5 million in a Series A round\n  fact: raise\n")
    page = PAGE.replace("order: 0\n", "order: 0\ndata: matrix\n")
    facts = "facts:\n  - id: raise\n    label: >-\n      Acme raised\n      $6 million\n"
    result = run_cli(project(tmp_path, claims=claims, page=page, **{
        "content/data/matrix.yaml": "kind: matrix\ncaption: Facts\n", "content/facts.yaml": facts}), "check")
    assert diagnostics(result) == [
        "content/facts.yaml:5:8: error: number '6 million' is not in the quote of any claim this row cites "
        "(@acme:raise): \"Acme raised $6 million Yes\""]
