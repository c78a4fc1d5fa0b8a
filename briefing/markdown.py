"""The one configured MarkdownIt instance: CommonMark + tables, raw HTML off, citations, editorial blocks."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

from .citations import citations_plugin


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "section"


def _render_editorial(self: object, tokens: list, idx: int, options: object, env: object) -> str:
    # The plugin's default renderer adds the class to the token on every render; tokens are reused.
    return '<div class="editorial">\n' if tokens[idx].nesting == 1 else "</div>\n"


def _render_link_open(self: Any, tokens: list, idx: int, options: Any, env: dict) -> str:
    # Links to pages by file name ("deal.md#x") were resolved to site URLs; each page links relatively.
    token = tokens[idx]
    if "page" in token.meta and "url_for" in env:
        token.attrSet("href", env["url_for"](token.meta["page"]))
    return self.renderToken(tokens, idx, options, env)


@cache
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    # Links with a refused scheme are reported as errors by the checker, never silently dropped.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.use(container_plugin, name="editorial", render=_render_editorial)
    md.use(citations_plugin)
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=slugify)
    md.add_render_rule("link_open", _render_link_open)
    return md
