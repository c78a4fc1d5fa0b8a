"""Reader-side helpers built at build time: the search index and the search library.

The index is a classic script (`window.SEARCH_DOCS = [...]`) rather than JSON to fetch, so search works
from file:// as well as on the hosted site; pages load it, and the library, only when a search starts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from markdown_it.token import Token

from .cache import Memo, Same
from .model import Claim, Source
from .resolve import Document, Site

SOURCE_MAP = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


def library(code: bytes) -> bytes:
    """The search library as published: without its source-map comment, so no request is made for it."""
    return SOURCE_MAP.sub(b"\n", code)


def index_script(site: Site, memo: Memo | None = None) -> bytes:
    """The records are encoded one by one and joined once: on a large corpus (100,000 claims) the
    index is tens of megabytes, and holding it as records, a JSON string and bytes at once would
    triple that at the build's peak. Each page's and each source's records are encoded without their
    id (a running number, given at the join), so with a `memo` an edit re-encodes only what it touched;
    each group is then kept numbered from where it starts, so an edit that does not change how many
    records come before a group does not number it again."""
    if memo is None:  # a one-off build: nothing is kept, and the parts are joined once
        parts = [b"window.SEARCH_DOCS=["]
        for i, tail in enumerate(tail for _, group in _groups(site, Memo()) for tail in group):
            parts += (b'{"id":"%d",' % i, tail, b",")
        if len(parts) > 1:
            parts.pop()  # the last comma
        parts.append(b"];\n")
        return b"".join(parts)
    numbered, start = [], 0
    for slot, group in _groups(site, memo):
        if group:
            numbered.append(memo.value("search-numbered", slot, (Same(group), start), partial(_numbered, group, start)))
        start += len(group)
    return b"window.SEARCH_DOCS=[" + b",".join(numbered) + b"];\n"


def _numbered(group: tuple[bytes, ...], start: int) -> bytes:
    return b",".join(b'{"id":"%d",' % (start + k) + tail for k, tail in enumerate(group))


def search_docs(site: Site) -> Iterator[dict[str, str]]:
    """One record per page section, source and claim: kind (k), title (t), context (c), text (x), more words
    to match (m), site-relative URL (u) and, for a claim, the briefing pages citing it (p).

    A page section also matches the topics of the claims it cites, so a reader's word for a subject finds the
    section that treats it even when the prose puts it otherwise ("applications" finds "What could world
    models be used for?"). A claim leads to the first briefing page citing it, at the citation, where the
    reader sees it used; one that no briefing page cites leads to its passage."""
    for _, group in _groups(site, Memo()):
        for tail in group:
            yield json.loads(b"{" + tail)


def _groups(site: Site, memo: Memo) -> Iterator[tuple[str, tuple[bytes, ...]]]:
    """Per page, then per source, a name for it and its records encoded as JSON objects without their opening brace; each
    group memoised by what it shows (a page: its documents and the topics of the claims they cite; a
    source: itself, its summary, and where its claims are cited)."""
    pages = site.corpus.pages
    titles = {p.url: p.title for p in pages}
    claims = {c.ref: c for s in site.corpus.sources for c in s.claims}
    by_url: dict[str, list[Document]] = {}
    for doc in site.documents:
        by_url.setdefault(doc.url, []).append(doc)
    for url, docs in by_url.items():
        if url in titles and (verdict := site.verdicts.get(url)) is not None and verdict.records is not None:
            yield url, verdict.records  # made as below, by the build that resolved the page (pipeline.verify)
        elif url in titles:
            refs = [memo.value("search-refs", f"{url}|{d.path}", Same(d), partial(_cited, d)) for d in docs]
            topics = tuple(claims[r].topics if r in claims else None for group in refs for r in group)
            yield url, memo.value("search-page", url, (titles[url], tuple(Same(d) for d in docs), topics),
                             partial(page_records, url, titles[url], docs, claims))
    first_use = {}  # claim ref -> (page URL, id of its first mark there), by page order
    for page in reversed(pages):
        for note in site.notes.get(page.url, []):
            first_use[note.claim.ref] = (page.url, note.uses[0])
    # Interned, so that the sources' keys compare by identity while these are unchanged.
    shared = Same(memo.intern("search-shared", (tuple((p.url, p.title) for p in pages), first_use, site.cited_by)))
    order = {p.url: i for i, p in enumerate(pages)}
    for source in site.corpus.sources:
        docs = by_url.get(source.url, [])
        yield source.path, memo.value("search-source", source.path, (source, tuple(Same(d) for d in docs), shared), partial(
            _encoded, partial(_source_records, source, docs, site.cited_by, first_use, titles, order)))


def _cited(doc: Document) -> tuple[str, ...]:
    """Every claim ref a document's citation tokens name (in headings and link text too)."""
    return tuple(f"{key}:{claim_id}" for token in doc.tokens if token.type == "inline" for child in token.children or []
                 if child.type == "citation" for key, claim_id in child.meta["refs"])


def page_records(url: str, title: str, docs: list[Document], claims: dict[str, Claim]) -> tuple[bytes, ...]:
    """A page's records, encoded as its group of the index holds them."""
    return _encoded(partial(_page_records, url, title, docs, claims))


def _encoded(records: Callable[[], Iterator[dict[str, Any]]]) -> tuple[bytes, ...]:
    return tuple(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode()[1:] for r in records())


def _page_records(url: str, title: str, docs: list[Document], claims: dict[str, Claim]) -> Iterator[dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for doc in docs:  # a page's prose and its data table may share a section: one record per URL
        for record in _sections(doc.tokens, url, title, claims, table=doc.table is not None):
            if record["u"] in merged:
                for field in ("x", "m"):
                    merged[record["u"]][field] = " ".join(filter(None, [merged[record["u"]][field], record[field]]))
            else:
                merged[record["u"]] = record
    yield from merged.values()


def _source_records(source: Source, docs: list[Document], cited_by: dict[str, list[str]],
                    first_use: dict[str, tuple[str, str]], titles: dict[str, str],
                    order: dict[str, int]) -> Iterator[dict[str, Any]]:
    summary = " ".join(_text(t) for d in docs for t in d.tokens if t.type == "inline")
    yield {"k": "Source", "t": source.title, "c": source.label, "x": summary, "u": source.url}
    for claim in source.claims:
        extra = " ".join(filter(None, [claim.speaker, *claim.topics]))
        citing = [titles[u] for u in sorted((u for u in cited_by.get(claim.ref, ()) if u in order), key=order.get)]
        url, mark = first_use.get(claim.ref, (None, None))
        passage = f"{source.url}#c-{claim.id}" if claim.type == "absence" else f"{source.url}#claim-{claim.id}"
        text = "Not in the text: " + ", ".join(claim.absent) if claim.type == "absence" else claim.quote
        yield {"k": "Claim", "t": claim.claim, "c": source.label, "x": text, "m": extra,
               "u": f"{url}#{mark}" if url is not None else passage, "p": citing}


def _sections(tokens: list[Token], url: str, page_title: str, claims: dict[str, Claim], *,
              table: bool) -> list[dict[str, str]]:
    sections = [{"k": "Page", "t": page_title, "c": "", "x": "", "m": "", "u": url}]
    topics: list[list[str]] = [[]]
    heading = False
    for token in tokens:
        if token.type == "heading_open" and token.tag in ("h2", "h3") and token.attrGet("id"):
            sections.append({"k": "Page", "t": "", "c": page_title, "x": "", "m": "", "u": f"{url}#{token.attrGet('id')}"})
            topics.append([])
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            text = _text(token)
            if heading and not sections[-1]["t"]:
                sections[-1]["t"] = text
            else:
                sections[-1]["x"] += (" " if sections[-1]["x"] else "") + text
            topics[-1] += [topic for child in token.children or [] if child.type == "citation"
                           for key, claim_id in child.meta["refs"] if f"{key}:{claim_id}" in claims
                           for topic in claims[f"{key}:{claim_id}"].topics]
    for section, words in zip(sections, topics):
        section["m"] = " ".join(dict.fromkeys(topic.replace("-", " ") for topic in words))
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

