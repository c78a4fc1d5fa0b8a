"""Bad input gets a precise, located error; awkward but legal input works; hostile text never runs."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from briefing import cli
from briefing.commands import check as check_command
from kit import DEFAULT_CLAIMS, DEFAULT_PAGE, SEED, make_project, run_cli, source_yaml
from htmlscan import Scan


def errors_of(root: Path, command: str = "check") -> list[str]:
    result = run_cli(root, command)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith("nothing was written")
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def project_with(tmp_path: Path, **files) -> Path:
    return make_project(tmp_path, {k.replace("__", "/").replace("_dot_", "."): v for k, v in files.items()})


def source(claims: str = DEFAULT_CLAIMS, seed: bytes = SEED.encode(), **kw) -> str:
    return source_yaml("acme.txt", seed, claims, **kw)


# --- YAML and front matter ------------------------------------------------------------------------

def test_errors_on_malformed_yaml_at_the_mistake_in_plain_words(tmp_path):
    """The parser notices an unclosed '[' on the next line; the error points at the '[' and says what to do."""
    root = make_project(tmp_path, {"content/sources/acme.yaml": source().replace("title: Acme raises money", "title: [Acme")})
    assert errors_of(root)[0] == ("content/sources/acme.yaml:4:8: error: invalid YAML: a value starting with '[' is "
                                  "read as a list that must end with ']': put the value in quotes if the [ is part of "
                                  "the text, or close the list")


def test_errors_on_malformed_front_matter_at_the_file_line(tmp_path):
    page = DEFAULT_PAGE.replace("description: A test page.", "description: [unclosed")
    root = make_project(tmp_path, {"content/pages/index.md": page})
    (error,) = errors_of(root)
    assert error.startswith("content/pages/index.md:3:14: error: invalid YAML: a value starting with '['")


def test_a_front_matter_error_causes_no_false_follow_on_errors_or_warnings(tmp_path):
    """It caused a false 'link to unknown page' error and 'not cited' warnings for what the page cites."""
    other = "---\ntitle: Other: a page\ndescription: x\norder: 1\n---\nJane Doe expects better widgets [@acme:founder-view].\n"
    bad_field = "---\ntitle: Third\ndescription: x\norder: first\n---\nAcme Corp raised $5 million [@acme:raise].\n"
    page = DEFAULT_PAGE.replace(" [@acme:founder-view]", " [@acme:raise]") + "\nSee [the other page](other.md) [@acme:raise].\n"
    root = make_project(tmp_path, {"content/pages/index.md": page, "content/pages/other.md": other,
                                   "content/pages/third.md": bad_field})
    result = run_cli(root, "check")
    assert result.returncode == 1
    assert [line.split(": error: ")[0] for line in result.stderr.splitlines()[:-1]] == [
        "content/pages/other.md:2:8", "content/pages/third.md:4:8"], result.stderr
    assert "put this value in quotes" in result.stderr and "field 'order' must be" in result.stderr


def test_a_briefing_needs_its_pages_folder_and_a_home_page(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": None, "content/pages/about.md": DEFAULT_PAGE})
    assert errors_of(root) == ["content/pages/index.md:1:1: error: there is no home page: add content/pages/index.md "
                               "(it becomes the site's index.html)"]
    (root / "content/pages/about.md").unlink()
    (root / "content/pages").rmdir()
    errors = errors_of(root)
    assert errors[0].startswith("content/pages:1:1: error: folder is missing")
    assert len(errors) == 1, "no follow-on 'there is no home page'"


def test_errors_on_front_matter_that_is_not_closed(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": "---\ntitle: x\n\nBody.\n"})
    assert errors_of(root) == ["content/pages/index.md:1:1: error: front matter is not closed by a '---' line"]


def test_errors_on_wrong_types_and_missing_fields(tmp_path):
    text = source().replace("published: 2026-04-10", "published: yesterday").replace("kind: news\n", "")
    root = make_project(tmp_path, {"content/sources/acme.yaml": text})
    assert errors_of(root) == [
        "content/sources/acme.yaml:1:1: error: missing required field 'kind' in source",
        "content/sources/acme.yaml:7:12: error: field 'published' is 'yesterday', which is not a date (YYYY, YYYY-MM "
        "or YYYY-MM-DD)",
    ]


def test_a_bad_kind_or_date_does_not_hide_the_files_other_errors_nor_its_claims(tmp_path):
    """It took three rounds to see them all: now one run reports every error in the file, and nothing else."""
    claims = (DEFAULT_CLAIMS.replace("in a Series A round", "in a Series Q round")
              .replace("  type: view", "  type: opinion"))
    text = source(claims).replace("published: 2026-04-10", "published: 2026-13").replace("kind: news", "kind: newz")
    root = make_project(tmp_path, {"content/sources/acme.yaml": text})
    errors = errors_of(root)
    assert [e.split(": error: ")[0] for e in errors] == [
        "content/sources/acme.yaml:7:12", "content/sources/acme.yaml:8:7", "content/sources/acme.yaml:14:12",
        "content/sources/acme.yaml:19:11"]
    assert "field 'kind' is 'newz', expected one of: news," in errors[1] and "(did you mean 'news'?)" in errors[1]
    assert "quote of claim 'raise' not found" in errors[2]
    assert "field 'type' is 'opinion'" in errors[3]
    assert "warning" not in run_cli(root, "check").stderr, "no follow-on warnings"


def test_a_missing_sha256_offers_the_computed_value(tmp_path):
    text = "\n".join(line for line in source().splitlines() if not line.startswith("sha256:")) + "\n"
    root = make_project(tmp_path, {"content/sources/acme.yaml": text})
    digest = hashlib.sha256(SEED.encode()).hexdigest()
    assert errors_of(root) == [f"content/sources/acme.yaml:1:1: error: missing required field 'sha256' in source: "
                               f"the sha256 of seeds/acme.txt is {digest} (add `sha256: {digest}`)"]


def test_errors_on_unknown_fields_with_a_did_you_mean(tmp_path):
    claims = DEFAULT_CLAIMS.replace("  topics: [deal]", "  topcis: [deal]")
    page = DEFAULT_PAGE.replace("order: 0", "order: 0\nedtorial: true")
    root = make_project(tmp_path, {"content/sources/acme.yaml": source(claims), "content/pages/index.md": page})
    errors = errors_of(root)
    assert "content/pages/index.md:5:1: error: unknown field 'edtorial' in front matter (did you mean 'editorial'?)" in errors
    assert "content/sources/acme.yaml:15:5: error: unknown field 'topcis' in claim (did you mean 'topics'?)" in errors


def test_errors_on_empty_files(tmp_path):
    root = make_project(tmp_path, {"content/sources/acme.yaml": "", "content/pages/index.md": ""})
    errors = errors_of(root)
    assert errors[0] == "content/pages/index.md:1:1: error: page must start with YAML front matter between '---' lines"
    assert errors[1].startswith("content/sources/acme.yaml:1:1: error: file is empty")


def test_errors_on_duplicate_keys_inside_one_mapping(tmp_path):
    text = source().replace("outlet: Test Wire\n", "outlet: Test Wire\noutlet: Other Wire\n")
    root = make_project(tmp_path, {"content/sources/acme.yaml": text})
    assert errors_of(root) == ["content/sources/acme.yaml:6:1: error: duplicate key 'outlet' (first defined at line 5)"]


def test_errors_on_a_missing_site_yaml(tmp_path):
    root = make_project(tmp_path, {"content/site.yaml": None})
    assert errors_of(root) == ["content/site.yaml:1:1: error: file is missing"]


# --- seeds -------------------------------------------------------------------------------------------

def test_errors_on_a_seed_that_is_not_utf8_at_the_bad_byte(tmp_path):
    seed = SEED.encode().replace(b"Monday", b"Mon\xffday")
    root = make_project(tmp_path, {"content/sources/acme.yaml": source(seed=seed)}, seed=seed)
    at = seed.index(b"\xff")
    assert errors_of(root) == [f"seeds/acme.txt:1:{at + 1}: error: seed is not valid UTF-8: byte 0xff at byte offset {at} "
                               "(cited by content/sources/acme.yaml)"]


def test_errors_on_a_content_file_that_is_not_utf8(tmp_path):
    root = make_project(tmp_path, {"content/pages/index.md": DEFAULT_PAGE.encode() + b"\nBad \xe9 byte.\n"})
    offset = len(DEFAULT_PAGE.encode()) + len(b"\nBad ")
    assert errors_of(root) == [f"content/pages/index.md:9:5: error: file is not valid UTF-8: byte 0xe9 at byte offset {offset}"]


AWKWARD_SEED = ("\ufeffHeadline\r\n\r\nShengShu\u2019s founder said \u201cworld\u00a0models\u201d matter\u2014a lot.\r\n"
                "Tabs\tand\u2003em\u2009spaces stay exact.\r\n北京的初创公司生数科技获得了投资。\r\n")
AWKWARD_CLAIMS = """\
- id: founder
  claim: The founder says world models matter.
  quote: ShengShu's founder said "world models" matter-a lot
- id: spaces
  claim: The text has odd spaces.
  quote: Tabs and em spaces stay exact.
- id: cjk
  claim: A Beijing startup got investment.
  quote: 北京的 初创 公司 生数 科技
"""


def test_awkward_but_legal_seeds_work_with_exact_offsets(tmp_path):
    seed = AWKWARD_SEED.encode("utf-8")
    page = "---\ntitle: Home\ndescription: x\norder: 0\n---\nA founder spoke [@acme:founder; @acme:spaces].\n"
    root = make_project(tmp_path, {"content/sources/acme.yaml": source(AWKWARD_CLAIMS, seed, summary="Odd [@acme:founder]."),
                                   "content/pages/index.md": page}, seed=seed)
    errors = errors_of(root)
    assert errors == ["content/sources/acme.yaml:20:12: error: quote of claim 'cjk' not found in seeds/acme.txt; "
                      "closest passage (seeds/acme.txt, line 5): \"北京的初创公司生数科技获得了投资。\"; they first "
                      "differ at \"北京的初创公司生数科技获得了投资。\" (the quote has \"北京的 初创 公司 生数\")"]
    fixed = source(AWKWARD_CLAIMS.replace("北京的 初创 公司 生数 科技", "北京的初创公司生数科技"), seed, summary="Odd [@acme:cjk].")
    (root / "content/sources/acme.yaml").write_text(fixed, encoding="utf-8")
    assert run_cli(root, "build").returncode == 0
    text = seed.decode("utf-8-sig")
    claims = {c["id"]: c for c in json.loads((root / "_site/claims.json").read_text())["claims"]}
    assert text[claims["founder"]["start"]: claims["founder"]["end"]] == "ShengShu\u2019s founder said \u201cworld\u00a0models\u201d matter\u2014a lot"
    assert (claims["founder"]["line"], claims["founder"]["column"]) == (3, 1)
    assert text[claims["spaces"]["start"]: claims["spaces"]["end"]] == "Tabs\tand\u2003em\u2009spaces stay exact."
    assert (claims["cjk"]["line"], claims["cjk"]["column"], claims["cjk"]["end"] - claims["cjk"]["start"]) == (5, 1, 11)
    page_html = Scan((root / "_site/sources/acme/index.html").read_text())
    assert page_html.passage("founder") == text[claims["founder"]["start"]: claims["founder"]["end"]]
    assert page_html.passage("cjk") == "北京的初创公司生数科技"


# --- citations --------------------------------------------------------------------------------------

def test_errors_on_bad_citation_syntax_and_placement(tmp_path):
    page = ("---\ntitle: Home\ndescription: x\norder: 0\n---\n## Heading [@acme:raise]\n\n"
            "Empty [@] and key only [@acme] and [@acme raise] here [@acme:raise].\n\n"
            "A [link [@acme:raise]](https://example.org) sentence [@acme:founder-view].\n")
    root = make_project(tmp_path, {"content/pages/index.md": page})
    assert errors_of(root) == [
        "content/pages/index.md:6:12: error: citation [@acme:raise] inside a heading: cite in the prose instead",
        "content/pages/index.md:8:7: error: empty citation: write [@key:claim-id]",
        "content/pages/index.md:8:24: error: citation '@acme' names no claim: write [@acme:claim-id]",
        "content/pages/index.md:8:36: error: malformed citation '@acme raise': write @key:claim-id (lower-case letters, digits, dashes)",
        "content/pages/index.md:10:9: error: citation [@acme:raise] inside link text: cite in the prose instead",
    ]


def test_errors_on_a_citation_after_the_full_stop_with_the_fix(tmp_path):
    """Silently accepted before: a citation after the full stop reads as citing the next sentence."""
    page = DEFAULT_PAGE + "\nThe round closed. [@acme:raise]\n\nIn the U.S. [@acme:raise]. Done.[@acme:raise] Next [@acme:raise].\n"
    root = make_project(tmp_path, {"content/pages/index.md": page})
    assert errors_of(root) == [
        "content/pages/index.md:9:19: error: citation [@acme:raise] comes after the sentence's final punctuation: "
        "put it before the '.' (write \"closed [@acme:raise].\")",
        "content/pages/index.md:11:33: error: citation [@acme:raise] comes after the sentence's final punctuation: "
        "put it before the '.' (write \"Done [@acme:raise].\")",
    ]


def test_errors_on_a_citation_missing_its_at_or_its_brackets_with_a_hint_not_as_uncited(tmp_path):
    page = DEFAULT_PAGE + ("\nIt was [acme:raise] in full.\n\nWidgets, says @acme:founder-view here; mail a@b.com.\n\n"
                           "Both [acme:raise; acme:founder-view].\n\n`[acme:raise]` in code is left alone [@acme:raise].\n")
    root = make_project(tmp_path, {"content/pages/index.md": page})
    assert errors_of(root) == [
        "content/pages/index.md:9:8: error: '[acme:raise]' looks like a citation without its '@': write [@acme:raise]",
        "content/pages/index.md:11:15: error: '@acme:founder-view' is not in brackets: write [@acme:founder-view]",
        "content/pages/index.md:13:6: error: '[acme:raise; acme:founder-view]' looks like a citation without its '@': "
        "write [@acme:raise; @acme:founder-view]",
    ]


# --- hostile text ------------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> " onmouseover="alert(3)'


def test_hostile_links_are_refused_with_their_location(tmp_path):
    page = ("---\ntitle: Home\ndescription: x\norder: 0\n---\n"
            "Click [here](javascript:alert(1)) or <javascript:alert(2)> or ![x](data:image/png;base64,AAAA) "
            "or [y](vbscript:x) [@acme:raise].\n")
    root = make_project(tmp_path, {"content/pages/index.md": page})
    errors = [e for e in errors_of(root) if "link scheme" in e]
    assert [e.split(": error: ")[1].split(" is not")[0] for e in errors] == [
        "link scheme 'javascript:'", "link scheme 'javascript:'", "link scheme 'data:'", "link scheme 'vbscript:'"]
    assert all(e.startswith("content/pages/index.md:6:") for e in errors)


def test_hostile_text_in_yaml_markdown_and_seeds_is_escaped_never_executed(tmp_path):
    seed = (SEED + HOSTILE + "\n").encode()
    claims = DEFAULT_CLAIMS + f"- id: hostile\n  claim: 'Text {HOSTILE.replace(chr(39), chr(39) * 2)}'\n  quote: '{HOSTILE}'\n  speaker: '{HOSTILE}'\n"
    text = source(claims, seed).replace("title: Acme raises money", f"title: '{HOSTILE}'")
    text = text.replace("outlet: Test Wire", f"outlet: '{HOSTILE}'")
    page = DEFAULT_PAGE.replace("title: Home", f"title: '{HOSTILE}'") + f"\nRaw {HOSTILE} [@acme:hostile].\n"
    site = f"title: '{HOSTILE}'\ndescription: '{HOSTILE}'\nbase_url: https://example.org/\nlanguage: en\n"
    root = make_project(tmp_path, {"content/sources/acme.yaml": text, "content/pages/index.md": page,
                                   "content/site.yaml": site}, seed=seed)
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    for html in (root / "_site").rglob("*.html"):
        scan = Scan(html.read_text())
        for tag, attrs in scan.elements:
            assert not any(name.startswith("on") for name in attrs), (html, tag, attrs)
            if tag == "script" and attrs.get("type") != "application/ld+json":
                assert attrs.get("src", "").startswith(("static/", "../", "/static/")), (html, attrs)
            for name in ("href", "src", "action"):
                assert not attrs.get(name, "").strip().lower().startswith(("javascript:", "data:", "vbscript:"))
            assert tag != "img" or attrs.get("src") != "x"
        assert "alert(1)" not in "".join(t for t, _ in scan.elements)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html.read_text(), re.S):
            assert "<" not in block, "JSON-LD escapes markup, so it cannot close its script element"
            json.loads(block)


# --- error contract ------------------------------------------------------------------------------------

def test_a_bug_in_the_generator_exits_2_with_one_line_and_a_traceback_only_under_debug(project, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(check_command, "verify", broken)
    assert cli.main(["check", "--root", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("internal error: RuntimeError: boom (at test_bad_input.py:")
    assert cli.main(["check", "--root", str(project), "--debug"]) == 2
    assert "Traceback (most recent call last)" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "check"])
def test_warnings_do_not_change_the_exit_status_unless_strict(tmp_path, command):
    root = make_project(tmp_path, {"content/pages/index.md": DEFAULT_PAGE.replace(" [@acme:founder-view]", " [@acme:raise]")})
    assert run_cli(root, command).returncode == 0
    assert run_cli(root, command, "--strict").returncode == 1
