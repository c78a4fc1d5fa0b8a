"""Site + Target → files in memory ({relative path: bytes}). Jinja2 with autoescape and StrictUndefined."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup

from .markdown import markdown
from .model import Claim, Source
from .resolve import Document, Site
from .search import search_assets, toc
from .seedview import seed_html
from .targets import Target, relative


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    order: float = 0


GENERATED = (NavItem("Sources", "sources/", 50), NavItem("Claims index", "claims/", 60))
"""Pages the generator makes itself, placed in the navigation among content pages by `order`."""


def render(site: Site, target: Target, *, templates: dict[str, str], static: dict[str, bytes]) -> dict[str, bytes]:
    env = _environment(templates)
    assets = _fingerprint({**static, **search_assets(site)})
    config = site.corpus.config
    base_url = (target.base_url or config.base_url).rstrip("/") + "/"
    nav = [NavItem(item.title, item.url) for item in sorted(
        [*site.corpus.pages, *GENERATED], key=lambda item: (item.order, item.url))]
    docs = defaultdict(list)
    for doc in site.documents:
        docs[doc.url].append(doc)
    files: dict[str, bytes] = {f"static/{name}": data for name, data in assets.values()}

    def page(url: str, template: str, **context: Any) -> None:
        def url_for(to: str) -> str:
            if to in assets:
                to = f"static/{assets[to][0]}"
            return relative(to, frm=url, index_files=target.index_files)

        position = next((i for i, item in enumerate(nav) if item.url == url), None)
        html = env.get_template(template).render(
            site=config, target=target, nav=nav, url=url, url_for=url_for, canonical=base_url + url,
            prev=nav[position - 1] if position else None,
            next=nav[position + 1] if position is not None and position + 1 < len(nav) else None,
            notes=site.notes.get(url, []), sources=_sources_by_key(site), reported_by=_reported_by(site), **context)
        files[url + "index.html"] = html.encode("utf-8")

    for p in site.corpus.pages:
        prose = [d for d in docs[p.url] if d.table is None]
        tables = [_table(d, p.url, target) for d in docs[p.url] if d.table is not None]
        page(p.url, "page.html", page=p, content=_html(prose, p.url, target), tables=tables)
    page("sources/", "sources.html", title="Sources")
    for source in site.corpus.sources:
        spans = {c.id: site.spans[c.ref] for c in source.claims if c.ref in site.spans}
        seed = site.corpus.seeds[source.seed]
        page(source.url, "source.html", source=source, title=source.title,
             summary=_html(docs[source.url], source.url, target),
             seed_text=seed_html(seed.text, spans, source.furniture), cited_by=site.cited_by, spans=site.spans)
    page("claims/", "claims.html", title="Claims index", by_topic=_by_topic(site), cited_by=site.cited_by)
    files["claims.json"] = claims_json(site)
    return dict(sorted(files.items()))


def _environment(templates: dict[str, str]) -> Environment:
    env = Environment(loader=DictLoader(templates), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["excerpt"] = lambda text, span: " ".join(text[span.start: span.end].split())
    env.filters["toc"] = toc
    return env


def _fingerprint(static: dict[str, bytes]) -> dict[str, tuple[str, bytes]]:
    """Each static file under a content-hashed name, so a host can cache it forever."""
    named = {}
    for name, data in static.items():
        stem, dot, ext = name.rpartition(".")
        digest = hashlib.sha256(data).hexdigest()[:10]
        named[name] = (f"{stem}.{digest}.{ext}" if dot else f"{name}.{digest}", data)
    return named


def _html(documents: list[Document], url: str, target: Target) -> Markup:
    env = {"url_for": lambda to: relative(to, frm=url, index_files=target.index_files)}
    md = markdown()
    return Markup("".join(md.renderer.render(d.tokens, md.options, env) for d in documents))


def _table(doc: Document, url: str, target: Target) -> dict[str, Any]:
    """A data table's caption, headers and rendered cells, for templates/data.html."""
    assert doc.table is not None
    md = markdown()
    env = {"url_for": lambda to: relative(to, frm=url, index_files=target.index_files)}
    cells = iter(t for t in doc.tokens if t.type == "inline")
    rows = [([Markup(md.renderer.renderInline(next(cells).children or [], md.options, env)) for _ in row.cells], row.count)
            for row in doc.table.rows]
    return {"name": doc.table.name, "kind": doc.table.kind, "caption": doc.table.caption,
            "columns": doc.table.columns, "rows": rows}


def _reported_by(site: Site) -> dict[str, int]:
    """Per shared fact id, how many sources report it (corroboration shown beside each note)."""
    keys: dict[str, set[str]] = defaultdict(set)
    for source in site.corpus.sources:
        for claim in source.claims:
            if claim.fact:
                keys[claim.fact].add(source.key)
    return {fact: len(found) for fact, found in keys.items()}


def _sources_by_key(site: Site) -> dict[str, Source]:
    return {s.key: s for s in site.corpus.sources}


def _by_topic(site: Site) -> dict[str, list[Claim]]:
    topics: dict[str, list[Claim]] = defaultdict(list)
    for source in site.corpus.sources:
        for claim in source.claims:
            for topic in claim.topics or ("other",):
                topics[topic].append(claim)
    return dict(sorted(topics.items()))


def claims_json(site: Site) -> bytes:
    seeds = site.corpus.seeds
    items = []
    for source in site.corpus.sources:
        for claim in source.claims:
            span = site.spans[claim.ref]
            items.append({
                "key": claim.key, "id": claim.id, "claim": claim.claim, "quote": claim.quote,
                "seed": source.seed, "sha256": seeds[source.seed].sha256, "start": span.start, "end": span.end,
                "line": span.line, "column": span.column, "topics": list(claim.topics), "type": claim.type,
                "speaker": claim.speaker, "fact": claim.fact, "cited_by": site.cited_by.get(claim.ref, []),
            })
    return (json.dumps({"claims": items}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

