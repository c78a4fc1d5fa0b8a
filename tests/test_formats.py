"""Seeds as they come: a saved web page and a PDF (printed by Chromium) beside a plain text, in one briefing.

Every quote is found at the right page and offsets of the extracted text, the source page highlights
exactly the quote and marks the PDF's page breaks, the PDF is published and linked at each passage's
page, and extraction gives the same bytes build after build, with the cache cold, warm or damaged."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from briefing.anchor import fold
from briefing.extract import CACHE, extract
from documents import EXPECTED_PAGES, REPORT, mixed_project, print_pdf
from htmlscan import Scan, resolve
from kit import run_cli

@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> bytes:
    return print_pdf(REPORT, tmp_path_factory.mktemp("print"))


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
    text = extract("report.pdf", report_pdf).text
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
    text = extract("report.pdf", report_pdf).text
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
    assert re.search(r'class="note-source" href="sources/report/#claim-[^"]+" aria-label="[^"]+">p\. 2, line \d+</a>', home), \
        "notes name the page"


def test_the_web_page_keeps_article_lines_drops_furniture_and_is_never_republished(built):
    found = extract("port.html", (built / "seeds/port.html").read_bytes())
    text, title = found.text, found.title
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


def test_the_offline_editions_carry_the_pdf_or_link_to_its_hosted_copy(tmp_path, built, report_pdf):
    assert run_cli(built, "bundle", "--no-pdf", "--dist", str(tmp_path)).returncode == 0
    with zipfile.ZipFile(tmp_path / "test-briefing-offline.zip") as archive:
        names = archive.namelist()
        assert archive.read("test-briefing-offline/sources/report/report.pdf") == report_pdf
    assert not [n for n in names if n.endswith("port.html")]
    single = (tmp_path / "test-briefing.html").read_text()
    hrefs = {link["href"] for link in Scan(single).links}
    assert {f"https://example.org/sources/report/report.pdf#page={n}" for n in EXPECTED_PAGES.values()} <= hrefs
    assert "https://example.org/sources/report/report.pdf" in hrefs


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
