"""Extraction of web pages and PDFs, one behaviour at a time, and the cache that keeps its results."""

from __future__ import annotations

import json
import re

import pytest

from briefing.extract import Extracted, NotExtractable, format_of, extract, read_seed, store
from briefing.extract import html as html_format
from briefing.extract import pdf as pdf_format
from documents import encrypted, pdf_file, web_page

ARTICLE = ("<h1>Council approves the night bus network</h1><p>The council approved six night bus routes on Monday, "
           "at a cost of 2.1 million a year, after a long campaign by shift workers.</p>")


def test_the_format_is_the_file_names_and_anything_else_is_plain_text():
    assert [format_of(n) for n in ("a.html", "b.HTM", "c.Pdf", "d.txt", "e", "f.md", ".pdf")] == \
        ["html", "html", "pdf", "text", "text", "text", "text"]


def test_a_web_page_is_decoded_by_its_declared_charset_and_bad_bytes_are_located():
    page = web_page(ARTICLE.replace("council", "conseil municipal, déjà,")).replace('charset="utf-8"', 'charset="windows-1252"')
    text = extract("p.html", page.encode("cp1252")).text
    assert "conseil municipal, déjà," in text
    latin = page.replace("windows-1252", "ISO-8859-1").encode("cp1252")
    assert extract("p.html", latin).text == text, "latin-1 labels are read as windows-1252, as browsers do"
    unknown_label = page.replace("windows-1252", "klingon-8").encode("cp1252")
    with pytest.raises(NotExtractable) as unknown:
        extract("p.html", unknown_label)
    assert unknown.value.message == "web page declares an unknown character encoding 'klingon-8'"
    assert unknown_label[unknown.value.offset:].startswith(b"klingon-8")
    bad = web_page(ARTICLE).encode().replace(b"six night", b"six \xff night")
    with pytest.raises(NotExtractable) as invalid:
        extract("p.html", bad)
    assert invalid.value.offset == bad.index(b"\xff") and "byte 0xff" in invalid.value.message


def test_a_byte_order_mark_decides_the_encoding():
    page = web_page(ARTICLE).replace('<meta charset="utf-8">', "")
    assert extract("p.html", b"\xff\xfe" + page.encode("utf-16-le")).text == extract("p.html", page.encode()).text


def test_the_title_is_the_pages_metadata_else_its_first_heading_else_its_title_element():
    og = '<meta property="og:title" content="Night buses  approved">'
    assert extract("p.html", web_page(ARTICLE, extra_head=og).encode()).title == "Night buses approved"
    assert extract("p.html", web_page(ARTICLE).encode()).title == "Council approves the night bus network"
    scripted = ARTICLE.replace("night bus", "night <script>track('h1')</script>bus")
    assert extract("p.html", web_page(scripted).encode()).title == "Council approves the night bus network"
    no_h1 = ARTICLE.replace("h1>", "h2>")
    assert extract("p.html", web_page(no_h1, title="Buses | Daily").encode()).title == "Buses | Daily"


def test_a_bare_fragment_is_read_too():
    assert extract("p.html", b"<p>Only one paragraph, saved without its page around it.</p>").text == \
        "Only one paragraph, saved without its page around it.\n"


def test_what_a_page_shows_without_scripts_is_not_its_text():
    shell = ('<!doctype html><html><head><title>App</title></head><body><noscript>You need to enable JavaScript to '
             'run this app.</noscript><div id="root"></div><script src="/app.js"></script></body></html>')
    with pytest.raises(NotExtractable) as empty:
        extract("app.html", shell.encode())
    assert empty.value.message.startswith("no article text could be extracted from this web page")
    assert shell.encode()[empty.value.offset:].startswith(b"<body")
    text = extract("p.html", web_page(ARTICLE, extra_body="<noscript>Enable JavaScript for comments</noscript>").encode()).text
    assert "JavaScript" not in text


def test_pdf_pages_start_at_recorded_offsets_and_blank_pages_are_kept_in_the_count():
    pdf = pdf_file([["First page line one.", "First page line two."], [], ["Third page, after a blank one."]])
    found = pdf_format.extract(pdf)
    assert found.text == "First page line one.\nFirst page line two.\nThird page, after a blank one.\n"
    assert found.pages == (0, 42, 42)
    seed_pages = read_seed("r.pdf", pdf, "d" * 64, root=None).pages
    from briefing.model import Seed
    seed = Seed("r.pdf", found.text, "d" * 64, kind="pdf", pages=seed_pages)
    assert [seed.page_at(o) for o in (0, 41, 42, len(found.text) - 1)] == [1, 1, 3, 3]
    assert Seed("t.txt", "x", "d").page_at(0) is None


def test_a_pdfs_title_is_its_metadata_else_its_first_line_of_text():
    assert extract("r.pdf", pdf_file([["", "  Annual report  ", "Body."]], title="Report 2025")).title == "Report 2025"
    assert extract("r.pdf", pdf_file([[], ["Annual report", "Body."]])).title == "Annual report"


@pytest.mark.parametrize(("make", "message"), [
    (lambda: pdf_file(images=3), "PDF has no text layer: none of its 3 page(s) has any text"),
    (lambda: encrypted(pdf_file([["Secret report text."]]), user_password="pw"), "PDF is encrypted and needs a password"),
    (lambda: pdf_file([["Cut short."]])[:150], "PDF is damaged and cannot be read: "),
    (lambda: b"<html>not a pdf at all</html>", "PDF is damaged and cannot be read: "),
])
def test_pdfs_that_give_no_text_are_refused_with_the_reason(make, message):
    with pytest.raises(NotExtractable) as refused:
        extract("r.pdf", make())
    assert refused.value.message.startswith(message)


def test_a_pdf_that_opens_without_a_password_is_read_as_viewers_show_it():
    pdf = encrypted(pdf_file([["Only its permissions are protected."]]), user_password="")
    assert extract("r.pdf", pdf).text == "Only its permissions are protected.\n"


def test_a_pdf_read_by_working_around_damage_says_so():
    pdf = re.sub(rb"startxref\n\d+", b"startxref\n7", pdf_file([["Still readable."]], title="Damaged"))
    found = pdf_format.extract(pdf)
    assert found.text == "Still readable.\n" and found.title == "Damaged"
    assert found.repairs and all(isinstance(r, str) for r in found.repairs)
    assert pdf_format.extract(pdf_file([["Intact."]])).repairs == ()


def test_extracted_text_has_plain_line_breaks_and_no_control_characters():
    found = pdf_format.extract(pdf_file([["Bell\x07 here.", "Tab\tstays."]]))
    assert found.text == "Bell\ufffd here.\nTab\tstays.\n"


def test_the_cache_returns_what_was_stored_only_for_the_same_digest_and_version(tmp_path):
    entry = Extracted("Text\nmore\n", (0, 5), "Title", ("repaired",))
    store.put(tmp_path, "a" * 64, "pdf/1 pypdf==1", entry)
    assert store.get(tmp_path, "a" * 64, "pdf/1 pypdf==1") == entry
    assert store.get(tmp_path, "b" * 64, "pdf/1 pypdf==1") is None
    assert store.get(tmp_path, "a" * 64, "pdf/1 pypdf==2") is None, "another version's entries are never read"
    assert store.get(None, "a" * 64, "pdf/1 pypdf==1") is None


@pytest.mark.parametrize("damage", [
    lambda raw: raw[:-20],
    lambda raw: raw.replace("Text", "Txet"),
    lambda raw: raw.replace('"sha256": "aaaa', '"sha256": "bbbb'),
    lambda raw: raw.replace('"pages": [0, 5]', '"pages": [5, 0]'),
    lambda raw: json.dumps({**json.loads(raw), "format": 0}),
    lambda raw: "[]",
])
def test_a_damaged_cache_entry_is_never_used(tmp_path, damage):
    version = "html/1 trafilatura==1"
    store.put(tmp_path, "a" * 64, version, Extracted("Text\nmore\n", (0, 5)))
    path = store.entry_path(tmp_path, "a" * 64, version)
    path.write_text(damage(path.read_text()))
    assert store.get(tmp_path, "a" * 64, version) is None


def test_a_cache_miss_extracts_and_stores_and_a_hit_does_not_extract_again(tmp_path, monkeypatch):
    page = web_page(ARTICLE).encode()
    first = read_seed("p.html", page, "c" * 64, root=tmp_path)
    calls = []
    other = Extracted("Other text\n")
    monkeypatch.setattr(html_format, "extract", lambda data: calls.append(data) or other)
    assert read_seed("p.html", page, "c" * 64, root=tmp_path) == first and calls == []
    assert read_seed("q.html", page, "e" * 64, root=tmp_path) == other and calls == [page]
    assert read_seed("q.html", page, "e" * 64, root=tmp_path) == other and calls == [page]


def test_the_extractor_version_changes_with_the_extraction_code_and_names_the_pinned_libraries(tmp_path):
    from pathlib import Path

    from briefing.extract import extractor_version

    version = pdf_format.version()
    assert version.startswith("pdf/") and version.endswith(" pypdf==7.1.1")
    assert "trafilatura==2.3.1 lxml==6.1.3" in html_format.version()
    edited = tmp_path / "pdf.py"
    edited.write_bytes(Path(pdf_format.__file__).read_bytes() + b"\n# a change\n")
    assert extractor_version("pdf", str(edited), ("pypdf",)) != version
