"""Seeds as they come: a saved web page and a PDF (printed by Chromium) beside a plain text, in one briefing.

Every quote is found at the right page and offsets of the extracted text, the source page highlights
exactly the quote and marks the PDF's page breaks, the PDF is published and linked at each passage's
page, and extraction gives the same bytes build after build, with the cache cold, warm or damaged."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from briefing.anchor import fold
from briefing.extract import CACHE, read_document
from documents import print_pdf, web_page
from htmlscan import Scan, resolve
from kit import DEFAULT_PAGE, make_project, run_cli, source_yaml

REPORT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour authority annual report 2025</title>
<style>body { font: 12pt/1.5 serif; margin: 2cm; } section { break-after: page; } .narrow { width: 9cm; }</style></head>
<body>
<section><h1>Harbour authority annual report 2025</h1>
<p>This report sets out the work of the harbour authority during the year and the decisions of its board.</p></section>
<section><h2>The dredging decision</h2>
<p>The board approved the dredging plan<br>by seven votes to two on Tuesday, after two years of argument.</p>
<p class="narrow">The deeper channel will let container ships of up to nine thousand units berth at the eastern quay
without waiting for the high tide, which the shipping lines have asked for since the quay opened.</p></section>
<section><h2>What happens next</h2>
<p>Work is expected to start in September and to take fourteen months to finish.</p></section>
</body></html>
"""
ARTICLE = """<h1>Harbour authority approves dredging plan</h1>
<p class="byline">By Maria Keane</p>
<p>The harbour authority on Tuesday approved a plan to deepen the main shipping channel, ending two years of argument over the cost.</p>
<div class="ad"><a href="https://ads.example.net/click?id=2">Sponsored: refinance your mortgage in five minutes</a></div>
<h2>Fishermen fear for the mussel beds</h2>
<p>The local fishing co-operative said the dredging would stir up silt that smothers shellfish, and asked for monitoring.</p>
"""
PDF_CLAIMS = """\
- id: report-title
  claim: The report is the harbour authority's annual report for 2025.
  quote: Harbour authority annual report 2025
- id: next-steps
  claim: The report says what happens next.
  quote: What happens next Work is expected
- id: report-scope
  claim: The report covers the authority's year.
  quote: sets out the work of the harbour authority
- id: vote
  claim: The board approved the plan by seven votes to two.
  quote: approved the dredging plan by seven votes to two
- id: ships
  claim: Bigger container ships could berth without waiting for the tide.
  quote: berth at the eastern quay without waiting for the high tide
- id: start
  claim: Work is to start in September.
  quote: expected to start in September
"""
HTML_CLAIMS = """\
- id: approved
  claim: The harbour authority approved the dredging plan.
  quote: approved a plan to deepen the main shipping channel
- id: fishermen
  claim: Fishermen worry about silt.
  quote: the dredging would stir up silt that smothers shellfish
"""
PAGE = DEFAULT_PAGE + """The harbour plan was approved [@port:approved; @report:vote].
Fishermen worry about silt [@port:fishermen].
The annual report for 2025 [@report:report-title] says what comes next [@report:next-steps].
The report covers the year [@report:report-scope], bigger ships could berth [@report:ships] and work starts in September [@report:start].
"""
EXPECTED_PAGES = {"report-title": 1, "report-scope": 1, "vote": 2, "ships": 2, "next-steps": 3, "start": 3}
"""Two of the passages start a page: the first at the text's first character, one at a later page's first."""


def source(key: str, seed: str, data: bytes, claims: str, *, extra: str = "") -> str:
    first = claims.split("id: ", 1)[1].split("\n", 1)[0]
    return source_yaml(seed, data, claims, key=key, summary=f"A source [@{key}:{first}].").replace(
        "kind: news\n", f"kind: news\n{extra}")


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> bytes:
    return print_pdf(REPORT, tmp_path_factory.mktemp("print"))


def mixed_project(tmp_path: Path, pdf: bytes) -> Path:
    page = web_page(ARTICLE).encode()
    return make_project(tmp_path, {
        "seeds/port.html": page, "seeds/report.pdf": pdf,
        "content/sources/port.yaml": source("port", "port.html", page, HTML_CLAIMS,
                                            extra="url: https://coastline.example/news/harbour-plan\nretrieved: 2026-03-15\n"),
        "content/sources/report.yaml": source("report", "report.pdf", pdf, PDF_CLAIMS),
        "content/pages/index.md": PAGE,
    })


@pytest.fixture(scope="module")
def built(tmp_path_factory, report_pdf) -> Path:
    root = mixed_project(tmp_path_factory.mktemp("mixed"), report_pdf)
    result = run_cli(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return root


def claims_of(root: Path) -> dict[str, dict]:
    return {f"{c['key']}:{c['id']}": c for c in json.loads((root / "_site/claims.json").read_text())["claims"]}


def test_a_briefing_mixing_text_web_page_and_pdf_passes_check_strict(built):
    result = run_cli(built, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert "3 sources, 10 claims" in result.stdout


def test_every_pdf_quote_is_found_on_its_page_at_offsets_of_the_extracted_text(built, report_pdf):
    text, _ = read_document("report.pdf", report_pdf)
    claims = claims_of(built)
    for claim_id, page in EXPECTED_PAGES.items():
        claim = claims[f"report:{claim_id}"]
        assert claim["page"] == page, claim_id
        passage = text[claim["start"]: claim["end"]]
        assert fold(passage) == fold(claim["quote"]), claim_id
        assert claim["line"] == text.count("\n", 0, claim["start"]) + 1
        assert claim["sha256"] == hashlib.sha256(report_pdf).hexdigest()
    text_pages = [claims["report:report-title"]["start"], claims["report:next-steps"]["start"]]
    assert text_pages[0] == 0 and text[text_pages[1] - 1] == "\n", "these two start their pages"
    vote = claims["report:vote"]
    assert "\n" in text[vote["start"]: vote["end"]], "the quote runs over the line break the PDF has there"
    ships = claims["report:ships"]
    assert "\n" in text[ships["start"]: ships["end"]], "and this one over a line the narrow column wraps"
    assert all(claims[f"{k}"]["page"] is None for k in ("acme:raise", "port:approved"))


def test_the_source_page_highlights_exactly_each_quote_and_marks_every_page_break(built, report_pdf):
    text, _ = read_document("report.pdf", report_pdf)
    html = (built / "_site/sources/report/index.html").read_text()
    scan = Scan(html)
    for claim_id, claim in ((k.split(":")[1], c) for k, c in claims_of(built).items() if k.startswith("report:")):
        assert scan.passage(claim_id) == text[claim["start"]: claim["end"]]
        before = re.findall(r'class="page-start" id="page-(\d+)"', html[: html.index(f'data-c="{claim_id}"')])
        assert int(before[-1]) == EXPECTED_PAGES[claim_id], "the last page break before the passage is its page's"
    assert [i for i in scan.ids if i.startswith("page-")] == ["page-1", "page-2", "page-3"]
    seed = html[html.index('<div class="seed">'): html.index("</div>", html.index('<div class="seed">'))]
    assert re.sub(r"<[^>]+>", "", seed).replace("&#39;", "'").replace("&amp;", "&") == text


def test_the_pdf_is_published_and_each_passage_links_to_its_page(built, report_pdf):
    page = built / "_site/sources/report/index.html"
    scan = Scan(page.read_text())
    for claim_id, number in EXPECTED_PAGES.items():
        entry = page.read_text().split(f'id="c-{claim_id}"', 1)[1].split("</li>", 1)[0]
        links = Scan(entry).links
        pdf_links = [l["href"] for l in links if ".pdf" in l["href"]]
        assert pdf_links == [f"report.pdf#page={number}"], claim_id
    target, _ = resolve(built / "_site", page, "report.pdf")
    assert target.read_bytes() == report_pdf
    assert any(l["href"] == "report.pdf" for l in scan.links)
    home = (built / "_site/index.html").read_text()
    assert re.search(r"report\.pdf</span> line \d+, p\. 2</a>", home), "notes name the page"


def test_the_web_page_keeps_article_lines_drops_furniture_and_is_never_republished(built):
    text, title = read_document("port.html", (built / "seeds/port.html").read_bytes())
    assert title == "Harbour authority approves dredging plan"
    lines = text.splitlines()
    assert "Harbour authority approves dredging plan" in lines and "Fishermen fear for the mussel beds" in lines
    assert any(line.startswith("The harbour authority on Tuesday approved") for line in lines)
    for furniture in ("cookies", "Subscribe", "Advertisement", "Sponsored", "Related stories", "Most read",
                      "Copyright", "dataLayer", "ads.example.net"):
        assert furniture not in text, furniture
    site = built / "_site"
    assert not [p for p in site.rglob("*") if p.suffix in (".htm", ".html") and p.name != "index.html" and p.name != "404.html"]
    source_page = (site / "sources/port/index.html").read_text()
    assert '<a href="https://coastline.example/news/harbour-plan" rel="noopener noreferrer">' in source_page
    assert "2026-03-15" in source_page
    claims = claims_of(built)
    assert Scan(source_page).passage("fishermen") == text[claims["port:fishermen"]["start"]: claims["port:fishermen"]["end"]]


def test_extraction_is_byte_identical_across_builds_and_the_cache_never_changes_the_output(tmp_path, built):
    root = tmp_path / "again"
    shutil.copytree(built, root, ignore=shutil.ignore_patterns("_site", ".cache", "._site*"))
    site = snapshot(built / "_site")
    entries = sorted((built / CACHE).glob("*.json"))
    assert len(entries) == 2, "one entry per extracted seed (the web page and the PDF)"
    assert run_cli(root, "build").returncode == 0  # a cold cache, in another process (another hash seed)
    assert snapshot(root / "_site") == site
    assert [e.read_bytes() for e in sorted((root / CACHE).glob("*.json"))] == [e.read_bytes() for e in entries]
    for damage in (lambda b: b[: len(b) // 2], lambda b: b.replace(b"seven votes", b"eight votes"),
                   lambda b: b.replace(b'"extractor": "pdf/', b'"extractor": "pdf/0'), lambda b: b"\x00" * 10):
        for entry in sorted((root / CACHE).glob("*.json")):
            entry.write_bytes(damage(entry.read_bytes()))
        assert run_cli(root, "build").returncode == 0
        assert snapshot(root / "_site") == site, "a damaged or stale entry is ignored, and rewritten"
    shutil.rmtree(root / CACHE.parts[0])
    (root / CACHE.parts[0]).write_text("not a folder")  # an unwritable cache: the build goes on without it
    assert run_cli(root, "build").returncode == 0
    assert snapshot(root / "_site") == site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
