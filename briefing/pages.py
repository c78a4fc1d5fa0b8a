"""content/pages/*.md and content/site.yaml → Page and Config values."""

from __future__ import annotations

import re
from functools import partial

from .cache import Memo
from .diagnostics import Diagnostics, Location
from .load import Inputs
from .model import Config, Page
from .schema import Field, check
from .yamlfile import load_yaml

PAGE_FIELDS = (
    Field("title"), Field("description"), Field("order", (int, float)),
    Field("editorial", (bool,), required=False), Field("data", required=False, pattern=r"[a-z0-9-]+"),
    Field("section", required=False),
)
SITE_FIELDS = (
    Field("title"), Field("description"), Field("base_url", pattern=r"https?://\S+"),
    Field("language", pattern=r"[a-z]{2,3}(-[A-Za-z0-9]+)*"), Field("name", required=False, pattern=r"[a-z0-9-]+"),
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
                  language=doc["language"], name=name)


def parse_pages(inputs: Inputs, diag: Diagnostics, *, memo: Memo) -> tuple[Page, ...]:
    pages = [page for path, text in inputs.pages.items()
             if (page := memo.get("page", path, text, partial(_page, path, text), diag))]
    return tuple(sorted(pages, key=lambda p: (p.order, p.slug)))


def _page(path: str, text: str, diag: Diagnostics) -> Page | None:
    slug = path.rsplit("/", 1)[-1].removesuffix(".md")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        diag.error(Location(path), f"page file name '{slug}.md' must be lower-case letters, digits and dashes", kind="schema")
        return None
    if not text.startswith("---"):
        diag.error(Location(path), "page must start with YAML front matter between '---' lines", kind="schema")
        return None
    closing = FENCE.search(text, 3)
    if closing is None or text[: closing.start()].count("\n") < 1:
        diag.error(Location(path), "front matter is not closed by a '---' line", kind="schema")
        return None
    header = text[text.index("\n") + 1: closing.start()]
    meta = check(load_yaml(header, path, diag, start_line=1), PAGE_FIELDS, what="front matter",
                 where=Location(path), diag=diag)
    if meta is None:
        return None
    body_start = closing.end() + 1
    return Page(
        slug=slug, path=path, title=meta["title"], description=meta["description"], order=meta["order"],
        editorial=meta.get("editorial", False), body=text[body_start:], section=meta.get("section"),
        body_line=text.count("\n", 0, body_start) + 1,
        extra={"data": meta.get("data"), "data_loc": meta.where("data"), "title_loc": meta.where("title")},
    )


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
