"""The site's navigation: its pages in reading order, grouped into sections when the project names them.

A page joins a section with `section: <name>` in its front matter. A section stands in the navigation
where its first page (by `order`) would, and lists its pages by `order`; pages without a section stand
on their own. The pages the generator makes (Sources, Claims index) join the section called "Reference"
as soon as sections are used, so a project's own reference pages can stand beside them.

When no page names a section, the navigation is the list of pages by `order`, as many as fit in one row
of a desktop screen, then "More" holding the rest: a project gets a header of one row without declaring
anything, and sections when it wants the pages grouped by what they are.

Reading order (previous/next links) follows the navigation: a section's pages read one after another."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

REFERENCE = "Reference"
MORE = "More"
ROW = 90
"""Characters of page titles (each entry counting 4 more, for the space around it) that one row of the
navigation holds at 1024 px: about 8 px a character in the stylesheet's navigation font, 28 px between."""


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    order: float = 0
    section: str | None = None


@dataclass(frozen=True)
class NavGroup:
    title: str
    items: tuple[NavItem, ...]
    number: int
    """1-based, in navigation order: names the group in the HTML (`data-group`)."""
    more: bool = False
    """The pages that did not fit in the row, when the project names no sections."""


GENERATED = (NavItem("Sources", "sources/", 50, REFERENCE), NavItem("Claims index", "claims/", 60, REFERENCE))
"""Pages the generator makes itself, placed in the navigation among content pages by `order`."""

Entry = NavItem | NavGroup


def menu(pages: Iterable[NavItem]) -> tuple[Entry, ...]:
    """The navigation's entries, in order: single pages and sections of pages."""
    items = sorted([*pages, *GENERATED], key=lambda item: (item.order, item.url))
    if not any(item.section for item in items if item not in GENERATED):
        return _row([NavItem(item.title, item.url, item.order) for item in items])
    entries: list[NavItem | list[NavItem]] = []
    sections: dict[str, list[NavItem]] = {}
    for item in items:
        if item.section is None:
            entries.append(item)
        elif item.section in sections:
            sections[item.section].append(item)
        else:
            entries.append(sections.setdefault(item.section, [item]))
    groups = iter(range(1, len(sections) + 1))
    return tuple(entry if isinstance(entry, NavItem) else NavGroup(entry[0].section or "", tuple(entry), next(groups))
                 for entry in entries)


def _row(items: list[NavItem]) -> tuple[Entry, ...]:
    """The pages in order, as many as fit in one row with room for "More", which holds the rest."""
    if sum(len(item.title) + 4 for item in items) <= ROW:
        return tuple(items)
    used, fit = len(MORE) + 4, 0
    while fit < len(items) and used + len(items[fit].title) + 4 <= ROW:
        used += len(items[fit].title) + 4
        fit += 1
    fit = max(fit, 1)
    return (*items[:fit], NavGroup(MORE, tuple(items[fit:]), 1, more=True))


def reading_order(entries: tuple[Entry, ...]) -> list[NavItem]:
    return [item for entry in entries for item in (entry.items if isinstance(entry, NavGroup) else (entry,))]


def mark_current(html: str, entries: tuple[Entry, ...], url: str, url_for: Callable[[str], str]) -> Markup:
    """The rendered navigation with this page's link marked current (or, for a page under another, such
    as a source page under Sources, that page's link marked as the way in), and the section holding it."""
    items = reading_order(entries)
    current = next((item for item in items if item.url == url), None)
    within = None if current else next((i for i in items if i.url and url.startswith(i.url)), None)
    for item, mark in ((current, ' aria-current="page"'), (within, ' class="within"')):
        if item is not None:
            link = f'<a href="{escape(url_for(item.url))}">'
            html = html.replace(link, link[:-1] + mark + ">", 1)
    group = next((g for g in entries if isinstance(g, NavGroup) and (current or within) in g.items), None)
    if group is not None:
        summary = f'<summary data-group="{group.number}">'
        html = html.replace(summary, summary[:-1] + ' class="current" aria-current="true">', 1)
    return Markup(html)
