"""A saved web page → its article text, one heading, paragraph, list item or table row per line.

trafilatura finds the article and drops the page's furniture (navigation, adverts, share buttons,
comments, scripts); it was chosen over readability-lxml and a plain lxml/selectolax walk by comparing
them on real pages (see the commit that added it). `favor_recall` because a quote an editor copied from
the page must be in the text: a stray line of furniture can be marked as such, a lost paragraph cannot
be quoted. Only text comes out: no markup of the page ever reaches a built one.

The bytes are decoded here, not by the library, so that the result depends only on the file: a byte
order mark, else the `<meta charset>` the page declares, else UTF-8; bytes invalid in that encoding
are an error at their offset (no guessing, no silent replacement)."""

from __future__ import annotations

import codecs
import re
from . import MAX_SEED_BYTES, Extracted, NotExtractable, clean, extractor_version

LIBRARIES = ("trafilatura", "lxml", "lxml_html_clean", "justext")
"""Everything whose version shapes the text: the extractor, its parser and its fallback."""
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([^\s\"'>;/]+)", re.I)
PRESCAN = 1024
"""As browsers do, a `<meta charset>` counts only within the first 1024 bytes."""
LEGACY = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
"""Labels that browsers read as windows-1252 (the WHATWG Encoding Standard)."""
BODY = re.compile(rb"<body\b", re.I)


def version() -> str:
    return extractor_version("html", __file__, LIBRARIES)


def extract(data: bytes) -> Extracted:
    page = decode(data)
    import trafilatura
    from trafilatura.settings import use_config

    # The loader refuses a bare fragment (a file of one element) as not quite HTML; wrapped, it is read.
    tree = trafilatura.load_html(page)
    if tree is None:
        tree = trafilatura.load_html(f"<html><body>{page}</body></html>")
    text = ""
    if tree is not None:
        # What a page shows when its scripts do not run ("enable JavaScript to ...") is never its article; without
        # this, a page saved before its scripts rendered the article would give that message as its text.
        for fallback in tree.xpath("//noscript"):
            fallback.drop_tree()
        config = use_config()
        config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_SEED_BYTES))  # the seed size limit applies, not the library's
        text = trafilatura.extract(tree, output_format="txt", favor_recall=True, include_comments=False,
                                   include_tables=True, include_images=False, include_links=False, deduplicate=False,
                                   with_metadata=False, config=config) or ""
    text = "\n".join(line.rstrip() for line in clean(text).strip("\n").split("\n"))
    if not text.strip():
        body = BODY.search(data)
        raise NotExtractable("no article text could be extracted from this web page: it has no text outside scripts, "
                         "frames and markup (was it saved before its scripts rendered the article?); save the page "
                         "as the browser shows it, or a plain-text copy", body.start() if body else None)
    return Extracted(text + "\n", title=title(page))


def decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, len(bom), bom_name=encoding)
    declared = META_CHARSET.search(data, 0, PRESCAN)
    if declared is None:
        return _decode(data, "utf-8", 0)
    label = declared.group(1).decode("ascii", "replace").lower()
    try:
        encoding = codecs.lookup(LEGACY.get(label, label)).name
    except LookupError:
        raise NotExtractable(f"web page declares an unknown character encoding '{label}'", declared.start(1)) from None
    if encoding.startswith("utf-16"):  # a page that decoded enough to be read declaring UTF-16 is UTF-8 (WHATWG)
        encoding = "utf-8"
    return _decode(data, encoding, 0, bom_name=label)


def _decode(data: bytes, encoding: str, start: int, *, bom_name: str = "UTF-8") -> str:
    try:
        return data[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        at = start + exc.start
        raise NotExtractable(f"web page is not valid {bom_name}: byte 0x{data[at]:02x} at byte offset {at}", at) from None


def title(page: str) -> str | None:
    """The page's title: its `og:title` metadata, else its first `<h1>`, else its `<title>`."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - the title is a convenience; the text was extracted already
        return None
    lxml.etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)  # code is no title
    for found in (tree.xpath("//meta[@property='og:title']/@content"), tree.xpath("//h1"), tree.xpath("//title")):
        for item in found:
            text = " ".join((item if isinstance(item, str) else item.text_content()).split())
            if text:
                return text
    return None
