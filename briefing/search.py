"""Reader-side helpers built at build time: the search index and the search library.

The index is a classic script (`window.SEARCH_DOCS = [...]`) rather than JSON to fetch, so search works
from file:// as well as on the hosted site; pages load it, and the library, only when a search starts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from markdown_it.token import Token

from .model import Claim
from .resolve import Document, Site

SOURCE_MAP = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


def library(code: bytes) -> bytes:
    """The search library as published: without its source-map comment, so no request is made for it."""
    return SOURCE_MAP.sub(b"\n", code)


def index_script(site: Site) -> bytes:
    """The records are encoded one by one and joined once: on a large corpus (100,000 claims) the
    index is tens of megabytes, and holding it as records, a JSON string and bytes at once would
    triple that at the build's peak."""
    parts = [b"window.SEARCH_DOCS=["]
    for i, record in enumerate(search_docs(site)):
        parts += (json.dumps({"id": str(i), **record}, ensure_ascii=False, separators=(",", ":")).encode(), b",")
    if len(parts) > 1:
        parts.pop()  # the last comma
    parts.append(b"];\n")
    return b"".join(parts)


def search_docs(site: Site) -> Iterator[dict[str, str]]:
    """One record per page section, source and claim: kind (k), title (t), context (c), text (x), more words
    to match (m), site-relative URL (u) and, for a claim, the briefing pages citing it (p).

    A page section also matches the topics of the claims it cites, so a reader's word for a subject finds the
    section that treats it even when the prose puts it otherwise ("applications" finds "What could world
    models be used for?"). A claim leads to the first briefing page citing it, at the citation, where the
    reader sees it used; one that no briefing page cites leads to its passage."""
    pages = site.corpus.pages
    titles = {p.url: p.title for p in pages}
    order = {p.url: i for i, p in enumerate(pages)}
    claims = {c.ref: c for s in site.corpus.sources for c in s.claims}
    by_url: dict[str, list[Document]] = {}
    for doc in site.documents:
        by_url.setdefault(doc.url, []).append(doc)
    for url, docs in by_url.items():
        if url in titles:
            merged: dict[str, dict[str, str]] = {}
            for doc in docs:  # a page's prose and its data table may share a section: one record per URL
                for record in _sections(doc.tokens, url, titles[url], claims, table=doc.table is not None):
                    if record["u"] in merged:
                        for field in ("x", "m"):
                            merged[record["u"]][field] = " ".join(filter(None, [merged[record["u"]][field], record[field]]))
                    else:
                        merged[record["u"]] = record
            yield from merged.values()
    first_use = {}  # claim ref -> (page URL, id of its first mark there), by page order
    for page in reversed(pages):
        for note in site.notes.get(page.url, []):
            first_use[note.claim.ref] = (page.url, note.uses[0])
    for source in site.corpus.sources:
        summary = " ".join(_text(t) for d in by_url.get(source.url, []) for t in d.tokens if t.type == "inline")
        yield {"k": "Source", "t": source.title, "c": source.label, "x": summary, "u": source.url}
        for claim in source.claims:
            extra = " ".join(filter(None, [claim.speaker, *claim.topics]))
            citing = [titles[u] for u in sorted((u for u in site.cited_by.get(claim.ref, ()) if u in order), key=order.get)]
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

