"""The quote lints, end to end: each warns at the quote's line and column in the YAML, and is an error under
--strict; a quote that is fine draws none of them."""

from __future__ import annotations

from kit import DEFAULT_CLAIMS, make_project, run_cli, source_yaml

SEED = ("Site menu: Acme Corp raised $5 million\n"
        "\n"
        "Acme Corp raised $5 million in a Series A round on Monday. They will spend it on better widgets.\n"
        "\n"
        "The founder, Jane Doe, said the money will fund \u201cbetter widgets\u201d for factories.\n"
        "The company said widgets sell well in Ohio.\n"
        "Analysts agree: widgets sell well in Ohio.\n")
CLAIMS = DEFAULT_CLAIMS + """\
- id: spend
  claim: Acme will spend the money on better widgets.
  quote: They will spend it on better widgets
- id: sales
  claim: Acme says widgets sell well.
  quote: The company said widgets sell well
- id: ohio
  claim: Widgets sell well in Ohio.
  quote: widgets sell well in Ohio
- id: ohio-chosen
  claim: Analysts agree that widgets sell well in Ohio.
  quote: widgets sell well in Ohio
  occurrence: 2
- id: menu
  claim: The site menu mentions the raise.
  quote: "Site menu: Acme Corp raised"
- id: raise-short
  claim: Acme Corp raised money.
  quote: Acme Corp raised $5 million
"""
FURNITURE = "furniture:\n  - lines: [1, 1]\n    label: Site menu\nsummary:"


def lint_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "quote of claim" in line]


def project(tmp_path):
    text = source_yaml("acme.txt", SEED.encode(), CLAIMS).replace("summary:", FURNITURE, 1)
    return make_project(tmp_path, {"content/sources/acme.yaml": text}, seed=SEED)


EXPECTED = [
    "content/sources/acme.yaml:26:12: warning: quote of claim 'spend' starts with 'They', whose referent lies outside "
    "the quote: widen the quote to take in what 'They' refers to (the text before it: \"Acme Corp raised $5 million "
    "in a Series A round on Monday.\")",
    "content/sources/acme.yaml:29:12: warning: quote of claim 'sales' starts with 'The company', whose referent lies "
    "outside the quote: widen the quote to take in what 'The company' refers to",  # a new line: no context before
    "content/sources/acme.yaml:32:12: warning: quote of claim 'ohio' occurs 2 times in seeds/acme.txt (at lines 6 "
    "and 7); without `occurrence:` the first (line 6) is used: set `occurrence: 1` to `occurrence: 2` to say which "
    "is meant",
    "content/sources/acme.yaml:39:12: warning: quote of claim 'menu' is in page furniture (line 1: Site menu)",
    "content/sources/acme.yaml:42:12: warning: quote of claim 'raise-short' is in page furniture (line 1: Site menu); "
    "it also occurs at line 3: set `occurrence: 2`",
]


def test_each_lint_warns_at_the_quote_and_fine_quotes_draw_none(tmp_path):
    result = run_cli(project(tmp_path), "check")
    assert result.returncode == 0, result.stderr
    assert lint_lines(result.stderr) == EXPECTED


def test_the_lints_are_errors_under_strict(tmp_path):
    root = project(tmp_path)
    for command in ("check", "build"):
        result = run_cli(root, command, "--strict")
        assert result.returncode == 1
        assert lint_lines(result.stderr) == [line.replace(": warning: ", ": error: ") for line in EXPECTED]
    assert not (root / "_site").exists()


def test_choosing_the_body_occurrence_silences_the_furniture_warning(tmp_path):
    claims = CLAIMS.replace("  quote: Acme Corp raised $5 million\n", "  quote: Acme Corp raised $5 million\n  occurrence: 2\n")
    text = source_yaml("acme.txt", SEED.encode(), claims).replace("summary:", FURNITURE, 1)
    result = run_cli(make_project(tmp_path, {"content/sources/acme.yaml": text}, seed=SEED), "check")
    assert [line for line in lint_lines(result.stderr) if "raise-short" in line] == []
    assert len(lint_lines(result.stderr)) == len(EXPECTED) - 1
