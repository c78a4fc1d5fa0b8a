"""Reader-side helpers built at build time: the search index and the search library.

The index is a classic script (`window.SEARCH_DOCS = [...]`) rather than JSON to fetch, so search works
from file:// as well as on the hosted site; pages load it, and the library, only when a search starts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial

from markdown_it.token import Token

from .cache import Memo, Same
from .model import Source
from .resolve import Document, Site

SOURCE_MAP = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


def library(code: bytes) -> bytes:
    """The search library as published: without its source-map comment, so no request is made for it."""
    return SOURCE_MAP.sub(b"\n", code)


def index_script(site: Site, memo: Memo | None = None) -> bytes:
    """The records are encoded one by one and joined once: on a large corpus (100,000 claims) the
    index is tens of megabytes, and holding it as records, a JSON string and bytes at once would
    triple that at the build's peak. Each page's and each source's records are encoded without their
    id (a running number, given at the join), so with a `memo` an edit re-encodes only what it touched."""
    memo = memo or Memo()
    parts = [b"window.SEARCH_DOCS=["]
    for i, tail in enumerate(tail for group in _groups(site, memo) for tail in group):
        parts += (b'{"id":"%d",' % i, tail, b",")
    if len(parts) > 1:
        parts.pop()  # the last comma
    parts.append(b"];\n")
    return b"".join(parts)


def _groups(site: Site, memo: Memo) -> Iterator[tuple[bytes, ...]]:
    """Per page, then per source, its records encoded as JSON objects without their opening brace."""
    titles = {p.url: p.title for p in site.corpus.pages}
    by_url: dict[str, list[Document]] = {}
    for doc in site.documents:
        by_url.setdefault(doc.url, []).append(doc)
    for url, docs in by_url.items():
        if url in titles:
            yield memo.value("search-page", url, (titles[url], tuple(Same(d) for d in docs)),
                             partial(_encoded, partial(_page_records, url, titles[url], docs)))
    for source in site.corpus.sources:
        docs = by_url.get(source.url, [])
        yield memo.value("search-source", source.path, (source, tuple(Same(d) for d in docs)),
                         partial(_encoded, partial(_source_records, source, docs)))


def _encoded(records: Callable[[], Iterator[dict[str, str]]]) -> tuple[bytes, ...]:
    return tuple(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode()[1:] for r in records())


def _page_records(url: str, title: str, docs: list[Document]) -> Iterator[dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for doc in docs:  # a page's prose and its data table may share a section: one record per URL
        for record in _sections(doc.tokens, url, title, table=doc.table is not None):
            if record["u"] in merged:
                merged[record["u"]]["x"] = " ".join(filter(None, [merged[record["u"]]["x"], record["x"]]))
            else:
                merged[record["u"]] = record
    yield from merged.values()


def _source_records(source: Source, docs: list[Document]) -> Iterator[dict[str, str]]:
    summary = " ".join(_text(t) for d in docs for t in d.tokens if t.type == "inline")
    yield {"k": "Source", "t": source.title, "c": source.label, "x": summary, "u": source.url}
    for claim in source.claims:
        extra = " ".join(filter(None, [claim.speaker, *claim.topics]))
        if claim.type == "absence":
            yield {"k": "Claim", "t": claim.claim, "c": source.label, "m": extra, "u": f"{source.url}#c-{claim.id}",
                   "x": "Not in the text: " + ", ".join(claim.absent)}
        else:
            yield {"k": "Claim", "t": claim.claim, "c": source.label, "x": claim.quote, "m": extra,
                   "u": f"{source.url}#claim-{claim.id}"}


def _sections(tokens: list[Token], url: str, page_title: str, *, table: bool) -> list[dict[str, str]]:
    sections = [{"k": "Page", "t": page_title, "c": "", "x": "", "u": url}]
    heading = False
    for token in tokens:
        if token.type == "heading_open" and token.tag in ("h2", "h3") and token.attrGet("id"):
            sections.append({"k": "Page", "t": "", "c": page_title, "x": "", "u": f"{url}#{token.attrGet('id')}"})
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            text = _text(token)
            if heading and not sections[-1]["t"]:
                sections[-1]["t"] = text
            else:
                sections[-1]["x"] += (" " if sections[-1]["x"] else "") + text
    if table:
        sections = [s for s in sections if s["x"]]
    for section in sections:
        section["x"] = " ".join(section["x"].split())
    return sections


def _text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()

