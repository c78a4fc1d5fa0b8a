"""content/pages/*.md and content/site.yaml → Page and Config values."""

from __future__ import annotations

import re
from typing import Any
from functools import partial

from .cache import Memo
from .diagnostics import Diagnostics, Location
from .load import Inputs
from .model import Config, Page
from .schema import Field, check, check_fields
from .yamlfile import YList, YMap, load_yaml

PAGE_FIELDS = (
    Field("title", doc="The page's title (its h1 and its name in the navigation)."),
    Field("description", doc="One sentence for search engines and link previews."),
    Field("order", (int, float), doc="Position in the navigation: lower comes first."),
    Field("editorial", (bool,), required=False,
          doc="true exempts the whole page from the one-citation-per-sentence rule."),
    Field("data", required=False, pattern=r"[a-z0-9-]+", doc="Show content/data/<data>.yaml after the page's prose."),
    Field("section", required=False, doc="List the page under this section of the navigation (see the README)."),
)
SITE_FIELDS = (
    Field("title", doc="The site's title."),
    Field("description", doc="One sentence for search engines and link previews."),
    Field("base_url", pattern=r"https?://\S+", doc="Where the site is hosted (overridable with --base-url)."),
    Field("language", pattern=r"[a-z]{2,3}(-[A-Za-z0-9]+)*", doc="The language of the text, e.g. en or en-GB."),
    Field("name", required=False, pattern=r"[a-z0-9-]+", doc="A file-name slug for the offline bundles."),
    Field("names", (YList,), required=False,
          doc='Names that contain a figure ("Genie 3", "Apache 2.0"), accepted in prose as names, not numbers.'),
)
FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def parse_config(inputs: Inputs, diag: Diagnostics, *, base_url: str | None = None) -> Config | None:
    path = "content/site.yaml"
    if inputs.site is None:
        return None
    doc = check(load_yaml(inputs.site, path, diag), SITE_FIELDS, what="site.yaml", where=Location(path), diag=diag)
    if doc is None:
        return None
    url = base_url or doc["base_url"]
    name = doc.get("name") or re.sub(r"[^a-z0-9]+", "-", doc["title"].lower()).strip("-")
    return Config(title=doc["title"], description=doc["description"], base_url=url.rstrip("/") + "/",
                  language=doc["language"], name=name, names=_names(doc.get("names"), diag))


def _names(items: YList | None, diag: Diagnostics) -> tuple[str, ...]:
    """`names:` (names with a figure, "Genie 3"), each bad item reported at its own line."""
    names = []
    for item, loc in zip(items or [], getattr(items, "item_locs", [])):
        if isinstance(item, str) and item.strip():
            names.append(" ".join(item.split()))
        else:
            diag.error(loc, f"'names' items are names as written (\"Genie 3\"), not {item!r}", kind="schema")
    return tuple(names)


def parse_pages(inputs: Inputs, diag: Diagnostics, *, memo: Memo) -> tuple[tuple[Page, ...], frozenset[str]]:
    """The pages, and the slugs of those that could not be read at all (links to them are not blamed).

    A page whose front matter has errors is still read, with stand-in values, so that its links and
    citations count: otherwise one slip would bring false "link to unknown page" and "not cited" reports."""
    pages, unread = [], set()
    for path, text in inputs.pages.items():
        page = memo.get("page", path, text, partial(_page, path, text), diag)
        if page is None:
            unread.add(path.rsplit("/", 1)[-1].removesuffix(".md"))
        else:
            pages.append(page)
    return tuple(sorted(pages, key=lambda p: (p.order, p.slug))), frozenset(unread)


def _page(path: str, text: str, diag: Diagnostics) -> Page | None:
    slug = path.rsplit("/", 1)[-1].removesuffix(".md")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        diag.error(Location(path), f"page file name '{slug}.md' must be lower-case letters, digits and dashes", kind="schema")
        return None
    if not text.startswith("---"):
        diag.error(Location(path), "page must start with YAML front matter between '---' lines", kind="schema")
        return _with(slug, path, None, frozenset(), text, 1)
    closing = FENCE.search(text, 3)
    if closing is None or text[: closing.start()].count("\n") < 1:
        diag.error(Location(path), "front matter is not closed by a '---' line", kind="schema")
        return None
    header = text[text.index("\n") + 1: closing.start()]
    meta, bad = check_fields(load_yaml(header, path, diag, start_line=1), PAGE_FIELDS, what="front matter",
                             where=Location(path), diag=diag)
    body_start = closing.end() + 1
    return _with(slug, path, meta, bad, text[body_start:], text.count("\n", 0, body_start) + 1)


def _with(slug: str, path: str, meta: YMap | None, bad: frozenset[str], body: str, body_line: int) -> Page:
    """The page, with a stand-in for every field that is missing or bad (reported; never rendered)."""
    def value(name: str, default: Any = None) -> Any:
        return meta.get(name, default) if meta is not None and name not in bad else default

    where = meta.where if meta is not None else (lambda name: Location(path))
    return Page(slug=slug, path=path, title=value("title", slug), description=value("description", ""),
                order=value("order", 0), editorial=value("editorial", False), body=body, body_line=body_line,
                section=value("section"),
                extra={"data": value("data"), "data_loc": where("data"), "title_loc": where("title")})


def check_titles(config: Config | None, pages: tuple[Page, ...], diag: Diagnostics) -> None:
    """A page other than the home page must not share the site's title: in a tab, a bookmark or a search
    result it would read as the whole briefing."""
    if config is None:
        return
    for page in pages:
        if page.slug != "index" and page.title.strip().casefold() == config.title.strip().casefold():
            diag.warning(page.extra.get("title_loc") or Location(page.path),
                         f"page title '{page.title}' is also the site's title (content/site.yaml): readers cannot "
                         "tell this page from the briefing; change one of the two", kind="title")
