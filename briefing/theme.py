"""The Jinja2 environment the site renders with, and the check that the theme's templates compile.

A project's templates/ overrides the generator's default theme file by file (see load.py), so a broken
or missing template is the author's mistake: it is reported as a located error before rendering, like any
other bad input. A template that fails while rendering (an undefined name, say) is reported the same way."""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Callable

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError, meta
from markupsafe import Markup

from .diagnostics import Diagnostics, Location, did_you_mean

REQUIRED = ("404.html", "claims.html", "page.html", "single.html", "source.html", "sources.html")
"""Templates the generator renders by name; the default theme has them all."""
HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


class ThemeLoader(BaseLoader):
    """Templates from memory, each compiled under its own name, so that a render error's traceback names
    the template and line it happened in."""

    def __init__(self, templates: dict[str, str]) -> None:
        self.templates = templates

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template not in self.templates:
            raise TemplateNotFound(template)
        return self.templates[template], template, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.templates)


def environment(templates: dict[str, str]) -> Environment:
    """The environment for these templates. The last one made is kept, by the templates' texts: checking
    the templates compiles each of them (`check_templates`), and rendering then finds them compiled, in
    the forked workers too."""
    key = tuple(sorted(templates.items()))
    env = _LAST.get(key)
    if env is None:
        env = _environment(templates)
        _LAST.clear()
        _LAST[key] = env
    return env


_LAST: dict[tuple[tuple[str, str], ...], Environment] = {}


def _environment(templates: dict[str, str]) -> Environment:
    env = Environment(loader=ThemeLoader(templates), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["toc"] = toc
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    return env


def toc(content: Markup) -> list[dict[str, str | int]]:
    """The h2 and h3 headings of rendered page content, for an on-page table of contents (a Jinja filter)."""
    return [{"level": int(level), "id": ident, "text": html.unescape(TAG.sub("", inner)).strip()}
            for level, ident, inner in HEADING.findall(str(content))]


def check_templates(templates: dict[str, str], paths: dict[str, str], diag: Diagnostics) -> None:
    """Every template compiles, and every template it extends, includes or imports exists."""
    env = environment(templates)
    for name in REQUIRED:
        if name not in templates:
            diag.error(Location(f"templates/{name}"), f"template '{name}' is missing: the site cannot render without it",
                       kind="template")
    for name, text in templates.items():
        where = paths.get(name, f"templates/{name}")
        try:
            env.get_template(name)
            references = meta.find_referenced_templates(env.parse(text))
        except TemplateSyntaxError as exc:
            diag.error(Location(where, exc.lineno or 1), f"template syntax error: {exc.message}", kind="template")
            continue
        for ref in references:
            if ref is not None and ref not in templates:
                line = next((n for n, row in enumerate(text.splitlines(), 1) if f'"{ref}"' in row or f"'{ref}'" in row), 1)
                diag.error(Location(where, line), f"template '{ref}' is not found (it is neither in templates/ nor in "
                           f"the default theme){did_you_mean(ref, templates)}", kind="template")


class TemplateFailed(Exception):
    """A template raised while rendering: the author's template, reported at its line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message

    def report(self, diag: Diagnostics) -> None:
        diag.error(Location(self.path, self.line), self.message, kind="template")


def failure(exc: TemplateError, paths: dict[str, str], page: str) -> TemplateFailed:
    """The template file and line where rendering `page` failed, from the traceback Jinja rewrites to
    point at template lines."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in paths]
    name, line = (frames[-1].filename, frames[-1].lineno or 1) if frames else (next(iter(paths), "?"), 1)
    return TemplateFailed(paths.get(name, f"templates/{name}"), line,
                          f"template error while rendering {page or 'the home page'}: {type(exc).__name__}: {exc}")
