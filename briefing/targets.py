"""How the site is published: hosted, offline, preview. Differences are data, not branches everywhere."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    base_url: str | None = None
    """Overrides site.yaml's base_url (e.g. a preview's subpath)."""
    index_files: bool = False
    """Link folders as folder/index.html, for browsing from file:// where folders don't open their index."""
    preview: bool = False
    """Adds a visible preview banner and noindex."""


def relative(to: str, *, frm: str, index_files: bool = False) -> str:
    """A link from the page whose folder URL is `frm` ("", "deal/", "sources/x/") to the site URL `to`."""
    path, hash_, fragment = to.partition("#")
    link = "../" * frm.count("/") + path
    if index_files and (path == "" or path.endswith("/")):
        link += "index.html"
    if not link and not hash_:
        link = "./"
    return link + hash_ + fragment
