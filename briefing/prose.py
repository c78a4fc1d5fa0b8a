"""Reads a parsed Markdown document as prose: its sentences and table rows, the citations each
carries, and the structural problems (citations in headings or link text, refused link schemes)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markdown_it.token import Token

from .diagnostics import Location

PLACEHOLDER = "\ue000"
BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\ue000*\s+(?=[\"“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = ("U.S.", "U.K.", "e.g.", "i.e.", "vs.", "Mr.", "Ms.", "Dr.", "St.", "No.", "Inc.", "Co.", "etc.")
LINK_SCHEMES = ("http", "https", "mailto")


@dataclass
class Cite:
    key: str
    id: str
    token: Token
    loc: Location

    @property
    def ref(self) -> str:
        return f"{self.key}:{self.id}"


@dataclass
class Unit:
    """A sentence, or a table row: the unit that must carry a citation."""

    text: str
    cites: list[Cite]
    loc: Location
    kind: str = "sentence"
    editorial: bool = False


@dataclass
class Reading:
    cites: list[Cite] = field(default_factory=list)
    """Every well-formed citation, in document order."""
    units: list[Unit] = field(default_factory=list)
    problems: list[tuple[Location, str, str]] = field(default_factory=list)
    """(location, message, kind) for the structural problems found."""
    links: list[tuple[Token, Location]] = field(default_factory=list)
    """Relative links, for the resolver to check against the site's pages."""


@dataclass
class _Block:
    path: str
    line: int
    lines: list[str]
    parts: list[str] = field(default_factory=list)
    cites: list[tuple[int, Cite]] = field(default_factory=list)
    size: int = 0
    """Characters in `parts` so far (kept, not recomputed: paragraphs can hold many citations)."""
    newlines: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        self.newlines += text.count("\n")


def read(tokens: list[Token], *, path: str, first_line: int, lines: list[str], editorial: bool = False) -> Reading:
    """Walk block tokens; `first_line` is the file line of the Markdown's first line."""
    reading, depth, heading, head_row, row = Reading(), 0, False, False, None
    for token in tokens:
        if token.type == "container_editorial_open":
            depth += 1
        elif token.type == "container_editorial_close":
            depth -= 1
        elif token.type in ("heading_open", "heading_close"):
            heading = token.type == "heading_open"
        elif token.type in ("thead_open", "thead_close"):
            head_row = token.type == "thead_open"
        elif token.type == "tr_open":
            row = Unit("", [], _line_loc(path, token, first_line), kind="row", editorial=editorial or depth > 0)
        elif token.type == "tr_close" and row is not None:
            if not head_row:
                reading.units.append(row)
            row = None
        elif token.type == "inline":
            block = _Block(path, first_line + (token.map[0] if token.map else 0), lines)
            _walk_inline(token.children or [], block, reading, in_heading=heading)
            if heading:
                continue
            units = _sentences(block, editorial=editorial or depth > 0)
            if row is not None:
                row.text = " ".join(filter(None, [row.text, *(u.text for u in units)]))
                row.cites.extend(c for u in units for c in u.cites)
            else:
                reading.units.extend(units)
    return reading


def _line_loc(path: str, token: Token, first_line: int) -> Location:
    return Location(path, first_line + (token.map[0] if token.map else 0), (token.meta or {}).get("column", 1))


def _walk_inline(children: list[Token], block: _Block, reading: Reading, *, in_heading: bool) -> None:
    link_depth = 0
    for i, child in enumerate(children):
        if child.type == "citation":
            # A citation inside [link text](url) stops the link from parsing: the text after it starts "](".
            nxt = children[i + 1] if i + 1 < len(children) else None
            in_link = link_depth > 0 or (nxt is not None and nxt.type == "text" and nxt.content.startswith("]("))
            _citation(child, block, reading, in_heading=in_heading, in_link=in_link)
        elif child.type in ("text", "code_inline"):
            if "[@" in child.content:
                loc = _find(block, block.line, "[@")
                reading.problems.append((loc, "malformed citation: '[@' without a closing ']'", "citation"))
            block.add(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            block.add("\n")
        elif child.type == "link_open":
            link_depth += 1
            _check_link(child, str(child.attrGet("href") or ""), block, reading, image=False)
        elif child.type == "link_close":
            link_depth -= 1
        elif child.type == "image":
            _check_link(child, str(child.attrGet("src") or ""), block, reading, image=True)


def _citation(token: Token, block: _Block, reading: Reading, *, in_heading: bool, in_link: bool) -> None:
    line = block.line + block.newlines
    loc = _find(block, line, token.content)
    for message in token.meta["problems"]:
        reading.problems.append((loc, message, "citation"))
    if in_heading or in_link:
        where = "a heading" if in_heading else "link text"
        reading.problems.append((loc, f"citation {token.content} inside {where}: cite in the prose instead", "citation"))
        return
    for key, claim_id in token.meta["refs"]:
        cite = Cite(key, claim_id, token, loc)
        reading.cites.append(cite)
        block.cites.append((block.size, cite))
    block.add(PLACEHOLDER)


def _check_link(token: Token, url: str, block: _Block, reading: Reading, *, image: bool) -> None:
    line = block.line + block.newlines
    loc = _find(block, line, url)
    scheme = urlsplit(url.strip()).scheme.lower() if ":" in url else ""
    if scheme and scheme not in LINK_SCHEMES:
        reading.problems.append((loc, f"link scheme '{scheme}:' is not allowed (use http, https, mailto or a relative link)", "link"))
    elif image and (scheme or url.startswith("//")):
        reading.problems.append((loc, "images must be local files: a remote image is a third-party request", "link"))
    elif not scheme and not url.startswith("//"):
        reading.links.append((token, loc))


def _find(block: _Block, line: int, needle: str) -> Location:
    """Locate `needle` on the given file line for an exact column; fall back to column 1."""
    text = block.lines[line - 1] if 0 < line <= len(block.lines) else ""
    column = text.find(needle)
    return Location(block.path, line, column + 1 if column >= 0 else 1)


def _sentences(block: _Block, *, editorial: bool) -> list[Unit]:
    flat = "".join(block.parts)
    bounds = [0] + [m.end() for m in BOUNDARY.finditer(flat) if not _abbreviation(flat, m.start())] + [len(flat)]
    units: list[Unit] = []
    cites = iter(block.cites)
    pending = next(cites, None)
    for start, end in itertools.pairwise(bounds):
        piece = flat[start:end]
        mine = []
        while pending is not None and pending[0] < end:
            mine.append(pending[1])
            pending = next(cites, None)
        text = piece.replace(PLACEHOLDER, "").strip()
        if units and not re.search(r"\w", text):
            units[-1].cites.extend(mine)  # a run of citations after a sentence's end belongs to it
            continue
        line = block.line + flat[: start + len(piece) - len(piece.lstrip())].count("\n")
        units.append(Unit(re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split())), mine, _find(block, line, text.split("\n")[0][:30]), editorial=editorial))
    return [u for u in units if re.search(r"\w", u.text)]


def _abbreviation(flat: str, dot: int) -> bool:
    return any(flat.endswith(abbr, 0, dot + 1) for abbr in ABBREVIATIONS)
