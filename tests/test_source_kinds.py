"""Sources that are not news: primary documents of every kind, dated as precisely as they say."""

from __future__ import annotations

import json
import re

import pytest

from kit import DEFAULT_CLAIMS, SEED, make_project, run_cli, source_yaml


def source_as(kind: str, published: str, *, outlet: str = "null") -> str:
    text = source_yaml("acme.txt", SEED.encode(), DEFAULT_CLAIMS)
    return (text.replace("kind: news", f"kind: {kind}").replace("published: 2026-04-10", f"published: {published}")
            .replace("outlet: Test Wire", f"outlet: {outlet}"))


def built(tmp_path, kind: str, published: str, **kw) -> tuple[str, str, dict]:
    root = make_project(tmp_path, {"content/sources/acme.yaml": source_as(kind, published, **kw)})
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    source_page = (root / "_site/sources/acme/index.html").read_text()
    index = (root / "_site/sources/index.html").read_text()
    home = (root / "_site/index.html").read_text()
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S).group(1))
    return source_page, index, jsonld


def meta(html: str) -> list[str]:
    block = html.split('<dl class="source-meta">', 1)[1].split("</dl>", 1)[0]
    return re.findall(r"<dt>(.*?)</dt>", block)


def test_a_legal_text_shows_only_the_fields_that_apply_and_its_month(tmp_path):
    page, index, jsonld = built(tmp_path, "legal", '"2004-01"')
    assert '<p class="kicker">Source · Legal text</p>' in page
    assert meta(page) == ["Published", "Seed file", "Format", "SHA-256"]
    assert "No byline" not in page and "Outlet" not in page and "<dd>2004-01</dd>" in page
    assert "Outlet not named" not in index and "Legal text · 2004-01 · 2 claims" in index
    (cited,) = jsonld["citation"]
    assert (cited["@type"], cited["datePublished"]) == ("Legislation", "2004-01")


def test_a_report_names_its_publisher_and_a_year_is_a_date(tmp_path):
    page, index, jsonld = built(tmp_path, "report", "2004", outlet="Apache Software Foundation")
    assert meta(page) == ["Publisher", "Published", "Seed file", "Format", "SHA-256"]
    assert "<dd>2004</dd>" in page and jsonld["citation"][0]["datePublished"] == "2004"


def test_a_news_report_still_says_what_it_does_not_name(tmp_path):
    page, index, _ = built(tmp_path, "news", "null")
    assert meta(page)[:3] == ["Outlet", "Author", "Published"]
    assert "No byline" in page and "Not named in the text" in page and "Not dated in the text" in page
    assert "no outlet named · News report · undated" in index


@pytest.mark.parametrize("published", ['"2004-13"', '"2004-02-30"', "04-2004", '"2004-1"'])
def test_a_date_that_is_not_one_is_an_error_naming_the_forms(tmp_path, published):
    root = make_project(tmp_path, {"content/sources/acme.yaml": source_as("paper", published)})
    result = run_cli(root, "check")
    assert result.returncode == 1
    assert "content/sources/acme.yaml:7:12: error: field 'published' is '" in result.stderr
    assert "which is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" in result.stderr


def test_every_kind_of_source_is_accepted_and_the_five_old_ones_still_are(tmp_path):
    from briefing.model import KINDS

    assert {"news", "analysis", "blog", "wire", "summary"} <= set(KINDS)
    assert {"report", "paper", "legal", "transcript", "press-release", "web-page", "other"} <= set(KINDS)
    root = make_project(tmp_path, {"content/sources/acme.yaml": source_as("transcript", "2026-04-10")})
    assert run_cli(root, "check").returncode == 0
