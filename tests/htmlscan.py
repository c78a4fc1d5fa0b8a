"""A small stdlib HTML reader for tests: ids, links and the text of highlighted passages."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Scan(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, dict[str, str]] = {}
        self.links: list[dict[str, str]] = []
        self.passages: dict[str, list[str]] = {}
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._open: list[tuple[str, dict[str, str]]] = []
        self._text: dict[int, list[str]] = {}
        self.texts: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids[attributes["id"]] = {"tag": tag, **attributes}
        if tag == "a" and "href" in attributes:
            self.links.append(attributes)
        if tag not in VOID:
            self._open.append((tag, attributes))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, attributes = self._open.pop()
            if "id" in attributes and id(attributes) in self._text:
                self.texts[attributes["id"]] = "".join(self._text.pop(id(attributes)))
            if open_tag == tag:
                break

    def handle_data(self, data):
        for tag, attributes in self._open:
            if "id" in attributes:
                self._text.setdefault(id(attributes), []).append(data)
        marks = [a for t, a in self._open if t == "mark" and "data-c" in a]
        if marks:
            for claim_id in marks[-1]["data-c"].split():
                self.passages.setdefault(claim_id, []).append(data)

    def passage(self, claim_id: str) -> str:
        return "".join(self.passages.get(claim_id, []))


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link from `page` points at."""
    base = "file://" + str(page)
    url = urlsplit(urljoin(base, href))
    path = Path(unquote(url.path))
    if path.is_dir() or url.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(url.fragment)
