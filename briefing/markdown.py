"""The one configured MarkdownIt instance: CommonMark + tables, raw HTML off, citations, editorial blocks."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

from .citations import citations_plugin


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "section"


@cache
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    # Links with a refused scheme are reported as errors by the checker, never silently dropped.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.use(container_plugin, name="editorial")
    md.use(citations_plugin)
    md.use(anchors_plugin, min_level=2, max_level=3, slug_func=slugify)
    return md
