"""Web pages and PDFs that give no usable text: each is a located error, all at once, and the last
good site survives. Hostile web pages never reach a built page: only their text does, escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.extract import MAX_SEED_BYTES
from documents import encrypted, pdf_file, web_page
from htmlscan import Scan
from kit import DEFAULT_PAGE, make_project, run_cli, source_yaml

CLAIM = """\
- id: said
  claim: The document says something.
  quote: {quote}
"""
HOSTILE_ARTICLE = """<h1 onclick="alert(1)">Council approves <script>alert(2)</script>the night buses</h1>
<p onmouseover="alert(3)">The council approved <a href="javascript:alert(4)">six night bus routes</a> on Monday,
after a long campaign by shift workers.<iframe src="javascript:alert(5)"></iframe><img src=x onerror="alert(6)"></p>
<p>Its notice quoted the tag &lt;script&gt;alert(7)&lt;/script&gt; as text, which must stay text.</p>
<object data="javascript:alert(8)"></object><svg onload="alert(9)"><text>svg text</text></svg>
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built_project(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    root = make_project(tmp_path)
    assert run_cli(root, "build").returncode == 0
    return root, snapshot(root / "_site")


def add_seed(root: Path, name: str, data: bytes, *, quote: str = "the document says this", extra: str = "") -> None:
    (root / "seeds" / name).write_bytes(data)
    text = source_yaml(name, data, CLAIM.format(quote=quote), key="doc", summary="It says so [@doc:said].")
    (root / "content/sources/doc.yaml").write_text(text.replace("kind: news\n", f"kind: news\n{extra}"))


def failed_build(root: Path, before: dict[str, bytes]) -> list[str]:
    result = run_cli(root, "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith("nothing was written")
    assert snapshot(root / "_site") == before, "the last good site survives"
    return [line for line in result.stderr.splitlines() if ": error: " in line]


BAD_PDFS = {
    "scanned": (lambda: pdf_file(images=2), "PDF has no text layer: none of its 2 page(s) has any text, as in a "
                "scanned document; the build does no OCR, so use a PDF with text (or run OCR on it first)"),
    "encrypted": (lambda: encrypted(pdf_file([["the document says this"]]), user_password="secret"),
                  "PDF is encrypted and needs a password to open: use a copy without a password"),
    "truncated": (lambda: pdf_file([["the document says this"]])[:200], "PDF is damaged and cannot be read: "),
    "garbled": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF is damaged and cannot be read: "),
}


@pytest.mark.parametrize("case", BAD_PDFS)
def test_a_pdf_without_usable_text_is_a_located_error_and_the_site_survives(tmp_path, case):
    make, message = BAD_PDFS[case]
    root, before = built_project(tmp_path)
    add_seed(root, f"{case}.pdf", make())
    (error,) = failed_build(root, before)
    assert error.startswith(f"seeds/{case}.pdf:1:1: error: {message}"), error
    assert error.endswith("(cited by content/sources/doc.yaml)")


def test_a_web_page_with_no_article_text_is_an_error_at_its_body(tmp_path):
    root, before = built_project(tmp_path)
    shell = ("<!doctype html>\n<html><head><title>Night buses</title><script src=/app.js></script></head>\n"
             "  <body><noscript>Please enable JavaScript.</noscript><div id=root></div></body></html>\n")
    add_seed(root, "app.html", shell.encode())
    assert failed_build(root, before) == [
        "seeds/app.html:3:3: error: no article text could be extracted from this web page: it has no text outside "
        "scripts, frames and markup (was it saved before its scripts rendered the article?); save the page as the "
        "browser shows it, or a plain-text copy (cited by content/sources/doc.yaml)"]


def test_a_web_page_of_nothing_but_hostile_markup_is_an_error_and_runs_nowhere(tmp_path):
    root, before = built_project(tmp_path)
    hostile = ('<html><head><script>alert(1)</script></head><body onload="alert(2)"><iframe src="javascript:alert(3)">'
               '</iframe><img src=x onerror="alert(4)"><a href="javascript:alert(5)"></a><script>alert(6)</script>'
               '</body></html>')
    add_seed(root, "hostile.html", hostile.encode())
    (error,) = failed_build(root, before)
    assert error.startswith(f"seeds/hostile.html:1:{hostile.index('<body') + 1}: error: no article text could be extracted")


def test_a_web_page_with_bad_bytes_for_its_charset_is_an_error_at_the_byte(tmp_path):
    root, before = built_project(tmp_path)
    page = web_page("<p>" + "The document says this clearly, in a paragraph long enough to count. " * 3 + "</p>").encode()
    page = page.replace(b"clearly", b"clear\xffy", 1)
    add_seed(root, "bytes.html", page)
    at = page.index(b"\xff")
    line = page.count(b"\n", 0, at) + 1
    column = at - page.rfind(b"\n", 0, at)
    assert failed_build(root, before) == [f"seeds/bytes.html:{line}:{column}: error: web page is not valid utf-8: byte "
                                          f"0xff at byte offset {at} (cited by content/sources/doc.yaml)"]


@pytest.mark.parametrize("name", ["big.pdf", "big.html", "big.txt"])
def test_a_seed_over_the_size_limit_is_refused_unread_whatever_its_format(tmp_path, name):
    root, before = built_project(tmp_path)
    add_seed(root, name, b" " * (MAX_SEED_BYTES + 1))
    assert failed_build(root, before) == [
        f"content/sources/doc.yaml:2:7: error: seed 'seeds/{name}' is {MAX_SEED_BYTES + 1:,} bytes, over the limit of "
        f"{MAX_SEED_BYTES:,} bytes (64 MiB): split the document into several seeds"]


def test_a_source_url_must_be_an_http_address(tmp_path):
    root, before = built_project(tmp_path)
    add_seed(root, "doc.txt", b"Here the document says this plainly.\n", extra="url: javascript:alert(1)\n")
    assert failed_build(root, before) == [
        "content/sources/doc.yaml:9:6: error: field 'url' must be an http:// or https:// address, not 'javascript:alert(1)'"]


def test_a_hostile_web_page_gives_only_its_text_escaped_and_nothing_of_it_runs(tmp_path):
    page = web_page(HOSTILE_ARTICLE, extra_head='<meta http-equiv="refresh" content="0;url=javascript:alert(10)">'
                    '<base href="javascript:alert(11)//">').encode()
    quote = "quoted the tag <script>alert(7)</script> as text"
    root = make_project(tmp_path, {"content/pages/index.md": DEFAULT_PAGE + "A council notice [@doc:said].\n"})
    add_seed(root, "hostile.html", page, quote=quote, extra="url: https://news.example/night-buses\n")
    result = run_cli(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    source_page = (root / "_site/sources/doc/index.html").read_text()
    assert "Council approves the night buses" in source_page and "six night bus routes" in source_page
    assert Scan(source_page).passage("said") == quote, "the tag written as text in the page stays text"
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in source_page
    for html in sorted((root / "_site").rglob("*.html")):
        scan = Scan(html.read_text())
        for tag, attrs in scan.elements:
            assert tag not in ("iframe", "object", "embed", "base", "svg"), (html, tag)
            assert not any(name.startswith("on") for name in attrs), (html, tag, attrs)
            if tag == "script":
                assert attrs.get("type") == "application/ld+json" or "src" in attrs, (html, attrs)
            assert not any(v.strip().lower().startswith("javascript:") for v in attrs.values()), (html, attrs)
            assert not (tag == "meta" and attrs.get("http-equiv", "Content-Security-Policy") != "Content-Security-Policy")
        assert not re.search(r"alert\((?!7\))", html.read_text()), html
    assert not list((root / "_site").rglob("hostile.html")), "the page itself is never published"
