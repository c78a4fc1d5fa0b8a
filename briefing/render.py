"""Site + Target → output files ({relative path: bytes}), in memory or streamed to the writer.
Jinja2 with autoescape and StrictUndefined.

Each output file is memoised under a key made of everything it shows, so an incremental rebuild
renders only the pages a change touches (a page edit: that page, and the source pages and indexes
whose back-links changed); a clean build and an incremental one produce the same bytes. A `build`
from the command line takes from the build cache each file that shows the same as one an earlier
build rendered (`_Kept`), and renders only the others."""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property, partial
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from .cache import Memo, Same, SameItems
from .extract import LABELS
from .facts import corroboration
from .markdown import markdown, slugify
from .model import KINDS, Claim, Page, Source
from .navigation import NavItem, mark_current, menu, reading_order
from .resolve import Document, Site
from .search import index_script, library
from .seedview import seed_html
from .targets import Target, relative
from .theme import environment, failure, toc

if TYPE_CHECKING:
    from .buildcache import Rendered

UNVERSIONED = ("search-index.js",)
"""Assets published under a fixed name: the index changes with every text edit, and naming it by its
hash would change every page's HTML too. Hosts should serve it with a short cache lifetime."""


def render(site: Site, target: Target, *, templates: dict[str, str], static: dict[str, bytes],
           vendor: dict[str, bytes], memo: Memo | None = None, jobs: int = 1,
           paths: dict[str, str] | None = None, later: dict[str, Callable[[], bytes]] | None = None) -> dict[str, bytes]:
    """Every output file, in memory (serve keeps them to serve and to compare; the bundle packs them).
    With `later` (serve), the files that depend on the whole site (the search index and claims.json)
    are left out of the result and put there instead, as functions that make them: serve shows the
    edited page first and makes them next."""
    return dict(sorted(outputs(site, target, templates=templates, static=static, vendor=vendor,
                               memo=memo or Memo(), jobs=jobs, paths=paths, later=later)))


def outputs(site: Site, target: Target, *, templates: dict[str, str], static: dict[str, bytes],
            vendor: dict[str, bytes], memo: Memo | None, jobs: int = 1,
            paths: dict[str, str] | None = None,
            later: dict[str, Callable[[], bytes]] | None = None,
            reuse: Rendered | None = None) -> Iterator[tuple[str, bytes]]:
    """Every output file as (relative path, bytes), yielded as soon as it is rendered, so a one-off
    build can write each page and let it go: memory then holds the model, not the rendered site.

    With a `memo`, each page is looked up in it and stored (incremental rebuilds); without one, no
    page is kept. With `reuse` (a one-off build's, from the build cache: see buildcache.py), a page
    that shows the same as a page an earlier build rendered is taken from there, and so is claims.json.
    `jobs` > 1 renders the pages that must be rendered in that many forked processes. A template that
    fails raises `TemplateFailed`, located by `paths` (template name → file). `later`: see `render`."""
    keep = memo
    memo = memo or Memo()  # the environment, assets and search index are needed either way
    theme = tuple(sorted(templates.items()))
    env = memo.value("jinja", "env", theme, partial(environment, templates))
    corpus = site.corpus
    published = {**static, **{name: library(code) for name, code in vendor.items()}}
    assets = memo.value("assets", "static", tuple(sorted(published.items())), partial(_fingerprint, published))
    # Pages link the unversioned files by fixed names, so they can render before those files are built.
    renderer = _Renderer(site, target, env, {**assets, **{name: (name, b"") for name in UNVERSIONED}},
                         paths=paths or {name: f"templates/{name}" for name in templates}, memo=keep, theme=theme)
    renderer.common = memo.intern("render-common", renderer.common)
    views = claim_views(site, memo)
    for name, data in assets.values():
        yield f"static/{name}", data
    # While no source, seed, claim's "cited by" list or source summary's note changed (serve, after a
    # page edit), every source page is as it was: one identity check instead of one lookup per source.
    same_sources, source_pages, source_urls, made_sources = False, [], set(), []
    if keep is not None:
        group = (renderer.common, Same(corpus.sources), Same(corpus.seeds), Same(views),
                 SameItems(site.notes.get(s.url) for s in corpus.sources))
        same_sources, source_pages = keep.lookup("all-source-pages", "", group)
        source_urls = {s.url for s in corpus.sources}
    pending, reused = [], []
    kept = _Kept(reuse, site, views) if reuse is not None else None
    for url, key, make in renderer.outputs(views, sources=not same_sources):
        hit, html = keep.lookup("render", url, key) if keep is not None else (False, b"")
        if hit:
            if url in source_urls:
                made_sources.append((url + "index.html", html))
            yield url + "index.html", html
        elif kept is not None and (shows := kept.find(url)) is not None:
            reused.append((url, shows, make))
        else:
            pending.append((url, key, make))
    if same_sources:
        yield from source_pages
    # The search index and claims.json depend on the whole site. Their parts are memoised only for
    # rebuilds (a one-off build would hold them all to its end). A one-off build makes each in a worker,
    # beside the pages, and writes them last: its own process only writes, so that rendered pages do not
    # pile up in it while it is busy.
    indexes = {"static/search-index.js": partial(index_script, site, keep),
               "claims.json": partial(claims_json, site, keep, views)}
    ready = {}
    if kept is not None and (data := kept.claims_json()) is not None:
        ready["claims.json"] = data
        del indexes["claims.json"]
    # The claims index shows every claim: by far the longest page to render, started first so that it does not
    # end the build alone on one core while the other is idle.
    first = frozenset(i for i, (url, *_) in enumerate(pending) if url == "claims/")
    # The files taken from the build cache are written while the workers render the rest and the indexes.
    with _rendering([make for *_, make in pending], jobs=jobs, aside=list(indexes.values()) if keep is None else [],
                    beside=bool(reused), first=first) as (rendered, aside):
        yield from _originals(site)
        for url, shows, make in reused:
            data = kept.get(shows) if kept is not None else None
            yield url + "index.html", data if data is not None else make()  # else damaged since: rendered here
        for (url, key, _), html in zip(pending, rendered):
            if keep is not None:
                keep.store("render", url, key, html)
                if url in source_urls:
                    made_sources.append((url + "index.html", html))
            yield url + "index.html", html
        if keep is not None and not same_sources:
            keep.store("all-source-pages", "", group, made_sources)
        for name, make in zip(indexes, aside or indexes.values()):
            if later is not None:
                later[name] = make
            else:
                yield name, make()
        yield from ready.items()
    if not target.index_files:  # files for a web host; a file:// bundle has no use for them
        yield "404.html", (keep.value("render-404", "", renderer.common, renderer.not_found) if keep
                           else renderer.not_found())
        yield "sitemap.xml", renderer.sitemap()
        yield "robots.txt", renderer.robots()


class _Renderer:
    def __init__(self, site: Site, target: Target, env: Environment, assets: dict[str, tuple[str, bytes]], *,
                 paths: dict[str, str], theme: tuple[tuple[str, str], ...], memo: Memo | None = None) -> None:
        self.site, self.target, self.env, self.assets, self.paths = site, target, env, assets, paths
        self.memo = memo
        """Kept between rebuilds (serve): the claims index's parts are memoised in it."""
        config = site.corpus.config
        self.base_url = (target.base_url or config.base_url).rstrip("/") + "/"
        self.menu = menu(NavItem(p.title, p.url, p.order, p.section) for p in site.corpus.pages)
        self.nav = reading_order(self.menu)
        self.positions = {item.url: i for i, item in enumerate(self.nav)}
        self.titles = {"": "Home", **{item.url: item.title for item in self.nav}}
        self.nav_by_depth: dict[int, str] = {}
        self.docs: dict[str, list[Document]] = defaultdict(list)
        for doc in site.documents:
            self.docs[doc.url].append(doc)
        self.sources = {s.key: s for s in site.corpus.sources}
        corpus = site.corpus
        memo = memo or Memo()  # kept or not, these two are made once per build from the sources
        self.corroboration = memo.value("corroboration", "", (Same(corpus.sources), corpus.facts),
                                        partial(corroboration, corpus.sources, corpus.facts))
        meta = memo.value("source-meta", "", Same(corpus.sources), lambda: tuple(
            (s.key, s.label, s.title, s.seed, s.outlet, s.author, s.published) for s in corpus.sources))
        # What every page's memo key shares. The templates are named by their text (`theme`), not by the
        # environment made from them: an object's id can be reused once it is freed.
        self.common = (config, target, self.menu, tuple((n, a[0]) for n, a in sorted(assets.items())), meta,
                       tuple(self.corroboration.items()), theme)

    def outputs(self, views: dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]], *,
                sources: bool = True) -> list[tuple[str, tuple[Any, ...], Callable[[], bytes]]]:
        """(URL, memo key, render function) for every HTML page but 404 (but for the source pages unless
        `sources`). `views` holds, per source key, its claims' spans and "cited by" lists (see `claim_views`)."""
        site = self.site
        out: list[tuple[str, tuple[Any, ...], Callable[[], bytes]]] = []
        for page in site.corpus.pages:
            tables = tuple(d.table for d in self.docs[page.url] if d.table is not None)
            key: tuple[Any, ...] = (self.common, page, page.body, tables, tuple(site.notes.get(page.url, [])))
            out.append((page.url, key, partial(self.content_page, page)))
        out.append(("sources/", (self.common, tuple((s.key, len(s.claims)) for s in site.corpus.sources)),
                    partial(self.page, "sources/", "sources.html", title="Sources")))
        for source in site.corpus.sources if sources else ():
            key = (self.common, source, site.corpus.seeds[source.seed].sha256, views[source.key],
                   tuple(site.notes.get(source.url, [])))
            out.append((source.url, key, partial(self.source_page, source)))
        out.append(("claims/", (self.common, site.corpus.sources, site.cited_by), self.claims_page))
        return out

    def claims_page(self) -> bytes:
        """The claims index: each source's parts rendered on their own (claims-parts.html) and joined, so
        that with a memo an edit to one source renders only that source's parts again."""
        url_for = self.url_for("claims/")
        try:
            parts = self.env.get_template("claims-parts.html").module
        except TemplateError as exc:
            raise failure(exc, self.paths, "claims/") from None
        by_source, topic_items = [], defaultdict(list)
        for source in self.site.corpus.sources:
            make = partial(self._claims_parts, parts, source, url_for)
            html, topics = self.memo.value("claims-parts", source.path, (self.common, source), make) if self.memo else make()
            by_source.append(html)
            for topic, items in topics:
                topic_items[topic].append(items)
        return self.page("claims/", "claims.html", title="Claims index", by_topic=_by_topic(self.site),
                         cited_by=self.site.cited_by, claims_by_source=Markup("".join(by_source)),
                         topic_items={topic: Markup("".join(items)) for topic, items in topic_items.items()})

    def _claims_parts(self, parts: Any, source: Source, url_for: Callable[[str], str]) -> tuple[str, list[tuple[str, str]]]:
        """A source's section of the claims index, and per topic its items in the topic index."""
        topics: dict[str, list[Claim]] = defaultdict(list)
        for claim in source.claims:
            for topic in claim.topics or ("other",):
                topics[topic].append(claim)
        try:
            return str(parts.by_source(source, url_for)), [(t, str(parts.topic_items(c))) for t, c in topics.items()]
        except TemplateError as exc:
            raise failure(exc, self.paths, "claims/") from None

    def url_for(self, frm: str) -> Callable[[str], str]:
        def url_for(to: str) -> str:
            if to in self.assets:
                to = f"static/{self.assets[to][0]}"
            return relative(to, frm=frm, index_files=self.target.index_files)
        return url_for

    def page(self, url: str, template: str, *, url_for: Callable[[str], str] | None = None, **context: Any) -> bytes:
        nav = self.nav
        position = self.positions.get(url)
        url_for = url_for or self.url_for(url)
        try:
            return self._page(url, template, nav, position, url_for, context)
        except TemplateError as exc:
            raise failure(exc, self.paths, url) from None

    def _page(self, url: str, template: str, nav: list[NavItem], position: int | None, url_for: Callable[[str], str],
              context: dict[str, Any]) -> bytes:
        html = self.env.get_template(template).render(
            site=self.site.corpus.config, target=self.target, nav=nav, url=url, url_for=url_for,
            nav_html=self.nav_html(url, url_for), titles=self.titles,
            canonical=self.base_url + url, base_url=self.base_url,
            prev=nav[position - 1] if position else None,
            next=nav[position + 1] if position is not None and position + 1 < len(nav) else None,
            notes=self.site.notes.get(url, []), sources=self.sources, corroboration=self.corroboration,
            jsonld=self.jsonld(url, context), **context)
        return html.encode("utf-8")

    def nav_html(self, url: str, url_for: Callable[[str], str]) -> Markup:
        """The navigation with this page marked. It is the same HTML for every page at one folder depth, so
        it is rendered once per depth: on a large site it is most of every page."""
        depth = -1 if url == "404.html" else url.count("/")
        if depth not in self.nav_by_depth:
            def make() -> str:
                return self.env.get_template("nav.html").render(menu=self.menu, url_for=url_for).rstrip("\n")
            # Kept between rebuilds (serve) while the menu, the templates and the assets are the same.
            self.nav_by_depth[depth] = self.memo.value("nav", str(depth), self.common, make) if self.memo else make()
        return mark_current(self.nav_by_depth[depth], self.menu, url, url_for)

    def content_page(self, page: Page) -> bytes:
        docs = self.docs[page.url]
        prose = [d for d in docs if d.table is None]
        tables = [_table(d, page.url, self.target) for d in docs if d.table is not None]
        content = _html(prose, page.url, self.target)
        return self.page(page.url, "page.html", page=page, title=page.title, content=content, tables=tables,
                         outline=_outline(content, tables))

    def source_page(self, source: Source) -> bytes:
        site = self.site
        spans = {c.id: site.spans[c.ref] for c in source.claims if c.ref in site.spans}
        seed = site.corpus.seeds[source.seed]
        return self.page(source.url, "source.html", source=source, title=source.title,
                         summary=_html(self.docs[source.url], source.url, self.target),
                         seed_text=seed_html(seed.text, spans, source.furniture, pages=seed.pages),
                         cited_by=site.cited_by, spans=site.spans, seed=seed, seed_format=LABELS[seed.kind],
                         original=quote(seed.name) if seed.kind == "pdf" else None)

    def not_found(self) -> bytes:
        """Served for any missing path, at any depth: its links are absolute paths from the site root."""
        root = urlsplit(self.base_url).path

        def url_for(to: str) -> str:
            if to in self.assets:
                to = f"static/{self.assets[to][0]}"
            return root + to

        return self.page("404.html", "404.html", url_for=url_for, title="Page not found")

    def sitemap(self) -> bytes:
        urls = [self.base_url + item.url for item in self.nav] + [self.base_url + s.url for s in self.site.corpus.sources]
        body = "".join(f"<url><loc>{u}</loc></url>\n" for u in sorted(set(urls)))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n').encode()

    def robots(self) -> bytes:
        if self.target.preview:
            return b"User-agent: *\nDisallow: /\n"
        return f"User-agent: *\nAllow: /\nSitemap: {self.base_url}sitemap.xml\n".encode()

    def jsonld(self, url: str, context: dict[str, Any]) -> dict[str, Any]:
        """schema.org Article metadata, listing the sources the page cites."""
        cited = sorted({n.claim.key for n in self.site.notes.get(url, [])})
        config = self.site.corpus.config
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "Article", "headline": context.get("title") or config.title,
            "url": self.base_url + url, "inLanguage": config.language,
            "isPartOf": {"@type": "WebSite", "name": config.title, "url": self.base_url},
        }
        citations = []
        for key in cited:
            source = self.sources[key]
            item: dict[str, Any] = {"@type": KINDS[source.kind].schema_type if source.kind in KINDS else "CreativeWork",
                                    "name": source.title, "url": self.base_url + source.url}
            if source.outlet:
                item["publisher"] = {"@type": "Organization", "name": source.outlet}
            if source.author:
                item["author"] = {"@type": "Person", "name": source.author}
            if source.published:
                item["datePublished"] = source.published.isoformat()
            citations.append(item)
        if citations:
            data["citation"] = citations
        return data


class _Kept:
    """The rendered files an earlier build kept (`Rendered`, see buildcache.py), found by what each
    HTML file shows of the site beyond what every file can show (every input but the pages' texts).
    Every page shows the list of pages: each one's address, title, description and place in the
    navigation (the menu, the links from page to page). A briefing page shows its own text too; a
    source page, which pages cite each of its claims; the claims index and claims.json, that for
    every claim."""

    def __init__(self, cache: Rendered, site: Site, views: dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]]) -> None:
        pages = site.corpus.pages
        self.cache, self.site, self.views = cache, site, views
        self.paths = {p.url: p.path for p in pages}
        listed = tuple((p.slug, p.path, p.title, p.description, p.order, p.editorial, p.section) for p in pages)
        self.pages = hashlib.sha256(repr(listed).encode()).digest()
        self.sources = {s.url: s.key for s in site.corpus.sources}

    def find(self, url: str) -> str | None:
        """The digest of what the page at `url` shows, if an earlier build rendered one that showed it."""
        if url in self.sources:
            shows: tuple[str | bytes, ...] = (self.pages, repr(self.views[self.sources[url]][1]))
        elif url == "claims/":
            shows = (self.pages, self.cited_by)
        else:
            shows = (self.pages,)
        key = self.cache.key(url + "index.html", *shows, page=self.paths.get(url))
        return key if self.cache.has(key) else None

    def get(self, key: str) -> bytes | None:
        return self.cache.get(key)

    def claims_json(self) -> bytes | None:
        """claims.json as an earlier build made it, if it showed the same: the sources and who cites each claim."""
        return self.cache.get(self.cache.key("claims.json", self.cited_by))

    @cached_property
    def cited_by(self) -> str:
        return repr(self.site.cited_by)


PARALLEL_FROM = 64
"""Fewer pages than this render in-process: forking costs more than it saves."""
_JOBS: list[Callable[[], bytes]] = []


def _render_one(index: int) -> bytes:
    return _JOBS[index]()


@contextmanager
def _rendering(makes: list[Callable[[], bytes]], *, jobs: int, aside: list[Callable[[], bytes]],
               beside: bool = False, first: frozenset[int] = frozenset(),
               ) -> Iterator[tuple[Iterator[bytes], list[Callable[[], bytes]]]]:
    """The pages' bytes, in order, and for each of the `aside` jobs a function returning its bytes.
    Pages are independent: with several cores, forked workers render them (they inherit the site in
    memory, so nothing but each page's bytes crosses a pipe), starting at once, and the `aside` jobs
    each as a task of its own beside them; results come back one by one as the caller takes them.
    The pages whose indexes are in `first` (the long ones) are started right after the `aside` jobs,
    each as a task of its own, and still come back in their place. Leaving the block stops the workers.
    In-process, `aside` is returned as it is. Workers are forked only for enough pages, or when the
    caller has other work `beside` them (then for `aside` too)."""
    global _JOBS
    if jobs < 2 or (len(makes) < PARALLEL_FROM and not (beside and aside)) \
            or "fork" not in multiprocessing.get_all_start_methods():
        yield (make() for make in makes), aside
        return
    _JOBS = [*aside, *makes]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            waiting = [pool.apply_async(_render_one, (i,)) for i in range(len(aside))]
            early = {i: pool.apply_async(_render_one, (len(aside) + i,)) for i in sorted(first)}
            rest = pool.imap(_render_one, [len(aside) + i for i in range(len(makes)) if i not in early],
                             chunksize=max(1, min(16, len(makes) // (jobs * 8))))
            pages = (early[i].get() if i in early else next(rest) for i in range(len(makes)))
            yield pages, [result.get for result in waiting]
    finally:
        _JOBS = []


def _originals(site: Site) -> Iterator[tuple[str, bytes]]:
    """Each PDF seed, byte for byte, beside its source page, which links to it (and to each passage's page).
    A web page's original is never published: its scripts would run on this site's origin."""
    for source in site.corpus.sources:
        seed = site.corpus.seeds[source.seed]
        if seed.kind == "pdf":
            yield source.url + seed.name, seed.original


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
    """A data table's caption, headers and rendered cells, for templates/data.html, with an id and a short
    plain-text label for each row (from its row header), for "On this page"."""
    assert doc.table is not None
    md = markdown()
    env = {"url_for": lambda to: relative(to, frm=url, index_files=target.index_files)}
    cells = iter(t for t in doc.tokens if t.type == "inline")
    render_inline = md.renderer.renderInline  # type: ignore[attr-defined]
    rendered_rows = [[Markup(render_inline(next(cells).children or [], md.options, env)) for _ in row.cells]
                     for row in doc.table.rows]
    headers = [_plain(rendered[0]) if rendered else "" for rendered in rendered_rows]
    repeated = Counter(headers)
    rows, ids = [], set()
    for row, rendered, header in zip(doc.table.rows, rendered_rows, headers):
        label = header
        if repeated[header] > 1 and len(rendered) > 1:  # "No date given" twice: say which, by the next cell
            label = f"{header}: {_plain(rendered[1])}"
        ident = f"{doc.table.name}-{slugify(header)}"
        if ident in ids:
            ident = next(f"{ident}-{n}" for n in itertools.count(2) if f"{ident}-{n}" not in ids)
        ids.add(ident)
        rows.append((rendered, row.count, ident, _clip(label, 48)))
    return {"name": doc.table.name, "kind": doc.table.kind, "caption": doc.table.caption,
            "columns": doc.table.columns, "rows": rows, "count_heading": doc.table.count_heading,
            "empty": doc.table.empty}


def _outline(content: Markup, tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sections "On this page" lists: the page's h2 and h3 headings, then each data table. A table's rows
    are listed as well when the page has fewer than three headings of its own, as on a timeline or a glossary,
    where the rows are what a reader looks for."""
    entries: list[dict[str, Any]] = toc(content)
    few = len(entries) < 3
    for table in tables:
        entries.append({"level": 2, "id": f"table-{table['name']}", "text": table["caption"]})
        if few:
            entries += [{"level": 3, "id": ident, "text": label} for _, _, ident, label in table["rows"] if label]
    return entries


CITE = re.compile(r'<sup class="cite">.*?</sup>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _plain(html: Markup) -> str:
    """Rendered inline Markdown as plain text, without its citation marks."""
    return " ".join(unescape(TAG.sub("", CITE.sub("", str(html)))).split())


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:(") + "…"



def _by_topic(site: Site) -> dict[str, list[Claim]]:
    topics: dict[str, list[Claim]] = defaultdict(list)
    for source in site.corpus.sources:
        for claim in source.claims:
            for topic in claim.topics or ("other",):
                topics[topic].append(claim)
    return dict(sorted(topics.items()))


def claim_views(site: Site, memo: Memo) -> dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Per source key, its claims' spans and "cited by" lists: what its page and its claims.json lines
    show of the resolved site. Made again only when a span or a citing page changed, so that the keys
    built from them compare by identity."""
    state = memo.intern("views-state", (site.corpus.sources, site.spans, site.corpus.seeds))
    before = memo.peek("claim-views", "")
    return memo.value("claim-views", "", (Same(state), site.cited_by), partial(_views, site, before))


def _views(site: Site, before: tuple[Any, Any] | None = None) -> dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """`before`: the last build's (key, views). While the "cited by" lists are the same object (no page
    cites anything new), a source that is the very object it was, over the very seed it had, keeps its
    view: its claims' spans follow from those two alone, so a source edit makes one view again, not a
    thousand."""
    spans, cited_by, seeds = site.spans, site.cited_by, site.corpus.seeds
    kept: dict[str, Any] = {}
    if before is not None and before[0][1] is cited_by:
        old_sources, _, old_seeds = before[0][0].value
        old = {s.key: s for s in old_sources}
        kept = {s.key: before[1][s.key] for s in site.corpus.sources
                if old.get(s.key) is s and old_seeds.get(s.seed) is seeds.get(s.seed)}
    return {s.key: kept.get(s.key) or (tuple(spans.get(c.ref) for c in s.claims),
                                       tuple(tuple(cited_by.get(c.ref, ())) for c in s.claims))
            for s in site.corpus.sources}


def claims_json(site: Site, memo: Memo | None = None,
                views: dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]] | None = None) -> bytes:
    """Every claim with the exact offsets of its passage: one claim per line, readable and diffable.
    Each line is encoded as it is made (a large corpus has 100,000 claims: no list of them is built).
    A source's lines are memoised by what they show, so an edit re-encodes only the sources it touched
    (its own, or those whose claims gained or lost a citing page)."""
    memo = memo or Memo()
    views = views if views is not None else _views(site)
    seeds = site.corpus.seeds

    def line(claim: Claim, source: Source) -> bytes:
        record: dict[str, Any] = {"key": claim.key, "id": claim.id, "claim": claim.claim}
        if claim.type == "absence":  # no passage: the terms the whole text was searched for
            record |= {"absent": list(claim.absent), "seed": source.seed, "sha256": seeds[source.seed].sha256}
        else:
            span = site.spans[claim.ref]
            record |= {"quote": claim.quote, "seed": source.seed, "sha256": seeds[source.seed].sha256,
                       "start": span.start, "end": span.end, "line": span.line, "column": span.column,
                       "page": span.page, "prefix": span.prefix, "suffix": span.suffix}
        record |= {"topics": list(claim.topics), "type": claim.type, "speaker": claim.speaker, "fact": claim.fact,
                   "cited_by": site.cited_by.get(claim.ref, [])}
        return json.dumps(record, ensure_ascii=False).encode()  # the C encoder (indent= would use the Python one)

    def lines(source: Source) -> bytes:
        return b",\n".join(line(claim, source) for claim in source.claims)

    parts = [b'{"claims": [\n']
    for source in site.corpus.sources:
        if source.claims:
            key = (source, seeds[source.seed].sha256, views[source.key])
            parts += (memo.value("claims-json", source.path, key, partial(lines, source)), b",\n")
    if len(parts) > 1:
        parts.pop()  # the last separator
    parts.append(b"\n]}\n")
    return b"".join(parts)
